// The five real Word files of tests/fixtures/import-docx-real, imported through the CLI into one
// fresh issue (the two that name no title refused first, then given one with --title): the issue
// checks with no error and builds, and the PDF reads back the titles and Word's numbers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUT, ROOT, bulletin } from '../helpers/build.ts';
import { KEYS, readKey, REAL } from '../unit/import/docx-real-score.ts';

const dir = join(OUT, 'import-docx-real');
const issue = join(dir, 'issue.md');
const pdf = join(dir, 'issue.pdf');
const docx = (name: string) => join(REAL, `${name}.docx`);
const untitled = KEYS.filter((k) => readKey(k).title === null);
const titled = KEYS.filter((k) => readKey(k).title !== null);

let refusals: Array<{ name: string; status: number | null; stderr: string; unchanged: boolean }> = [];
let imports: Array<{ status: number | null; stderr: string }> = [];
let check: ReturnType<typeof bulletin>;
let build: ReturnType<typeof bulletin>;

describe('the real Word files in one issue', () => {
  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    expect(bulletin(['new', issue, '--from', join(ROOT, 'source/2025-12.md')]).status).toBe(0);
    refusals = untitled.map((name) => {
      const before = readFileSync(issue);
      const r = bulletin(['import', docx(name), '--into', issue]);
      return { name, status: r.status, stderr: r.stderr, unchanged: readFileSync(issue).equals(before) };
    });
    imports = [bulletin(['import', ...titled.map(docx), '--into', issue]), ...untitled.map((name) => bulletin(['import', docx(name), '--title', readKey(name).givenTitle!, '--into', issue]))];
    check = bulletin(['check', issue]);
    // One build for every assertion on the PDF.
    build = bulletin(['build', issue, '-o', pdf, '-q'], { timeout: 300_000 });
  }, 400_000);

  it('a file that names no title is refused, naming the file and --title, and the issue is not touched', () => {
    expect(refusals.map((r) => r.name)).toEqual(['r2-ershida-quanjiao', 'r5-jieneng-xinwengao']);
    for (const r of refusals) {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${r.name}.docx: error:`);
      expect(r.stderr).toContain('--title "…"');
      expect(r.unchanged).toBe(true);
    }
  });

  it('all five import (two with --title), check with no error, and build', () => {
    for (const r of imports) expect(r.status, r.stderr).toBe(0);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout + check.stderr).not.toContain(': error:');
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(pdf)).toBe(true);
  });

  it('the PDF reads back each title and the fifteen items Word numbered', () => {
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    for (const name of KEYS) {
      const key = readKey(name);
      expect(text).toContain((key.title ?? key.givenTitle!).replace(/\s+/g, ''));
    }
    for (const item of readKey('r4-hangbiao-bianzhi-shuoming').numbers!) expect(text).toContain(item.replace(/\s+/g, '').slice(0, 12));
  });
});
