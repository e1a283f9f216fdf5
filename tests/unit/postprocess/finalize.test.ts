// finalizePdf: exact A4 boxes, metadata, the bookmarks (read back with pdfjs, not pdf-lib), and an
// ID that changes with the content but not with the browser's clock.
import { describe, expect, it } from 'vitest';
import { finalizePdf, type PdfMetadata } from '../../../src/postprocess/index.ts';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { synthetic } from './helpers.ts';

const meta: PdfMetadata = { title: '学习资料', author: '甲、乙', subject: 's', keywords: ['k'], creator: 'test', lang: 'zh-CN', date: new Date(Date.UTC(2025, 11, 1)) };
const bookmarks = [
  { title: '第一篇文章', pageIndex: 0, top: 100 },
  { title: '第二篇 文章', pageIndex: 2, top: 141.5 },
];

const trailerId = (pdf: Uint8Array) => /\/ID\s*\[\s*<([0-9A-F]+)>/i.exec(Buffer.from(pdf).toString('latin1'))?.[1];

describe('finalizePdf', () => {
  it('writes one bookmark per entry, each pointing at its page and the top of its title', async () => {
    const out = await finalizePdf(await synthetic({ pages: 3 }), meta, bookmarks);
    const pdf = await getDocument({ data: out.slice(), useSystemFonts: false, verbosity: 0 }).promise;
    try {
      const outline = (await pdf.getOutline()) as Array<{ title: string; dest: unknown[]; items: unknown[] }>;
      expect(outline.map((o) => o.title)).toEqual(['第一篇文章', '第二篇 文章']);
      expect(outline.every((o) => o.items.length === 0)).toBe(true);
      const targets = await Promise.all(outline.map(async (o) => ({ page: await pdf.getPageIndex(o.dest[0] as never), y: o.dest[3] })));
      expect(targets).toEqual([
        { page: 0, y: 741.89 },
        { page: 2, y: 700.39 },
      ]);
      expect(((await pdf.getMetadata()).info as { Title?: string }).Title).toBe('学习资料');
    } finally {
      await pdf.destroy();
    }
  });

  it('gives the same ID for the same input whatever date the browser stamped, another for other bookmarks', async () => {
    const input = Buffer.from(await synthetic({ pages: 3 }));
    // What Chromium writes differs between two prints of one document only in these two dates.
    const stamped = (when: string) => {
      const text = input.toString('latin1').replace(/\/CreationDate \(D:[^)]*\)/, `/CreationDate (D:${when})`);
      return Buffer.from(text, 'latin1');
    };
    const a = await finalizePdf(stamped('20261125101010Z'), meta, bookmarks);
    const b = await finalizePdf(stamped('20261126111111Z'), meta, bookmarks);
    const c = await finalizePdf(stamped('20261125101010Z'), meta, bookmarks.slice(0, 1));
    expect(trailerId(a)).toMatch(/^[0-9a-f]{32}$/i);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(trailerId(c)).not.toBe(trailerId(a));
  });
});
