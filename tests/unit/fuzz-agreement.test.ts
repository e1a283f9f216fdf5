// Issue 19: a seeded fuzz run of `check`, `build` and `import`. Real-like articles are mutated with
// what fuzzing found and what real material holds (entities, YAML escapes and aliases, bidi and
// zero-width characters, topic tags, `……` titles, 1,000-character titles, long URLs, undecodable
// bytes, Markdown and HTML odds and ends). Every input is checked and taken through the build up
// to the browser (prepareBuild: parse, transform, fonts, missing glyphs); the ones check passes go
// through Chromium together, as one issue, and so do the ones it refuses. Expected: 0 crashes
// (anything thrown but a BulletinError/ImportError), 0 stack traces, 0 rules "failed and skipped",
// 0 disagreements (check passes ⇔ build builds; what build refuses, check reports with a line),
// 0 leftovers (temporary files, half-written outputs).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.ts';
import { BulletinError, type Diagnostic } from '../../src/diagnostics.ts';
import { ImportError, importedMarkdown, importFile } from '../../src/import/index.ts';
import { prepareBuild } from '../../src/pipeline/build.ts';
import { readSourceFile } from '../../src/parse/index.ts';
import { bulletin } from '../helpers/build.ts';
import { FRONT } from '../helpers/source.ts';

// The fuzz builds must not churn the subset cache other runs share.
process.env.BULLETIN_NO_CACHE = '1';

