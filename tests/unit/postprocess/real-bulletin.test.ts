// The transforms on the real bulletin, built once through the CLI in Debian's Chromium (no skip: a
// missing browser fails this file).
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { addBleed, addMarks, finalizePdf, imposeSaddleStitch, MM, padToMultipleOf4, pageFingerprints, parseLength, printProduction, toCmyk } from '../../../src/postprocess/index.ts';
import { preflight } from '../../../src/verify/preflight.ts';
import { readPrintedText } from '../../../src/verify/printed.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePDFRawStream, PDFDocument, PDFRawStream } from 'pdf-lib';
import { contentStreams, decodeContent, forEachOperation, operations } from '../../../src/postprocess/content-stream.ts';
import { buildRealBulletin, grepColourOps, pdffonts, pdfinfoBoxes, qdfText, squash, textIn, type RealBulletin } from './helpers.ts';

const A4BOX = { left: 0, bottom: 0, right: 595.28, top: 841.89 };
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

let real: RealBulletin;
let cmyk: Uint8Array;
/** The bulletin's own page count (pdfinfo), and the booklet's: the next multiple of 4. */
let count = 0;
let padTo = 0;
beforeAll(async () => {
  real = await buildRealBulletin();
  cmyk = await toCmyk(real.pdf);
  count = pdfinfoBoxes(real.pdf).length;
  padTo = Math.ceil(count / 4) * 4;
}, 300_000);

async function outlineAndLinks(bytes: Uint8Array): Promise<{ outline: string[]; links: number }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const outline = ((await doc.getOutline()) ?? []).map((item) => item.title);
  let links = 0;
  for (let n = 1; n <= doc.numPages; n++) links += (await (await doc.getPage(n)).getAnnotations()).filter((a) => a.subtype === 'Link').length;
  await doc.destroy();
  return { outline, links };
}

