// Issue 20: the body elements of real study materials, in an issue of its own
// (tests/fixtures/elements/elements.md: a speech, a notice with attachments, issuer and date, a
// letter dated in Chinese numerals, a theory article with 编者按, run-in lead-ins, emphasis and
// footnotes, a statistics table that crosses a page, lists). Built once, through the CLI, and read
// back glyph run by glyph run: the face of each element, its place against the mirrored text
// block, the table's header on its continuation page. The keys below were written from the
// source by hand, not taken from the pipeline.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Renderer } from '../../src/paginate/render.ts';
import { prepareBuild } from '../../src/pipeline/build.ts';
import { bulletin, OUT, ROOT } from '../helpers/build.ts';
import { bodyGlyphs, charsOf, lineString, placedChars, readRuns, type Glyph, type Run, type RunPage } from '../helpers/glyphs.ts';
import { PITCH } from '../helpers/layout.ts';

const SOURCE = join(ROOT, 'tests/fixtures/elements/elements.md');
const DIR = join(OUT, 'elements');
const PDF = join(DIR, 'elements.pdf');
const HTML = join(DIR, 'elements.html');
const CHAR = 16 - 0.21; // one body character with the grid's tracking, pt

const FACE = { hei: /^NotoSansSC/, kai: /^FandolKai/, fang: /^FandolFang/ };
const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;
const han = (s: string) => /\p{Script=Han}/u.test(s);

let pages: RunPage[];
let body: { text: string; glyphs: Glyph[] };
let build: { status: number | null; stderr: string };

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  build = bulletin(['build', '--quiet', '--html', '--out-dir', DIR, SOURCE]);
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
  pages = await readRuns(PDF);
  body = bodyGlyphs(pages.slice(2));
}, 300_000);

/** The glyphs of the first occurrence of `text` in the body (whitespace ignored), after `from`. */
function glyphsOf(text: string, from = 0): Glyph[] {
  const key = text.replace(/\s+/g, '');
  const at = body.text.indexOf(key, from);
  expect(at, `"${text}" in the PDF`).toBeGreaterThanOrEqual(0);
  return body.glyphs.slice(at, at + key.length);
}

/** Every hanzi of `text` is drawn in `face`. */
function expectFace(text: string, face: RegExp) {
  const wrong = glyphsOf(text).filter((g) => han(g.ch) && !face.test(g.font));
  expect(wrong.map((g) => `${g.ch}:${g.font}`), `"${text}" in ${face}`).toEqual([]);
}

/** The page and body line whose text starts with `start`. */
function lineStarting(start: string): { page: RunPage; line: Run[]; index: number } {
  for (const page of pages.slice(2)) {
    const index = page.lines.findIndex((l) => lineString(l).startsWith(start));
    if (index >= 0) return { page, line: page.lines[index]!, index };
  }
  throw new Error(`no line starts with "${start}"`);
}

const rightOf = (line: Run[]) => Math.max(...line.map((r) => r.x + r.width));
const leftOf = (line: Run[]) => Math.min(...line.map((r) => r.x));

