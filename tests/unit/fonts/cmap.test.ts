// The cmap reader against HarfBuzz's own answer, and the disk cache of subsets against fresh ones.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cmapCoverage } from '../../../src/fonts/cmap.ts';
import { faceFile, loadManifest } from '../../../src/fonts/manifest.ts';
import { fontCoverage } from '../../../src/fonts/prepare.ts';

const manifest = loadManifest();
const faces = Object.values(manifest.faces).map(faceFile);

describe('cmapCoverage', () => {
  it.each(faces.map((f) => [f.split('/').pop()!, f]))('answers as HarfBuzz does for every code point of %s', async (_name, file) => {
    const { Blob, Face } = await import('harfbuzzjs');
    const face = new Face(new Blob(readFileSync(file)), 0);
    const reference = new Set(face.collectUnicodes());
    expect(reference.size).toBeGreaterThan(5000);
    const coverage = cmapCoverage(file);
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (coverage.has(cp) !== reference.has(cp)) wrong.push(cp);
    expect(wrong.map((cp) => cp.toString(16))).toEqual([]);
  }, 60_000);

  it('unites the faces of every role: 祐 only through Noto, nothing for a private-use point', () => {
    const fandol = cmapCoverage(faceFile(manifest.faces['fandol-fang']!));
    expect(fandol.has('祐'.codePointAt(0)!)).toBe(false);
    expect(fandol.has('学'.codePointAt(0)!)).toBe(true);
    const all = fontCoverage(manifest);
    expect(all.has('祐'.codePointAt(0)!)).toBe(true);
    expect(all.has(0xe000)).toBe(false);
  });
});

describe('the subset cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-subsets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the bytes a fresh subset has, and replaces a damaged entry', async () => {
    const { cachedSubset } = await import('../../../src/fonts/subset-cache.ts');
    const { default: subsetFont } = await import('subset-font');
    const face = faceFile(manifest.faces['fandol-kai']!);
    const text = '学习资料目录一二三';
    let made = 0;
    const make = async () => {
      made++;
      return subsetFont(readFileSync(face), text, { targetFormat: 'truetype' });
    };
    const fresh = await make();
    made = 0;
    const first = await cachedSubset(face, text, make, dir);
    const second = await cachedSubset(face, text, make, dir);
    expect(made).toBe(1);
    expect(Buffer.from(first).equals(Buffer.from(fresh))).toBe(true);
    expect(Buffer.from(second).equals(Buffer.from(fresh))).toBe(true);
    const [entry] = readdirSync(dir).filter((n) => n.endsWith('.ttf'));
    writeFileSync(join(dir, entry!), 'not a font');
    const third = await cachedSubset(face, text, make, dir);
    expect(made).toBe(2);
    expect(Buffer.from(third).equals(Buffer.from(fresh))).toBe(true);
  }, 60_000);
});