describe('the real bulletin', { timeout: 120_000 }, () => {
  it('bleed + cross marks: every page Trim = A4, Bleed = A4 ± 3 mm, Media = Bleed ± 10 mm (pdfinfo -box)', async () => {
    const b = parseLength('3mm');
    const out = await addMarks(await addBleed(real.pdf, b), { kind: 'cross' });
    const pages = pdfinfoBoxes(out);
    expect(count).toBeGreaterThan(20);
    expect(pages).toHaveLength(count);
    for (const page of pages) {
      expect(page.trim).toEqual(A4BOX);
      expect(page.bleed).toEqual({ left: -8.5, bottom: -8.5, right: 603.78, top: 850.39 });
      expect(page.media.left).toBeCloseTo(-b - 10 * MM, 1);
      expect(page.media.top).toBeCloseTo(841.89 + b + 10 * MM, 1);
    }
    // Text is where it was: the content was not moved, only the boxes grew.
    expect(squash(textIn(out, 1))).toBe(squash(textIn(real.pdf, 1)));
  });

  it('CMYK: no RGB operator left, black is 0 0 0 1 k, and nothing else is chromatic but the red', () => {
    const before = grepColourOps(qdfText(real.pdf));
    expect(before.get('0 0 0 rg')).toBeGreaterThan(10);
    const ops = grepColourOps(qdfText(cmyk));
    expect([...ops.keys()].filter((k) => /\b(rg|RG|g|G)$|DeviceRGB|DeviceGray/.test(k))).toEqual([]);
    expect(ops.get('0 0 0 1 k')).toBe(before.get('0 0 0 rg'));
    expect(ops.get('0 0 0 0 k')).toBe(before.get('1 1 1 rg')); // white backgrounds
  });

  it('CMYK: the masthead red (#ff3333 in the stylesheet) is exactly 0 .8 .8 0 k', async () => {
    expect(grepColourOps(qdfText(real.pdf)).get('1 .2 .2 rg')).toBeGreaterThan(0);
    const ops = grepColourOps(qdfText(cmyk));
    expect(ops.get('0 0.8 0.8 0 k')).toBeGreaterThan(0);
    // Black and the red only (the 目录 no longer paints white behind its numbers).
    expect([...ops.keys()].sort()).toEqual(['0 0 0 1 k', '0 0.8 0.8 0 k']);
  });

  it('CMYK keeps the fonts embedded TrueType subsets (no Type 3), the outline and the links', async () => {
    const fonts = pdffonts(cmyk);
    expect(fonts.length).toBe(pdffonts(real.pdf).length);
    for (const font of fonts) {
      expect(font.type).toBe('CID TrueType');
      expect(font.embedded && font.subset).toBe(true);
    }
    const before = await outlineAndLinks(real.pdf);
    expect(before.outline.length).toBeGreaterThan(3);
    expect(await outlineAndLinks(cmyk)).toEqual(before);
    for (let n = 1; n <= count; n += 7) expect(squash(textIn(cmyk, n))).toBe(squash(textIn(real.pdf, n)));
  });

  it('booklet: the pages padded to a multiple of 4 and imposed two to an A3 side, each half showing the right source page', async () => {
    const padded = await padToMultipleOf4(real.pdf);
    const sheets = await imposeSaddleStitch(padded, 'a3');
    const boxes = pdfinfoBoxes(sheets);
    expect(boxes).toHaveLength(padTo / 2);
    for (const b of boxes) expect(b.trim).toEqual({ left: 0, bottom: 0, right: 1190.55, top: 841.89 });
    const source = Array.from({ length: padTo }, (_, i) => squash(textIn(padded, i + 1)));
    expect(source.slice(count)).toEqual(Array.from({ length: padTo - count }, () => ''));
    expect(source[count - 1]).not.toBe('');
    const footers = source.map((t) => /—\d+—$/.exec(t)?.[0]).filter(Boolean);
    expect(footers.length).toBeGreaterThan(20); // most pages carry their `— N —`
    const half = 1190.55 / 2;
    const n = padTo;
    for (let side = 0; side < padTo / 2; side++) {
      const [l, r] = side % 2 === 0 ? [n - side, side + 1] : [side + 1, n - side];
      const left = squash(textIn(sheets, side + 1, { x: 0, y: 0, w: half - 1, h: 842 }));
      const right = squash(textIn(sheets, side + 1, { x: half + 1, y: 0, w: half, h: 842 }));
      expect(left, `side ${side + 1} left = page ${l}`).toBe(source[l - 1]);
      expect(right, `side ${side + 1} right = page ${r}`).toBe(source[r - 1]);
    }
  });

  it('every transform is deterministic on the real file', async () => {
    const b = parseLength('3mm');
    expect(same(await addBleed(real.pdf, b), await addBleed(real.pdf, b))).toBe(true);
    const bled = await addBleed(real.pdf, b);
    expect(same(await addMarks(bled, { kind: 'crop' }), await addMarks(bled, { kind: 'crop' }))).toBe(true);
    expect(same(await padToMultipleOf4(real.pdf), await padToMultipleOf4(real.pdf))).toBe(true);
    expect(same(await imposeSaddleStitch(bled, 'a3', { marks: 'cross' }), await imposeSaddleStitch(bled, 'a3', { marks: 'cross' }))).toBe(true);
    expect(same(await toCmyk(real.pdf), cmyk)).toBe(true);
  }, 60_000);

  it('printProduction chains them: booklet + CMYK + bleed + marks + A3 imposition', async () => {
    const options = { bleed: parseLength('3mm'), marks: 'cross' as const, impose: 'a3' as const, cmyk: true };
    const a = await printProduction(real.pdf, options);
    const pages = pdfinfoBoxes(a.pdf);
    expect(pages).toHaveLength(padTo);
    for (const page of pages) expect(page.trim).toEqual(A4BOX);
    const ops = grepColourOps(qdfText(a.pdf));
    expect(ops.get('1 1 1 1 K')).toBeGreaterThan(0); // registration marks
    expect([...ops.keys()].filter((k) => /\b(rg|RG|g|G)$/.test(k))).toEqual([]);
    expect(pdfinfoBoxes(a.imposed!)).toHaveLength(padTo / 2);
    const b = await printProduction(real.pdf, options);
    expect(same(a.pdf, b.pdf) && same(a.imposed!, b.imposed!)).toBe(true);
  }, 60_000);

  it("the preflight's fast lexer and inflater read every content stream as the reference ones do (RGB, CMYK, with marks)", async () => {
    let streams = 0;
    for (const bytes of [real.pdf, cmyk, await addMarks(real.pdf, { kind: 'crop' })]) {
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      for (const group of contentStreams(doc)) {
        for (const ref of group.refs) {
          const stream = doc.context.lookup(ref);
          if (!(stream instanceof PDFRawStream)) continue;
          const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
          expect(decodeContent(stream)).toBe(text);
          const fast: string[] = [];
          forEachOperation(text, (op, operands) => fast.push([...operands(), op].join(' ')));
          expect(fast).toEqual([...operations(text)].map((o) => [...o.operands.map((t) => t.text), o.op].join(' ')));
          streams++;
        }
      }
    }
    expect(streams).toBeGreaterThanOrEqual(3 * count);
  });

  it('fingerprints: finalizing keeps what every page draws; marks and CMYK change it on every page', async () => {
    const prints: string[] = [];
    const meta = { title: 't', author: 'a', subject: 's', keywords: ['k'], creator: 'c', lang: 'zh-CN', date: new Date(0) };
    const again = await finalizePdf(real.pdf, meta, undefined, { fingerprints: prints });
    expect(prints).toHaveLength(count);
    expect(new Set(prints).size).toBeGreaterThan(count / 2);
    expect(pageFingerprints(await PDFDocument.load(again))).toEqual(prints);
    for (const changed of [await addMarks(real.pdf, { kind: 'crop' }), cmyk]) {
      const after = pageFingerprints(await PDFDocument.load(changed));
      expect(after).toHaveLength(count);
      expect(after.filter((p, i) => p === prints[i])).toEqual([]);
    }
  });

  it('the preflight given the printed pages\' text finds what it finds reading the file, and refuses a file whose pages draw otherwise', async () => {
    const source = { path: join(process.cwd(), 'source/2025-12.md'), text: readFileSync(join(process.cwd(), 'source/2025-12.md'), 'utf8') };
    const own = await preflight('own.pdf', real.pdf, { source });
    const printed = readPrintedText(real.pdf);
    printed.fingerprints.push(...pageFingerprints(await PDFDocument.load(real.pdf)));
    try {
      const early = await preflight('own.pdf', real.pdf, { source, printed });
      const { ms: _a, ...ownFacts } = own.facts;
      const { ms: _b, ...earlyFacts } = early.facts;
      expect(earlyFacts).toEqual(ownFacts);
      expect(early.problems).toEqual(own.problems);
      expect(own.facts.content?.found).toBeGreaterThan(100);
      const marked = await preflight('marked.pdf', await addMarks(real.pdf, { kind: 'crop' }), { source, printed });
      expect(marked.problems.filter((p) => p.rule === 'post-process-changed')).toHaveLength(1);
      expect(own.problems.some((p) => p.rule === 'post-process-changed')).toBe(false);
    } finally {
      await printed.close();
    }
  });
});
