// Word's list numbering as text, on numbering definitions written here by hand (what the `docx`
// library cannot write: lvlRestart, a whole level overridden, a numbering style's link), with the
// numbers Word shows written out by hand.
import { describe, expect, it } from 'vitest';
import { formatNumber, labelSeparator, Numbering } from '../../../src/import/docx-numbering.ts';
import { kids, parseXml, Styles } from '../../../src/import/docx-word.ts';

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const lvl = (ilvl: number, fmt: string, text: string, extra = '') => `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;

/** The labels Word shows for a run of paragraphs `[numId, ilvl]` (or a paragraph style id). */
function labels(numbering: string, paragraphs: Array<[string, number] | string>, styles = ''): string[] {
  const styleSet = new Styles(parseXml(`<w:styles ${NS}>${styles}</w:styles>`, 'styles'));
  const list = new Numbering(parseXml(`<w:numbering ${NS}>${numbering}</w:numbering>`, 'numbering'), styleSet);
  const body = paragraphs
    .map((p) => (typeof p === 'string' ? `<w:p><w:pPr><w:pStyle w:val="${p}"/></w:pPr></w:p>` : `<w:p><w:pPr><w:numPr><w:ilvl w:val="${p[1]}"/><w:numId w:val="${p[0]}"/></w:numPr></w:pPr></w:p>`))
    .join('');
  const doc = parseXml(`<w:document ${NS}><w:body>${body}</w:body></w:document>`, 'document');
  const ps = kids(kids(doc.documentElement as never, 'body')[0], 'p');
  return ps.map((p) => {
    const label = list.label(p);
    return label ? label.text + labelSeparator(label) : '';
  });
}

describe("Word's number formats", () => {
  it('writes each format as Word shows it', () => {
    const cases: Array<[string, number, string]> = [
      ['decimal', 12, '12'],
      ['decimalZero', 7, '07'],
      ['upperLetter', 28, 'BB'],
      ['lowerLetter', 3, 'c'],
      ['upperRoman', 14, 'XIV'],
      ['lowerRoman', 9, 'ix'],
      ['chineseCounting', 1, '一'],
      ['chineseCounting', 10, '十'],
      ['chineseCounting', 11, '十一'],
      ['chineseCounting', 20, '二十'],
      ['chineseCountingThousand', 101, '一百零一'],
      ['chineseCountingThousand', 1010, '一千零一十'],
      ['japaneseCounting', 3, '三'],
      ['chineseLegalSimplified', 12, '壹拾贰'],
      ['ideographTraditional', 3, '丙'],
      ['ideographZodiac', 1, '子'],
      ['ideographDigital', 2025, '二〇二五'],
      ['decimalEnclosedCircle', 3, '③'],
      ['decimalEnclosedCircle', 21, '㉑'],
      ['decimalEnclosedCircleChinese', 20, '⑳'],
      ['decimalEnclosedParen', 2, '⑵'],
      ['decimalEnclosedFullstop', 5, '⒌'],
      ['decimalFullWidth', 15, '１５'],
      ['none', 4, ''],
      // Beyond what Word counts in letters or Roman numerals: digits (and never a runaway label).
      ['upperLetter', 100000, '100000'],
      ['lowerRoman', 1000000, '1000000'],
    ];
    for (const [format, n, shown] of cases) expect([format, n, formatNumber(n, format)]).toEqual([format, n, shown]);
  });
});

describe("Word's list counters", () => {
  it('a level restarts after a higher one, unless lvlRestart says otherwise (0: never)', () => {
    const xml = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'decimal', '%2.', '<w:lvlRestart w:val="0"/>')}${lvl(2, 'decimal', '（%3）')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    expect(labels(xml, [['1', 0], ['1', 1], ['1', 2], ['1', 2], ['1', 0], ['1', 1], ['1', 2]])).toEqual(['一、', '1.', '（1）', '（2）', '二、', '2.', '（1）']);
  });

  it('two nums of one abstract numbering are one list; a start override begins it afresh; a level overridden whole', () => {
    const xml =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1）')}</w:abstractNum>` +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
      `<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">${lvl(0, 'upperLetter', '%1.').replace('<w:start w:val="1"/>', '<w:start w:val="3"/>')}</w:lvlOverride></w:num>`;
    expect(labels(xml, [['1', 0], ['1', 0], ['2', 0], ['3', 0], ['3', 0], ['4', 0]])).toEqual(['1）', '2）', '3）', '1）', '2）', 'C.']);
  });

  it('legal style shows the higher levels in Arabic numerals; a word-ending label takes a space, punctuation none, suff nothing none', () => {
    const xml = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '第%1章')}${lvl(1, 'decimal', '%1.%2', '<w:isLgl/>')}${lvl(2, 'decimal', '%1.%2.%3', '<w:isLgl/><w:suff w:val="nothing"/>')}</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>`;
    expect(labels(xml, [['5', 0], ['5', 1], ['5', 2], ['5', 0], ['5', 1]])).toEqual(['第一章 ', '1.1 ', '1.1.1', '第二章 ', '2.1 ']);
  });

  it('numbering through a paragraph style, and through a numbering style link; numId 0 and bullets show nothing', () => {
    const xml =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '（%1）')}</w:abstractNum>` +
      '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>' +
      `<w:abstractNum w:abstractNumId="2">${lvl(0, 'bullet', '●')}</w:abstractNum>` +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>';
    const styles =
      '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="小节"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '<w:style w:type="numbering" w:styleId="ListStyle"><w:name w:val="List Style"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
    expect(labels(xml, ['Sub', 'Sub', ['2', 0], ['0', 0], ['3', 0]], styles)).toEqual(['（一）', '（二）', '（三）', '', '']);
  });
});
