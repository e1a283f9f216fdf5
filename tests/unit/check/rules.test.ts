// One small case per rule: what it must report (with the exact position) and what it must not.
import { describe, expect, it } from 'vitest';
import { checkSource, fixSource, RULES } from '../../../src/check/index.ts';
import { check, doc, FRONT, pairs } from './helpers.ts';

const only = (rule: string, text: string) => check(text, [rule]);
const at = (rule: string, text: string) => only(rule, text).map((d) => [d.line, d.column]);

describe('registry', () => {
  it('every rule has a unique id, a severity and a one-line description', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.description).toMatch(/^[^\n]{10,}$/);
      expect(['error', 'warning']).toContain(r.severity);
    }
  });
});

describe('front-matter', () => {
  it('reports a missing block and keeps checking the rest', () => {
    const found = check('# 标题\n\n正文 11 月。\n');
    expect(pairs(found)).toEqual(['front-matter@1', 'space-around-digit@3', 'space-around-digit@3']);
  });
  it('reports an unknown key, an empty value and bad YAML at their lines', () => {
    expect(at('front-matter', FRONT.replace('date:', 'colour: red\ndate:') + '\n# 甲\n\n乙。\n')).toEqual([[6, 1]]);
    expect(at('front-matter', FRONT.replace('date: 2025年12月', 'date: ""') + '\n# 甲\n\n乙。\n')).toEqual([[6, 1]]);
    expect(only('front-matter', FRONT.replace('issue: 2025年第12期', 'issue: [unclosed') + '\n# 甲\n\n乙。\n')[0]!.line).toBeGreaterThanOrEqual(4);
    expect(only('front-matter', FRONT.replace(/^issue:.*\n/m, '') + '\n# 甲\n\n乙。\n')[0]!.message).toContain('missing required key "issue"');
  });
  it('says so when the block is never closed', () => {
    expect(only('front-matter', '---\norganization: 甲\n\n# 乙\n')[0]!.message).toContain('not closed');
  });
});

describe('structure', () => {
  it('text before the first article, no articles, empty article, duplicate titles', () => {
    expect(at('text-before-article', `${FRONT}\n前言。\n\n# 甲\n\n乙。\n`)).toEqual([[9, 1]]);
    expect(at('no-articles', `${FRONT}\n`)).toHaveLength(1);
    expect(at('empty-article', `${FRONT}\n# 甲\n\n# 乙\n\n丙。\n`)).toEqual([[9, 1]]);
    expect(at('duplicate-title', `${FRONT}\n# 甲 乙\n\n丙。\n\n# 甲乙\n\n丁。\n`)).toEqual([[13, 1]]);
  });
  it('a hand-made 目录: the heading and each dot-leader line', () => {
    expect(at('manual-toc', `${FRONT}\n# 目　录\n\n第一篇文章.....  12\n第二篇……3\n\n# 甲\n\n乙。\n`)).toEqual([[9, 1], [11, 1], [12, 1]]);
    // A row of figures read back from a table (`1\t2`, `2024   1,286`) names no article: no 目录 entry.
    expect(at('manual-toc', `${FRONT}\n# 甲\n\n1\t2\n\n2024   1,286\n\n乙。\n`)).toEqual([]);
    expect(only('manual-toc', doc('他说……12个人到了。\n'))).toEqual([]);
  });
  it('the masthead written as headings', () => {
    expect(at('masthead-in-body', '# 广州市社会组织党组织\n\n## 学习资料\n\n（2025年第12期）\n\n# 甲\n\n乙。\n')).toEqual([[1, 1]]);
    expect(only('masthead-in-body', doc('学习资料很多。\n'))).toEqual([]);
  });
});

