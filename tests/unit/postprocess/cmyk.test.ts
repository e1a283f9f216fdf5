import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRawStream, decodePDFRawStream, type PDFRef } from 'pdf-lib';
import { colourOperators, findGhostscript, GhostscriptError, toCmyk } from '../../../src/postprocess/index.ts';
import { grayToCmyk } from '../../../src/postprocess/cmyk.ts';
import { grepColourOps, pdffonts, qdfText, synthetic } from './helpers.ts';

let rgbPdf: Uint8Array;
let cmykPdf: Uint8Array;
beforeAll(async () => {
  rgbPdf = await synthetic({ pages: 2 });
  cmykPdf = await toCmyk(rgbPdf);
}, 60_000);

describe('toCmyk', { timeout: 30_000 }, () => {
  it('leaves no RGB operator; #ff3333 becomes exactly 0 .8 .8 0 k and black text 0 0 0 1 k (read by qpdf + regex)', () => {
    const before = grepColourOps(qdfText(rgbPdf));
    expect(before.get('1 0.2 0.2 rg')).toBe(2);
    const ops = grepColourOps(qdfText(cmykPdf));
    expect([...ops.keys()].filter((k) => /\b(rg|RG|g|G)$|DeviceRGB|DeviceGray/.test(k))).toEqual([]);
    expect(ops.get('0 0.8 0.8 0 k')).toBe(2);
    expect(ops.get('0 0 0 1 k')).toBe(4); // the P<n> label and the body text, on two pages
    // #e60012 is not 0/80/80/0: the red in the RGB input decides the CMYK red (C0 M90 Y83 K10 here;
    // Chromium's 3-digit `.902 0 .0706 rg` gives 0 .902 .831 .094).
    expect(ops.get('0 0.898 0.827 0.098 k')).toBe(2);
    expect(ops.size).toBe(3);
  });

  it('black text is filled with K only, set right before the text (content stream read by pdf-lib)', async () => {
    const doc = await PDFDocument.load(cmykPdf);
    const contents = doc.getPage(0).node.get(PDFName.of('Contents')) as PDFRef;
    const text = Buffer.from(decodePDFRawStream(doc.context.lookup(contents) as PDFRawStream).decode()).toString('latin1');
    const fills = [...text.matchAll(/([\d. ]+) k\s+(?:[^k]*?)BT/g)].map((m) => m[1]!.trim());
    expect(fills.length).toBeGreaterThan(0);
    for (const fill of fills) expect(fill).toBe('0 0 0 1');
  });

  it('keeps the Info, sets a content-derived /ID and is byte-identical on a second run', async () => {
    const again = await toCmyk(rgbPdf);
    expect(Buffer.from(again).equals(Buffer.from(cmykPdf))).toBe(true);
    const doc = await PDFDocument.load(cmykPdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('synthetic');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(doc.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    expect(Buffer.from(cmykPdf).toString('latin1')).toMatch(/\/ID \[ ?<([0-9a-f]{32})> <\1> ?\]/i);
  });

  it('fonts stay embedded (the standard font stays a standard font) and none becomes Type 3', () => {
    for (const font of pdffonts(cmykPdf)) expect(font.type).not.toMatch(/Type 3/);
  });

  it('fails clearly when Ghostscript is missing', async () => {
    expect(() => findGhostscript(undefined, { PATH: '/nonexistent' })).toThrow(/Ghostscript \(gs\) was not found on PATH/);
    await expect(toCmyk(rgbPdf, { gs: '/nonexistent/gs' })).rejects.toThrow(GhostscriptError);
  });

  it('reports a Ghostscript failure with its message', async () => {
    await expect(toCmyk(new TextEncoder().encode('%PDF-1.4\nnot a pdf'))).rejects.toThrow();
  });
});

describe('grayToCmyk', () => {
  it('rewrites gray operators, also through cs/sc and q/Q, and leaves strings and inline images alone', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const page = doc.addPage([100, 100]);
    const content = [
      '0 g 0.25 G',
      'q /DeviceGray cs 0.5 sc Q',
      '0.5 sc', // after Q the fill space is DeviceGray again (from `0 g`): converted
      '/DeviceRGB cs 1 0 0 sc', // not gray: untouched by this pass
      'BT (0 g 1 G) Tj <3020672020> Tj ET % 1 g in a comment',
      'BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 g EI',
    ].join('\n');
    const ref = doc.context.register(doc.context.stream(content));
    page.node.set(PDFName.of('Contents'), ref);
    expect(grayToCmyk(doc)).toBe(5);
    const ops = await colourOperators(await doc.save());
    expect(Object.fromEntries(ops)).toEqual({
      '0 0 0 1 k': 1,
      '0 0 0 0.75 K': 1,
      '/DeviceCMYK cs': 1,
      '0 0 0 0.5 sc': 2,
      '/DeviceRGB cs': 1,
      '1 0 0 sc': 1,
    });
    const text = Buffer.from(decodePDFRawStream(doc.context.lookup(ref) as PDFRawStream).decode()).toString('latin1');
    expect(text).toContain('BT (0 g 1 G) Tj <3020672020> Tj ET % 1 g in a comment');
    expect(text).toContain('ID \x00 g EI');
  });
});

describe('expandBfRanges', () => {
  it('turns ranges (both forms) into bfchar entries that count up the last UTF-16 unit', async () => {
    const { expandBfRanges } = await import('../../../src/postprocess/cmyk.ts');
    const cmap = '2 beginbfrange\n<000E> <000F> <3001>\n<0020> <0021> [<0041> <D83DDE00>]\nendbfrange\n1 beginbfchar\n<0001> <0020>\nendbfchar';
    expect(expandBfRanges(cmap)).toBe('4 beginbfchar\n<000e> <3001>\n<000f> <3002>\n<0020> <0041>\n<0021> <D83DDE00>\nendbfchar\n1 beginbfchar\n<0001> <0020>\nendbfchar');
  });
});
