// The block model shared with the Word reader (mammoth's HTML goes through blocks.ts too): a Word
// table becomes a GFM table and a bold run inside a paragraph `**…**`, its soft line breaks still
// joined. The Word file is written in the test with the `docx` library.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { importFile, importedMarkdown } from '../../../src/import/index.ts';
import { blocks, scratch } from './helpers.ts';

const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

describe('Word through the shared block model', () => {
  it('a table and a bold run in a paragraph', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: '全市社会组织党建工作情况', bold: true, size: 44 })], alignment: 'center' }),
            new Paragraph({ children: [new TextRun('各级党组织要做到一是'), new TextRun({ text: '强化责任落实', bold: true }), new TextRun('，二是完善考核机制，'), new TextRun({ text: '', break: 1 }), new TextRun('确保各项任务按时完成。')] }),
            new Table({ rows: [new TableRow({ children: [cell('区'), cell('社会组织数')] }), new TableRow({ children: [cell('越秀区'), cell('1200')] })] }),
          ],
        },
      ],
    });
    const path = join(scratch(), 'table.docx');
    writeFileSync(path, await Packer.toBuffer(doc));
    const md = await importedMarkdown([await importFile(path)]);
    expect(blocks(md)).toEqual(['# 全市社会组织党建工作情况', '各级党组织要做到一是**强化责任落实**，二是完善考核机制，确保各项任务按时完成。', '| 区 | 社会组织数 |\n| --- | --- |\n| 越秀区 | 1200 |']);
  });
});
