import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { addBleed, imposeSaddleStitch, MM, padToMultipleOf4, parseLength, saddleStitchOrder } from '../../../src/postprocess/index.ts';
import { pageGray, pdfinfoBoxes, renderGray, squash, synthetic, textIn } from './helpers.ts';

const HALF = 1190.55 / 2;

/** Which `P<n>` labels pdftotext finds in the left and right half of each sheet side. */
function halves(pdf: Uint8Array, sides: number, margin = 0): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let side = 1; side <= sides; side++) {
    const h = 841.89 + 2 * margin;
    const left = squash(textIn(pdf, side, { x: 0, y: 0, w: margin + HALF - 1, h }));
    const right = squash(textIn(pdf, side, { x: margin + HALF + 1, y: 0, w: HALF + margin, h }));
    const label = (s: string) => /P\d+/.exec(s)?.[0] ?? '';
    out.push([label(left), label(right)]);
  }
  return out;
}

describe('padToMultipleOf4', { timeout: 30_000 }, () => {
  it.each([
    [1, 4],
    [4, 4],
    [5, 8],
    [6, 8],
    [7, 8],
  ])('%i pages → %i, the added ones blank with the same boxes', async (count, expected) => {
    const src = await addBleed(await synthetic({ pages: count }), parseLength('3mm'));
    const out = await padToMultipleOf4(src);
    const boxes = pdfinfoBoxes(out);
    expect(boxes).toHaveLength(expected);
    for (const page of boxes) expect(page).toEqual(boxes[0]);
    for (let n = count + 1; n <= expected; n++) expect(squash(textIn(out, n))).toBe('');
    expect(squash(textIn(out, count))).toContain(`P${count}`);
  });

  it('is deterministic', async () => {
    const src = await synthetic({ pages: 5 });
    expect(Buffer.from(await padToMultipleOf4(src)).equals(Buffer.from(await padToMultipleOf4(src)))).toBe(true);
  });
});

describe('saddleStitchOrder', () => {
  it('pairs (n,1), (2,n−1), (n−2,3), (4,n−3)…', () => {
    expect(saddleStitchOrder(8)).toEqual([
      { left: 8, right: 1 },
      { left: 2, right: 7 },
      { left: 6, right: 3 },
      { left: 4, right: 5 },
    ]);
    expect(saddleStitchOrder(6).map((s) => [s.left, s.right])).toEqual([
      [null, 1],
      [2, null],
      [6, 3],
      [4, 5],
    ]);
  });
});

describe('imposeSaddleStitch', { timeout: 30_000 }, () => {
  let eight: Uint8Array;
  beforeAll(async () => {
    eight = await synthetic({ pages: 8 });
  });

  it('puts two A4 pages on each A3 landscape side, in saddle-stitch order (read back by pdftotext)', async () => {
    const out = await imposeSaddleStitch(eight, 'a3');
    const boxes = pdfinfoBoxes(out);
    expect(boxes).toHaveLength(4);
    for (const page of boxes) {
      expect(page.media).toEqual({ left: 0, bottom: 0, right: 1190.55, top: 841.89 });
      expect(page.trim).toEqual(page.media);
    }
    expect(halves(out, 4)).toEqual([
      ['P8', 'P1'],
      ['P2', 'P7'],
      ['P6', 'P3'],
      ['P4', 'P5'],
    ]);
  });

  it('pads a page count that is not a multiple of 4 with blank halves', async () => {
    const out = await imposeSaddleStitch(await synthetic({ pages: 6 }), 'a3');
    expect(halves(out, 4)).toEqual([
      ['', 'P1'],
      ['P2', ''],
      ['P6', 'P3'],
      ['P4', 'P5'],
    ]);
  });

  it('labels each side with its source pages (PageLabels, read by pdf.js)', async () => {
    const out = await imposeSaddleStitch(eight, 'a3');
    const doc = await getDocument({ data: new Uint8Array(out), verbosity: 0 }).promise;
    expect(await doc.getPageLabels()).toEqual(['8|1', '2|7', '6|3', '4|5']);
    await doc.destroy();
  });

  it('with bleed: places pages by the trim on the fold, clips to the trim at the fold and to the bleed outside', async () => {
    const b = parseLength('3mm');
    // Each page is filled 5 mm beyond its trim with its own gray: more than the 3 mm bleed.
    const src = await addBleed(await synthetic({ pages: 8, fillOut: 5 * MM }), b);
    const out = await imposeSaddleStitch(src, 'a3', { marks: 'crop' });
    const margin = b + 10 * MM;
    const [first] = pdfinfoBoxes(out);
    expect(first!.trim).toEqual({ left: 0, bottom: 0, right: 1190.55, top: 841.89 });
    expect(first!.bleed.left).toBeCloseTo(-b, 2);
    expect(first!.bleed.right).toBeCloseTo(1190.55 + b, 2);
    expect(first!.media.left).toBeCloseTo(-margin, 2);
    expect(halves(out, 4, margin)).toEqual([
      ['P8', 'P1'],
      ['P2', 'P7'],
      ['P6', 'P3'],
      ['P4', 'P5'],
    ]);
    const img = renderGray(out, 1); // side 1: P8 | P1
    const level = (n: number) => Math.round(pageGray(n) * 255);
    const y = margin + 400;
    const fold = margin + HALF;
    expect(Math.abs(img.at(fold - 3, y) - level(8))).toBeLessThan(3); // left of the fold: page 8
    expect(Math.abs(img.at(fold + 3, y) - level(1))).toBeLessThan(3); // right of the fold: page 1, not page 8's bleed
    expect(Math.abs(img.at(margin - b / 2, y) - level(8))).toBeLessThan(3); // outer bleed kept
    expect(Math.abs(img.at(margin + 1190.55 + b / 2, y) - level(1))).toBeLessThan(3);
    expect(img.at(margin - b - 2, y)).toBe(255); // beyond the bleed: clipped (the art reached 5 mm)
    expect(img.at(margin + 1190.55 + b + 2, y)).toBe(255);
    expect(img.at(fold, margin - b - 1)).toBeLessThan(255); // the first dash of the fold mark above the sheet
  });

  it('refuses pages that are not half the sheet', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([500, 700]);
    await expect(imposeSaddleStitch(await doc.save(), 'a3')).rejects.toThrow(/does not fit half a a3 sheet/);
  });

  it('is deterministic', async () => {
    const a = await imposeSaddleStitch(eight, 'a3', { marks: 'cross' });
    const c = await imposeSaddleStitch(eight, 'a3', { marks: 'cross' });
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(true);
  });
});
