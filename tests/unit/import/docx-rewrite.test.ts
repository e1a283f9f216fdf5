// The Word-specific passes before mammoth, on files made here with the `docx` library: bold from a
// style reaches mammoth as <strong>, a picture opening its caption's paragraph comes before the
// caption, a cover table gives way to its title, a salutation is never a title.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import mammoth from 'mammoth';
import { describe, expect, it, vi } from 'vitest';
import { rewriteDocx } from '../../../src/import/docx-rewrite.ts';
import { docxParts, readZip } from '../../../src/import/docx-zip.ts';
import { importFile, importedMarkdown } from '../../../src/import/index.ts';
import { blocks, scratch } from './helpers.ts';
import { PNG } from './make-docx.ts';

async function html(bytes: Buffer): Promise<string> {
  const entries = readZip(bytes);
  const rewritten = rewriteDocx(entries);
  return (await mammoth.convertToHtml({ file: docxParts(entries, rewritten.replaced) } as never, { styleMap: ['p.BulletinTitle => h1:fresh'] })).value;
}

async function imported(bytes: Buffer, title?: string) {
  const path = join(scratch(), 'x.docx');
  writeFileSync(path, bytes);
  return blocks(await importedMarkdown([await importFile(path, { taken: new Set(), title })]));
}

const run = (text: string, size = 32) => new TextRun({ text, size });

describe('the Word passes before mammoth', () => {
  it('bold set by a paragraph style reaches mammoth as <strong>, like bold set on the run', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        styles: { paragraphStyles: [{ id: 'Lead', name: '加粗正文', basedOn: 'Normal', run: { bold: true } }] },
        sections: [{ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '标题', bold: true, size: 44 })] }), new Paragraph({ style: 'Lead', children: [run('坚持党的领导。')] }), new Paragraph({ children: [run('一是'), new TextRun({ text: '强化责任', bold: true, size: 32 }), run('。')] })] }],
      }),
    );
    const out = await html(bytes);
    expect(out).toContain('<strong>坚持党的领导。</strong>');
    expect(out).toContain('一是<strong>强化责任</strong>。');
  });

  it('a picture that opens its caption\'s paragraph comes before the caption, as its own block', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '活动纪实', bold: true, size: 44 })] }),
              new Paragraph({ children: [run('活动在社区举行。')] }),
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 40, height: 40 } }), run('图为活动现场。 张三 摄')] }),
              new Paragraph({ children: [run('大家积极参与。')] }),
            ],
          },
        ],
      }),
    );
    expect(await imported(bytes)).toEqual(['# 活动纪实', '活动在社区举行。', '![](x-1.png)', '图为活动现场。 张三 摄', '大家积极参与。']);
  });

  it('a cover page in a layout table gives its title from its large lines; its placeholder goes, its other lines stay', async () => {
    const cell = (lines: Array<[string, number]>) => new TableCell({ children: lines.map(([text, size]) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, size })] })) });
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Table({ rows: [new TableRow({ children: [cell([['GB/T XXXXX—20XX', 28]])] }), new TableRow({ children: [cell([['社会组织党建工作规范', 44], ['编制说明', 52]])] }), new TableRow({ children: [cell([['（征求意见稿）', 28]])] })] }),
              new Paragraph({ children: [run('本标准由民政部提出。', 24)] }),
              new Paragraph({ children: [run('本标准起草单位：某某研究院。', 24)] }),
            ],
          },
        ],
      }),
    );
    expect(await imported(bytes)).toEqual(['# 社会组织党建工作规范 编制说明', '（征求意见稿）', '本标准由民政部提出。', '本标准起草单位：某某研究院。']);
  });

  it('a salutation is never a title: a file that opens with one is refused; with --title it stays the first paragraph', async () => {
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [run('同志们：')] }), new Paragraph({ children: [run('现在，我代表党委作工作报告。')] })] }] }));
    await expect(imported(bytes)).rejects.toThrow(/no title with confidence.*--title/);
    expect(await imported(bytes, '工作报告')).toEqual(['# 工作报告', '同志们：', '现在，我代表党委作工作报告。']);
  });

  it('a title on the first line with no formatting at all, before a longer paragraph, is the title', async () => {
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('街道党建工作总结'), new Paragraph('今年以来，街道党工委坚持以党建引领基层治理。')] }] }));
    expect(await imported(bytes)).toEqual(['# 街道党建工作总结', '今年以来，街道党工委坚持以党建引领基层治理。']);
  });

  it('a damaged XML part is named in the error, and nothing is printed to the console', () => {
    const entries = new Map([['word/document.xml', { method: 0, data: new TextEncoder().encode('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>') }]]);
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => void errors.push(args));
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args) => void errors.push(args));
    expect(() => rewriteDocx(entries)).toThrow(/word\/document\.xml is damaged: unclosed/);
    spy.mockRestore();
    warn.mockRestore();
    expect(errors).toEqual([]);
  });

  it('an official document\'s 版头 (issuer 文件, document number) is not the title: the title under it is, and the 版头 lines stay as text', async () => {
    const centred = (text: string, size: number, bold = false) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, size, bold, color: size > 40 ? 'FF0000' : undefined })] });
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              centred('中共广州市社会组织委员会文件', 52),
              centred('穗社组党〔2025〕5号', 32),
              centred('关于做好2026年元旦春节期间', 44),
              centred('社会组织党建工作的通知', 44),
              new Paragraph({ children: [run('各区社会组织党委：')] }),
              new Paragraph({ children: [run('现将有关事项通知如下。')] }),
            ],
          },
        ],
      }),
    );
    expect(await imported(bytes)).toEqual(['# 关于做好2026年元旦春节期间 社会组织党建工作的通知', '中共广州市社会组织委员会文件', '穗社组党〔2025〕5号', '各区社会组织党委：', '现将有关事项通知如下。']);
  });

  it('heading styles named as WPS names them (标题 1, 标题 2) are the title and sections', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        styles: { paragraphStyles: [{ id: 'CnH1', name: '标题 1', basedOn: 'Normal' }, { id: 'CnH2', name: '标题 2', basedOn: 'Normal' }] },
        sections: [{ children: [new Paragraph({ style: 'CnH1', children: [run('社区党建工作简报')] }), new Paragraph({ style: 'CnH2', children: [run('工作动态')] }), new Paragraph({ children: [run('本月共开展活动十二场。')] })] }],
      }),
    );
    expect(await imported(bytes)).toEqual(['# 社区党建工作简报', '## 工作动态', '本月共开展活动十二场。']);
  });
});
