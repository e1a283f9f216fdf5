// Issue 15: the month's work end to end. A PDF the project made is read back into a fresh issue
// (it must give its source again), and an issue filled by `bulletin import` from every kind of
// input builds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT, OUT, ROOT, bulletin } from '../helpers/build.ts';
import { blocks, encodeGbk, FIXTURES } from '../unit/import/helpers.ts';
import { styledDocx } from '../unit/import/make-docx.ts';

const dir = join(OUT, 'import');

function freshIssue(name: string): string {
  mkdirSync(dir, { recursive: true });
  const issue = join(dir, name);
  rmSync(issue, { force: true });
  expect(bulletin(['new', issue, '--from', join(ROOT, 'source/2025-12.md')]).status).toBe(0);
  return issue;
}

describe('bulletin import, end to end', () => {
  it('the PDF of 2025年第12期, read with pdfjs, gives source/2025-12.md again paragraph for paragraph', () => {
    const issue = freshIssue('from-pdf.md');
    const r = bulletin(['import', BUILT.seed.pdf, '--into', issue]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain(': error: ');
    expect(blocks(readFileSync(issue, 'utf8'))).toEqual(blocks(readFileSync(BUILT.seed.source, 'utf8')));
  });

  it('the same PDF as pdftotext -layout writes it (poppler, not our reader) gives the source again as .txt', () => {
    const text = join(dir, 'from-pdftotext.txt');
    const extracted = spawnSync('pdftotext', ['-layout', BUILT.seed.pdf, text]);
    expect(extracted.status).toBe(0);
    const issue = freshIssue('from-txt.md');
    const r = bulletin(['import', text, '--into', issue]);
    expect(r.status, r.stderr).toBe(0);
    // Plain text has no bookmarks: a space the editor typed in a title is lost where the 目录 and
    // the title page break the title's lines at it (the PDF route gets it back from the bookmarks).
    const titleSpaces = (list: string[]) => list.map((b) => (b.startsWith('# ') ? `# ${b.slice(2).replace(/\s+/g, '')}` : b));
    expect(titleSpaces(blocks(readFileSync(issue, 'utf8')))).toEqual(titleSpaces(blocks(readFileSync(BUILT.seed.source, 'utf8'))));
  });

  it('the long issue (14 articles, a two-page 目录, titles over three lines, text repeated at page ends) comes back whole, from the PDF and from its text', () => {
    const want = blocks(readFileSync(BUILT.long.source, 'utf8'));
    const fromPdf = freshIssue('long-from-pdf.md');
    expect(bulletin(['import', BUILT.long.pdf, '--into', fromPdf]).status).toBe(0);
    expect(blocks(readFileSync(fromPdf, 'utf8'))).toEqual(want);
    const text = join(dir, 'long.txt');
    expect(spawnSync('pdftotext', ['-layout', BUILT.long.pdf, text]).status).toBe(0);
    const fromText = freshIssue('long-from-txt.md');
    expect(bulletin(['import', text, '--into', fromText]).status).toBe(0);
    // As above: where the title's lines break at the editor's space, plain text cannot keep it.
    const titleSpaces = (list: string[]) => list.map((b) => (b.startsWith('# ') ? `# ${b.slice(2).replace(/\s+/g, '')}` : b));
    expect(titleSpaces(blocks(readFileSync(fromText, 'utf8')))).toEqual(titleSpaces(want));
  });

  it('an issue made of a Word file with a picture, two saved pages and PDF text checks clean and builds', async () => {
    const issue = freshIssue('month.md');
    const docx = join(dir, 'speech.docx');
    const gbk = join(dir, 'people.htm');
    writeFileSync(docx, await styledDocx());
    writeFileSync(gbk, encodeGbk(readFileSync(join(FIXTURES, 'people-gbk.html'), 'utf8')));
    rmSync(join(dir, 'speech-1.png'), { force: true });
    const r = bulletin(['import', docx, gbk, join(FIXTURES, 'speech-layout.txt'), '--into', issue]);
    expect(r.status, r.stderr).toBe(0);
    expect(bulletin(['check', '--strict', issue]).status).toBe(0);
    const pdf = join(dir, 'month.pdf');
    rmSync(pdf, { force: true });
    const build = bulletin(['build', issue, '-o', pdf, '-q']);
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(pdf)).toBe(true);
  });
});