describe('split-paragraph and line-break', () => {
  it('a paragraph cut mid-word, with the join as its fix', () => {
    const text = doc('他走进果林，同果农亲切交\n\n流。得知今年金柚丰收。\n');
    const [d] = only('split-paragraph', text);
    expect([d!.line, d!.column]).toEqual([11, 13]);
    expect(d!.fix).toEqual({ range: [d!.fix!.range[0], d!.fix!.range[0] + 2], text: '' });
  });
  it('leaves finished sentences, bylines, list items ending in ；and numbered paragraphs alone', () => {
    expect(only('split-paragraph', doc('习近平\n\n要以科技创新引领产业。\n'))).toEqual([]);
    expect(only('split-paragraph', doc('一是加强党的领导建设；\n\n二是完善制度体系建设。\n'))).toEqual([]);
    expect(only('split-paragraph', doc('主要有以下几个方面的工作\n\n（一）加强领导。\n'))).toEqual([]);
    // A bold subhead of a news page (\`**坚定制度自信，从三方面论述**\`), and a quotation set apart in bold, from the real pages.
    expect(only('split-paragraph', doc('文章分为两大部分。\n\n**坚定中国特色社会主义制度自信，从三方面论述**\n\n习近平在文章中指出，这次全会通过的决定意义重大。\n'))).toEqual([]);
    expect(only('split-paragraph', doc('陈校长走过来拍着他的肩说，\n\n**这个家没了，你在杭州还有一个家。**\n'))).toEqual([]);
    // Emphasis inside a paragraph does not make it a subhead: the cut is still found.
    expect(only('split-paragraph', doc('习近平在文章中指出，这次全会**通过的**决定\n\n全面回答了在我国国家制度上应该坚持什么。\n'))).toHaveLength(1);
    // A numbered item's lead line, and a photo caption with its credit, stand alone.
    expect(only('split-paragraph', doc('1）引入差异项定义\n\n理由：关于问题的描述，业界内不统一。\n'))).toEqual([]);
    expect(only('split-paragraph', doc('图为团队成员为小朋友们授课。王舒悦 供图\n\n历史教育环节温情展开。\n'))).toEqual([]);
    expect(only('split-paragraph', doc('他说：“要加强领导，完善制度。\n\n“要坚持到底。”\n'))).toEqual([]);
  });
  it('soft and hard breaks between hanzi; a short hard-broken line (a signature) is meant', () => {
    const found = only('line-break', doc('中共中央政治局委员、中央政法委书记陈文清在总结讲话中  \n表示，同意。\n\n中共广州市委员会  \n2025年12月\n\n甲乙丙\n丁。\n\nLatin\nwords.\n'));
    expect(found.map((d) => [d.line, d.column, !!d.fix])).toEqual([[11, 27, true], [17, 4, true]]);
  });
});

describe('numbering', () => {
  const heads = (...h: string[]) => doc(h.map((x) => `${x}\n\n正文。\n`).join('\n'));
  it('gaps, repeats and order within an article; sub-levels restart or run on', () => {
    expect(at('numbering', heads('## 一、甲', '## 三、乙'))).toEqual([[15, 1]]);
    expect(at('numbering', heads('## 一、甲', '## 一、乙'))).toEqual([[15, 1]]);
    expect(at('numbering', heads('## 二、甲'))).toEqual([[11, 1]]);
    expect(only('numbering', heads('## 一、甲', '### （一）子', '## 二、乙', '### （一）子', '#### 1. 细', '#### 2. 细'))).toEqual([]);
    expect(only('numbering', heads('## 一、甲', '### （一）子', '## 二、乙', '### （二）子'))).toEqual([]);
    expect(only('numbering', `${heads('## 一、甲', '## 二、乙')}\n# 乙文\n\n## 一、丙\n\n正文。\n`)).toEqual([]);
  });
  it('a dash where a numeral belongs, as a heading or alone', () => {
    const found = only('numbering-dash', heads('## 一、甲', '## —、乙', '—', '## 四、丁'));
    expect(found.map((d) => [d.line, d.message.includes('二'), d.message.includes('三')])).toEqual([[15, true, false], [19, false, true]]);
    expect(only('numbering', heads('## 一、甲', '## —、乙', '—', '## 四、丁'))).toEqual([]);
  });
  it('the same level with different # counts, fixed to the usual count', () => {
    const text = heads('## 一、甲', '## 二、乙', '### 三、丙', '### （一）子');
    const found = only('heading-depth', text);
    expect(found.map((d) => [d.line, d.fix?.text])).toEqual([[19, '##']]);
  });
});

