// Issue 23: what the site's search and file names rest on. Word boundaries are checked against
// words a reader of Chinese marks by hand; issue numbers and download names against how the
// front matter writes them.
import { describe, expect, it } from 'vitest';
import { fileStem, issueOrder, slugOf } from '../../../src/site/issue.ts';
import { wordBoundaries } from '../../../src/site/search-index.ts';

/** Is text[start, end) a stretch that starts and ends on word boundaries? */
function whole(text: string, part: string): boolean {
  const start = text.indexOf(part);
  const marks = new Set(wordBoundaries(text));
  return start >= 0 && marks.has(start) && marks.has(start + part.length);
}

describe('word boundaries for the search', () => {
  // Each sentence with words a reader finds in it, and character pairs that stand side by side
  // across two words (marked by hand).
  const cases: Array<[string, string[], string[]]> = [
    ['要扩大学习范围', ['扩大', '学习'], ['大学']],
    ['推动乡村全面振兴', ['乡村', '全面', '振兴', '全面振兴'], ['村全']],
    ['中央军委主席习近平在广东考察', ['主席', '习近平', '广东', '考察'], ['席习', '在广']],
    ['发展新质生产力', ['发展', '生产力'], ['展新']],
  ];
  for (const [text, words, across] of cases) {
    it(text, () => {
      for (const w of words) expect(whole(text, w), w).toBe(true);
      for (const a of across) expect(whole(text, a), a).toBe(false);
    });
  }

  it('counts in UTF-16 units, as the page’s strings do', () => {
    const text = '𠀀字和汉字';
    const marks = wordBoundaries(text);
    expect(marks[0]).toBe(0);
    expect(marks.at(-1)).toBe(text.length);
  });
});

describe('issues in order, files named for their issue', () => {
  it('orders by the year and number of the issue, else by the date', () => {
    expect(issueOrder({ issue: '2025年第12期', date: '2025年12月' })).toEqual([2025, 12]);
    expect(issueOrder({ issue: '2026年 第 1 期', date: '2026年1月' })).toEqual([2026, 1]);
    expect(issueOrder({ issue: '特刊', date: '2024年7月' })).toEqual([2024, 7]);
    expect(issueOrder({ issue: '特刊', date: '七月' })).toEqual([0, 0]);
  });

  it('download names say the issue; folder names stay safe', () => {
    expect(fileStem({ issue: '2025年第12期' })).toBe('2025年第12期');
    expect(fileStem({ issue: '2025/第12期: 特刊' })).toBe('2025-第12期-特刊');
    expect(slugOf('source/2025-12.md')).toBe('2025-12');
    expect(slugOf('source/第 1 期?.md')).toBe('第-1-期-');
  });
});
