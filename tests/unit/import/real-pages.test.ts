// Twelve real saved news pages (../shared/import-real/) against keys written by reading each
// page's HTML (tests/fixtures/import-real/*.json: the headline, every paragraph of the article in
// order — whole, or as its opening and closing words — lines that may or may not come along
// (photo captions, a subtitle), and furniture that must not). Scored as an editor would: the
// title, paragraph recall and precision, furniture left.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, importedMarkdown } from '../../../src/import/index.ts';
import { ROOT } from './helpers.ts';
import { keysIn, score, type Score } from './real-keys.ts';

const REAL = join(ROOT, '../shared/import-real');
const KEYS = join(ROOT, 'tests/fixtures/import-real');

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
