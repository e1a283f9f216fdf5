// Issue 22: keeps in every case, on a bulletin made to put them to the test: a pair of headings
// (二、 then （一）) and an excerpt closed by a source note （…讲话）, after 1, 2, … 22 one-line
// paragraphs, so that across its pages every position at the foot of a page is met. Read back
// from the PDF's glyph positions; one build for all assertions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUT, bulletin } from '../helpers/build.ts';
import { auditPdf, type Audit } from '../helpers/composition.ts';
import { FRONT } from '../helpers/source.ts';

const DIR = join(OUT, 'keeps');
const SOURCE = join(DIR, 'keeps.md');
const PDF = join(DIR, 'keeps.pdf');

// Public text (《中国共产党章程》 and the 2025年第12期 sources) cut into lines of one, four and six lines.
const ONE = '坚持和加强党的全面领导。';
const EXCERPT =
  '发展新质生产力是推动高质量发展的内在要求和重要着力点，必须继续做好创新这篇大文章，推动新质生产力加快发展。' +
  '要坚持从实际出发，先立后破、因地制宜、分类指导，根据本地的资源禀赋、产业基础、科研条件等，有选择地推动新产业、新模式、新动能发展。';
const SHORT = '科技创新能够催生新产业、新模式、新动能，是发展新质生产力的核心要素。';

function source(): string {
  const blocks: string[] = [FRONT, '# 关于保持各项工作连续性的学习材料\n'];
  const numerals = '一二三四五六七八九十';
  for (let k = 1; k <= 22; k++) {
    for (let i = 0; i < k; i++) blocks.push(ONE);
    const n = numerals[(k - 1) % 10]!;
    blocks.push(`## ${n}、加强党的建设`, `### （${n}）坚持党的全面领导`, EXCERPT, '（2024年1月31日在二十届中央政治局第十一次集体学习时的讲话）', SHORT);
  }
  return blocks.join('\n\n') + '\n';
}

let audit: Audit;

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(SOURCE, source());
  const result = bulletin(['build', '--quiet', SOURCE, '-o', PDF]);
  if (result.status !== 0) throw new Error(result.stderr);
  audit = await auditPdf(PDF, SOURCE);
});

describe('keeps on a bulletin built to test them', () => {
  it('runs over enough pages to meet every foot position', () => {
    expect(audit.pages.length).toBeGreaterThan(20);
  });

  it('leaves no heading at a page foot, not even the first of two', () => {
    expect(audit.headingsAtFoot).toEqual([]);
  });

  it('never opens a page with a source note cut from its excerpt', () => {
    expect(audit.cutNotes).toEqual([]);
  });

  it('leaves no single line of a paragraph alone at a page top or foot', () => {
    expect(audit.widows).toEqual([]);
    expect(audit.orphans).toEqual([]);
  });
});
