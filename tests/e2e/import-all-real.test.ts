// Issue 19: all seventeen real inputs in ../shared (twelve saved pages, five Word files) imported
// into one fresh issue, as a new user would: the two Word files that name no title are refused
// first (naming the file and --title, the issue untouched), then given one; the issue checks with
// no error and builds; the PDF reads back every headline (keys written from the pages' HTML and the
// documents' XML: tests/fixtures/import-real/, tests/fixtures/import-docx-real/), the fifteen items
// Word numbered, and none of the pages' furniture. One build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUT, ROOT, bulletin, type CliResult } from '../helpers/build.ts';
import { KEYS as DOCX_KEYS, readKey, REAL as DOCX_REAL } from '../unit/import/docx-real-score.ts';

const PAGES = join(ROOT, '../shared/import-real');
const PAGE_KEYS = join(ROOT, 'tests/fixtures/import-real');
const dir = join(OUT, 'import-all-real');
const issue = join(dir, 'real.md');
const pdf = join(dir, 'real.pdf');
const docx = (name: string) => join(DOCX_REAL, `${name}.docx`);

interface PageKey {
  file: string;
  title: string;
  absent: string[];
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

describe.skipIf(!existsSync(PAGES))('the seventeen real inputs in one issue', () => {
  const pages = readdirSync(PAGE_KEYS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(PAGE_KEYS, f), 'utf8')) as PageKey);
  const untitled = DOCX_KEYS.filter((k) => readKey(k).title === null);
  const titled = DOCX_KEYS.filter((k) => readKey(k).title !== null);
  let refusals: Array<{ name: string; status: number | null; stderr: string; unchanged: boolean }> = [];
  let imports: CliResult[] = [];
  let checked: CliResult;
  let built: CliResult;

  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    expect(bulletin(['new', issue, '--from', join(ROOT, 'source/2025-12.md')]).status).toBe(0);
    refusals = untitled.map((name) => {
      const before = readFileSync(issue);
      const r = bulletin(['import', docx(name), '--into', issue]);
      return { name, status: r.status, stderr: r.stderr, unchanged: readFileSync(issue).equals(before) };
    });
    imports = [
      bulletin(['import', ...pages.map((k) => join(PAGES, k.file)), ...titled.map(docx), '--into', issue]),
      ...untitled.map((name) => bulletin(['import', docx(name), '--title', readKey(name).givenTitle!, '--into', issue])),
    ];
    checked = bulletin(['check', issue]);
    built = bulletin(['build', issue, '-o', pdf, '-q'], { timeout: 600_000 });
  }, 900_000);

  it('a Word file that names no title is refused, naming the file and --title, and the issue is not touched', () => {
    expect(refusals.map((r) => r.name)).toEqual(['r2-ershida-quanjiao', 'r5-jieneng-xinwengao']);
    for (const r of refusals) {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${r.name}.docx: error:`);
      expect(r.stderr).toContain('--title "…"');
      expect(r.unchanged).toBe(true);
    }
  });

  it('all seventeen import (two with --title), and check reports no error', () => {
    for (const r of imports) expect(r.status, r.stderr).toBe(0);
    expect(imports[0]!.stdout).toContain(`imported ${pages.length + titled.length} articles from ${pages.length + titled.length} files`);
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout + checked.stderr).not.toContain(': error:');
  });

  it('builds, and the PDF carries every headline, the items Word numbered, and none of the furniture is in its article', () => {
    expect(built.status, built.stderr).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout;
    // Titles break over lines and 目录 entries: compared without spaces or line breaks.
    const all = fold(text);
    const titles = [...pages.map((k) => k.title), ...DOCX_KEYS.map((name) => readKey(name).title ?? readKey(name).givenTitle!)];
    expect(titles.filter((t) => !all.includes(fold(t)))).toEqual([]);
    // Furniture is looked for in each page's own article (a short label like 关闭 may be a word of another one).
    const articles = readFileSync(issue, 'utf8').split(/^# /m).slice(1).map(fold);
    const own = (k: PageKey) => articles.find((a) => a.startsWith(fold(k.title))) ?? '';
    expect(pages.filter((k) => !own(k)).map((k) => k.file)).toEqual([]);
    expect(pages.flatMap((k) => k.absent.filter((a) => own(k).includes(fold(a))).map((a) => `${k.file}: ${a}`))).toEqual([]);
    for (const item of readKey('r4-hangbiao-bianzhi-shuoming').numbers!) expect(all).toContain(fold(item).slice(0, 12));
    // Emphasis is set, not printed as markup.
    expect(text).not.toMatch(/\*\*/);
  });
});
