// Issue 19: the twelve real saved pages (../shared/import-real/) imported into one fresh issue,
// as a new user would: `check` finds no error and the issue builds, and the PDF read back carries
// each page's headline (keys written from the pages' HTML, tests/fixtures/import-real/) and none of
// the furniture. One build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUT, ROOT, bulletin, type CliResult } from '../helpers/build.ts';

const REAL = join(ROOT, '../shared/import-real');
const KEYS = join(ROOT, 'tests/fixtures/import-real');
const dir = join(OUT, 'import-real');
const issue = join(dir, 'real.md');
const pdf = join(dir, 'real.pdf');

interface Key {
  file: string;
  title: string;
  absent: string[];
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

describe.skipIf(!existsSync(REAL))('twelve real saved pages in one issue', () => {
  const keys = readdirSync(KEYS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(KEYS, f), 'utf8')) as Key);
  let imported: CliResult;
  let checked: CliResult;
  let built: CliResult;

  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    rmSync(issue, { force: true });
    rmSync(pdf, { force: true });
    expect(bulletin(['new', issue, '--from', join(ROOT, 'source/2025-12.md')]).status).toBe(0);
    imported = bulletin(['import', ...keys.map((k) => join(REAL, k.file)), '--into', issue]);
    checked = bulletin(['check', issue]);
    built = bulletin(['build', issue, '-o', pdf, '-q'], { timeout: 600_000 });
  }, 900_000);

  it('imports all twelve, and check reports no error', () => {
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('imported 12 articles from 12 files');
    expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    expect(checked.stdout).not.toContain(': error: ');
  });

  it('builds, and the PDF carries every headline and none of the furniture', () => {
    expect(built.status, built.stderr).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout;
    // Titles break over lines and 目录 entries: compared without spaces or line breaks.
    const all = fold(text);
    expect(keys.filter((k) => !all.includes(fold(k.title))).map((k) => k.title)).toEqual([]);
    expect(keys.flatMap((k) => k.absent.filter((a) => all.includes(fold(a))).map((a) => `${k.file}: ${a}`))).toEqual([]);
    // Emphasis is set, not printed as markup.
    expect(text).not.toMatch(/\*\*/);
  });
});
