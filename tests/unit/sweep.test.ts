// Issue 19, "the build never refuses legitimate text": every code point the configured faces draw
// (read from their cmaps), in one issue, builds, stays inside the text block and copies out of the
// PDF as itself — compared exactly, not NFKC-folded as the preflight does, and read by poppler's
// pdftotext (pdfjs folds canonical equivalents such as U+F900 豈 into 豈 even when asked not to). One build, made with a
// temporary folder whose path is too long for Chromium's socket inside it (it must start anyway).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileBase } from '../../src/paginate/browser-process.ts';
import { bulletin, type CliResult } from '../helpers/build.ts';
import { blockLeft } from '../helpers/layout.ts';
import { bodyItems, MM, readPdfText, type PageText } from '../helpers/pdf.ts';
import { drawnCodePoints, SWEEP_TITLES, sweepIssue } from '../helpers/sweep.ts';

const work = mkdtempSync(join(tmpdir(), 'bulletin-sweep-'));
/** 60+ characters: Chromium's socket path in it would pass 107 bytes. */
const longTmp = join(work, 'a-temporary-folder-with-a-rather-long-name-as-on-ci-runners');
const codePoints = drawnCodePoints();
const { markdown, paragraphs } = sweepIssue(codePoints);
const source = join(work, 'sweep.md');
const pdf = join(work, 'out/sweep.pdf');
let built: CliResult;
let pages: PageText[];

beforeAll(async () => {
  mkdirSync(longTmp, { recursive: true });
  writeFileSync(source, markdown);
  built = bulletin(['build', '--quiet', '--out-dir', join(work, 'out'), source], { env: { TMPDIR: longTmp } });
  if (built.status === 0) pages = await readPdfText(pdf);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const strip = (s: string) => s.replace(/[\s\p{Cf}]+/gu, '');

describe('the character sweep', () => {
  it('covers the faces: CJK, punctuation, symbols, full-width forms, beyond the BMP', () => {
    const has = (from: number, to: number) => codePoints.filter((cp) => cp >= from && cp <= to).length;
    expect(codePoints.length).toBeGreaterThan(30_000);
    expect(has(0x4e00, 0x9fff)).toBeGreaterThan(20_000);
    expect(has(0x3000, 0x303f)).toBeGreaterThan(40);
    expect(has(0xff01, 0xff5e)).toBe(94);
    expect(has(0x2000, 0x2bff)).toBeGreaterThan(300);
    expect(has(0x20000, 0x3ffff)).toBeGreaterThan(100);
  });

  it('builds, with a TMPDIR too long for a socket inside it, and leaves nothing in it', () => {
    expect(built.stderr).not.toMatch(/error|\n\s+at /);
    expect(built.status).toBe(0);
    expect(readdirSync(longTmp)).toEqual([]);
    expect(Buffer.byteLength(longTmp)).toBeGreaterThan(60);
    expect(profileBase([longTmp + '/'.padEnd(40, 'x'), tmpdir()])).toBe(tmpdir());
  });

  it('the 目录 names a headline ending in …… with its ……, and ・ as ・', () => {
    const cover = spawnSync('pdftotext', ['-raw', '-f', '1', '-l', '2', pdf, '-'], { encoding: 'utf8' }).stdout;
    for (const title of SWEEP_TITLES) expect(strip(cover)).toContain(strip(title));
    expect(strip(cover)).toMatch(/唯一的要求竟是……\d/);
  });

  it('stays inside the text block', () => {
    const outside: string[] = [];
    for (const page of pages) {
      const left = blockLeft(page.number);
      for (const item of bodyItems(page)) {
        if (item.x < left - 0.6 || item.x + item.width > left + 156 * MM + 0.6) outside.push(`${page.number}: ${item.str}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('copies out as itself, code point for code point', () => {
    // The text block band of every page (37 mm from the top, 35 mm from the bottom, in pt), in
    // content order (-raw: no joining of a line-end hyphen with the next line).
    const read = spawnSync('pdftotext', ['-raw', '-r', '72', '-x', '0', '-y', '100', '-W', '596', '-H', '645', pdf, '-'], { encoding: 'utf8' });
    expect(read.status).toBe(0);
    const body = strip(read.stdout);
    let cursor = body.indexOf(strip(paragraphs[0]!).slice(0, 10));
    expect(cursor).toBeGreaterThan(0);
    let same = 0;
    const wrong: string[] = [];
    for (const paragraph of paragraphs) {
      const chars = [...strip(paragraph)];
      const at = body.indexOf(chars.join(''), cursor);
      if (at >= 0) {
        same += chars.length;
        cursor = at + chars.join('').length;
        continue;
      }
      // Character by character: each must come next (a look-alike in its place is counted wrong).
      for (const ch of chars) {
        if (body.startsWith(ch, cursor)) {
          same++;
          cursor += ch.length;
        } else {
          wrong.push(`U+${ch.codePointAt(0)!.toString(16).toUpperCase()} ${ch} → ${[...body.slice(cursor, cursor + 2)][0]}`);
          cursor += [...body.slice(cursor, cursor + 2)][0]?.length ?? 1;
        }
      }
    }
    const total = paragraphs.reduce((n, p) => n + [...strip(p)].length, 0);
    console.log(`character sweep: ${codePoints.length} code points of the faces, ${same} of ${total} characters (with the URL paragraph) copied out as themselves`);
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(same).toBe(total);
  });
});
