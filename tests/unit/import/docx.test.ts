// Word files, generated here with the `docx` library: one with heading styles, one formatted by hand.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, importedMarkdown } from '../../../src/import/index.ts';
import { blocks, scratch } from './helpers.ts';
import { autoNumberedDocx, handFormattedDocx, numberedDocx, PNG, styledDocx, twoArticlesDocx, twoLineTitleDocx } from './make-docx.ts';

/** The article both files hold, written out by hand. */
const BODY = [
  '新华社北京11月18日电 中共中央总书记、国家主席、中央军委主席习近平近日对全面依法治国工作作出重要指示。',
  '## 一、坚持党的领导',
  '习近平强调，新征程上，要全面贯彻新时代中国特色社会主义法治思想，坚持党的领导、人民当家作主、依法治国有机统一。',
  '### （一）加强法治工作队伍建设',
  '各级党委（党组）要担负主体责任，抓好法治领域重大部署、重要任务、重点工作落实。',
];
/** Header, footer, page number, comment and tracked deletion: none may appear. */
const LEFT_OUT = ['页眉', '—', '批注', '核对原文', '删去的字'];

async function imported(name: string, bytes: Buffer) {
  const dir = scratch();
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const result = await importFile(path, { taken: new Set() });
  return { result, md: await importedMarkdown([result]) };
}

describe('importing a Word file', () => {
  it('with heading styles: title from Heading 1, sections from Heading 2/3, split runs and soft breaks joined, the picture saved', async () => {
    const { result, md } = await imported('styled.docx', await styledDocx());
    expect(blocks(md)).toEqual(['# 习近平对全面依法治国工作作出重要指示', ...BODY, '![会场](styled-1.png)', '（2025年11月18日）']);
    for (const word of LEFT_OUT) expect(md).not.toContain(word);
    expect(result.images).toHaveLength(1);
    expect(result.images[0]!.name).toBe('styled-1.png');
    expect(Buffer.from(result.images[0]!.data).equals(PNG)).toBe(true);
  });

  it('formatted by hand: the large bold centred first paragraph is the title, bold numbered lead-ins are sections', async () => {
    const { result, md } = await imported('hand.docx', await handFormattedDocx());
    // The centred line under the title stays what it is: a byline.
    expect(blocks(md)).toEqual(['# 习近平对全面依法治国工作作出重要指示', '新华社', ...BODY, '![会场](hand-1.png)', '（2025年11月18日）']);
    for (const word of LEFT_OUT) expect(md).not.toContain(word);
    expect(result.images.map((i) => i.name)).toEqual(['hand-1.png']);
  });

  it('two articles formatted by hand in one file: two articles, each title found by its size', async () => {
    const { md } = await imported('two.docx', await twoArticlesDocx());
    expect(blocks(md)).toEqual([
      '# 习近平致信祝贺中国志愿服务联合会第三届会员代表大会召开',
      '新华社北京11月28日电 在中国志愿服务联合会第三届会员代表大会召开之际，习近平发来贺信。',
      '中国志愿服务联合会成立于2013年12月。',
      '# 因地制宜发展新质生产力',
      '习近平',
      '## 一',
      '要以科技创新引领产业全面振兴。',
      '（2023年9月8日在黑龙江考察时的讲话）',
    ]);
  });

  it('a title set over two lines is one title, its break kept as the space the layout reads', async () => {
    const { md } = await imported('title.docx', await twoLineTitleDocx());
    expect(blocks(md)).toEqual(['# 中共中央政治局召开会议 中共中央总书记习近平主持会议', '新华社北京11月28日电 中共中央政治局11月28日召开会议。']);
  });

  it('a section Word numbers by itself gets its number as text, and is a heading', async () => {
    const { result, md } = await imported('numbered.docx', await autoNumberedDocx());
    expect(blocks(md)).toEqual(['# 关于加强社会组织党建工作的意见', '## 一、总体要求', '坚持党的全面领导。']);
    expect(result.warnings).toEqual([]);
  });

  it('Word\'s list numbers in every format come out as Word shows them: lists continued and restarted, levels, starts, suffixes, legal style, numbering by style; bullets add nothing', async () => {
    const { result } = await imported('lists.docx', await numberedDocx());
    const [article] = result.articles;
    expect(result.articles).toHaveLength(1);
    expect(article!.title).toBe('关于开展社会组织党建工作专项检查的通知');
    const shown = article!.blocks.map((b) => (b.type === 'heading' ? `H ${b.text}` : b.type === 'paragraph' ? b.text : b.type === 'image' ? `IMG ${b.src}` : 'another block'));
    // Written by hand from what Word shows for the paragraphs of make-docx.ts's numberedDocx.
    expect(shown).toEqual([
      'H 一、检查范围',
      '全市登记的社会组织。',
      '1）党组织覆盖情况；',
      '2）党建工作制度落实情况。',
      'H 二、检查内容',
      'H （一）组织建设',
      '1）支部设置；',
      '2）换届选举。',
      'H （二）队伍建设',
      'H 1.书记配备',
      'H 2.党员发展',
      '①自查',
      '②抽查',
      '③通报',
      '甲、甲类组织',
      '乙、乙类组织',
      'a)市级组织',
      'I.行业协会',
      'II.学术团体',
      'b)区级组织',
      'I.社区组织',
      '第十一条 检查结果纳入年度考核。',
      '第十二条 本通知自印发之日起施行。',
      '第一章 总则',
      '1.1 工作要求',
      '1.2 工作纪律',
      'A.制定方案',
      'B.组织实施',
      '按时报送材料',
      'H 三、工作要求',
      '请各单位认真落实。',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('a picture never takes the name of a file already beside the issue', async () => {
    const dir = scratch();
    const path = join(dir, 'styled.docx');
    writeFileSync(path, await styledDocx());
    const result = await importFile(path, { taken: new Set(['styled-1.png']) });
    expect(result.images.map((i) => i.name)).toEqual(['styled-2.png']);
    expect(await importedMarkdown([result])).toContain('![会场](styled-2.png)');
  });

  it('an unreadable .docx is refused, naming the file', async () => {
    const dir = scratch();
    const path = join(dir, 'broken.docx');
    writeFileSync(path, 'PK\u0003\u0004 this is not really a Word file');
    await expect(importFile(path)).rejects.toMatchObject({ file: path, message: expect.stringContaining('cannot be read as a Word file') });
  });
});
