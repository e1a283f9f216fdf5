import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { parseMarkdown } from '../../src/parse/index.ts';
import { transformBulletin, type BulletinArticle } from '../../src/transform/index.ts';
import { joinCjkLines } from '../../src/transform/cjk-soft-breaks.ts';
import { headingLevel } from '../../src/transform/headings.ts';
import { isByline, isClosingNote, isSourceNote } from '../../src/transform/paragraph-roles.ts';

async function run(markdown: string) {
  const file = new VFile({ path: 'x.md', value: markdown });
  const tree = await transformBulletin(parseMarkdown(markdown), file);
  return { tree, file, articles: tree.children as unknown as BulletinArticle[] };
}

const classes = (node: { data?: unknown }) => ((node.data as { hProperties?: { className?: string[] } })?.hProperties?.className ?? []).join(' ');

describe('articles', () => {
  it('groups content under each # heading with ASCII ids', async () => {
    const { articles } = await run('# 甲\n\n一段。\n\n# 乙 丙\n\n二段。\n');
    expect(articles.map((a) => [a.data.title, a.children.length])).toEqual([
      ['甲', 2],
      ['乙 丙', 2],
    ]);
    const h1 = articles[1]!.children[0]!;
    expect((h1.data as { hProperties: { id: string } }).hProperties.id).toBe('art-2');
  });

  it('makes text before the first article a fatal message at its line', async () => {
    const { file } = await run('前言。\n\n# 甲\n\n正文。\n');
    expect(file.messages).toHaveLength(1);
    expect(file.messages[0]).toMatchObject({ fatal: true, line: 1, ruleId: 'text-before-article' });
  });

  it('reports a file with no article', async () => {
    const { file } = await run('');
    expect(file.messages[0]).toMatchObject({ fatal: true, ruleId: 'no-articles' });
  });

  it('warns about an empty article', async () => {
    const { file } = await run('# 甲\n\n# 乙\n\n正文。\n');
    expect(file.messages[0]).toMatchObject({ fatal: false, line: 1, ruleId: 'empty-article' });
  });

  it('splits a title at the space the editor typed', async () => {
    const { articles } = await run('# 中共中央政治局召开会议 中共中央总书记习近平主持会议\n\n正文。\n');
    const h1 = articles[0]!.children[0] as unknown as { children: Array<{ type: string; data?: unknown; children?: Array<{ value: string }> }> };
    const lines = h1.children.filter((c) => classes(c) === 'title-line').map((c) => c.children![0]!.value);
    expect(lines).toEqual(['中共中央政治局召开会议', '中共中央总书记习近平主持会议']);
  });

  it('sets a part of a spaced title that fits one line on one line (not a part and a bit on three)', async () => {
    const { articles } = await run('# 高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗\n\n正文。\n');
    const h1 = articles[0]!.children[0] as unknown as { children: Array<{ type: string; data?: unknown; children?: Array<{ value: string }> }> };
    const lines = h1.children.filter((c) => classes(c) === 'title-line').map((c) => c.children![0]!.value);
    expect(lines).toEqual(['高举中国特色社会主义伟大旗帜', '为全面建设社会主义现代化国家而团结奋斗']);
  });
});

describe('heading levels follow the numbering, not the # count', () => {
  it.each([
    ['一、总体要求', 1, 'section level-1'],
    ['十三', 1, 'section level-1 numeral'],
    ['（二）具体措施', 2, 'section level-2'],
    ['3. 细则', 3, 'section level-3'],
    ['（4）责任', 4, 'section level-4'],
    ['附件', 1, 'section level-1 unnumbered'],
  ])('%s → level %i', (text, level, className) => {
    expect(headingLevel(text)).toEqual({ level, className: className.split(' ') });
  });

  it('maps ## and ### of the same numbering to the same element', async () => {
    const { articles } = await run('# 甲\n\n## 一、子\n\n正文。\n\n### 二、子\n\n正文。\n\n#### （一）孙\n');
    const names = articles[0]!.children.slice(1).filter((n) => n.type === 'heading').map((n) => (n.data as { hName: string }).hName);
    expect(names).toEqual(['h2', 'h2', 'h3']);
  });
});

describe('paragraph roles', () => {
  it('recognises bylines, source notes and closing notes', async () => {
    const { articles } = await run('# 甲\n\n习近平\n\n正文，很长的一段话。\n\n（2024年1月31日在二十届中央政治局第十一次集体学习时的讲话）\n\n※这是节录。\n');
    expect(articles[0]!.children.slice(1).map(classes)).toEqual(['byline', '', 'source-note', 'closing-note']);
  });

  it('reads the head of a speech as Word and pages give it: subtitle, its date and the speaker, set bold or not', async () => {
    // The head of 党的二十大报告 as r1-ershida-baogao.docx prints it (../shared/import-docx-real).
    const { articles } = await run('# 高举中国特色社会主义伟大旗帜\n\n**——在中国共产党第二十次全国代表大会上的报告**\n\n（2022年10月16日）\n\n**习近平**\n\n同志们：\n\n现在，我代表第十九届中央委员会向大会作报告。\n\n（2022年10月16日）\n\n习近平\n');
    const children = articles[0]!.children.slice(1);
    expect(children.map(classes)).toEqual(['subtitle', 'source-note head-note', 'byline', 'salutation', '', 'source-note', '']);
    // Bold as a whole gives way to the role's face; the same lines in the body are no head.
    expect(children.slice(0, 3).map((p) => ('children' in p ? p.children.map((c) => c.type).join() : ''))).toEqual(['text', 'text', 'text']);
  });

  it.each([
    ['（2024年7月15日《关于〈中共中央关于进一步全面深化改革、推进中国式现代化的决定〉的说明》）', true],
    ['（一）不是注释）而是（两段）', false],
    ['各级党委（党组）要担负主体责任。', false],
  ])('source note: %s → %s', (text, expected) => {
    expect(isSourceNote(text)).toBe(expected);
  });

  it('keeps sentences out of bylines', () => {
    expect(isByline('习近平')).toBe(true);
    expect(isByline('会议还研究了其他事项。')).toBe(false);
    expect(isClosingNote('※本期供学习使用。')).toBe(true);
  });
});

describe('Markdown debris', () => {
  it('removes a line break between hanzi but keeps it between Latin words', () => {
    expect(joinCjkLines('全面推\n进公正司法')).toBe('全面推进公正司法');
    expect(joinCjkLines('党委（党组）\n要担负')).toBe('党委（党组）要担负');
    expect(joinCjkLines('open\nsource')).toBe('open\nsource');
  });

  it('drops raw HTML with a warning at its line', async () => {
    const { file, tree } = await run('# 甲\n\n<script>alert(1)</script>\n\n正文<b onclick="x()">加粗</b>。\n');
    expect(file.messages.map((m) => [m.line, m.ruleId, m.fatal])).toEqual([
      [3, 'raw-html', false],
      [5, 'raw-html', false],
      [5, 'raw-html', false],
    ]);
    expect(JSON.stringify(tree as Root)).not.toMatch(/script|onclick/);
  });
});
