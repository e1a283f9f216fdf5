// Text copied out of a PDF: page furniture out, articles and sections found, and the checker's
// certain repairs (joined wraps and cut paragraphs, digit spaces) applied — the wording untouched.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, importedMarkdown, ImportError } from '../../../src/import/index.ts';
import { blocks, encodeGbk, FIXTURES, ROOT, scratch, sourceBlocks } from './helpers.ts';

// The seed, as the checker's tests keep it (a copy of the raw PDF text the project started from).
const SEED = join(ROOT, 'tests/fixtures/check/seed.txt');

async function markdownOf(...files: string[]): Promise<string> {
  const results = [];
  for (const file of files) results.push(await importFile(file));
  return importedMarkdown(results);
}

/** What both speech fixtures must give, written out by hand. */
const SPEECH = [
  '# 在全市社会组织党建工作会议上的讲话',
  '张 明',
  '同志们：',
  '今天召开全市社会组织党建工作会议，主要任务是总结2025年工作，部署2026年任务。下面，我讲三点意见。',
  '## 一、充分肯定过去一年的成绩',
  '过去一年，全市社会组织党组织认真学习贯彻党的二十届四中全会精神，新建党组织126个，党的组织覆盖和工作覆盖持续扩大。',
  '### （一）组织覆盖不断扩大',
  '各区结合实际，探索“行业党委+园区党组织”模式，推动党建工作向基层延伸，取得明显成效。',
  '### （二）工作机制日益健全',
  '建立联席会议制度，每季度召开1次会议，研究解决重点问题。',
  '## 二、准确把握面临的形势任务',
  '当前，社会组织数量快速增长，党建工作面临新情况新问题。我们要增强责任感使命感，切实把党的领导贯彻到社会组织发展全过程。',
  '## 三、扎实做好明年各项工作',
  '一要抓好政治建设。二要抓好队伍建设。三要抓好制度建设。',
  '同志们，让我们紧密团结在以习近平同志为核心的党中央周围，奋力开创社会组织党建工作新局面！',
];