const work = mkdtempSync(join(tmpdir(), 'bulletin-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** mulberry32: the same cases on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(19);
const pick = <T,>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const SENTENCES = [
  '各级党组织要坚持以习近平新时代中国特色社会主义思想为指导，推动党建工作与业务工作深度融合。',
  '7月8日，石河子大学医学院“杏林星语・童心织梦”团队为小朋友们开展了主题课堂。',
  '二〇二〇年以来，全市新建社会组织党组织126个，党的组织覆盖持续扩大。',
  '图为团队成员为小朋友们授课。 王舒悦 供图',
  '会议强调，要深入学习贯彻党的二十届四中全会精神，切实把思想和行动统一到中央决策部署上来。',
  '（职工通讯员 李琴雯 刘会）',
  '1）标准内容过于简单，指导性不够',
];
/** Inserted into a sentence or a title: legitimate text, which must build. */
const INLINE = [
  '&#x30FB;', '&amp;', '&nbsp;', '\u200b', '\u200d', '\u00ad', '\ufeff', '……', '・', '·', '〳〵',
  '二〇二〇', '𥫗', '⺮', '豈', 'Ω', '\t', ' ', '\u3000', '`code`', '**粗**', '*斜*', '~~删~~', '<b>粗</b>', '<script>x</script>',
  '[链接](javascript:alert(1))', '[链接](https://example.org/)', '![图](missing.png)', '[^1]', '\\', '\\*', '“', '”', '（', '）', '《', '》', ',', ';', '"',
  `https://www.example.org/${'a-very-long-path/'.repeat(8)}?q=${'9'.repeat(40)}`, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.repeat(2),
];
/** What the build must refuse (no face draws it, or it reorders the text): now and then. */
const HOSTILE = ['&#x1F600;', '&#55296;', '&#0;', '&#7;', '\u0007', '\u000c', '\u202e', '\u2066', '😀', '\uFFFD'];
const inline = () => (rnd() < 0.1 ? pick(HOSTILE) : pick(INLINE));
/** Whole blocks inserted between paragraphs. */
const BLOCKS = [
  '#话题一二三# 讨论', '##一、主要做法', '## 一、主要做法', '### （一）工作机制', '> 引文一段。', '- 一项\n- 二项', '1. 一项\n2. 二项', '```\ncode\n```', '| 甲 | 乙 |\n|---|---|\n| 1 | 2 |',
  '---', '***', '<div>块</div>', '— 3 —', '[^1]: 注释。', '    缩进四格的一段', '\\',
];
const block = () => (rnd() < 0.1 ? pick(['目录', '\u202e反向的一段。', '&#x1F600;', '# ', '#']) : pick(BLOCKS));
/** Front matter lines replaced or added. */
const FRONT_MUTATIONS: Array<(front: string) => string> = [
  ...Array<(front: string) => string>(12).fill((f) => f),
  (f) => f.replace('date: 2025年12月', 'date: "2025年12月\\uD800"'),
  (f) => f.replace('date: 2025年12月', 'date: "2025年12月\\U0001F600"'),
  (f) => f.replace('date: 2025年12月', 'date: "2025年\\u202e12月"'),
  (f) => f.replace('---\n', `---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`),
  (f) => f.replace('issue: 2025年第12期', 'issue: &i 2025年第12期\nsubject: *i'),
  (f) => f.replace('date: 2025年12月', 'date: 2025-12-01'),
  (f) => f.replace('date: 2025年12月', 'date:'),
  (f) => f.replace('date: 2025年12月', 'date: 2025年12月\ndate: 2026年1月'),
  (f) => f.replace('issuers: [中共广州市社会组织委员会]', 'issuers: 中共广州市社会组织委员会'),
  (f) => f.replace('publication: 学习资料', 'publication: 学习资料・专刊'),
  (f) => f.replace('---\n', '---\nkeywords: [党建, "\\u200b"]\n'),
];

const insert = (s: string, piece: string) => {
  const chars = [...s];
  const at = Math.floor(rnd() * (chars.length + 1));
  return [...chars.slice(0, at), piece, ...chars.slice(at)].join('');
};

function article(n: number): string {
  let title = pick(['他放弃百万年薪来到这里 唯一的要求竟是……', '艺术・童心织梦', '关于加强社会组织党建工作的意见', '二〇二〇年工作总结']);
  if (rnd() < 0.35) title = insert(title, inline());
  if (rnd() < 0.05) title = '长标题文字'.repeat(200);
  const blocks: string[] = [];
  for (let i = 0, count = 1 + Math.floor(rnd() * 4); i < count; i++) {
    let s = pick(SENTENCES);
    for (let k = Math.floor(rnd() * 3); k > 0; k--) s = insert(s, inline());
    blocks.push(s);
    if (rnd() < 0.3) blocks.push(block());
  }
  // Titles are numbered: two articles of one issue may not share one.
  return `# ${title}（${n}）\n\n${blocks.join('\n\n')}\n`;
}

interface Case {
  name: string;
  path: string;
  text: string;
  articles: string[];
  mutatedFront: boolean;
  checkErrors: Diagnostic[];
  buildError?: BulletinError;
}

const figures = { cases: 0, crashes: [] as string[], stackTraces: [] as string[], skipped: [] as string[], disagreements: [] as string[], unlocated: [] as string[], leftovers: [] as string[] };
const hasStack = (s: string) => /\n\s+at |\bat (?:file|node):|\.(?:ts|js):\d+:\d+\)/.test(s);

function report(where: string, ds: Diagnostic[]) {
  for (const d of ds) {
    if (hasStack(d.message)) figures.stackTraces.push(`${where}: ${d.message.slice(0, 200)}`);
    if (/failed and was skipped/.test(d.message)) figures.skipped.push(`${where}: ${d.message}`);
  }
}

/** check, then the build up to the browser; the two must agree. */
async function run(name: string, bytes: Uint8Array, articles: string[], mutatedFront: boolean): Promise<Case> {
  const path = join(work, `${name}.md`);
  writeFileSync(path, bytes);
  figures.cases++;
  let checkErrors: Diagnostic[] = [];
  let text = '';
  // What `bulletin check` does: read (decode), then the rules.
  try {
    const source = readSourceFile(path);
    text = source.text;
    const findings = checkSource(path, source.text);
    report(name, findings);
    checkErrors = findings.filter((d) => d.severity === 'error');
  } catch (error) {
    if (error instanceof BulletinError) checkErrors = error.diagnostics;
    else figures.crashes.push(`${name} check: ${(error as Error).stack}`);
  }
  let buildError: BulletinError | undefined;
  try {
    const prepared = await prepareBuild(path, { outDir: join(work, 'prepared'), html: false, mode: 'print' });
    // The build runs the checker while Chromium lays out; its errors stop the build there.
    prepared.check();
  } catch (error) {
    if (error instanceof BulletinError) buildError = error;
    else figures.crashes.push(`${name} build: ${(error as Error).stack}`);
  }
  if (buildError) report(name, buildError.diagnostics);
  if (!checkErrors.length && buildError) figures.disagreements.push(`${name}: check passed, build refused: ${buildError.message.slice(0, 200)}`);
  if (checkErrors.length && !buildError) figures.disagreements.push(`${name}: check refused (${checkErrors[0]!.message.slice(0, 100)}), build went on`);
  for (const d of checkErrors) if (!d.line) figures.unlocated.push(`${name}: ${d.message.slice(0, 120)}`);
  return { name, path, text, articles, mutatedFront, checkErrors, buildError };
}

const cases: Case[] = [];

describe('seeded fuzz of check, build and import', { timeout: 600_000 }, () => {
  it('check and the build up to the browser: no crash, no stack trace, no disagreement', async () => {
    for (let n = 0; n < 70; n++) {
      const front = pick(FRONT_MUTATIONS)(FRONT);
      const articles = Array.from({ length: 1 + Math.floor(rnd() * 2) }, (_, i) => article(n * 10 + i));
      let bytes: Uint8Array = new TextEncoder().encode(`${front}\n${articles.join('\n')}`);
      // Now and then a byte that is not UTF-8, somewhere after the front matter.
      if (rnd() < 0.08) {
        const at = front.length + Math.floor(rnd() * (bytes.length - front.length));
        bytes = new Uint8Array([...bytes.slice(0, at), pick([0xff, 0xc0, 0x80, 0xed]), ...bytes.slice(at)]);
      }
      cases.push(await run(`case-${n}`, bytes, articles, front !== FRONT));
    }
    const byRule = new Map<string, number>();
    for (const c of cases) for (const d of c.checkErrors) byRule.set(`${d.rule}: ${d.message.slice(0, 50)}`, (byRule.get(`${d.rule}: ${d.message.slice(0, 50)}`) ?? 0) + 1);
    console.log([...byRule].sort((a, b) => b[1] - a[1]).slice(0, 30).join("\n"));
    console.log(`fuzz (check + build before the browser): ${figures.cases} inputs, ${cases.filter((c) => !c.checkErrors.length).length} pass check, ${cases.filter((c) => c.checkErrors.length).length} refused with a line; crashes ${figures.crashes.length}, stack traces ${figures.stackTraces.length}, rules skipped ${figures.skipped.length}, disagreements ${figures.disagreements.length}, unlocated errors ${figures.unlocated.length}`);
    expect(figures.crashes).toEqual([]);
    expect(figures.stackTraces).toEqual([]);
    expect(figures.skipped).toEqual([]);
    expect(figures.disagreements).toEqual([]);
    expect(figures.unlocated).toEqual([]);
    // The run means something: both outcomes occur.
    expect(cases.filter((c) => !c.checkErrors.length).length).toBeGreaterThan(15);
    expect(cases.filter((c) => c.checkErrors.length).length).toBeGreaterThan(10);
  });

  it('through Chromium: what check passes builds (as one issue), what it refuses is refused with its lines; nothing left behind', async () => {
    const tmp = join(work, 'tmp');
    const out = join(work, 'out');
    mkdirSync(tmp);
    mkdirSync(out);
    const env = { TMPDIR: tmp, BULLETIN_NO_CACHE: '1' };
    // Every article of the inputs with a sound front matter that check passed, in one issue.
    const passed = cases.filter((c) => !c.checkErrors.length && !c.mutatedFront);
    const good = join(work, 'passed.md');
    writeFileSync(good, `${FRONT}\n${passed.flatMap((c) => c.articles).join('\n')}`);
    expect(checkSource(good, `${FRONT}\n${passed.flatMap((c) => c.articles).join('\n')}`).filter((d) => d.severity === 'error')).toEqual([]);
    const built = bulletin(['build', '--quiet', '--out-dir', out, good], { env });
    expect(hasStack(built.stderr), built.stderr).toBe(false);
    expect(built.stderr).not.toMatch(/: error: /);
    expect(built.status).toBe(0);
    // Three refused inputs through the CLI: the same errors as check, at their lines; no PDF.
    const refused = cases.filter((c) => c.checkErrors.length && c.text).slice(0, 3);
    for (const c of refused) {
      const result = bulletin(['build', '--quiet', '--out-dir', out, c.path], { env });
      expect(result.status).not.toBe(0);
      expect(hasStack(result.stderr), result.stderr).toBe(false);
      const lines = result.stderr.split('\n').filter((l) => /: error: /.test(l));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line, line).toMatch(/^.+\.md:\d+:\d+: error: /);
      expect(lines[0]).toContain(`${c.path}:${c.checkErrors[0]!.line}:`);
    }
    // Leftovers: the temporary folder is empty, the output folder holds the one PDF and nothing else.
    const leftTmp = readdirSync(tmp);
    const leftOut = readdirSync(out);
    figures.leftovers.push(...leftTmp.map((f) => `TMPDIR/${f}`), ...leftOut.filter((f) => f !== 'passed.pdf').map((f) => `out/${f}`));
    console.log(`fuzz (through Chromium): ${passed.length} passing inputs (${passed.flatMap((c) => c.articles).length} articles) built as one issue, exit ${built.status}; ${refused.length} refused inputs refused by build at check's lines; leftovers ${figures.leftovers.length}`);
    expect(figures.leftovers).toEqual([]);
    expect(existsSync(join(out, 'passed.pdf'))).toBe(true);
    // Our own PDF imported back: its articles check and build alike.
    const back = await importedMarkdown([await importFile(join(out, 'passed.pdf'))]);
    const again = await run('imported-own-pdf', new TextEncoder().encode(`${FRONT}\n${back}`), [back], false);
    expect(again.checkErrors).toEqual([]);
    expect(figures.disagreements).toEqual([]);
  });

  it('import of mutated text and web pages: a clean error or an article that check and build agree on', async () => {
    const crashes: string[] = [];
    const disagreements: string[] = [];
    let imported = 0;
    let refusedImports = 0;
    for (let n = 0; n < 30; n++) {
      const html = rnd() < 0.5;
      // A page needs some body text to be an article at all (a reader mode shows nothing less).
      const body = Array.from({ length: (html ? 6 : 2) + Math.floor(rnd() * 3) }, () => {
        let s = pick(SENTENCES);
        for (let k = Math.floor(rnd() * 3); k > 0; k--) s = insert(s, inline());
        return s;
      });
      const title = insert(pick(['他放弃百万年薪来到这里 唯一的要求竟是……', '艺术・童心织梦', '关于加强社会组织党建工作的意见']), rnd() < 0.3 ? inline() : '');
      const file = join(work, `import-${n}.${html ? 'html' : 'txt'}`);
      const content = html
        ? `${rnd() < 0.5 ? '<html><head><meta charset="utf-8"><title>' + title + '-新华网</title></head><body>' : ''}<h1>${title}</h1>${body.map((p) => `<p>${p}</p>`).join('')}${pick(['', '<p>联系我们 | 广告营销</p>', '<div style="display:none">隐藏</div>', '<script>x()</script>'])}`
        : `${title}\n\n${body.join('\n\n')}\n`;
      let bytes: Uint8Array = new TextEncoder().encode(content);
      if (rnd() < 0.1) bytes = new Uint8Array([...bytes.slice(0, 40), 0xff, ...bytes.slice(40)]);
      writeFileSync(file, bytes);
      let markdown: string;
      try {
        markdown = await importedMarkdown([await importFile(file, { title: rnd() < 0.2 ? '给定的标题' : undefined })]);
      } catch (error) {
        if (error instanceof ImportError || error instanceof BulletinError) {
          refusedImports++;
          if (process.env.FUZZ_VERBOSE) console.log(`import-${n}: ${error.message.slice(0, 160)}`);
          if (hasStack(error.message)) crashes.push(`import-${n}: stack in message`);
        } else crashes.push(`import-${n}: ${(error as Error).stack}`);
        continue;
      }
      imported++;
      const c = await run(`imported-${n}`, new TextEncoder().encode(`${FRONT}\n${markdown}`), [markdown], false);
      if (figures.disagreements.some((d) => d.startsWith(`${c.name}:`))) disagreements.push(c.name);
    }
    console.log(`fuzz (import): 30 inputs, ${imported} imported, ${refusedImports} refused cleanly; crashes ${crashes.length}, disagreements ${disagreements.length}`);
    expect(crashes).toEqual([]);
    expect(figures.crashes).toEqual([]);
    expect(figures.stackTraces).toEqual([]);
    expect(figures.skipped).toEqual([]);
    expect(figures.disagreements).toEqual([]);
    expect(imported).toBeGreaterThan(10);
  });
});
