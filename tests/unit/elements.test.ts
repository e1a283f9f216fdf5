// The body elements as the transform and remark-rehype set them (src/transform/elements.ts,
// element-lines.ts): which text lands in which element, for each recognised and explicit form.
// Expectations written by hand from the inputs.
import type { Element, Root as HastRoot } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { articlesToHast } from '../../src/html/index.ts';
import { parseMarkdown } from '../../src/parse/index.ts';
import { transformBulletin } from '../../src/transform/index.ts';

async function hast(markdown: string): Promise<HastRoot> {
  const file = new VFile({ path: 'x.md', value: markdown });
  return articlesToHast(await transformBulletin(parseMarkdown(markdown), file));
}

/** `tag.class.class: text` of every element with one of these classes (or tag), in order. */
async function marked(markdown: string, wanted: RegExp): Promise<string[]> {
  const out: string[] = [];
  visit(await hast(markdown), 'element', (node: Element) => {
    const cls = (node.properties.className as string[] | undefined) ?? [];
    const name = [node.tagName, ...cls].join('.');
    if (wanted.test(name)) out.push(`${name}: ${toString(node).replace(/\s+/g, '')}`);
  });
  return out;
}

describe('emphasis and lead-ins', () => {
  it('keeps bold that is not a sentence as emphasis, and makes a sentence after a marker a lead-in', async () => {
    expect(await marked('# 题\n\n一是**强化责任落实**，二是**完善考核机制**。\n', /^strong|lead-in/)).toEqual(['strong: 强化责任落实', 'strong: 完善考核机制']);
    expect(await marked('# 题\n\n（一）**加强政治引领。**各级党组织要加强。\n', /lead-in|^strong/)).toEqual(['span.lead-in.lead-2: （一）加强政治引领。']);
    expect(await marked('# 题\n\n**（一）加强政治引领。**各级党组织要加强。\n', /lead-in|^strong/)).toEqual(['span.lead-in.lead-2: （一）加强政治引领。']);
    expect(await marked('# 题\n\n（一）**加强政治引领**。各级党组织要加强。\n', /lead-in|^strong/)).toEqual(['span.lead-in.lead-2: （一）加强政治引领。']);
    expect(await marked('# 题\n\n一、坚持党的领导。各级党组织要加强。\n', /lead-in/)).toEqual(['span.lead-in.lead-1: 一、坚持党的领导。']);
    expect(await marked('# 题\n\n（1）汇总通报。各单位报送。\n', /lead-in/)).toEqual(['span.lead-in.lead-4: （1）汇总通报。']);
    expect(await marked('# 题\n\n三是强化监督。对发现的问题及时整改。\n', /lead-in/)).toEqual(['span.lead-in.lead-shi: 三是强化监督。']);
    // A heading typed as a paragraph (nothing after its sentence) is no lead-in.
    expect(await marked('# 题\n\n（一）坚持党的领导。\n', /lead-in/)).toEqual([]);
  });
});

describe('the head and the foot of an article', () => {
  it('finds the editor\'s note and the salutation under the title and byline', async () => {
    const md = '# 题\n\n王建华\n\n【编者按】本文供参考。\n\n同志们：\n\n今天开会。\n';
    expect(await marked(md, /byline|editor-note|salutation/)).toEqual(['p.byline: 王建华', 'p.editor-note: 【编者按】本文供参考。', 'span.editor-note-label: 【编者按】', 'p.salutation: 同志们：']);
    // A colon line in the middle of the text is not a salutation.
    expect(await marked('# 题\n\n今天开会。\n\n会议指出：\n\n要加强学习。\n', /salutation/)).toEqual([]);
  });

  it('sets issuers and a date at the end as a closing, in one paragraph or several', async () => {
    const closing = /closing|issuer|date$|\.date/;
    expect(await marked('# 题\n\n正文。\n\n中共广州市社会组织委员会\n中共广州市民政社会组织委员会\n2025年12月1日\n', closing)).toEqual([
      'div.closing: 中共广州市社会组织委员会中共广州市民政社会组织委员会2025年12月1日',
      'div.closing-box: 中共广州市社会组织委员会中共广州市民政社会组织委员会2025年12月1日',
      'p.issuer: 中共广州市社会组织委员会',
      'p.issuer: 中共广州市民政社会组织委员会',
      'p.date: 2025年12月1日',
    ]);
    // A date inside the text, or a last paragraph that is a sentence, is no closing.
    expect(await marked('# 题\n\n会议于2025年12月1日召开。\n', closing)).toEqual([]);
  });

  it('sets an attachment list typed one per line, or as a numbered list after `附件：`', async () => {
    const want = ['div.attachments: 附件：1.工作方案2.测评表', 'span.attachments-label: 附件：', 'span.attachment-number: 1.', 'span.attachment-name: 工作方案', 'span.attachment-number: 2.', 'span.attachment-name: 测评表'];
    expect(await marked('# 题\n\n正文。\n\n附件：1. 工作方案\n      2. 测评表\n', /attach/)).toEqual(want);
    expect(await marked('# 题\n\n正文。\n\n附件：\n\n1. 工作方案\n2. 测评表\n', /attach/)).toEqual(want);
  });
});

describe('lists, tables, footnotes', () => {
  it('makes list items numbered paragraphs, with no list element left', async () => {
    const out = await marked('# 题\n\n3. 甲项。\n4. 乙项。\n\n- 丙项。\n', /^(ul|ol|li)|list-item|item-number/);
    expect(out).toEqual(['p.list-item: 3.甲项。', 'span.item-number: 3.', 'p.list-item: 4.乙项。', 'span.item-number: 4.', 'p.list-item: 丙项。']);
  });

  it('right-aligns the columns of numbers and gives the header cells their widths', async () => {
    const root = await hast('# 题\n\n| 区 | 年度 | 数量 |\n|---|---|---|\n| 越秀区 | 2025 | 1,324 |\n| 海珠区 | — | 96.2 |\n');
    const cells: string[] = [];
    visit(root, 'element', (node: Element) => {
      if (node.tagName === 'th' || node.tagName === 'td') cells.push(`${node.tagName}${((node.properties.className as string[]) ?? []).map((c) => `.${c}`).join('')}`);
    });
    // 年度 holds a dash in one row: not a column of numbers.
    expect(cells).toEqual(['th', 'th', 'th.num-head', 'td', 'td', 'td.num', 'td', 'td', 'td.num']);
    const widths: string[] = [];
    visit(root, 'element', (node: Element) => {
      if (node.tagName === 'th') widths.push(String(node.properties.style));
    });
    expect(widths.every((w) => /^width: \d+\.\d\d%$/.test(w))).toBe(true);
  });

  it('numbers footnote calls ①② per article and puts the notes at its end', async () => {
    const md = '# 甲\n\n一句[^a]，二句[^b]，再引[^a]。\n\n# 乙\n\n三句[^c]。\n\n[^a]: 注甲。\n[^b]: 注乙。\n[^c]: 注丙。\n';
    expect(await marked(md, /fn-ref|footnote$|footnotes/)).toEqual([
      'span.fn-ref: ①',
      'span.fn-ref: ②',
      'span.fn-ref: ①',
      'div.footnotes: ①注甲。②注乙。',
      'p.footnote: ①注甲。',
      'p.footnote: ②注乙。',
      'span.fn-ref: ①',
      'div.footnotes: ①注丙。',
      'p.footnote: ①注丙。',
    ]);
  });
});
