// The faces the body uses can set a full-width mark in half its width (OpenType `halt`), which
// Chromium's text-spacing-trim needs to compress “一带一路”。 and to trim a mark at a line end; and
// the subsets the build makes keep that positioning. Shaped with HarfBuzz, not read from the code.
import { readFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { faceFile, loadManifest } from '../../../src/fonts/manifest.ts';

const manifest = loadManifest();
const SAMPLE = '“一带一路”。（先）';

async function advances(data: Uint8Array, text: string, features: string[]): Promise<number[]> {
  const hb = await import('harfbuzzjs');
  const face = new hb.Face(new hb.Blob(data), 0);
  const font = new hb.Font(face);
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(font, buffer, features.map((tag) => new hb.Feature(tag)));
  return buffer.getGlyphPositions().map((p) => p.xAdvance / face.upem);
}

describe.each(['fandol-fang', 'fandol-kai', 'noto-sans-sc-500', 'noto-serif-sc-400'])('%s', (id) => {
  const file = faceFile(manifest.faces[id]!);

  it('sets every mark of the sample in half an em with halt, a full em without', async () => {
    const data = readFileSync(file);
    const plain = await advances(data, SAMPLE, []);
    const half = await advances(data, SAMPLE, ['halt']);
    const marks = [...SAMPLE].map((ch, i) => (/[“”。（）]/.test(ch) ? i : -1)).filter((i) => i >= 0);
    expect(marks.map((i) => plain[i])).toEqual(marks.map(() => 1));
    expect(marks.map((i) => half[i])).toEqual(marks.map(() => 0.5));
  });

  it('keeps halt in the subset the build makes', async () => {
    const subset = await subsetFont(readFileSync(file), SAMPLE, { targetFormat: 'truetype' });
    const half = await advances(subset, SAMPLE, ['halt']);
    expect(half[0]).toBe(0.5);
    expect(half[5]).toBe(0.5);
  });
});
