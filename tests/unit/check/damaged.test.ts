// Clean paragraphs from source/2025-12.md (clean.md) with faults injected at known lines: one copy
// with faults that have a certain repair, one with faults that need a person.
import { describe, expect, it } from 'vitest';
import { checkSource, fixSource } from '../../../src/check/index.ts';
import { read, score } from './helpers.ts';

const FIXABLE: Array<[string, number]> = [
  ['split-paragraph', 15], // 久久为功推动 | 粤港澳
  ['split-paragraph', 30], // …发达地区， | 在编制
  ['split-paragraph', 57], // 深入 | 推进
  ['line-break', 21], // 随|后
  ['line-break', 81], // 学|术
  ['line-break', 36], // hard break after a long line
  ['space-around-digit', 19], // 11 月 7 日至 8 日
  ['space-around-digit', 45], // 下午 4 时 15 分许
  ['space-around-digit', 51], // 三亚 11 月 6 日电
  ['space-between-hanzi', 26], // 梅州的 特色
  ['space-between-hanzi', 53], // 海南省 三亚市
  ['halfwidth-punct', 28], // 离开时,
  ['halfwidth-punct', 55], // 后, 习近平
  ['halfwidth-punct', 75], // 是:
  ['halfwidth-punct', 71], // (2023年…讲话)
  ['halfwidth-punct', 81], // 生产力?我
  ['heading-depth', 41], // ### 三、
  ['heading-depth', 79], // ### 三
  ['fullwidth-space', 39], // 　　 indent
];

const OTHER: Array<[string, number]> = [
  ['front-matter', 7], // colour: red
  ['text-before-article', 9],
  ['doubled-word', 19], // 调研调研
  ['doubled-word', 37], // 接见接见 (in a heading)
  ['doubled-word', 47], // 的的
  ['unbalanced-pair', 29], // “十五五规划
  ['unbalanced-pair', 51], // stray 》
  ['numbering', 23], // （三） after （一）
  ['numbering', 37], // 四、 after 二 (written —)
  ['numbering', 77], // 二 after 二 (written —)
  ['numbering-dash', 31], // ## —、
  ['numbering-dash', 71], // lone —
  ['manual-toc', 55], // title.....\t8
  ['duplicate-title', 87],
  ['empty-article', 59], // # 附件
  ['undrawable-char', 43], // 𠮷 U+20BB7
  ['halfwidth-punct', 53], // 改革.优化
  ['fullwidth-space', 81], // ，　既
];

describe('damaged fixtures', () => {
  const clean = read('tests/fixtures/check/clean.md');

  it('the clean copy gives no finding', () => {
    expect(checkSource('clean.md', clean)).toEqual([]);
  });

  for (const [name, expected] of [
    ['damaged-fixable.md', FIXABLE],
    ['damaged-other.md', OTHER],
  ] as const) {
    it(`${name}: every injected fault is found, nothing else`, () => {
      const found = checkSource(name, read(`tests/fixtures/check/${name}`));
      const { missed, extra, recall } = score(found, [...expected]);
      expect(missed).toEqual([]);
      expect(recall).toBe(1);
      expect(extra.map((d) => `${d.rule}@${d.line}`)).toEqual([]);
    });
  }

  it('--fix turns the fixable copy back into the clean one, and a second pass changes nothing', async () => {
    const first = await fixSource('d.md', read('tests/fixtures/check/damaged-fixable.md'));
    expect(first.text).toBe(clean);
    expect(new Set(first.fixed.map((d) => d.rule))).toEqual(new Set(FIXABLE.map(([r]) => r)));
    const second = await fixSource('d.md', first.text);
    expect(second.text).toBe(first.text);
    expect(second.fixed).toEqual([]);
  });

  it('--fix leaves faults without a certain repair alone (it only makes the "." between hanzi a "。")', async () => {
    const text = read('tests/fixtures/check/damaged-other.md');
    const { text: fixed } = await fixSource('o.md', text);
    expect(fixed).toBe(text.replace('改革.优化', '改革。优化'));
  });

  it('severities: build-breaking faults are errors, the rest warnings', () => {
    const found = checkSource('o.md', read('tests/fixtures/check/damaged-other.md'));
    const errors = new Set(found.filter((d) => d.severity === 'error').map((d) => d.rule));
    expect(errors).toEqual(new Set(['front-matter', 'text-before-article', 'numbering-dash', 'manual-toc', 'empty-article', 'undrawable-char']));
  });
});
