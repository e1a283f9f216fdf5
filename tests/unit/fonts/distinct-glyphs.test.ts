// One glyph per code point in the subsets (issue 19: `・` copied out of the PDF as `·`, because the
// face draws both with one glyph and the PDF's ToUnicode can name only one code point per glyph).
// HarfBuzz, an independent reader, shapes each character of the prepared subsets: every one must
// land on a glyph of its own, with the outline and advance of the original face's glyph.
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../src/fonts/manifest.ts';
import { prepareFonts } from '../../../src/fonts/prepare.ts';

// Pairs the Noto faces draw with one glyph: middle dots, a Kangxi radical and its ideograph, a
// compatibility ideograph and its unified twin, the ohm sign and omega.
const TEXT = '·・一⼀豈豈ΩΩ学习';

describe('subset fonts', () => {
  it('give every code point its own glyph, drawn as the face draws it', async () => {
    const { Blob, Buffer: HbBuffer, Face, Font, shape } = await import('harfbuzzjs');
    const fonts = await prepareFonts(loadManifest(), TEXT);
    let sharedBefore = 0;
    for (const file of fonts.files) {
      const font = new Font(new Face(new Blob(file.data), 0));
      const glyphOf = new Map<string, { id: number; advance: number; path: string }>();
      for (const ch of TEXT) {
        const buffer = new HbBuffer();
        buffer.addText(ch);
        buffer.guessSegmentProperties();
        shape(font, buffer);
        const [info] = buffer.getGlyphInfos();
        const [position] = buffer.getGlyphPositions();
        if (!info || info.codepoint === 0) continue; // not in this face
        glyphOf.set(ch, { id: info.codepoint, advance: position!.xAdvance, path: font.glyphToPath(info.codepoint) });
      }
      const ids = [...glyphOf.values()].map((g) => g.id);
      expect(new Set(ids).size, file.name).toBe(ids.length);
      // The copies draw what the shared glyph drew: same outline, same advance.
      for (const [a, b] of [['·', '・'], ['一', '⼀'], ['豈', '豈'], ['Ω', 'Ω']] as const) {
        const ga = glyphOf.get(a);
        const gb = glyphOf.get(b);
        if (!ga || !gb || ga.path !== gb.path) continue;
        sharedBefore++;
        expect(gb.advance).toBe(ga.advance);
      }
    }
    // Some face did draw some pair with one glyph: the case is really exercised.
    expect(sharedBefore).toBeGreaterThan(2);
  });
});
