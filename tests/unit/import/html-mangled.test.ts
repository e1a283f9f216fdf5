// Saved pages cut short or with spans missing (a download broken off, a page edited by hand):
// the import gives articles or a clear ImportError naming the file, never another exception.
// Seeded, so a failure comes back the same.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/import/article.ts';
import { importHtml } from '../../../src/import/html.ts';
import { ROOT } from './helpers.ts';

const REAL = join(ROOT, '../shared/import-real');

function* mangled(bytes: Buffer, seed: number): Generator<Buffer> {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  for (let i = 0; i < 3; i++) yield bytes.subarray(0, next(bytes.length)); // cut short
  for (let i = 0; i < 3; i++) {
    const at = next(bytes.length);
    yield Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + next(4000)))]); // a span gone
  }
}

describe.skipIf(!existsSync(REAL))('mangled real pages', () => {
  it('give articles or an ImportError, nothing else', () => {
    const other: string[] = [];
    let n = 0;
    for (const [i, file] of readdirSync(REAL).filter((f) => f.endsWith('.html')).sort().entries()) {
      for (const bytes of mangled(readFileSync(join(REAL, file)), 7 + i)) {
        n++;
        try {
          const [article] = importHtml(file, bytes);
          expect(article!.title.trim()).not.toBe('');
        } catch (error) {
          if (!(error instanceof ImportError)) other.push(`${file} (${bytes.length} bytes): ${(error as Error).stack}`);
        }
      }
    }
    expect(n).toBe(72);
    expect(other).toEqual([]);
  }, 120_000);
});
