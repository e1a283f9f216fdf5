// Word files made in the test with the `docx` library, as an editor's would come: one set with
// heading styles, one formatted by hand (a large bold centred title, bold lead-ins), both with a
// header, a footer with the page number, a comment, a tracked deletion and insertion, runs split
// mid-word, a soft line break and a picture.
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  LevelSuffix,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const changed = { author: '编辑', date: '2025-11-20T10:00:00Z' };

/** The body both files share after their title: what a reader sees. */
function body(lead: (text: string) => Paragraph): Paragraph[] {
  return [
    new Paragraph({ children: [new TextRun('新华社北京11月18日电 中共中央总书记、国家主席、中央军委主席'), new TextRun('习近'), new TextRun('平近日对全面依法治国工作作出重要指示。')] }),
    lead('一、坚持党的领导'),
    new Paragraph({
      children: [
        new TextRun('习近平强调，新征程上，要全面贯彻'),
        new CommentRangeStart(0),
        new TextRun('新时代中国特色社会主义法治思想'),
        new CommentRangeEnd(0),
        new TextRun({ children: [new CommentReference(0)] }),
        new TextRun('，坚持党的领导'),
        new DeletedTextRun({ text: '（删去的字）', id: 1, ...changed }),
        new TextRun('、人民当家作主、依法治国有机统一。'),
      ],
    }),
    lead('（一）加强法治工作队伍建设'),
    new Paragraph({ children: [new TextRun('各级党委（党组）要担负主体责任，'), new TextRun({ text: '抓好法治领域重大部署', break: 1 }), new InsertedTextRun({ text: '、重要任务', id: 2, ...changed }), new TextRun('、重点工作落实。')] }),
    new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 40, height: 40 }, altText: { name: '会场', description: '会场', title: '会场' } })] }),
    new Paragraph({ children: [new TextRun('（2025年11月18日）')] }),
  ];
}

function document(title: Paragraph[], lead: (text: string) => Paragraph): Document {
  return new Document({
    comments: { children: [{ id: 0, author: '编辑', date: new Date('2025-11-20T10:00:00Z'), children: [new Paragraph('批注：核对原文')] }] },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('学习资料 页眉')] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] }) },
        children: [...title, ...body(lead)],
      },
    ],
  });
}

/** Title in Heading 1, sections in Heading 2 and 3. */
export function styledDocx(): Promise<Buffer> {
  return Packer.toBuffer(
    document([new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('习近平对全面依法治国'), new TextRun('工作作出重要指示')] })], (text) =>
      new Paragraph({ heading: text.startsWith('（') ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2, text }),
    ),
  );
}

/** No styles at all: the title large, bold and centred; sections bold lead-ins; body 16 pt. */
export function handFormattedDocx(): Promise<Buffer> {
  return Packer.toBuffer(
    document(
      [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '习近平对全面依法治国', bold: true, size: 44 }), new TextRun({ text: '工作作出重要指示', bold: true, size: 44 })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '新华社', size: 32 })] }),
      ],
      (text) => new Paragraph({ children: [new TextRun({ text, bold: true, size: 32 })] }),
    ),
  );
}

/** Two articles formatted by hand in one file: each title centred in 22 pt, the body in the style's size. */
export function twoArticlesDocx(): Promise<Buffer> {
  const title = (text: string, bold: boolean) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold, size: 44 })] });
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            title('习近平致信祝贺中国志愿服务联合会第三届会员代表大会召开', true),
            new Paragraph('新华社北京11月28日电 在中国志愿服务联合会第三届会员代表大会召开之际，习近平发来贺信。'),
            new Paragraph('中国志愿服务联合会成立于2013年12月。'),
            title('因地制宜发展新质生产力', false),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '习近平', size: 32 })] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '一', size: 32 })] }),
            new Paragraph('要以科技创新引领产业全面振兴。'),
            new Paragraph('（2023年9月8日在黑龙江考察时的讲话）'),
          ],
        },
      ],
    }),
  );
}

/** Sections numbered by Word's own list numbering: the numerals are not in the text. */
export function autoNumberedDocx(): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      numbering: { config: [{ reference: 'cn', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT }] }] },
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, text: '关于加强社会组织党建工作的意见' }),
            new Paragraph({ heading: HeadingLevel.HEADING_2, text: '总体要求', numbering: { reference: 'cn', level: 0 } }),
            new Paragraph('坚持党的全面领导。'),
          ],
        },
      ],
    }),
  );
}

