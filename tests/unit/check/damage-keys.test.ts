// Damaged sources written for the checker (tests/fixtures/check-damage; held-out/ and held-out-2/
// were kept aside while the rules were tuned), each with a hand-written key of the planted faults and right look-alikes
// and a hand-written expected --fix output. scripts/check-score.ts prints the same figures.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource, fixSource } from '../../../src/check/index.ts';
import { fixturesIn, scoreFile } from '../../../scripts/check-score.ts';
import { ROOT } from './helpers.ts';

const files = ['', '/held-out', '/held-out-2'].flatMap((dir) => fixturesIn(join(ROOT, `tests/fixtures/check-damage${dir}`)));

describe('damaged sources with keys', () => {
  it('there are ten of them', () => {
    expect(files).toHaveLength(10);
  });
  for (const file of files) {
    it(`${file.slice(ROOT.length + 1)}: every planted fault at its line, no false alarm, --fix as written by hand, a second --fix a no-op`, async () => {
      const s = await scoreFile(file, (p, t) => checkSource(p, t), fixSource);
      expect(s.faults).toBeGreaterThanOrEqual(5);
      expect(s.missed).toEqual([]);
      expect(s.falseAlarms).toEqual([]);
      expect(s.fixMatches).toBe(true);
      expect(s.secondFixNoop).toBe(true);
    });
  }
});
