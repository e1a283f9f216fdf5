// Held-out Word files, written before the Word import was tuned on them and measured once at the
// end (binary .docx files of public repositories cannot be fetched here, so these are generated,
// modelled on real notices and study reports): what Word shows for each paragraph is in
// tests/fixtures/import-docx-real/held-out/*.key.json, written by hand from this file.
import { AlignmentType, Document, ImageRun, LevelFormat, LevelSuffix, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { PNG } from './make-docx.ts';

const left = AlignmentType.LEFT;

/**
 * A 通知 as Party offices write them: a title over two centred lines set large (not bold), the
 * addressees, sections numbered by a paragraph style (`一、`, bold from the style), run-in
 * sub-sections numbered `（一）` on the paragraph, items `1.` that start again in each section, a
 * table, attachments, and the issuer and date set right.
 */
export function heldOutNotice(): Promise<Buffer> {
  const body = (text: string | TextRun[]) => new Paragraph({ children: typeof text === 'string' ? [new TextRun({ text, size: 32 })] : text });
  const sub = (text: string) => new Paragraph({ numbering: { reference: 'notice', level: 1 }, children: [new TextRun({ text, size: 32 })] });
  const item = (text: string, instance: number) => new Paragraph({ numbering: { reference: 'items', level: 0, instance }, children: [new TextRun({ text, size: 32 })] });
  const cell = (text: string) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, size: 28 })] })] });
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            reference: 'notice',
            levels: [
              { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: left, suffix: LevelSuffix.NOTHING },
              { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: left, suffix: LevelSuffix.NOTHING },
            ],
          },
          { reference: 'items', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: left }] },
        ],
      },
      styles: {
        paragraphStyles: [{ id: 'Level1', name: '一级标题', basedOn: 'Normal', run: { bold: true, size: 32 }, paragraph: { numbering: { reference: 'notice', level: 0 } } }],
      },
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '关于开展2025年度全市社会组织', size: 44 })] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '党组织书记抓党建工作述职评议的通知', size: 44 })] }),
            body('各区社会组织党委，各市级社会组织党组织：'),
            body('为深入贯彻落实全面从严治党要求，压实党建工作责任，经研究，决定开展2025年度全市社会组织党组织书记抓党建工作述职评议工作。现将有关事项通知如下：'),
            new Paragraph({ style: 'Level1', children: [new TextRun('述职评议范围')] }),
            sub('述职对象。全市各级社会组织党组织书记，重点是行业协会商会党组织书记。'),
            sub('评议主体。由上级党组织负责人、党员代表和群众代表组成评议组。'),
            new Paragraph({ style: 'Level1', children: [new TextRun('述职评议内容')] }),
            item('履行党建工作第一责任人职责情况；', 1),
            item('推动党的组织和工作有效覆盖情况；', 1),
            item('发挥政治引领作用情况。', 1),
            body([new TextRun({ text: '各单位要做到', size: 32 }), new TextRun({ text: '一是强化责任落实', size: 32, bold: true }), new TextRun({ text: '，', size: 32 }), new TextRun({ text: '二是完善考核机制', size: 32, bold: true }), new TextRun({ text: '。', size: 32 })]),
            new Paragraph({ style: 'Level1', children: [new TextRun('时间安排')] }),
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [
                new TableRow({ children: [cell('阶段'), cell('时间'), cell('内容')] }),
                new TableRow({ children: [cell('准备'), cell('12月10日前'), cell('制定方案')] }),
                new TableRow({ children: [cell('述职'), cell('12月20日前'), cell('现场述职')] }),
              ],
            }),
            item('各区社会组织党委于12月10日前报送述职名单；', 2),
            item('市级社会组织党组织于12月15日前报送述职报告。', 2),
            new Paragraph({ style: 'Level1', children: [new TextRun('工作要求')] }),
            sub('高度重视。各单位要把述职评议作为重要政治任务抓紧抓实。'),
            sub('注重实效。坚持问题导向，防止走过场。'),
            body('联系人：陈明，电话：83123456。'),
            body('附件：1.述职评议表'),
            body('2.述职名单汇总表'),
            new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: '中共广州市社会组织委员会', size: 32 })] }),
            new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: '2025年12月1日', size: 32 })] }),
          ],
        },
      ],
    }),
  );
}

/**
 * A study report from a unit: the title on the first line with no formatting at all, a credit
 * line opening the text, a photo in a paragraph of its own above its centred caption, a second
 * photo sharing its caption's paragraph, circled and 甲乙 items, and chapter-style numbering with
 * legal sub-numbers in Heading 2 and Heading 3.
 */
export function heldOutReport(): Promise<Buffer> {
  const photo = () => new ImageRun({ type: 'png', data: PNG, transformation: { width: 60, height: 40 } });
  const p = (text: string) => new Paragraph(text);
  return Packer.toBuffer(
    new Document({
      numbering: {
        config: [
          {
            reference: 'chapters',
            levels: [
              { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: left },
              { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: left, suffix: LevelSuffix.SPACE },
            ],
          },
          { reference: 'circled', levels: [{ level: 0, format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: '%1', alignment: left }] },
          { reference: 'stems', levels: [{ level: 0, format: LevelFormat.IDEOGRAPH_TRADITIONAL, text: '%1.', alignment: left }] },
        ],
      },
      sections: [
        {
          children: [
            p('街道社会组织党建工作调研报告'),
            p('（通讯员 张明 李华）为全面掌握辖区社会组织党建工作情况，街道党工委于11月组织开展专题调研，现将有关情况报告如下。'),
            new Paragraph({ heading: 'Heading2', numbering: { reference: 'chapters', level: 0 }, children: [new TextRun('基本情况')] }),
            p('辖区共有登记社会组织86家，已建立党组织31个，党员312名。'),
            new Paragraph({ children: [photo()] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('图为调研组在社区社会组织座谈。 王芳 摄')] }),
            new Paragraph({ heading: 'Heading3', numbering: { reference: 'chapters', level: 1 }, children: [new TextRun('组织覆盖')] }),
            p('调研发现，党组织覆盖主要有三种方式：'),
            new Paragraph({ numbering: { reference: 'circled', level: 0 }, children: [new TextRun('单独组建；')] }),
            new Paragraph({ numbering: { reference: 'circled', level: 0 }, children: [new TextRun('联合组建；')] }),
            new Paragraph({ numbering: { reference: 'circled', level: 0 }, children: [new TextRun('选派党建指导员。')] }),
            new Paragraph({ heading: 'Heading3', numbering: { reference: 'chapters', level: 1 }, children: [new TextRun('工作成效')] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [photo(), new TextRun('图为党员志愿者参与社区服务。 李强 供图')] }),
            p('各党组织围绕中心工作开展活动120余场，服务群众5000余人次。'),
            new Paragraph({ heading: 'Heading2', numbering: { reference: 'chapters', level: 0 }, children: [new TextRun('存在问题')] }),
            new Paragraph({ numbering: { reference: 'stems', level: 0 }, children: [new TextRun('部分组织党建工作制度不健全；')] }),
            new Paragraph({ numbering: { reference: 'stems', level: 0 }, children: [new TextRun('党员作用发挥不够充分。')] }),
            new Paragraph({ heading: 'Heading3', numbering: { reference: 'chapters', level: 1 }, children: [new TextRun('原因分析')] }),
            p('主要原因是社会组织人员流动性大，党务工作者力量不足。'),
          ],
        },
      ],
    }),
  );
}