/** A title set by hand over two centred lines, then the text. */
export function twoLineTitleDocx(): Promise<Buffer> {
  const line = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, bold: true, size: 44 })] });
  return Packer.toBuffer(new Document({ sections: [{ children: [line('中共中央政治局召开会议'), line('中共中央总书记习近平主持会议'), new Paragraph('新华社北京11月28日电 中共中央政治局11月28日召开会议。')] }] }));
}

/**
 * A notice numbered by Word throughout, in the formats Chinese documents use: `一、` and `（一）`
 * sections, `1）` items that start again in a new list, `①`, `甲、`, `a)`, `第十一条` (starting at
 * 11, a space after it), `第一章` with a legal-style `1.1` under it, a list numbered through its
 * paragraph style, and bullets (no text of their own). Each paragraph's text is what Word shows.
 */
export function numberedDocx(): Promise<Buffer> {
  const left = AlignmentType.LEFT;
  const item = (reference: string, level: number, text: string, instance?: number) =>
    new Paragraph({ numbering: { reference, level, ...(instance === undefined ? {} : { instance }) }, children: [new TextRun(text)] });
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            reference: 'sections',
            levels: [
              { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: left },
              { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: left },
              { level: 2, format: LevelFormat.DECIMAL, text: '%3.', alignment: left },
            ],
          },
          { reference: 'items', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1）', alignment: left }] },
          { reference: 'circled', levels: [{ level: 0, format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: '%1', alignment: left }] },
          { reference: 'stems', levels: [{ level: 0, format: LevelFormat.IDEOGRAPH_TRADITIONAL, text: '%1、', alignment: left }] },
          {
            reference: 'letters',
            levels: [
              { level: 0, format: LevelFormat.LOWER_LETTER, text: '%1)', alignment: left },
              { level: 1, format: LevelFormat.UPPER_ROMAN, text: '%2.', alignment: left },
            ],
          },
          { reference: 'articles', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING_THOUSAND, text: '第%1条', start: 11, suffix: LevelSuffix.SPACE, alignment: left }] },
          {
            reference: 'chapters',
            levels: [
              { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '第%1章', suffix: LevelSuffix.SPACE, alignment: left },
              { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', isLegalNumberingStyle: true, alignment: left },
            ],
          },
          { reference: 'styled', levels: [{ level: 0, format: LevelFormat.UPPER_LETTER, text: '%1.', alignment: left }] },
          { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '−', alignment: left }] },
        ],
      },
      styles: { paragraphStyles: [{ id: 'StepItem', name: 'Step Item', basedOn: 'Normal', paragraph: { numbering: { reference: 'styled', level: 0 } } }] },
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '关于开展社会组织党建工作专项检查的通知', bold: true, size: 44 })] }),
            item('sections', 0, '检查范围'),
            new Paragraph('全市登记的社会组织。'),
            item('items', 0, '党组织覆盖情况；', 1),
            item('items', 0, '党建工作制度落实情况。', 1),
            item('sections', 0, '检查内容'),
            item('sections', 1, '组织建设'),
            item('items', 0, '支部设置；', 2),
            item('items', 0, '换届选举。', 2),
            item('sections', 1, '队伍建设'),
            item('sections', 2, '书记配备'),
            item('sections', 2, '党员发展'),
            item('circled', 0, '自查'),
            item('circled', 0, '抽查'),
            item('circled', 0, '通报'),
            item('stems', 0, '甲类组织'),
            item('stems', 0, '乙类组织'),
            item('letters', 0, '市级组织'),
            item('letters', 1, '行业协会'),
            item('letters', 1, '学术团体'),
            item('letters', 0, '区级组织'),
            item('letters', 1, '社区组织'),
            item('articles', 0, '检查结果纳入年度考核。'),
            item('articles', 0, '本通知自印发之日起施行。'),
            item('chapters', 0, '总则'),
            item('chapters', 1, '工作要求'),
            item('chapters', 1, '工作纪律'),
            new Paragraph({ style: 'StepItem', children: [new TextRun('制定方案')] }),
            new Paragraph({ style: 'StepItem', children: [new TextRun('组织实施')] }),
            item('bullets', 0, '按时报送材料'),
            item('sections', 0, '工作要求'),
            new Paragraph('请各单位认真落实。'),
          ],
        },
      ],
    }),
  );
}
