import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSource } from '../../../src/check/index.ts';
import type { Diagnostic } from '../../../src/diagnostics.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const FIXTURES = join(ROOT, 'tests/fixtures/check');
export const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

import { FRONT } from '../../helpers/source.ts';

export { FRONT };

/** Findings without the font check (tests of other rules stay independent of fonts/build). */
export function check(text: string, rules?: string[]): Diagnostic[] {
  return checkSource('x.md', text, { coverage: false, rules });
}

/** A document: front matter, one article titled 标题, then `body`; body starts on line 11. */
export function doc(body: string): string {
  return `${FRONT}\n# 标题\n\n${body}`;
}

export const pairs = (ds: Diagnostic[]) => ds.map((d) => `${d.rule}@${d.line}`);

/** Recall and false alarms of findings against expected (rule, line) pairs. */
export function score(found: Diagnostic[], expected: Array<[string, number]>) {
  const keys = new Set(pairs(found));
  const missed = expected.filter(([r, l]) => !keys.has(`${r}@${l}`));
  const want = new Set(expected.map(([r, l]) => `${r}@${l}`));
  const extra = found.filter((d) => !want.has(`${d.rule}@${d.line}`));
  return { missed, extra, recall: (expected.length - missed.length) / expected.length };
}