describe('spacing', () => {
  it('spaces around digits, with exact columns', () => {
    expect(at('space-around-digit', doc('新华社广州 11 月 8 日电 正文。\n'))).toEqual([[11, 6], [11, 9], [11, 11], [11, 13]]);
    expect(only('space-around-digit', doc('共有1.4万名运动员，GDP 增长，Python 版本。\n'))).toEqual([]);
  });
  it('spaces between hanzi in paragraphs, but not the dateline, titles or bylines', () => {
    expect(at('space-between-hanzi', doc('改革 开放。\n'))).toEqual([[11, 3]]);
    expect(only('space-between-hanzi', doc('新华社北京11月28日电 中共中央政治局召开会议。\n'))).toEqual([]);
    expect(only('space-between-hanzi', `${FRONT}\n# 甲 乙\n\n## 一、丙 丁\n\n正文。\n`)).toEqual([]);
  });
  it('ideographic spaces: indentation is fixed, a gap inside text only reported', () => {
    const found = only('fullwidth-space', doc('\u3000\u3000正文。\n\n王\u3000毅出席。\n'));
    expect(found.map((d) => [d.line, d.column, !!d.fix])).toEqual([[11, 1, true], [13, 2, false]]);
  });
});

describe('punctuation', () => {
  it('half-width marks between hanzi, with full-width fixes', () => {
    const found = only('halfwidth-punct', doc('离开时,习近平说:好.同意(大家)鼓掌!\n'));
    expect(found.map((d) => [d.column, d.fix?.text])).toEqual([[4, '，'], [9, '：'], [11, '。'], [14, '（大家）'], [20, '！']]);
  });
  it('leaves numbers, Latin text and links alone', () => {
    expect(only('halfwidth-punct', doc('共有1.4万人，见 [链接](https://x.cn/a,b) 和 e.g. (1) Hello, world.\n'))).toEqual([]);
  });
  it('unbalanced pairs within a paragraph; a quote running over paragraphs is fine', () => {
    expect(at('unbalanced-pair', doc('他说“要加强。\n\n审议《关于〈决定〉的说明》。\n\n举措》。\n'))).toEqual([[11, 3], [15, 3]]);
    expect(only('unbalanced-pair', doc('“第一段引文。\n\n“第二段引文。”\n'))).toEqual([]);
  });
  it('a quotation opened in one paragraph and closed in the next is one finding, at the “', () => {
    expect(pairs(only('unbalanced-pair', doc('他说：“要加强学习。\n\n要抓好落实。”会议结束。\n')))).toEqual(['unbalanced-pair@11']);
  });
  it('the dot of an item number in Chinese numerals or stems (甲.) is no misplaced 。', () => {
    expect(only('halfwidth-punct', doc('甲.部分组织制度不健全；\n\n乙.党员作用发挥不够。\n'))).toEqual([]);
    expect(only('halfwidth-punct', doc('制度不健全.党员作用发挥不够。\n'))).toHaveLength(1);
  });
  it('an item number opening a paragraph (Word\'s list numbering as text) closes nothing it should', () => {
    expect(only('unbalanced-pair', doc('1）引入差异项定义\n\n12）增加一条内容\n\na）市级组织\n'))).toEqual([]);
    expect(at('unbalanced-pair', doc('引入）差异项定义\n'))).toEqual([[11, 3]]);
  });
  it('a paragraph cut in two counts as one for the pairs', () => {
    expect(only('unbalanced-pair', doc('（2024年1月31日在二十届中央政治局第十一次集体学习\n\n时的讲话）\n'))).toEqual([]);
  });
});

describe('doubled-word', () => {
  it('reports 升级升级 and 的的', () => {
    expect(at('doubled-word', doc('传统产业升级升级，党的的建设。\n'))).toEqual([[11, 5], [11, 11]]);
  });
  it('leaves years and numbers in Chinese numerals alone (二〇二〇年, 一一〇)', () => {
    expect(only('doubled-word', doc('从二〇二〇年到二〇三五年，拨打一一〇报警。\n'))).toEqual([]);
  });
  it('leaves reduplication alone', () => {
    const ok = '常常看看一一天天人人多多，又甜又美，谢谢星星年年点点滴滴，实实在在，的的确确，不了了之，是是非非，一步一步，目的的实现，进行了了解，现在在学习，一把把钥匙。';
    expect(only('doubled-word', doc(`${ok}\n`))).toEqual([]);
  });
});