describe('importing PDF text', () => {
  it('copied with blank lines between paragraphs: page numbers and running headers out, cut paragraphs and wraps joined, digit spaces gone', async () => {
    expect(blocks(await markdownOf(join(FIXTURES, 'speech-copied.txt')))).toEqual(SPEECH);
  });

  it('as pdftotext -layout writes it (indents, no blank lines): the same article', async () => {
    expect(blocks(await markdownOf(join(FIXTURES, 'speech-layout.txt')))).toEqual(SPEECH);
  });

  it('the seed (printed masthead, hand-made 目录, every kind of damage) gives source/2025-12.md paragraph for paragraph', async () => {
    const got = blocks(await markdownOf(SEED));
    const want = sourceBlocks('source/2025-12.md');
    expect(got).toHaveLength(want.length);
    // The one thing no repair can know: a numeral printed as a dash (the checker reports it).
    const differ = got.map((b, i) => (b === want[i] ? undefined : [b, want[i]])).filter(Boolean);
    expect(differ).toEqual([
      ['—', '## 一'],
      ['—', '## 二'],
    ]);
  });

  it('the seed without its `#` marks, as plain PDF text: titles found from its 目录, sections from their numbering', async () => {
    const dir = scratch();
    const path = join(dir, 'plain.txt');
    writeFileSync(path, readFileSync(SEED, 'utf8').replace(/^#+ /gm, ''));
    const got = blocks(await markdownOf(path));
    const want = sourceBlocks('source/2025-12.md');
    expect(got).toHaveLength(want.length);
    const differ = got.map((b, i) => (b === want[i] ? undefined : [b, want[i]])).filter(Boolean);
    expect(differ).toEqual([
      ['## —', '## 一'],
      ['## —', '## 二'],
    ]);
  });

  it('one line a paragraph (as Word copies it): every line stays a paragraph, however long', async () => {
    const dir = scratch();
    const path = join(dir, 'notice.txt');
    const long = '坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，把党的领导贯穿社会组织发展全过程，推动党建工作与业务工作深度融合、相互促进。';
    writeFileSync(path, `关于做好年度工作的通知\n各社会组织党组织：\n${long}\n${long.replace('坚持', '始终坚持')}\n特此通知。\n`);
    expect(blocks(await markdownOf(path))).toEqual(['# 关于做好年度工作的通知', '各社会组织党组织：', long, long.replace('坚持', '始终坚持'), '特此通知。']);
  });

  it('the title printed again as the running header of later pages is not kept as text', async () => {
    const dir = scratch();
    const path = join(dir, 'headers.txt');
    writeFileSync(path, '坚持和发展新时代“枫桥经验”\n\n第一段文字，讲的是基层治理的重要性，要求各级党组织\n\n— 1 —\n\n坚持和发展新时代“枫桥经验”\n\n切实担负起责任。\n\n第二段文字。\n\n— 2 —\n\n坚持和发展新时代“枫桥经验”\n\n第三段文字。\n');
    expect(blocks(await markdownOf(path))).toEqual(['# 坚持和发展新时代“枫桥经验”', '第一段文字，讲的是基层治理的重要性，要求各级党组织切实担负起责任。', '第二段文字。', '第三段文字。']);
  });

  it('the running header of our own bulletin goes even where the text has one page break (issue 19)', async () => {
    // As pdftotext gives a two-page article of ours: folio `—1—`, a form feed, the header of the
    // next page (`机构刊名 · 期号`, spaced as pdftotext spaces it), then the text runs on.
    const dir = scratch();
    const path = join(dir, 'own.txt');
    writeFileSync(path, '关于加强社会组织党建工作的意见\n\n第一段文字，讲的是基层治理的重要性。\n\n第二段文字，要求各级党组织\n\n—1—\n\n\f广州市社会组织党组织学习资料 · 2025 年第 12 期\n\n切实担负起责任。\n\n第三段文字。\n\n—2—\n');
    expect(blocks(await markdownOf(path))).toEqual(['# 关于加强社会组织党建工作的意见', '第一段文字，讲的是基层治理的重要性。', '第二段文字，要求各级党组织切实担负起责任。', '第三段文字。']);
  });

  it('a page number on one line with the running header (`学习资料      — 3 —`) goes with it', async () => {
    const dir = scratch();
    const path = join(dir, 'footer.txt');
    writeFileSync(path, '会议公报\n\n第一段文字，讲的是基层治理的重要性，要求各级党组织\n\n学习资料        — 1 —\n\n切实担负起责任。\n\n— 2 —      2026年第1期\n\n第二段文字。\n');
    expect(blocks(await markdownOf(path))).toEqual(['# 会议公报', '第一段文字，讲的是基层治理的重要性，要求各级党组织切实担负起责任。', '第二段文字。']);
  });

  it('a title wrapped over two lines at the top is one title; the byline under it stays a byline', async () => {
    const dir = scratch();
    const path = join(dir, 'wrapped.txt');
    writeFileSync(path, '在全市社会组织党建工作\n会议上的讲话\n\n张 明\n\n同志们：\n\n今天召开全市社会组织党建工作会议。\n');
    expect(blocks(await markdownOf(path))).toEqual(['# 在全市社会组织党建工作会议上的讲话', '张 明', '同志们：', '今天召开全市社会组织党建工作会议。']);
  });

  it('pdftotext -layout of our own pages set with compressed punctuation and headings broken at a phrase: pieces, indents and headings as the source has them', async () => {
    // Lines as pdftotext -layout writes our PDF of source/2025-12.md (three of its pages): a
    // heading broken at the editor's space (四) and one broken at a phrase boundary (三), each
    // going on flush left; quotation marks meeting (1.5 em) written as pieces of a line, one
    // column deeper each; a page where a paragraph's indent comes out as one space.
    const lines = [
      '第十五届全运会',
      '  王毅、黄坤明、谌贻琴等参加会见。',
      '  三、习近平接见全国群众体育先进单位、先进个人代表',
      '和全国体育系统先进集体、先进个人代表',
      '  在第十五届全国运动会即将开幕之际，中共中央总书记、国',
      '家主席、中央军委主席习近平 9 日下午在广州亲切接见全国群众',
      '体育先进单位、先进个人代表和全国体育系统先进集体、先进个',
      '人代表，向他们表示热烈祝贺，勉励他们奋力拼搏、再创佳绩，',
      '为建设体育强国作出新贡献。',
      '  下午 4 时 15 分许，习近平等来到广州白云国际会议中心，全',
      '场响起长时间热烈掌声。习近平向大家挥手致意，不时同代表亲',
      '切交流，并同大家合影留念。',
      '  李鸿忠、张又侠、黄坤明、谌贻琴、王东峰等参加接见。',
      '  四、第十五届全国运动会在广东广州隆重开幕',
      '习近平出席开幕式并宣布运动会开幕',
      '  中华人民共和国第十五届运动会 9 日晚在广东省广州市隆重',
      '开幕。中共中央总书记、国家主席、中央军委主席习近平出席开',
      '幕式并宣布运动会开幕。',
      '  伴随第十五届全运会会歌的旋律，全运会会旗和第十五届全',
      '运会会旗徐徐升起。',
      '  陈艾森、尤俊贤、袁轩云分别代表参加第十五届全运会的运',
      '动员、教练员、裁判员宣誓。',
      '  以《圆梦未来》为主题的文体展演拉开序幕。整个演出由',
      '“同根同源”',
      '     “同心同缘”',
      '          “同梦同圆”3 个篇章组成，创新运用',
      '体育元素、艺术手段和前沿科技，生动诠释了本届全运会“激情',
      '全运会，活力大湾区”的主题。',
      '\f 习近平强调，当前海南要紧盯“海鸥”台风走势，完善有关',
      '措施，切实做好防范和应急处置工作，确保把损失降到最低。',
      ' 中共中央政治局常委、中央办公厅主任蔡奇出席汇报会。',
      ' 何立峰及中央和国家机关有关部门、海南省负责同志参加汇',
      '报会。',
      '',
    ];
    const dir = scratch();
    const path = join(dir, 'compressed.txt');
    writeFileSync(path, lines.join('\n'));
    // The same paragraphs, as the source has them.
    const starts = ['王毅、', '## 三、', '在第十五届全国运动会即将开幕之际', '下午4时15分许', '李鸿忠、张又侠', '## 四、', '中华人民共和国第十五届运动会9日晚', '伴随第十五届', '陈艾森', '以《圆梦未来》', '习近平强调，当前海南', '中共中央政治局常委、中央办公厅主任蔡奇出席汇报会', '何立峰及中央和国家机关有关部门、海南'];
    const source = sourceBlocks('source/2025-12.md');
    const want = starts.map((start) => source.find((b) => b.startsWith(start))!);
    expect(want.every(Boolean)).toBe(true);
    expect(blocks(await markdownOf(path))).toEqual(['# 第十五届全运会', ...want]);
  });

  it('a numbered paragraph that opens with its lead sentence stays a paragraph; a heading filling its line stays a heading', async () => {
    const dir = scratch();
    const path = join(dir, 'lead-ins.txt');
    writeFileSync(
      path,
      [
        '关于加强社会组织党建工作的意见',
        '一、加强社会组织党的组织建设和工作覆盖的总体要求',
        '坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻',
        '党的二十大精神，推动社会组织党建工作高质量发展。',
        '（一）加强组织建设。各级党组织要扩大党的组织覆盖和工',
        '作覆盖，做到应建尽建。',
        '（二）加强队伍建设。选优配强党组织书记，加强党务工作',
        '者培训，提高履职能力。',
        '',
      ].join('\n'),
    );
    expect(blocks(await markdownOf(path))).toEqual([
      '# 关于加强社会组织党建工作的意见',
      '## 一、加强社会组织党的组织建设和工作覆盖的总体要求',
      '坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，推动社会组织党建工作高质量发展。',
      '（一）加强组织建设。各级党组织要扩大党的组织覆盖和工作覆盖，做到应建尽建。',
      '（二）加强队伍建设。选优配强党组织书记，加强党务工作者培训，提高履职能力。',
    ]);
  });

  it('an empty file or a text with nothing but a masthead is refused, naming the file', async () => {
    const dir = scratch();
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    await expect(importFile(empty)).rejects.toThrow(ImportError);
    await expect(importFile(empty)).rejects.toMatchObject({ file: empty, message: expect.stringContaining('is empty') });
    const blank = join(dir, 'blank.txt');
    writeFileSync(blank, '\n \n\u3000\n');
    await expect(importFile(blank)).rejects.toMatchObject({ file: blank, message: expect.stringContaining('empty') });
    const masthead = join(dir, 'masthead.txt');
    writeFileSync(masthead, '广州市社会组织党组织\n\n学习资料\n\n（2025年第12期）\n');
    await expect(importFile(masthead)).rejects.toMatchObject({ file: masthead });
  });

  it('GBK text is decoded; the wording of every paragraph is kept', async () => {
    const dir = scratch();
    const path = join(dir, 'gbk.txt');
    const text = readFileSync(join(FIXTURES, 'speech-copied.txt'), 'utf8');
    writeFileSync(path, encodeGbk(text));
    expect(blocks(await markdownOf(path))).toEqual(SPEECH);
  });
});