describe('the build and the chain', () => {
  it('checks clean, builds, and verifies clean against its source', () => {
    const check = bulletin(['check', SOURCE]);
    expect(check.stdout + check.stderr).toContain('0 errors, 0 warnings');
    expect(check.status).toBe(0);
    expect(build.stderr).toBe('');
    const verify = bulletin(['verify', PDF, '--source', SOURCE]);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  });

  it('prints no Markdown: no asterisks, pipes, footnote calls or bullet glyphs', () => {
    for (const mark of ['*', '|', '[^', '^1', '^2', '•', '◦', '▪', '·']) expect(body.text, mark).not.toContain(mark);
    // The --html document is what Paged.js laid out: no Markdown there either.
    const html = readFileSync(HTML, 'utf8');
    const articles = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(articles.length).toBeGreaterThan(1000);
    expect(articles).not.toMatch(/\*\*|\[\^|<ul|<ol|<li/);
  });
});

describe('emphasis', () => {
  it('sets `**` in 黑体 and `*` in 楷体, next to CJK punctuation too', () => {
    for (const text of ['关键在于把党的领导落到实处', '强化责任落实', '完善考核机制', '加强督促检查', '真正把党的政治优势和组织优势转化为社会组织的发展优势']) expectFace(text, FACE.hei);
    expectFace('重要性和紧迫性', FACE.kai);
    // The text around them stays 仿宋.
    expectFace('做好社会组织党建工作，', FACE.fang);
    expectFace('，核心在于发挥党组织', FACE.fang);
    // Same size as the body: no bold faked by a larger or stroked face.
    for (const g of glyphsOf('强化责任落实')) expect(g.size).toBeCloseTo(16, 0);
  });
});

describe('run-in lead-ins', () => {
  const LEADS: Array<[string, string, RegExp]> = [
    // [lead-in, the body text that follows it, the lead-in's face]
    ['（一）加强政治引领。', '各级党组织要把学习贯彻', FACE.kai],
    ['（二）扩大组织覆盖。', '要坚持应建尽建', FACE.kai],
    ['一是加强学习。', '坚持每月集中学习一次', FACE.kai],
    ['二是规范管理。', '严格落实', FACE.kai],
    ['（一）坚持和加强党的全面领导。', '坚持党中央对社会组织', FACE.kai],
    ['（二）坚持以人民为中心。', '社会组织要把服务群众', FACE.kai],
    ['1.汇总通报。', '各级党组织要定期汇总', FACE.fang],
    ['2.督促整改。', '对述职评议中发现的问题', FACE.fang],
  ];
  it.each(LEADS)('sets %s in its level\'s face on the first line, the rest as body text', (lead, rest, face) => {
    const { line, page } = lineStarting(lead + rest.slice(0, 2));
    expectFace(lead, face);
    expectFace(rest, FACE.fang);
    // The paragraph's first line: indented two characters.
    expect(near(leftOf(line), page.left + 2 * CHAR, 1.5), `${lead} at ${leftOf(line) - page.left}`).toBe(true);
  });
});

describe('编者按, salutation, closing, attachments', () => {
  it('sets the 编者按 on the title\'s page, in 楷体 with its label in 黑体', () => {
    const title = lineStarting('以高质量党建引领');
    const note = lineStarting('编者按');
    expect(note.page.number).toBe(title.page.number);
    const last = lineStarting('组织学习参考。');
    expect(last.page.number).toBe(title.page.number);
    expectFace('编者按', FACE.hei);
    expectFace('社会组织党建是党的建设新的伟大工程的重要组成部分', FACE.kai);
  });

  it.each(['同志们：', '各区社会组织党委，各市级社会组织党组织：', '全市社会组织广大共产党员：'])('sets the salutation %s flush left', (text) => {
    const { line, page } = lineStarting(text);
    expect(lineString(line)).toBe(text);
    expect(near(leftOf(line), page.left, 1.5), `${text} at ${leftOf(line) - page.left}`).toBe(true);
  });

  it.each([
    ['中共广州市社会组织委员会', '2025年12月1日'],
    ['中共广州市社会组织委员会', '二〇二五年十二月二十五日'],
  ])('sets the issuer %s two characters from the right edge and the date %s centred under it', (issuer, date) => {
    const d = lineStarting(date);
    const i = { page: d.page, line: d.page.lines[d.index - 1]! };
    expect(lineString(i.line)).toBe(issuer);
    expect(lineString(d.line)).toBe(date);
    expect(near(rightOf(i.line), i.page.right - 2 * CHAR, 3), `issuer ends ${i.page.right - rightOf(i.line)} pt from the edge`).toBe(true);
    const centre = (line: Run[]) => (leftOf(line) + rightOf(line)) / 2;
    expect(near(centre(d.line), centre(i.line), 3), `date centre ${centre(d.line)} under issuer centre ${centre(i.line)}`).toBe(true);
    // On the next grid line.
    expect(near(d.line[0]!.top - i.line[0]!.top, PITCH, 1)).toBe(true);
  });

  it('sets 附件 two characters in, with the attachments\' names aligned under each other', () => {
    const first = lineStarting('附件：1.');
    const second = lineStarting('2.社会组织党组织书记抓党建工作述职评议测评表');
    expect(second.page.number).toBe(first.page.number);
    expect(near(leftOf(first.line), first.page.left + 2 * CHAR, 1.5), `附件 at ${leftOf(first.line) - first.page.left}`).toBe(true);
    // Character by character (Ghostscript places each one, in whole points).
    const chars = placedChars(PDF, first.page.number);
    const one = charsOf(chars, '附件：1.2025年度')!;
    const two = charsOf(chars, '2.社会组织')!;
    const wrapped = charsOf(chars, '方案')!;
    // The numbers in one column, the names in the next: `2` under `1`, `社` under `2`(025), `方` too.
    expect(Math.abs(two[0]!.x0 - one[3]!.x0), `numbers at ${one[3]!.x0} and ${two[0]!.x0}`).toBeLessThanOrEqual(1.5);
    expect(Math.abs(two[2]!.x0 - one[5]!.x0), `names at ${one[5]!.x0} and ${two[2]!.x0}`).toBeLessThanOrEqual(1.5);
    expect(Math.abs(wrapped[0]!.x0 - one[5]!.x0), `wrapped name at ${wrapped[0]!.x0}`).toBeLessThanOrEqual(1.5);
    expect(lineString(first.page.lines[first.index + 1]!)).toBe('方案');
  });
});

describe('the statistics table', () => {
  const HEADER = '区年度社会组织数党组织数党员人数覆盖率（%）';
  const tablePages = () => pages.filter((p) => p.lines.some((l) => lineString(l) === HEADER));

  it('repeats its header row, in 黑体, on the page it continues on', () => {
    const withHeader = tablePages();
    expect(withHeader).toHaveLength(2);
    expect(withHeader[1]!.number).toBe(withHeader[0]!.number + 1);
    for (const page of withHeader) {
      const header = page.lines.find((l) => lineString(l) === HEADER)!;
      for (const run of header) if (han(run.str)) expect(run.font).toMatch(FACE.hei);
    }
    // The continuation page starts with the header, then the next rows.
    expect(lineString(withHeader[1]!.lines[0]!)).toBe(HEADER);
    expect(lineString(withHeader[1]!.lines[1]!)).toMatch(/^黄埔区2024/);
  });

  it('keeps its cells 4号 仿宋 inside the block, numbers right-aligned', () => {
    let rows = 0;
    for (const page of tablePages()) {
      const rowLines = page.lines.filter((l) => /^(越秀|海珠|荔湾|天河|白云|黄埔|番禺|花都|南沙|从化|增城)区|^合计/.test(lineString(l)));
      const edges: number[][] = [];
      for (const line of rowLines) {
        rows++;
        for (const run of line) {
          expect(run.size).toBeLessThanOrEqual(14.5);
          expect(run.x).toBeGreaterThanOrEqual(page.left - 0.5);
          expect(run.x + run.width).toBeLessThanOrEqual(page.right + 0.5);
        }
        expectFace(lineString(line).slice(0, 2), FACE.fang);
        // Cells: runs apart by more than a few points; the last four columns are numbers.
        const cells: Run[][] = [];
        for (const run of line) {
          const last = cells.at(-1);
          if (last && run.x - rightOf(last) < 4) last.push(run);
          else cells.push([run]);
        }
        expect(cells.map((c) => lineString(c)).length, lineString(line)).toBe(6);
        edges.push(cells.slice(2).map(rightOf));
      }
      for (let c = 0; c < 4; c++) {
        const column = edges.map((e) => e[c]!);
        expect(Math.max(...column) - Math.min(...column), `column ${c + 3} right edges on page ${page.number}`).toBeLessThan(0.5);
      }
    }
    expect(rows).toBe(23);
  });
});

describe('lists', () => {
  it('prints `1.` followed directly by the text, indented and justified like a paragraph', () => {
    for (const [start, next] of [
      ['1.汇总通报。各单位', '2.现场述职。'],
      ['2.现场述职。', '3.民主测评。'],
    ] as const) {
      const { line, page } = lineStarting(start);
      const raw = line.map((r) => r.str).join('');
      // No space glyph, and none a reader's extraction would put there.
      expect(raw).toMatch(/^\d\.\S/);
      const chars = charsOf(placedChars(PDF, page.number), start.slice(0, 4))!;
      // `.` and the first hanzi touch: less than 1.5 pt apart (a space would be 8).
      expect(chars[2]!.x0 - chars[1]!.x1, `${start}: gap`).toBeLessThanOrEqual(1.5);
      expect(near(leftOf(line), page.left + 2 * CHAR, 1.5)).toBe(true);
      // A full first line reaches the right edge (justified), and the item after it is its own line.
      expect(near(rightOf(line), page.right, 1.5), `${start} ends ${page.right - rightOf(line)} pt short`).toBe(true);
      lineStarting(next);
    }
  });

  it('keeps the list pages on the 22-line grid, with no character alone on a last line', () => {
    // The list pages, and the pages with emphasis, attachments and closing, and after the table.
    for (const start of ['1.汇总通报。', '各单位要高度重视', '社会组织是党联系服务群众', '附件：1.', '注：覆盖率']) {
      const { page } = lineStarting(start);
      // Measured from the first 3号 仿宋 line (a title's or a table's baselines sit differently).
      const fang = page.lines.filter((l) => FACE.fang.test(l[0]!.font) && near(l[0]!.size, 16, 0.5));
      const first = fang[0]![0]!.top;
      for (const line of fang) {
        const steps = (line[0]!.top - first) / PITCH;
        expect(near(steps, Math.round(steps), 1.5 / PITCH), `${lineString(line).slice(0, 8)}: ${steps} lines down`).toBe(true);
        const chars = [...lineString(line)].filter(han);
        expect(chars.length, lineString(line)).not.toBe(1);
      }
    }
    // The bulleted items are paragraphs too: indented two characters, no bullet before them.
    const { line, page } = lineStarting('各单位要高度重视');
    expect(near(leftOf(line), page.left + 2 * CHAR, 1.5)).toBe(true);
  });
});

describe('footnotes', () => {
  it('prints ① ② in the text and the notes, in 4号 仿宋, at the end of the article', () => {
    expect(body.text).toContain('特征①。');
    expect(body.text).toContain('获得感②。');
    const one = lineStarting('①习近平：');
    const two = lineStarting('②参见《关于加强社会组织党的建设工作的意见');
    for (const note of [one, two]) for (const run of note.line) expect(run.size).toBeCloseTo(14, 0);
    expectFace('习近平：《在庆祝中国共产党成立100周年大会上的讲话》', FACE.fang);
    // After the article's last paragraph, before the next article.
    const lastText = body.text.indexOf('发展优势。');
    const notes = body.text.indexOf('①习近平：');
    const next = body.text.indexOf('全市社会组织党建工作统计情况');
    expect(lastText).toBeLessThan(notes);
    expect(notes).toBeLessThan(next);
  });
});

describe('watch', () => {
  // The kept page of `watch` lays an edited article out again through Paged.js's own page loop:
  // the header copies of a table that crosses a page come back with it, and the PDF is the one a
  // full layout gives (the relayout test's comparison, on this issue).
  it('lays out an edited article with a table again in place, as a full layout does', async () => {
    const dir = join(OUT, `elements-relayout-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const withoutDates = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '');
    const [reused, fresh] = await Promise.all([Renderer.launch({ timeoutMs: 120_000, reuse: true }), Renderer.launch({ timeoutMs: 120_000 })]);
    try {
      const original = readFileSync(SOURCE, 'utf8');
      const extra = '\n\n各区要对照上述数据，逐项分析原因，提出改进措施，于下月底前报送市社会组织党委。\n\n';
      const moved = original.replace('\n\n下表按区列出两年的数据', `${extra}下表按区列出两年的数据`);
      const steps: Array<{ text: string; relaid: number | undefined }> = [
        { text: original, relaid: undefined },
        // A paragraph more before the table: it crosses the page at another row.
        { text: moved, relaid: 1 },
        // Then a footnote's note changes: the theory article is laid out again, not the table.
        { text: moved.replace('第12页。', '第13页。'), relaid: 1 },
      ];
      for (const [i, step] of steps.entries()) {
        const source = join(dir, `step-${i}.md`);
        writeFileSync(source, step.text);
        const { html, files } = await prepareBuild(source, { outDir: dir, html: false, mode: 'print' });
        const updated = await reused.pdf({ html, files });
        const whole = await fresh.pdf({ html, files });
        expect({ step: i, relaid: updated.relaid, identical: withoutDates(updated.bytes) === withoutDates(whole.bytes) }).toEqual({ step: i, relaid: step.relaid, identical: true });
      }
    } finally {
      await Promise.all([reused.kill(), fresh.kill()]);
    }
  }, 300_000);
});
