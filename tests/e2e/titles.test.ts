// Titles, 目录 and running headers of real headlines (tests/fixtures/titles/headlines.jsonl, each with
// the words a break must not split, annotated by hand) and of 2025年第12期, read back from the PDF.
import { readFileSync } from 'node:fs';
import { describe, expect, it, beforeAll } from 'vitest';
import type { PageModel } from '../../src/verify/pages.ts';
import { blockEdges } from '../../src/verify/block.ts';
import { headerItems, lines, MM, squash } from '../../src/verify/text.ts';
import { BUILT } from '../helpers/build.ts';
import { breakFaults, CORPUS, LONG_TITLE, loadCorpus, partsOf, printedTitles, printedToc, readBack, score, type Headline } from '../helpers/titles.ts';

describe('the headline corpus, printed', () => {
  const headlines = [...loadCorpus(CORPUS), LONG_TITLE];
  let models: PageModel[];
  beforeAll(async () => {
    models = await readBack(BUILT.titles.pdf);
  });

  it('breaks titles between words, with no short line and in an accepted shape; 目录 entries too', () => {
    const s = score(headlines, printedTitles(models, headlines), printedToc(models));
    const show = (faults: typeof s.badBreak) => faults.map((f) => `${f.what}: ${f.lines.join(' / ')}`);
    expect(s.titles).toBeGreaterThanOrEqual(100);
    // Long chains of nouns leave a few titles no balanced break outside a word: at most 6 %.
    expect(new Set(s.badBreak.map((f) => f.title)).size / s.titles, show(s.badBreak).join('\n')).toBeLessThanOrEqual(0.06);
    expect(show(s.shortLine)).toEqual([]);
    expect(show(s.shape)).toEqual([]);
    expect(new Set(s.tocBadBreak.map((f) => f.title)).size / s.titles, show(s.tocBadBreak).join('\n')).toBeLessThanOrEqual(0.02);
  });

  it('sets the 目录 numbers in one right-aligned column inside the block, text reading as title and number', () => {
    const tocPages = models.filter((m) => m.folio === undefined && !m.blank && m.bodyText.length > 0);
    expect(tocPages.length).toBeGreaterThanOrEqual(2);
    const rights: number[] = [];
    for (const page of tocPages) {
      const { right } = blockEdges(page.number, page.text.width);
      for (const row of page.body) {
        const last = row.at(-1)!;
        if (!/^\d+$/.test(last.str.trim())) continue;
        rights.push(right - (last.x + last.width));
        // Nothing but the title before the number: no leader dots as text.
        expect(squash(row.map((i) => i.str).join(''))).not.toMatch(/[.．…·]{2,}/);
      }
    }
    expect(rights.length).toBe(headlines.length);
    // Right edges on the block's edge (mirrored on the second 目录 page), equal within 0.3 mm.
    expect(Math.max(...rights) - Math.min(...rights)).toBeLessThan(0.3 * MM);
    expect(Math.min(...rights)).toBeGreaterThanOrEqual(-0.2);
  });

  it('shortens the running header of a very long title with …, inside the block', () => {
    const key = squash(LONG_TITLE.title);
    const start = models.findIndex((m) => m.bodyText.startsWith(key));
    expect(start).toBeGreaterThan(0);
    // The right-hand page of that article carries its title in the header.
    const page = models.slice(start, start + 3).find((m) => m.number % 2 === 1)!;
    const header = lines(headerItems(page.text)).map((row) => squash(row.map((i) => i.str).join('')));
    expect(header).toHaveLength(1);
    expect(header[0]!.endsWith('…')).toBe(true);
    expect(key.startsWith(header[0]!.slice(0, -1))).toBe(true);
    const row = lines(headerItems(page.text))[0]!;
    const { left, right } = blockEdges(page.number, page.text.width);
    expect(Math.min(...row.map((i) => i.x))).toBeGreaterThanOrEqual(left);
    expect(Math.max(...row.map((i) => i.x + i.width))).toBeLessThanOrEqual(right + 0.6);
  });
});

describe('2025年第12期', () => {
  // Words of its titles a break must not split, annotated by hand.
  const keys: Headline[] = [
    { title: '习近平总书记视察广东和出席第十五届全国运动会开幕式重要讲话重要指示精神', source: 'source/2025-12.md', keep: ['习近平', '总书记', '视察', '广东', '出席', '第十五届', '全国运动会', '开幕式', '重要讲话', '重要指示精神'] },
    { title: '习近平在听取海南自由贸易港建设工作汇报时的重要讲话', source: 'source/2025-12.md', keep: ['习近平', '听取', '海南自由贸易港', '建设', '工作汇报', '重要讲话'] },
    { title: '习近平致信祝贺中国志愿服务联合会 第三届会员代表大会召开', source: 'source/2025-12.md', keep: ['习近平', '致信', '祝贺', '中国志愿服务联合会', '第三届', '会员代表大会', '召开'] },
    { title: '《求是》杂志发表习近平总书记重要文章 《因地制宜发展新质生产力》', source: 'source/2025-12.md', keep: ['《求是》', '杂志', '发表', '习近平', '总书记', '重要文章', '《因地制宜发展新质生产力》'] },
  ];
  let models: PageModel[];
  beforeAll(async () => {
    models = await readBack(BUILT.seed.pdf);
  });

  it('breaks its titles and 目录 entries between words', () => {
    const titles = printedTitles(models, keys);
    keys.forEach((key, i) => {
      const groups = partsOf(key.title, titles[i]!.lines);
      for (const [p, part] of key.title.split(' ').entries()) {
        const mine = groups[p]!;
        expect(breakFaults({ ...key, title: part }, mine).map((f) => f.what), mine.join(' / ')).toEqual([]);
      }
    });
    const toc = printedToc(models);
    expect(toc.length).toBe(7);
    for (const key of keys) {
      const entry = toc.find((e) => squash(e.title) === squash(key.title))!;
      expect(breakFaults({ ...key, title: squash(key.title) }, entry.lines.map(squash)).map((f) => f.what), entry.lines.join(' / ')).toEqual([]);
    }
  });

  it('gives the --html output the lines the PDF shows (the breaks are in the HTML, not left to the browser)', () => {
    const html = readFileSync(BUILT.seed.pdf.replace(/\.pdf$/, '.html'), 'utf8');
    const titles = [...html.matchAll(/<h1[^>]*class="article-title"[^>]*>(.*?)<\/h1>/gs)].map((m) =>
      [...m[1]!.matchAll(/<span class="title-line">(.*?)<\/span>/g)].map((l) => l[1]!),
    );
    expect(titles).toHaveLength(7);
    const printed = printedTitles(models, titles.map((lines) => ({ title: lines.join(''), source: '', keep: [] })));
    expect(printed.map((p) => p.lines)).toEqual(titles);
  });

  it('fits its 目录 on the first page', () => {
    const first = models[0]!;
    expect(first.body.filter((row) => /^\d+$/.test(row.at(-1)!.str.trim())).length).toBe(7);
  });
});
