// Issue 2: the bulletin builds, and the PDF read back holds what the source says.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfFacts } from '../../src/verify/index.ts';
import { BUILT } from '../helpers/build.ts';
import { bodyItems, readPdfText, squash } from '../helpers/pdf.ts';
import { sourceBlocks } from '../helpers/source.ts';

describe.each(Object.entries(BUILT))('%s bulletin', (_name, built) => {
  it('has exact A4 pages', async () => {
    const facts = await pdfFacts(readFileSync(built.pdf));
    expect(facts.pageCount).toBeGreaterThan(3);
    for (const box of facts.boxes) {
      expect(box.media).toEqual([0, 0, 595.28, 841.89]);
      expect(box.trim).toEqual([0, 0, 595.28, 841.89]);
    }
  });

  it('embeds every font as a TrueType subset, none Type 3', async () => {
    const { fonts } = await pdfFacts(readFileSync(built.pdf));
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const font of fonts) {
      expect(font, font.name).toMatchObject({ subtype: 'CIDFontType2', embedded: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+(FandolFang|FandolKai|NotoSerifSC|NotoSansSC)/);
    }
  });

  it('holds the text of every source block, in order, on the text block of its pages', async () => {
    const pages = await readPdfText(built.pdf);
    const body = pages.map((p) => squash(bodyItems(p).map((i) => i.str).join(''))).join('');
    let cursor = 0;
    const lost: string[] = [];
    for (const block of sourceBlocks(built.source)) {
      const at = body.indexOf(squash(block.text), cursor);
      if (at < 0) lost.push(`line ${block.line}: ${block.text.slice(0, 30)}`);
      else cursor = at + squash(block.text).length;
    }
    expect(lost).toEqual([]);
  });

  it('writes the HTML handed to Paged.js, self-contained', () => {
    const html = readFileSync(built.pdf.replace(/\.pdf$/, '.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html><html lang="zh-CN"/);
    expect(html).toContain('@font-face');
    // No reference to anything outside the file: fonts are data: URLs, styles inline.
    expect(html).not.toMatch(/(?:src|href)=["'](?!#|data:)/);
    expect(html).not.toMatch(/url\((?!data:)/);
  });
});

describe('2025年第12期', () => {
  it('carries the masthead, the generated 目录 and every article title', async () => {
    const pages = await readPdfText(BUILT.seed.pdf);
    const cover = squash(pages[0]!.items.map((i) => i.str).join(''));
    expect(cover).toContain('广州市社会组织党组织');
    expect(cover).toContain('（2025年第12期）');
    expect(cover).toContain('中共广州市民政社会组织委员会');
    expect(cover).toContain('目录');
    const titles = sourceBlocks(BUILT.seed.source).filter((b) => b.kind === 'heading' && b.depth === 1);
    expect(titles).toHaveLength(7);
    const all = pages.map((p) => squash(p.items.map((i) => i.str).join(''))).join('');
    for (const title of titles) expect(all).toContain(squash(title.text));
  });

  it('has the metadata of the issue, not of the browser', () => {
    const pdf = readFileSync(BUILT.seed.pdf, 'latin1');
    expect(pdf).not.toContain('HeadlessChrome');
    expect(existsSync(BUILT.seed.pdf)).toBe(true);
  });
});
