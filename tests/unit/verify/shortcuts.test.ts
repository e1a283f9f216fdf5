// The preflight's shortcuts around costly pdfjs calls: font names from the PDF's font dicts instead
// of operator lists, and links read for printing (no second text extraction) when that lists the
// same links. Each must take the shortcut only when the answer is the same, and decline otherwise.
import { PDFDocument, PDFName, PDFNumber, StandardFonts, type PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { matchFontNames, scanFonts, type FontUse } from '../../../src/verify/fonts.ts';
import { fetchText, fontNames, fontPages, loadPdfjs, openPdf, pdfPages } from '../../../src/verify/text.ts';
import { linksPrintable } from '../../../src/verify/toc.ts';

describe('font names matched by the pages using them', () => {
  const uses: FontUse[] = [
    { pages: [1, 3], name: 'NotoSerifSC-Black' },
    { pages: [1, 2, 3], name: 'FandolFang-Regular' },
    { pages: [2, 3], name: 'NotoSerifSC-Regular' },
  ];

  it('names a loaded font whose pages are exactly those of one font', () => {
    const keys = new Map([
      ['g_d0_f1', [1, 3]],
      ['g_d0_f2', [1, 2, 3]],
      ['g_d0_f3', [2, 3]],
    ]);
    expect(matchFontNames(keys, uses)).toEqual(
      new Map([
        ['g_d0_f1', 'NotoSerifSC-Black'],
        ['g_d0_f2', 'FandolFang-Regular'],
        ['g_d0_f3', 'NotoSerifSC-Regular'],
      ]),
    );
  });

  it('leaves out fonts on the same pages, pages that match no font exactly, fonts without a plain name', () => {
    const twins: FontUse[] = [
      { pages: [1, 3], name: 'A' },
      { pages: [1, 3], name: 'B' },
      { pages: [2], name: undefined },
      { pages: [1, 2, 3, 4], name: 'C' },
    ];
    const keys = new Map([
      ['k1', [1, 3]],
      ['k2', [2]],
      ['k3', [1, 2, 3]],
    ]);
    expect(matchFontNames(keys, twins)).toEqual(new Map());
    // Two loaded names on the same pages as one font: neither.
    expect(matchFontNames(new Map([['k1', [1, 2, 3]], ['k2', [1, 2, 3]]]), uses)).toEqual(new Map());
  });

  it('reads the plain name of an embedded Type 0 font, none of a standard or a mislabelled font', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    const ctx = doc.context;
    const file = ctx.register(ctx.flateStream(new Uint8Array(16)));
    const type0 = (fontName: string) =>
      ctx.register(
        ctx.obj({
          Type: 'Font',
          Subtype: 'Type0',
          BaseFont: 'BAAAAA+FandolFang-Regular',
          Encoding: 'Identity-H',
          DescendantFonts: [
            ctx.obj({
              Type: 'Font',
              Subtype: 'CIDFontType2',
              BaseFont: 'BAAAAA+FandolFang-Regular',
              FontDescriptor: ctx.obj({ Type: 'FontDescriptor', FontName: fontName, FontFile2: file }),
            }),
          ],
        }),
      );
    page.drawText('Hello', { font: await doc.embedFont(StandardFonts.Helvetica) });
    const fonts = page.node.Resources()!.lookup(PDFName.of('Font')) as unknown as { set(k: PDFName, v: unknown): void };
    fonts.set(PDFName.of('F1'), type0('BAAAAA+FandolFang-Regular'));
    fonts.set(PDFName.of('F2'), type0('Other-Name'));
    const { fonts: read, uses } = scanFonts(await PDFDocument.load(await doc.save()));
    expect(read.map((f) => f.name)).toEqual(['Helvetica', 'BAAAAA+FandolFang-Regular', 'BAAAAA+FandolFang-Regular']);
    expect(uses).toEqual([
      { pages: [1], name: undefined },
      { pages: [1], name: 'FandolFang-Regular' },
      { pages: [1], name: undefined },
    ]);
  });

  it('falls back to pdfjs (operator lists) for what was not matched', async () => {
    const doc = await PDFDocument.create();
    const helvetica = await doc.embedFont(StandardFonts.Helvetica);
    const courier = await doc.embedFont(StandardFonts.Courier);
    for (let i = 0; i < 2; i++) {
      const page = doc.addPage([595.28, 841.89]);
      page.drawText('Hello', { x: 50, y: 700, font: helvetica });
      page.drawText('World', { x: 50, y: 600, font: courier });
    }
    const bytes = await doc.save();
    await loadPdfjs();
    const { pdf, close } = await openPdf(bytes);
    try {
      const pages = await pdfPages(pdf);
      const raw = await fetchText(pages);
      // Both fonts are on both pages: nothing can be matched by pages.
      const { uses } = scanFonts(await PDFDocument.load(bytes));
      const known = matchFontNames(fontPages(raw), uses);
      expect(known.size).toBe(0);
      const names = await fontNames(pages, raw, known);
      expect([...names.values()].sort()).toEqual(['Courier', 'Helvetica']);
    } finally {
      await close();
    }
  });
});

describe('links read for printing', () => {
  const withLink = async (flags?: number) => {
    const doc = await PDFDocument.create();
    const page: PDFPage = doc.addPage([595.28, 841.89]);
    const ctx = doc.context;
    const link = ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [10, 10, 100, 30], Dest: [page.ref, 'XYZ', null, null, null] });
    if (flags !== undefined) link.set(PDFName.of('F'), PDFNumber.of(flags));
    page.node.set(PDFName.of('Annots'), ctx.obj([ctx.register(link)]));
    return PDFDocument.load(await doc.save());
  };

  it('only when every link on the page is printed and shown', async () => {
    expect(linksPrintable(await withLink(4), 0)).toBe(true);
    expect(linksPrintable(await withLink(), 0)).toBe(false);
    expect(linksPrintable(await withLink(4 | 2), 0)).toBe(false);
    expect(linksPrintable(await withLink(4 | 32), 0)).toBe(false);
    const none = await PDFDocument.create();
    none.addPage();
    expect(linksPrintable(none, 0)).toBe(true);
    expect(linksPrintable(none, 1)).toBe(false);
  });
});
