// Twelve real saved news pages (../shared/import-real/) against keys written by reading each
// page's HTML (tests/fixtures/import-real/*.json: the headline, every paragraph of the article in
// order — whole, or as its opening and closing words — lines that may or may not come along
// (photo captions, a subtitle), and furniture that must not). Scored as an editor would: the
// title, paragraph recall and precision, furniture left.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, importedMarkdown } from '../../../src/import/index.ts';
import { ROOT } from './helpers.ts';

export const REAL = join(ROOT, '../shared/import-real');
const KEYS = join(ROOT, 'tests/fixtures/import-real');

type Para = string | [string, string];
export interface PageKey {
  file: string;
  title: string;
  paragraphs: Para[];
  optional: Para[];
  absent: string[];
}

/** Compared as text: no spaces, full-width forms folded, Markdown's markup and escapes gone. */
export const norm = (s: string) =>
  s
    .normalize('NFKC')
    // an escaped `*` is text, an unescaped one emphasis
    .replace(/\\([\\`*_<[\]#>+=|~.)!-])/g, (_, c: string) => (c === '*' ? '\u0000' : c))
    .replace(/\*/g, '')
    .replace(/\u0000/g, '*')
    .replace(/[\s\u00a0\u3000]+/g, '')
    // the checker's repairs write `……` for `...`
    .replace(/\.{3,}/g, '...');

const matches = (block: string, para: Para) => {
  const b = norm(block);
  return typeof para === 'string' ? b === norm(para) : b.startsWith(norm(para[0])) && b.endsWith(norm(para[1]));
};

export interface Score {
  title: boolean;
  found: number;
  wanted: number;
  kept: number;
  blocks: number;
  furniture: string[];
  got: string;
}

/** The Markdown of one import scored against its key. */
export function score(markdown: string, key: PageKey): Score {
  const blocks = markdown
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  const title = (blocks.shift() ?? '').replace(/^#\s+/, '');
  const body = blocks.map((b) => b.replace(/^#{1,6}\s+/, ''));
  // In order: each key paragraph is looked for after the one found before it.
  let from = 0;
  let found = 0;
  for (const para of key.paragraphs) {
    const at = body.findIndex((b, i) => i >= from && matches(b, para));
    if (at >= 0) {
      found++;
      from = at + 1;
    }
  }
  const kept = body.filter((b) => [...key.paragraphs, ...key.optional].some((p) => matches(b, p))).length;
  const all = norm(markdown);
  return {
    title: norm(title) === norm(key.title),
    found,
    wanted: key.paragraphs.length,
    kept,
    blocks: body.length,
    furniture: key.absent.filter((a) => all.includes(norm(a))),
    got: title,
  };
}

export const keysIn = (dir: string): PageKey[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as PageKey);

describe.skipIf(!existsSync(REAL))('twelve real saved pages against keys written from their HTML', () => {
  const keys = keysIn(KEYS);

  it('has a key for each page', () => {
    expect(keys.map((k) => k.file)).toEqual(readdirSync(REAL).filter((f) => f.endsWith('.html')).sort());
  });

  it('titles 12/12, recall ≥ 99 %, precision ≥ 98 %, no furniture', async () => {
    const scores: Array<Score & { file: string }> = [];
    for (const key of keys) scores.push({ file: key.file, ...score(await importedMarkdown([await importFile(join(REAL, key.file))]), key) });
    const sum = (f: (s: Score) => number) => scores.reduce((n, s) => n + f(s), 0);
    const recall = sum((s) => s.found) / sum((s) => s.wanted);
    const precision = sum((s) => s.kept) / sum((s) => s.blocks);
    const report = scores.map((s) => `${s.file}: title ${s.title ? 'ok' : `WRONG (${s.got})`}, ${s.found}/${s.wanted} found, ${s.kept}/${s.blocks} kept${s.furniture.length ? `, furniture ${s.furniture.join(' / ')}` : ''}`);
    console.log(`${report.join('\n')}\nrecall ${(recall * 100).toFixed(1)} %, precision ${(precision * 100).toFixed(1)} %`);
    expect(scores.filter((s) => !s.title).map((s) => `${s.file}: ${s.got}`)).toEqual([]);
    expect(scores.flatMap((s) => s.furniture.map((f) => `${s.file}: ${f}`))).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.99);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    // No page is sacrificed to the totals.
    for (const s of scores) expect(s.found / s.wanted, s.file).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