describe('undrawable-char', () => {
  it('names each character no configured face covers, with its code point and position', () => {
    const found = checkSource('x.md', doc('王𠮷峰、李祐出席。\n\n又见𠮷。\n'), { rules: ['undrawable-char'] });
    expect(found.map((d) => [d.line, d.column, d.severity])).toEqual([[11, 2, 'error']]);
    expect(found[0]!.message).toContain('U+20BB7');
    expect(found[0]!.message).toContain('line 13');
  });
  it('uses the coverage it is given', () => {
    const found = checkSource('x.md', '甲乙', { rules: ['undrawable-char'], coverage: new Set(['甲'.codePointAt(0)!]) });
    expect(found.map((d) => d.message.slice(0, 6))).toEqual(['U+4E59']);
  });
});

describe('issue 13: damage seen by a new user', () => {
  const heads = (...h: string[]) => doc(h.map((x) => `${x}\n\n正文。\n`).join('\n'));
  it('a dash inside a numeral is numbering-dash, and what follows it is in order', () => {
    const text = heads('## 一、甲', '### （一）子', '## 二、乙', '### （—）子', '### （二）子', '## 三、丙', '## 四、丁', '## 五、戊', '## 六、己', '## 七、庚', '## 八、辛', '## 九、壬', '## 十、癸', '## 十—、甲', '## 十二、乙');
    expect(pairs(check(text, ['numbering', 'numbering-dash']))).toEqual(['numbering-dash@23', 'numbering-dash@63']);
    expect(only('numbering-dash', text).map((d) => d.message.split(':')[0])).toEqual(['"（—）" stands where the section number （一） belongs', '"十—" stands where the section number 十一 belongs']);
  });
  it('a bare numeral garbled into another character, between two bare numerals', () => {
    const text = heads('## 七', '## 八', '## 丸', '## 十');
    expect(pairs(check(text, ['numbering', 'numbering-dash']))).toEqual(['numbering@11', 'numbering-dash@19']);
    expect(check(heads('## 一', '## 二', '## 结语'))).toEqual([]);
  });
  it('a section typed as an article: reported, fixed to the level, and the numbering after it goes on', async () => {
    const text = heads('## 一、甲', '## 二、乙', '# 三、丙', '## 四、丁');
    expect(pairs(check(text))).toEqual(['section-as-article@19']);
    const { text: fixed } = await fixSource('x.md', text);
    expect(fixed).toBe(text.replace('# 三、丙', '## 三、丙'));
    expect(only('section-as-article', `${FRONT}\n# 一、甲\n\n乙。\n\n# 二、丙\n\n丁。\n`)).toEqual([]);
  });
  it('numbered items: a gap or a repeat once, restarts and 1.4万 are fine', () => {
    expect(pairs(only('list-numbering', doc('1. 甲\n2. 乙\n3. 丙\n4. 丁\n6. 戊\n')))).toEqual(['list-numbering@15']);
    expect(pairs(only('list-numbering', doc('1. 甲\n2. 乙\n2. 丙\n4. 丁\n')))).toEqual(['list-numbering@13']);
    expect(only('list-numbering', doc('1.坚持甲。\n\n2.坚持乙。\n\n1.4万人参加。\n\n1. 甲\n2. 乙\n'))).toEqual([]);
  });
  it('the dateline keeps its space before a date, also when a wrap is joined', async () => {
    const text = doc('新华社北京11月15日电 11月16日出版的。\n\n人民日报北京2月20日电\n社会组织是重要力量，我们要加强社会组织党的建设。\n');
    expect(pairs(check(text))).toEqual(['line-break@13']);
    expect((await fixSource('x.md', text)).text).toBe(text.replace('日电\n社会', '日电 社会'));
    expect(only('space-between-hanzi', doc('新华社北京6月10日电（记者 张华）近日。\n'))).toEqual([]);
  });
  it('spaces beside a Latin phrase, in titles and in code are kept', () => {
    expect(only('space-around-digit', `${FRONT}\n# 附件 1\n\n利用 Windows 10 系统，G20 峰会，推进 5G 建设，\`第 1 版\`。\n`)).toEqual([]);
    expect(only('halfwidth-punct', doc('网址是 https://政府.中国/通知.公告 ，见 www.例子.cn 。\n'))).toEqual([]);
  });
  it('page numbers and running headers from a PDF, and a paragraph cut around one', () => {
    const text = doc('会议强调，要坚持问题导向、\n\n— 3 —\n\n逐项抓好整改。\n\n第 2 页\n\n标题\n');
    expect(pairs(check(text))).toEqual(['split-paragraph@11', 'page-artifact@13', 'page-artifact@17']);
    expect(check(text).find((d) => d.rule === 'split-paragraph')!.fix).toBeUndefined();
  });
  it('straight quotes, a closing dot and full-width digits are fixed', async () => {
    const { text } = await fixSource('x.md', doc('他说"学深悟透"，到２０３５年如下.\n'));
    expect(text).toBe(doc('他说“学深悟透”，到2035年如下。\n'));
  });
  it('a straight quote closing a curly one is read as its pair, and a lone one is reported once', async () => {
    const text = doc('他说“要学深悟透"，又说"要落实”。\n\n只有一个"引号。\n');
    expect(pairs(check(text))).toEqual(['halfwidth-punct@11', 'halfwidth-punct@11', 'halfwidth-punct@13']);
    expect((await fixSource('x.md', text)).text).toBe(doc('他说“要学深悟透”，又说“要落实”。\n\n只有一个"引号。\n'));
  });
  it('a short straight pair inside “…” is a quote within a quote, opened and closed the right way, not ” and “', async () => {
    const text = doc('“事主急忙向所谓的"张经理"解释，说自己从未去过北京。”冯警官介绍。\n');
    expect((await fixSource('x.md', text)).text).toBe(doc('“事主急忙向所谓的“张经理”解释，说自己从未去过北京。”冯警官介绍。\n'));
  });
  it('titles: one with no words is an error, one over 60 characters a warning', () => {
    expect(check(`${FRONT}\n# ……\n\n正文。\n`).map((d) => [d.rule, d.line, d.severity])).toEqual([['title-no-text', 9, 'error']]);
    const long = '甲'.repeat(61);
    expect(check(`${FRONT}\n# ${long}\n\n正文。\n`).map((d) => [d.rule, d.line, d.severity])).toEqual([['title-too-long', 9, 'warning']]);
    expect(check(`${FRONT}\n# ${'甲'.repeat(30)} ${'乙'.repeat(30)}\n\n正文。\n`)).toEqual([]);
  });
  it('a duplicate front-matter key is named, at its line', () => {
    const [d] = only('front-matter', FRONT.replace('date:', 'issue: 第二期\ndate:') + '\n# 甲\n\n乙。\n');
    expect([d!.line, d!.message]).toEqual([6, 'front matter: duplicate key "issue" (first at line 4): each key may appear once']);
  });
});

