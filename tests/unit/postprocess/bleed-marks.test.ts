import { beforeAll, describe, expect, it } from 'vitest';
import { addBleed, addMarks, A4, MM, parseLength } from '../../../src/postprocess/index.ts';
import { allBoxes, grepColourOps, pdfinfoBoxes, qdfText, renderGray, synthetic } from './helpers.ts';

const A4BOX = { left: 0, bottom: 0, right: 595.28, top: 841.89 };
const grown = (by: number) => ({ left: -by, bottom: -by, right: A4.width + by, top: A4.height + by });
const expectBox = (actual: { left: number; bottom: number; right: number; top: number }, expected: typeof A4BOX) => {
  for (const k of ['left', 'bottom', 'right', 'top'] as const) expect(actual[k], k).toBeCloseTo(expected[k], 2);
};

let plain: Uint8Array;
beforeAll(async () => {
  plain = await synthetic({ pages: 3 });
});

describe('addBleed', { timeout: 30_000 }, () => {
  it('without bleed the boxes stay A4: Media = Trim', () => {
    for (const page of pdfinfoBoxes(plain)) for (const box of allBoxes(page)) expectBox(box, A4BOX);
  });

  it('grows Media, Crop and Bleed by the bleed on every side and keeps the TrimBox exactly A4', async () => {
    const b = parseLength('3mm');
    const out = await addBleed(plain, b);
    const pages = pdfinfoBoxes(out);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expectBox(page.trim, A4BOX);
      expectBox(page.bleed, grown(b));
      expectBox(page.media, grown(b));
      expectBox(page.crop, grown(b));
    }
    // The exact values written: 8.504 pt, A4 to the hundredth.
    expect(pages[0]!.media.left).toBe(-8.5);
    expect(pages[0]!.trim).toEqual(A4BOX);
  });

  it('is a no-op on boxes with 0 and refuses a negative bleed', async () => {
    for (const page of pdfinfoBoxes(await addBleed(plain, 0))) for (const box of allBoxes(page)) expectBox(box, A4BOX);
    await expect(addBleed(plain, -1)).rejects.toThrow(/bleed must be between/);
  });

  it('is deterministic', async () => {
    const b = parseLength('0.125in');
    expect(Buffer.from(await addBleed(plain, b)).equals(Buffer.from(await addBleed(plain, b)))).toBe(true);
  });
});

describe('addMarks', { timeout: 30_000 }, () => {
  const b = parseLength('3mm');
  let bled: Uint8Array;
  beforeAll(async () => {
    bled = await addBleed(plain, b);
  });

  it('grows the MediaBox beyond the bleed and keeps Bleed = trim + bleed, Trim = A4', async () => {
    const out = await addMarks(bled, { kind: 'crop' });
    for (const page of pdfinfoBoxes(out)) {
      expectBox(page.trim, A4BOX);
      expectBox(page.bleed, grown(b));
      expectBox(page.media, grown(b + 10 * MM));
    }
  });

  it.each(['crop', 'cross'] as const)('draws %s marks only outside the bleed box (rendered read-back)', async (kind) => {
    const out = await addMarks(bled, { kind });
    const margin = b + 10 * MM; // CropBox left/top edge to trim
    const img = renderGray(out, 1);
    const dark = (x0: number, y0: number, x1: number, y1: number) => {
      let n = 0;
      for (let y = Math.max(0, Math.floor(y0)); y < Math.min(img.height, y1); y++) for (let x = Math.max(0, Math.floor(x0)); x < Math.min(img.width, x1); x++) if (img.at(x, y) < 200) n++;
      return n;
    };
    // The bleed band between the trim and the bleed box is empty paper (the synthetic page has no
    // full-bleed art), so any dark pixel there would be a mark inside the bleed.
    const trimL = margin;
    const trimT = margin;
    const trimR = margin + A4.width;
    const trimB = margin + A4.height;
    expect(dark(trimL - b + 0.5, trimT - b + 0.5, trimL - 0.5, trimB + b - 0.5)).toBe(0); // left band
    expect(dark(trimR + 0.5, trimT - b + 0.5, trimR + b - 0.5, trimB + b - 0.5)).toBe(0); // right band
    expect(dark(trimL - b + 0.5, trimT - b + 0.5, trimR + b - 0.5, trimT - 0.5)).toBe(0); // top band
    // At each corner, two crop marks on the extensions of the trim edges, in the slug beyond the bleed.
    const slug = margin - b;
    for (const [edgeX, edgeY, outX, outY] of [
      [trimL, trimT, 0, 0],
      [trimR, trimT, trimR + b, 0],
      [trimL, trimB, 0, trimB + b],
      [trimR, trimB, trimR + b, trimB + b],
    ] as const) {
      expect(dark(outX, edgeY - 1.5, outX + slug, edgeY + 1.5), `horizontal mark at ${edgeX},${edgeY}`).toBeGreaterThan(10);
      expect(dark(edgeX - 1.5, outY, edgeX + 1.5, outY + slug), `vertical mark at ${edgeX},${edgeY}`).toBeGreaterThan(10);
    }
    // Registration targets at the middle of each side only with `cross`.
    const midTop = dark(trimL + A4.width / 2 - 15, 0, trimL + A4.width / 2 + 15, trimT - b);
    if (kind === 'cross') expect(midTop).toBeGreaterThan(10);
    else expect(midTop).toBe(0);
  });

  it('draws thin lines: registration black in RGB (0 0 0 RG), 100/100/100/100 in CMYK (1 1 1 1 K)', async () => {
    const rgbOps = grepColourOps(qdfText(await addMarks(bled, { kind: 'cross' })));
    expect(rgbOps.get('0 0 0 RG')).toBeGreaterThan(0);
    expect([...rgbOps.keys()].some((k) => k.endsWith(' K'))).toBe(false);
    const cmykQdf = qdfText(await addMarks(bled, { kind: 'cross', colorSpace: 'cmyk' }));
    expect(grepColourOps(cmykQdf).get('1 1 1 1 K')).toBeGreaterThan(0);
    const widths = new Set([...cmykQdf.matchAll(/^([\d.]+) w$/gm)].map((m) => Number(m[1])));
    expect([...widths].filter((w) => w > 0)).toEqual([0.25]); // 0 w comes from the page's own fills
  });

  it('without bleed the marks still start 3 mm from the trim', async () => {
    for (const page of pdfinfoBoxes(await addMarks(plain, { kind: 'crop' }))) {
      expectBox(page.trim, A4BOX);
      expectBox(page.bleed, A4BOX);
      expectBox(page.media, grown(13 * MM));
    }
  });

  it('is deterministic', async () => {
    const a = await addMarks(bled, { kind: 'cross', colorSpace: 'cmyk' });
    const c = await addMarks(bled, { kind: 'cross', colorSpace: 'cmyk' });
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(true);
  });
});
