// The body elements' checker rules (src/check/rules/elements.ts) and the recognisers they share with
// the transform (src/transform/element-text.ts): a damaged notice with its faults keyed by hand
// (rule and line, counted in the text below), and the right look-alikes that must stay unreported.
import { describe, expect, it } from 'vitest';
import { closingLines, implicitLeadIn, isSalutation, readDate, attachmentList } from '../../../src/transform/element-text.ts';
import { check, doc, pairs } from './helpers.ts';

const RULE_IDS = ['unparsed-emphasis', 'unparsed-table', 'table-too-wide', 'footnote-without-note', 'footnote-uncalled', 'invalid-date', 'split-paragraph', 'line-break'];

// Line 11 is the body's first line (helpers.ts: doc()).
const DAMAGED = doc(`各区社会组织党委：

（一）** 加强政治引领。**各级党组织要加强学习。

| 区 | 社会组织数 |
| 越秀区 | 1,286 |

| 区 | 社会组织数 |
|---|---|---|
| 越秀区 | 1,286 |

| 代码一 | 代码二 | 代码三 | 代码四 | 代码五 |
|---|---|---|---|---|
| 91440101MA5CXXXX1A | 91440101MA5CXXXX2B | 91440101MA5CXXXX3C | 91440101MA5CXXXX4D | 91440101MA5CXXXX5E |

党的领导是最本质的特征[^1]。

附件：1. 工作方案
2. 测评表

中共广州市社会组织委员会
2025年2月30日

[^2]: 这条注释没有被正文引用。
`);

// Faults, by hand: the `**` pair with a space inside (line 13, both marks); the table with no
// delimiter row (15) and the one whose delimiter row has a cell too many (18); five 18-character
// credit codes that cannot break (22); the footnote call with no note (26); February 30th (32);
// the note nothing calls (34, a warning).
const KEY = ['unparsed-emphasis@13', 'unparsed-emphasis@13', 'unparsed-table@15', 'unparsed-table@18', 'table-too-wide@22', 'footnote-without-note@26', 'invalid-date@32', 'footnote-uncalled@34'];

// Right look-alikes, by hand: emphasis next to CJK punctuation, a table that fits, a footnote with
// its note, attachments one per line, issuer and date one per line (Arabic and Chinese numerals).
const CLEAN = doc(`同志们：

（一）**加强政治引领。**各级党组织要加强学习，一是**强化责任落实**，二是*完善考核机制*。

| 区 | 年度 | 社会组织数 | 党组织数 | 党员人数 | 覆盖率（%） |
|---|---|---|---|---|---|
| 越秀区 | 2025 | 1,324 | 437 | 3,288 | 97.1 |

党的领导是最本质的特征[^1]。

附件：1. 2025年度社会组织党组织书记抓党建述职评议工作方案
      2. 社会组织党组织书记抓党建工作述职评议测评表

中共广州市社会组织委员会

2025年12月1日

# 一封信

全市社会组织广大共产党员：

新年将至，致以新春的祝福和崇高的敬意！

中共广州市社会组织委员会
二〇二五年十二月二十五日

[^1]: 习近平：《在庆祝中国共产党成立100周年大会上的讲话》。
`);

describe('body element rules', () => {
  it('report each planted fault at its line, and nothing else of theirs', () => {
    const found = check(DAMAGED, RULE_IDS).filter((d) => !['split-paragraph', 'line-break'].includes(d.rule!));
    expect(pairs(found).sort()).toEqual([...KEY].sort());
    for (const d of found) expect(d.severity).toBe(d.rule === 'footnote-uncalled' ? 'warning' : 'error');
  });

  it('leave the right look-alikes alone, and split-paragraph and line-break leave attachments and closings alone', () => {
    expect(pairs(check(CLEAN, RULE_IDS))).toEqual([]);
  });
});

describe('recognisers', () => {
  it('read dates, valid or not', () => {
    expect(readDate('2025年12月1日')).toEqual({ year: 2025, month: 12, day: 1, valid: true });
    expect(readDate('二〇二五年十二月二十五日')).toEqual({ year: 2025, month: 12, day: 25, valid: true });
    expect(readDate('二〇二四年二月二十九日')?.valid).toBe(true);
    expect(readDate('二〇二五年二月二十九日')?.valid).toBe(false);
    expect(readDate('2025年13月1日')?.valid).toBe(false);
    expect(readDate('2025年12月')).toBeUndefined();
    expect(readDate('截至2025年12月1日')).toBeUndefined();
  });

  it('tell closings, salutations, lead-ins and attachment lists from body text', () => {
    expect(closingLines(['中共广州市社会组织委员会', '2025年12月1日'])).toEqual({ issuers: ['中共广州市社会组织委员会'], date: '2025年12月1日' });
    expect(closingLines(['会议要求，各单位抓好落实。', '2025年12月1日'])).toBeUndefined();
    expect(isSalutation('各区社会组织党委，各市级社会组织党组织：')).toBe(true);
    expect(isSalutation('会议指出：')).toBe(false);
    expect(isSalutation('新华社北京12月1日电 习近平指出：')).toBe(false);
    expect(isSalutation('全市社会组织广大共产党员：')).toBe(true);
    // `特此通知` typed without its full stop is no issuer.
    expect(closingLines(['特此通知', '中共广州市社会组织委员会', '2025年12月1日'])).toBeUndefined();
    expect(closingLines(['中共广州市社会组织委员会', '2025年12月1日'])?.issuers).toHaveLength(1);
    expect(isSalutation('会议指出，要加强学习。具体如下：')).toBe(false);
    expect(implicitLeadIn('（一）坚持和加强党的全面领导。坚持党中央…')).toBe('（一）坚持和加强党的全面领导。'.length);
    expect(implicitLeadIn('1.汇总通报。各单位…')).toBe('1.汇总通报。'.length);
    // No text after the sentence: a heading typed as a paragraph, not a lead-in.
    expect(implicitLeadIn('（一）坚持和加强党的全面领导。')).toBeUndefined();
    // A first sentence too long for the first line is no lead-in.
    expect(implicitLeadIn('一是要坚持以习近平新时代中国特色社会主义思想为指导全面贯彻落实党的二十大精神。各级…')).toBeUndefined();
    expect(attachmentList(['附件：1. 工作方案', '2. 测评表'])).toEqual([
      { number: '1.', name: '工作方案' },
      { number: '2.', name: '测评表' },
    ]);
    expect(attachmentList(['附件：2025年度工作方案'])).toEqual([{ number: '', name: '2025年度工作方案' }]);
  });
});
