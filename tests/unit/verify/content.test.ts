import { describe, expect, it } from 'vitest';
import { checkContent, normalise, sourceBlocks } from '../../../src/verify/content.ts';
import { parseMarkdown } from '../../../src/parse/index.ts';

const md = ['# 标题 第二行', '', '第一段，有<span>行内</span>HTML。', '', '<div>整块HTML</div>', '', '## 一、小标题', '', '- 列表里的段落', '', '第二段内容', '跨行继续。'].join('\n');

describe('nothing lost', () => {
  it('takes headings and paragraphs in order, raw HTML left out', () => {
    const blocks = sourceBlocks(parseMarkdown(md));
    expect(blocks.map((b) => [b.kind, normalise(b.text), b.line])).toEqual([
      ['heading', '标题第二行', 1],
      ['paragraph', '第一段，有行内HTML。', 3],
      ['heading', '一、小标题', 7],
      ['paragraph', '列表里的段落', 9],
      ['paragraph', '第二段内容跨行继续。', 11],
    ]);
  });

  it('passes when every block is there in order, whitespace aside', () => {
    const pdf = normalise('标题\n第二行 第一段，有行内 HTML。一、小标题 列表里的段落 第二段内容\n跨行继续。');
    const { problems, facts } = checkContent(pdf, sourceBlocks(parseMarkdown(md)), 'a.md');
    expect(problems).toEqual([]);
    expect(facts).toEqual({ blocks: 5, found: 5 });
  });

  it('a look-alike in the PDF is a loss (· for ・, 一 as ⼀, a half-width comma); canonical equivalents are one (issue 19)', () => {
    const source = sourceBlocks(parseMarkdown('# 艺术・童心织梦\n\n一段，文字。\n'));
    expect(checkContent(normalise('艺术·童心织梦一段，文字。'), source, 'a.md').facts.found).toBe(1);
    expect(checkContent(normalise('艺术・童心织梦⼀段，文字。'), source, 'a.md').facts.found).toBe(1);
    expect(checkContent(normalise('艺术・童心织梦一段,文字。'), source, 'a.md').facts.found).toBe(1);
    expect(checkContent(normalise('艺术・童心织梦一段，文字。'), source, 'a.md').facts.found).toBe(2);
    // What pdfjs gives back as one: 豈 U+F900 as 豈 U+8C48 (NFC), U+2011 as U+2010; a zero-width space prints nothing.
    const twins = sourceBlocks(parseMarkdown('# \uF900\u2011\u200b字\n\n正文。\n'));
    expect(checkContent(normalise('\u8C48\u2010字正文。'), twins, 'a.md').facts.found).toBe(2);
  });

  it('reports the first missing block with its source line and where the text parts ways', () => {
    const pdf = normalise('标题第二行第一段，有行内HTML。一、小标题列表里的段落第二段内容跨行');
    const { problems, facts } = checkContent(pdf, sourceBlocks(parseMarkdown(md)), 'a.md');
    expect(facts.found).toBe(4);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'a.md', line: 11, column: 1, severity: 'error', rule: 'content-lost' }),
    ]);
    expect(problems[0]!.message).toContain('agrees for its first 7 characters, then ends where the source has "继续。"');
  });

  it('counts blocks out of order as missing', () => {
    const pdf = normalise('标题第二行一、小标题第一段，有行内HTML。列表里的段落第二段内容跨行继续。');
    const { problems } = checkContent(pdf, sourceBlocks(parseMarkdown(md)), 'a.md');
    expect(problems[0]).toMatchObject({ line: 7, rule: 'content-lost' });
  });
});
