// The characters a face can draw, read straight from its cmap table: a few hundred kB of a file of
// up to 15 MB, parsed in milliseconds, where HarfBuzz (collectUnicodes) first copies the whole face
// into its memory. Same answer: every code point the Unicode subtables map to a glyph other than 0.
import { readSfntTable } from './sfnt.ts';

function format4(t: Buffer, at: number, out: Set<number>): void {
  const segX2 = t.readUInt16BE(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let i = 0; i < segX2; i += 2) {
    const end = t.readUInt16BE(ends + i);
    const start = t.readUInt16BE(starts + i);
    const delta = t.readUInt16BE(deltas + i);
    const rangeOffset = t.readUInt16BE(rangeOffsets + i);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const where = rangeOffsets + i + rangeOffset + (cp - start) * 2;
        if (where + 2 > t.length) continue;
        glyph = t.readUInt16BE(where);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(cp);
    }
  }
}

function format12(t: Buffer, at: number, out: Set<number>): void {
  const groups = t.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const p = at + 16 + g * 12;
    const start = t.readUInt32BE(p);
    const end = Math.min(t.readUInt32BE(p + 4), 0x10ffff);
    const glyph = t.readUInt32BE(p + 8);
    for (let cp = start; cp <= end; cp++) if (glyph + (cp - start) !== 0) out.add(cp);
  }
}

/** The code points the face's Unicode cmap subtables (formats 4 and 12) map to a glyph. */
export function cmapCoverage(path: string): Set<number> {
  const table = readSfntTable(path, 'cmap');
  if (!table) throw new Error(`${path} has no cmap table`);
  const out = new Set<number>();
  const count = table.readUInt16BE(2);
  const done = new Set<number>();
  for (let i = 0; i < count; i++) {
    const platform = table.readUInt16BE(4 + i * 8);
    const encoding = table.readUInt16BE(6 + i * 8);
    const offset = table.readUInt32BE(8 + i * 8);
    // Unicode subtables only (platform 0, or Windows BMP/full repertoire); each once.
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) || done.has(offset)) continue;
    done.add(offset);
    const format = table.readUInt16BE(offset);
    if (format === 4) format4(table, offset, out);
    else if (format === 12) format12(table, offset, out);
  }
  return out;
}
