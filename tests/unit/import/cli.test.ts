// `bulletin new` then `bulletin import` through the real CLI, as the editor's month goes.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bulletin } from '../../helpers/build.ts';
import { encodeGbk, FIXTURES, ROOT, scratch } from './helpers.ts';
import { handFormattedDocx, styledDocx } from './make-docx.ts';

/** A new issue and one input of every kind, in a fresh folder. */
async function month() {
  const dir = scratch();
  const issue = join(dir, '2026-01.md');
  expect(bulletin(['new', issue, '--from', join(ROOT, 'source/2025-12.md')]).status).toBe(0);
  const inputs = {
    docx: join(dir, '讲话.docx'),
    hand: join(dir, 'hand.docx'),
    page: join(FIXTURES, 'xinhua.html'),
    gbk: join(dir, 'people.htm'),
    text: join(FIXTURES, 'speech-copied.txt'),
  };
  writeFileSync(inputs.docx, await styledDocx());
  writeFileSync(inputs.hand, await handFormattedDocx());
  writeFileSync(inputs.gbk, encodeGbk(readFileSync(join(FIXTURES, 'people-gbk.html'), 'utf8')));
  return { dir, issue, inputs };
}

const titles = (text: string) => [...text.matchAll(/^# (.+)$/gm)].map((m) => m[1]);

describe('bulletin import', { timeout: 120_000 }, () => {
  it('appends every input in order; the issue then checks without an error', async () => {
    const { dir, issue, inputs } = await month();
    const front = readFileSync(issue, 'utf8');
    const r = bulletin(['import', inputs.docx, inputs.page, inputs.gbk, inputs.text, '--into', issue]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${issue}: imported 4 articles from 4 files (line 9 on), 1 image saved beside it`);
    const text = readFileSync(issue, 'utf8');
    expect(text.startsWith(`${front}\n# 习近平对全面依法治国工作作出重要指示\n`)).toBe(true);
    expect(titles(text)).toEqual(['习近平对全面依法治国工作作出重要指示', '习近平对全面依法治国工作作出重要指示', '因地制宜发展新质生产力', '在全市社会组织党建工作会议上的讲话']);
    expect(readFileSync(join(dir, '讲话-1.png')).length).toBeGreaterThan(0);
    const check = bulletin(['check', issue]);
    expect(check.stdout).toMatch(/^0 errors, /m);
    expect(check.status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--dry-run prints the Markdown and writes nothing', async () => {
    const { dir, issue, inputs } = await month();
    const before = readFileSync(issue, 'utf8');
    const r = bulletin(['import', inputs.hand, '--into', issue, '--dry-run']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.startsWith('# 习近平对全面依法治国工作作出重要指示\n\n新华社\n\n新华社北京11月18日电')).toBe(true);
    expect(readFileSync(issue, 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'hand-1.png'))).toBe(false);
  });

  it('one bad input (unreadable .docx, empty file, a page with no article) stops it all: the file is named, the issue untouched', async () => {
    const { dir, issue, inputs } = await month();
    const bad = {
      docx: join(dir, 'broken.docx'),
      empty: join(dir, 'empty.txt'),
      page: join(dir, 'home.html'),
    };
    writeFileSync(bad.docx, 'not a zip at all');
    writeFileSync(bad.empty, '');
    writeFileSync(bad.page, '<html><head><meta charset="utf-8"><title>首页</title></head><body><nav><a href="/">首页</a><a href="/a">时政</a></nav></body></html>');
    const before = readFileSync(issue);
    const mtime = statSync(issue).mtimeMs;
    for (const [file, message] of [
      [bad.docx, 'cannot be read as a Word file'],
      [bad.empty, 'is empty'],
      [bad.page, 'has no article in it'],
    ] as const) {
      const r = bulletin(['import', inputs.text, file, '--into', issue]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${file}: error: ${message}`);
      expect(r.stderr).toContain(`${issue} was not changed`);
    }
    expect(readFileSync(issue).equals(before)).toBe(true);
    expect(statSync(issue).mtimeMs).toBe(mtime);
    expect(readdirSync(dir).filter((f) => f.endsWith('.png') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('says what is left to do, at which line: the seed’s dashes where numerals belong', async () => {
    const { issue } = await month();
    const r = bulletin(['import', join(ROOT, 'tests/fixtures/check/seed.txt'), '--into', issue]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(issue, 'utf8').split('\n');
    const dashes = text.flatMap((line, i) => (line === '—' ? [i + 1] : []));
    expect(dashes).toHaveLength(2);
    for (const line of dashes) expect(r.stdout).toContain(`${issue}:${line}:1: error: "—" stands where the section number`);
    expect(r.stdout).toContain('left to do: 2 errors');
  });
});
