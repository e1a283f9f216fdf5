// The raw text extracted from the printed PDF against its repaired version (source/2025-12.md).
// The expected pairs were read off the seed by hand: `diff seed source/2025-12.md` shows each one.
import { describe, expect, it } from 'vitest';
import { checkSource, fixSource } from '../../../src/check/index.ts';
import { read, score } from './helpers.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

const SEED: Array<[string, number]> = [
  ['front-matter', 1], // starts with blank lines and `# 广州市社会组织党组织`
  ['masthead-in-body', 3], // organisation, 学习资料, issue line written as an article
  ['halfwidth-punct', 7], // (2025年第12期)
  ['manual-toc', 13], // # 目录
  ...range(15, 21).map((l): [string, number] => ['manual-toc', l]), // dot leaders + stale page numbers
  ...[27, 29, 31, 73, 75, 113, 115, 117, 183, 207].map((l): [string, number] => ['space-around-digit', l]), // 11 月 8 日
  // paragraphs cut at old page breaks (交|流, 体系，|扎实, 建设|中感受, 深入|推进, 工作|机制, 传达|习近平,
  // 推|进, 坚|决, 学习|时的讲话）, 国|家, 低碳|发展, 机遇，|加大, 体系|建设, 破除|影响, 创新|和产业)
  ...[33, 43, 65, 119, 127, 145, 157, 187, 231, 245, 253, 261, 287, 301, 315].map((l): [string, number] => ['split-paragraph', l]),
  // the equal-width lines of 159–179, each ending in two spaces
  ...[159, 162, 163, 164, 165, 166, 167, 170, 173, 176, 177, 178].map((l): [string, number] => ['line-break', l]),
  ...[71, 79, 235, 243, 307, 313].map((l): [string, number] => ['heading-depth', l]), // ### where ## belongs
  ['numbering-dash', 221], // — for 一
  ['numbering-dash', 227], // — for 二
  ['doubled-word', 215], // 升级升级 (kept on purpose in the repaired text too)
];

describe('the seed (raw PDF text)', () => {
  const findings = checkSource('seed.txt', read('tests/fixtures/check/seed.txt'));

  it('finds every artifact', () => {
    const { missed, recall } = score(findings, SEED);
    expect(missed).toEqual([]);
    expect(recall).toBe(1);
  });

  it('reports nothing else', () => {
    expect(score(findings, SEED).extra.map((d) => `${d.rule}@${d.line}: ${d.message}`)).toEqual([]);
  });

  it('finds the same artifacts, 7 lines down, with a front matter block prepended', () => {
    const shifted = SEED.filter(([r]) => r !== 'front-matter').map(([r, l]): [string, number] => [r, l + 7]);
    const found = checkSource('seed.md', read('tests/fixtures/check/seed-front-matter.md'));
    expect(score(found, shifted).missed).toEqual([]);
    expect(found.some((d) => d.rule === 'front-matter')).toBe(false);
  });

  it('--fix repairs everything the repaired source repaired, except what needs a person', async () => {
    const { text } = await fixSource('seed.md', read('tests/fixtures/check/seed-front-matter.md'));
    const body = (s: string) => s.slice(s.indexOf('# 习近平总书记视察广东')).trimEnd();
    // The masthead, the 目录 and the two dashes (一, 二) are left for the editor.
    const expected = body(read('source/2025-12.md')).replace('## 一\n', '—\n').replace('## 二\n', '—\n');
    expect(body(text)).toBe(expected);
  });
});

describe('the repaired source and the long fixture', () => {
  it('source/2025-12.md keeps the dateline space before a date (…15日电 11月16日…), and --fix leaves it', async () => {
    const text = read('source/2025-12.md');
    expect(text).toContain('新华社北京11月15日电 11月16日出版的');
    expect((await fixSource('2025-12.md', text)).text).toBe(text);
  });

  it('source/2025-12.md has no error, only the doubled word it keeps', () => {
    const found = checkSource('2025-12.md', read('source/2025-12.md'));
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
    expect(found.map((d) => `${d.rule}@${d.line}`)).toEqual(['doubled-word@173']);
  });

  it('tests/fixtures/long-issue.md: only its real doubled words (党的的, 升级升级)', () => {
    const found = checkSource('long-issue.md', read('tests/fixtures/long-issue.md'));
    expect(found.map((d) => `${d.rule}@${d.line}`)).toEqual(['doubled-word@12', 'doubled-word@30', 'doubled-word@154']);
  });
});
