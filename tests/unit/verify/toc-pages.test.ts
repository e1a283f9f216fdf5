import { describe, expect, it } from 'vitest';
import { checkFolios } from '../../../src/verify/pages.ts';
import { checkToc, locateArticles, readToc } from '../../../src/verify/toc.ts';
import { MM } from '../../../src/verify/text.ts';
import { bodyPage, item, line, models, page, tocLine } from './synthetic.ts';

const cover = (entries: Array<[string, number]>, wrapFirst = false) => {
  const items = [item('广州市社会组织党组织', 80, line(0)), item('目', 280, line(4), { size: 22 }), item('录', 320, line(4), { size: 22 })];
  let n = 5;
  entries.forEach(([title, printed], i) => {
    if (i === 0 && wrapFirst) {
      items.push(item(title.slice(0, 10), 28 * MM, line(n++)));
      items.push(...tocLine(n++, title.slice(10), printed));
    } else items.push(...tocLine(n++, title, printed));
  });
  return page(1, items);
};

describe('the 目录', () => {
  it('reads entries, wrapped titles and numbers after the leader', () => {
    const toc = readToc(models([cover([['第一篇文章的标题很长很长需要换行才放得下', 1], ['第二篇', 3]], true), bodyPage(2, 1, ['第一篇文章的标题很长很长需要换行才放得下'])]));
    expect(toc?.pages).toEqual([1]);
    expect(toc?.entries.map((e) => [e.title, e.printed])).toEqual([
      ['第一篇文章的标题很长很长需要换行才放得下', 1],
      ['第二篇', 3],
    ]);
    expect(toc?.entries[0]!.lines).toHaveLength(2);
  });

  it('follows a 目录 onto the next unnumbered page', () => {
    const second = page(2, [...tocLine(0, '第三篇', 12), ...tocLine(1, '第四篇', 15)]);
    const toc = readToc(models([cover([['第一篇', 1], ['第二篇', 5]]), second, bodyPage(3, 1, ['第一篇'])]));
    expect(toc?.pages).toEqual([1, 2]);
    expect(toc?.entries.map((e) => e.printed)).toEqual([1, 5, 12, 15]);
  });

  it('still finds the 目录 when the cover wrongly carries a page number', () => {
    const numbered = cover([['甲文', 1]]);
    numbered.items.push(item('— 1 —', 460, 841.89 - 25 * MM, { size: 14 }));
    const toc = readToc(models([numbered, bodyPage(2, 1, ['甲文'])]));
    expect(toc?.entries.map((e) => e.title)).toEqual(['甲文']);
  });

  it('finds each article after the previous one, by the start of the text block', () => {
    const pages = models([
      cover([['因地制宜发展新质生产力的文章', 1], ['因地制宜发展新质生产力', 2]]),
      bodyPage(2, 1, ['因地制宜发展新质生产力的文章', '正文提到因地制宜发展新质生产力。']),
      bodyPage(3, 2, ['因地制宜发展', '新质生产力', '正文。']),
    ]);
    const articles = locateArticles(pages, ['因地制宜发展新质生产力的文章', '因地制宜发展新质生产力'], 1);
    expect(articles.map((a) => [a.page, a.folio])).toEqual([
      [2, 1],
      [3, 2],
    ]);
  });

  it('reports an entry whose number is not the page its article starts on', () => {
    const pages = models([cover([['甲文', 1], ['乙文', 3]]), bodyPage(2, 1, ['甲文', '正文']), bodyPage(3, 2, ['乙文', '正文'])]);
    const toc = readToc(pages)!;
    const articles = locateArticles(pages, toc.entries.map((e) => e.title), 1);
    const { problems } = checkToc('x.pdf', toc, articles, false);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: 'toc-page', severity: 'error' });
    expect(problems[0]!.message).toContain('"乙文" says page 3, but the article starts on page 2');
  });

  it('reports entries that name no article of the source', () => {
    const pages = models([cover([['甲文', 1]]), bodyPage(2, 1, ['甲文', '正文'])]);
    const toc = readToc(pages)!;
    const { problems } = checkToc('x.pdf', toc, locateArticles(pages, ['丙文', '甲文'], 1), true);
    expect(problems.map((p) => p.rule)).toEqual(['toc-entries']);
  });
});

describe('page numbers', () => {
  const front = () => page(1, [item('广州市社会组织党组织', 80, line(0))]);
  const blank = (n: number) => page(n, []);

  it('accepts 1..n on body pages, odd on odd physical pages, none on front and blank pages', () => {
    const pages = models([front(), blank(2), bodyPage(3, 1, ['甲']), bodyPage(4, 2, ['乙']), bodyPage(5, 3, ['丙'])]);
    const { problems, facts } = checkFolios('x.pdf', pages, 2, true);
    expect(problems).toEqual([]);
    expect(facts).toMatchObject({ front: [1, 2], blank: [2], folios: [null, null, 1, 2, 3], firstBody: 3 });
  });

  it('reports a gap, a missing number, a number on the cover, a numbered blank page and wrong parity', () => {
    const cover = page(1, [item('广州市', 80, line(0)), item('— 1 —', 460, 841.89 - 25 * MM, { size: 14 })]);
    const gap = checkFolios('x.pdf', models([cover, bodyPage(2, 1, ['甲']), bodyPage(3, 3, ['乙']), bodyPage(4, undefined, ['丙'])]), 1, true);
    expect(gap.problems.map((p) => p.rule)).toEqual(['folio-front', 'folio-sequence', 'folio-parity']);
    expect(gap.problems[1]!.message).toContain('page 3 is numbered — 3 —, expected — 2 —');
    expect(gap.problems[1]!.message).toContain('page 4 has no page number');
    const numberedBlank = checkFolios('x.pdf', models([front(), bodyPage(2, 1, ['甲']), bodyPage(3, 2, [])]), 1, false);
    expect(numberedBlank.problems.map((p) => p.rule)).toEqual(['folio-blank']);
  });

  it('checks parity only in print output', () => {
    const pages = models([front(), bodyPage(2, 1, ['甲']), bodyPage(3, 2, ['乙'])]);
    expect(checkFolios('x.pdf', pages, 1, true).problems.map((p) => p.rule)).toEqual(['folio-parity']);
    expect(checkFolios('x.pdf', pages, 1, false).problems).toEqual([]);
  });
});
