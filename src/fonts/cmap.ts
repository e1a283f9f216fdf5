// The characters a face can draw, read straight from its cmap table: a few hundred kB of a file of
// up to 15 MB, where HarfBuzz (collectUnicodes) first copies the whole face into its memory. The
// table is asked per character (binary search over its segments) instead of being expanded into a
// set of every code point: a document uses about a thousand characters, a CJK face maps 30–65 000.
// Same answer: a code point counts when a Unicode subtable maps it to a glyph other than 0.
import { readSfntTable } from './sfnt.ts';

/** What the checker and the font preparation ask of a face (a Set<number> is one too). */
export interface Coverage {
  has(codePoint: number): boolean;
}

/** Format 4 (BMP): segments [start, end] with a delta or an index into the glyph array. */
function format4(t: Buffer, at: number): (cp: number) => boolean {
  const segX2 = t.readUInt16BE(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  const segments = segX2 / 2;
  return (cp) => {
    if (cp > 0xfffe) return false;
    // The first segment whose end is >= cp.
    let lo = 0;
    let hi = segments - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.readUInt16BE(ends + mid * 2) < cp) lo = mid + 1;
      else hi = mid;
    }
    const i = lo * 2;
    const start = t.readUInt16BE(starts + i);
    if (cp < start || cp > t.readUInt16BE(ends + i)) return false;
    const delta = t.readUInt16BE(deltas + i);
    const rangeOffset = t.readUInt16BE(rangeOffsets + i);
    if (rangeOffset === 0) return ((cp + delta) & 0xffff) !== 0;
    const where = rangeOffsets + i + rangeOffset + (cp - start) * 2;
    if (where + 2 > t.length) return false;
    const glyph = t.readUInt16BE(where);
    return glyph !== 0 && ((glyph + delta) & 0xffff) !== 0;
  };
}

/** Format 12 (full repertoire): sequential groups [start, end] → first glyph. */
function format12(t: Buffer, at: number): (cp: number) => boolean {
  const groups = t.readUInt32BE(at + 12);
  const group = (g: number) => at + 16 + g * 12;
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    if (hi < 0) return false;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.readUInt32BE(group(mid) + 4) < cp) lo = mid + 1;
      else hi = mid;
    }
    const p = group(lo);
    const start = t.readUInt32BE(p);
    if (cp < start || cp > t.readUInt32BE(p + 4)) return false;
    return t.readUInt32BE(p + 8) + (cp - start) !== 0;
  };
}

/** The code points the face's Unicode cmap subtables (formats 4 and 12) map to a glyph. */
export function cmapCoverage(path: string): Coverage {
  const table = readSfntTable(path, 'cmap');
  if (!table) throw new Error(`${path} has no cmap table`);
  const lookups: Array<(cp: number) => boolean> = [];
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
    if (format === 4) lookups.push(format4(table, offset));
    else if (format === 12) lookups.push(format12(table, offset));
  }
  return { has: (cp) => lookups.some((lookup) => lookup(cp)) };
}