describe('issue 13: more damage from PDF and web copies', () => {
  it('heading marks without a space are fixed; a heading typed as a paragraph is reported and numbered', async () => {
    const text = doc('##一、甲\n\n正文。\n\n二、乙丙\n\n正文。\n\n## 三、丁\n\n正文。\n');
    expect(pairs(check(text))).toEqual(['heading-space@11', 'section-as-paragraph@15']);
    expect((await fixSource('x.md', text)).text).toBe(text.replace('##一', '## 一'));
    expect(only('section-as-paragraph', doc('（一）完善组织体系。\n\n#两会#\n'))).toEqual([]);
  });
  it('numbered items typed one per line get a paragraph break, not a join', async () => {
    const text = doc('主要目标是：\n1.覆盖扩大；\n2.作用发挥。\n');
    expect(pairs(check(text))).toEqual(['line-break@11', 'line-break@12']);
    expect((await fixSource('x.md', text)).text).toBe(doc('主要目标是：\n\n1.覆盖扩大；\n\n2.作用发挥。\n'));
  });
  it('a space or half-width bracket inside a section number is its own fault, not a missing number', async () => {
    const text = doc('## 一、甲\n\n正文。\n\n## 二 、乙\n\n正文。\n\n### (一)丙\n\n正文。\n\n## 三、丁 戊\n\n正文。\n');
    expect(pairs(check(text))).toEqual(['space-between-hanzi@15', 'halfwidth-punct@19']);
    expect((await fixSource('x.md', text)).text).toBe(text.replace('二 、', '二、').replace('(一)', '（一）'));
  });
  it('spaces after an opening bracket before a digit, a doubled dateline space, digit spaces in the front matter', async () => {
    const text = FRONT.replace('issue: 2025年第12期', 'issue: 2025 年第 12 期') + '\n# 甲\n\n（ 2023年9月8日的讲话）\n\n新华社北京11月15日电  11月16日出版。\n';
    expect(pairs(check(text))).toEqual(['space-around-digit@4', 'space-around-digit@4', 'space-around-digit@4', 'space-around-digit@11', 'space-around-digit@13']);
    expect((await fixSource('x.md', text)).text).toBe(FRONT + '\n# 甲\n\n（2023年9月8日的讲话）\n\n新华社北京11月15日电 11月16日出版。\n');
  });
  it('paragraphs indented with spaces or a tab (read as code) lose the indentation', async () => {
    const text = doc('第一段。\n\n    第二段，\n    接着写。\n\n\t第三段。\n\n```\n代码\n```\n');
    expect(pairs(check(text))).toEqual(['indented-paragraph@13']);
    const { text: fixed } = await fixSource('x.md', text);
    expect(fixed).toBe(doc('第一段。\n\n第二段，接着写。\n\n第三段。\n\n```\n代码\n```\n'));
  });
  it('a paragraph that starts with a closing quote continues the one before', () => {
    expect(pairs(only('split-paragraph', doc('“党建做实了，业务也就活了。\n\n”一位负责人说。\n')))).toEqual(['split-paragraph@11']);
  });
  it('a Word 目录: its links, its space leaders and a 目录 paragraph', () => {
    const text = `${FRONT}\n# 甲\n\n目 录\n\n[关于调研报告\t1](#_Toc2031)\n第二篇文章      12\n\n乙。\n`;
    expect(pairs(only('manual-toc', text))).toEqual(['manual-toc@11', 'manual-toc@13', 'manual-toc@14']);
  });
  it('running headers with the publication, the issue or a page number; a number alone', () => {
    // (The top of the first two articles is the masthead's place, not a header's.)
    const text = doc('正文一。\n\n正文二。\n\n正文三。\n\n正文四。\n\n学习资料 2025年第12期\n\n12\n\n正文五。\n\n3 / 12\n');
    expect(pairs(only('page-artifact', text))).toEqual(['page-artifact@19', 'page-artifact@21', 'page-artifact@25']);
  });
  it('doubled phrases and marks; softening reduplication is fine', () => {
    expect(pairs(check(doc('推动高质量发展高质量发展，好，，对。研究研究这件事。\n')))).toEqual(['doubled-word@11', 'doubled-punct@11']);
  });
  it('stray spaces next to full-width marks go; credit lines and 本报讯 keep theirs', async () => {
    const text = doc('要加强 ，提高。 全年60 %。\n\n执笔：张伟  李娜\n\n本报讯 近日，会议召开。\n');
    expect((await fixSource('x.md', text)).text).toBe(doc('要加强，提高。全年60%。\n\n执笔：张伟  李娜\n\n本报讯 近日，会议召开。\n'));
  });
  it('a byline after a publication\'s name (《棱镜》作者 周纯) and a 采写 line keep their spaces and stand alone', async () => {
    const text = doc('《棱镜》作者 周纯\n\n擅长清洗数据的第三方数据行业，这次轮到自己被清洗了。\n\n采写：南都记者 余毅菁 向雪妮\n');
    expect((await fixSource('x.md', text, { rules: ['space-between-hanzi'] })).text).toBe(text);
    expect(only('split-paragraph', text)).toEqual([]);
  });
  it('names in a credit opening a paragraph or closing a caption keep their spaces, and so does the one setting the credit apart from the caption', async () => {
    const text = doc('（职工通讯员 李琴雯 刘会）为深入推进党建工作，医院召开会议。\n\n图为团队成员为小朋友们授课。 王舒悦 供图\n\n新华社记者 张三 摄\n\n会议 强调，要抓落实。\n');
    // (Captions are joined to their neighbours by the split-paragraph repair, which `import` leaves out for Word files and pages.)
    expect((await fixSource('x.md', text, { rules: ['space-between-hanzi'] })).text).toBe(doc('（职工通讯员 李琴雯 刘会）为深入推进党建工作，医院召开会议。\n\n图为团队成员为小朋友们授课。 王舒悦 供图\n\n新华社记者 张三 摄\n\n会议强调，要抓落实。\n'));
  });
});
