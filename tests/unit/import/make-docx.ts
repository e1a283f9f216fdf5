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
