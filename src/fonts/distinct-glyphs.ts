// One glyph per code point in a subset font. A face may draw two code points with one glyph (`·`
// U+00B7 and `・` U+30FB, a compatibility ideograph and its unified twin, a Kangxi radical and its
// ideograph). Chromium's PDF writer gives each embedded glyph one ToUnicode entry, taken from the
// face's cmap (the lowest code point that maps to it), so the other code point would copy out of
// the PDF as its look-alike. Here every further code point of a shared glyph gets a copy of that
// glyph under a new id, and the cmap is rewritten; what the reader copies is then what was written.
// TrueType outlines only (`glyf`); other faces are returned unchanged.

interface Table {
  tag: string;
  data: Buffer;
}

function readTables(font: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = font.toString('latin1', at, at + 4);
    const offset = font.readUInt32BE(at + 8);
    const length = font.readUInt32BE(at + 12);
    tables.set(tag, font.subarray(offset, offset + length));
  }
  return tables;
}

/** Code point → glyph id from the best Unicode subtable (format 12 over format 4). */
export function cmapMapping(cmap: Buffer): Map<number, number> {
  const count = cmap.readUInt16BE(2);
  let best: { offset: number; format: number } | undefined;
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
    const format = cmap.readUInt16BE(offset);
    if ((format === 12 && best?.format !== 12) || (format === 4 && !best)) best = { offset, format };
  }
  const map = new Map<number, number>();
  if (!best) return map;
  const t = best.offset;
  if (best.format === 12) {
    const groups = cmap.readUInt32BE(t + 12);
    for (let g = 0; g < groups; g++) {
      const p = t + 16 + g * 12;
      const start = cmap.readUInt32BE(p);
      const end = cmap.readUInt32BE(p + 4);
      const glyph = cmap.readUInt32BE(p + 8);
      for (let cp = start; cp <= end; cp++) if (glyph + cp - start) map.set(cp, glyph + cp - start);
    }
    return map;
  }
  const segX2 = cmap.readUInt16BE(t + 6);
  const ends = t + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let i = 0; i < segX2; i += 2) {
    const start = cmap.readUInt16BE(starts + i);
    const end = cmap.readUInt16BE(ends + i);
    const delta = cmap.readUInt16BE(deltas + i);
    const range = cmap.readUInt16BE(ranges + i);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (range === 0) glyph = (cp + delta) & 0xffff;
      else {
        const where = ranges + i + range + (cp - start) * 2;
        glyph = where + 2 <= cmap.length ? cmap.readUInt16BE(where) : 0;
        if (glyph) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph) map.set(cp, glyph);
    }
  }
  return map;
}

/** Runs of consecutive code points with consecutive glyph ids. */
function runs(pairs: Array<[number, number]>): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const [cp, glyph] of pairs) {
    const last = out.at(-1);
    if (last && cp === last[1] + 1 && glyph === last[2] + (cp - last[0])) last[1] = cp;
    else out.push([cp, cp, glyph]);
  }
  return out;
}

function format12(pairs: Array<[number, number]>): Buffer {
  const groups = runs(pairs);
  const b = Buffer.alloc(16 + groups.length * 12);
  b.writeUInt16BE(12, 0);
  b.writeUInt32BE(b.length, 4);
  b.writeUInt32BE(groups.length, 12);
  groups.forEach(([start, end, glyph], i) => {
    b.writeUInt32BE(start, 16 + i * 12);
    b.writeUInt32BE(end, 20 + i * 12);
    b.writeUInt32BE(glyph, 24 + i * 12);
  });
  return b;
}

/** Format 4 for the BMP, every run a delta segment; undefined when it would pass 64 kB. */
function format4(pairs: Array<[number, number]>): Buffer | undefined {
  const segments = runs(pairs.filter(([cp]) => cp < 0xffff)).map(([s, e, g]) => [s, e, (g - s) & 0xffff] as const);
  segments.push([0xffff, 0xffff, 1]);
  const n = segments.length;
  const length = 16 + n * 8;
  if (length > 0xffff) return undefined;
  const b = Buffer.alloc(length);
  b.writeUInt16BE(4, 0);
  b.writeUInt16BE(length, 2);
  b.writeUInt16BE(n * 2, 6);
  const pow = 2 ** Math.floor(Math.log2(n));
  b.writeUInt16BE(pow * 2, 8);
  b.writeUInt16BE(Math.log2(pow), 10);
  b.writeUInt16BE(n * 2 - pow * 2, 12);
  segments.forEach(([start, end, delta], i) => {
    b.writeUInt16BE(end, 14 + i * 2);
    b.writeUInt16BE(start, 16 + n * 2 + i * 2);
    b.writeUInt16BE(delta, 16 + n * 4 + i * 2);
    // idRangeOffset stays 0
  });
  return b;
}

/** The variation-sequence subtable (format 14), kept as it was: its glyph ids are unchanged. */
function variationSubtable(cmap: Buffer): Buffer | undefined {
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    if (cmap.readUInt16BE(4 + i * 8) !== 0 || cmap.readUInt16BE(6 + i * 8) !== 5) continue;
    const offset = cmap.readUInt32BE(8 + i * 8);
    if (cmap.readUInt16BE(offset) !== 14) return undefined;
    return cmap.subarray(offset, offset + cmap.readUInt32BE(offset + 2));
  }
  return undefined;
}

function buildCmap(mapping: Map<number, number>, variations: Buffer | undefined): Buffer {
  const pairs = [...mapping].sort((a, b) => a[0] - b[0]);
  const f4 = format4(pairs);
  const f12 = format12(pairs);
  const subtables: Array<[number, number, Buffer]> = [];
  if (f4) subtables.push([0, 3, f4]);
  subtables.push([0, 4, f12]);
  if (variations) subtables.push([0, 5, variations]);
  if (f4) subtables.push([3, 1, f4]);
  subtables.push([3, 10, f12]);
  const header = Buffer.alloc(4 + subtables.length * 8);
  header.writeUInt16BE(subtables.length, 2);
  const bodies: Buffer[] = [];
  const placed = new Map<Buffer, number>();
  let offset = header.length;
  subtables.forEach(([platform, encoding, data], i) => {
    header.writeUInt16BE(platform, 4 + i * 8);
    header.writeUInt16BE(encoding, 6 + i * 8);
    let at = placed.get(data);
    if (at === undefined) {
      at = offset;
      placed.set(data, at);
      bodies.push(data);
      offset += data.length;
    }
    header.writeUInt32BE(at, 8 + i * 8);
  });
  return Buffer.concat([header, ...bodies]);
}

/** Long metrics (advance, side bearing) of every glyph, from hmtx/vmtx. */
function metrics(table: Buffer, longCount: number, glyphs: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let g = 0; g < glyphs; g++) {
    if (g < longCount) out.push([table.readUInt16BE(g * 4), table.readInt16BE(g * 4 + 2)]);
    else out.push([out[longCount - 1]![0], table.readInt16BE(longCount * 4 + (g - longCount) * 2)]);
  }
  return out;
}

function writeMetrics(all: Array<[number, number]>): Buffer {
  const b = Buffer.alloc(all.length * 4);
  all.forEach(([advance, bearing], g) => {
    b.writeUInt16BE(advance, g * 4);
    b.writeInt16BE(bearing, g * 4 + 2);
  });
  return b;
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeFont(tables: Table[]): Buffer {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = tables.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(n * 16 - pow * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  let headAt = -1;
  tables.forEach(({ tag, data }, i) => {
    const at = 12 + i * 16;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    if (tag === 'head') headAt = offset;
    const pad = (4 - (data.length % 4)) % 4;
    parts.push(data, Buffer.alloc(pad));
    offset += data.length + pad;
  });
  const font = Buffer.concat(parts);
  if (headAt >= 0) font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/** The font with every code point on a glyph of its own (see the top of this file). */
export function distinctGlyphs(input: Uint8Array): Uint8Array {
  const font = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (font.readUInt32BE(0) !== 0x00010000) return input;
  const tables = readTables(font);
  const cmap = tables.get('cmap');
  const glyf = tables.get('glyf');
  const loca = tables.get('loca');
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  if (!cmap || !glyf || !loca || !head || !maxp || !hhea || !hmtx) return input;
  const mapping = cmapMapping(cmap);
  const byGlyph = new Map<number, number[]>();
  for (const [cp, glyph] of [...mapping].sort((a, b) => a[0] - b[0])) {
    const list = byGlyph.get(glyph);
    if (list) list.push(cp);
    else byGlyph.set(glyph, [cp]);
  }
  const extra: Array<[number, number]> = [];
  for (const [glyph, cps] of byGlyph) for (const cp of cps.slice(1)) extra.push([cp, glyph]);
  if (!extra.length) return input;

  const glyphs = maxp.readUInt16BE(4);
  const total = glyphs + extra.length;
  if (total > 0xffff) return input;
  const long = head.readInt16BE(50) === 1;
  const offsetOf = (g: number) => (long ? loca.readUInt32BE(g * 4) : loca.readUInt16BE(g * 2) * 2);
  const outlines: Buffer[] = [];
  for (let g = 0; g < glyphs; g++) outlines.push(glyf.subarray(offsetOf(g), offsetOf(g + 1)));
  const hm = metrics(hmtx, hhea.readUInt16BE(34), glyphs);
  const vhea = tables.get('vhea');
  const vmtx = tables.get('vmtx');
  const vm = vhea && vmtx ? metrics(vmtx, vhea.readUInt16BE(34), glyphs) : undefined;
  const newMapping = new Map(mapping);
  extra.forEach(([cp, glyph], i) => {
    outlines.push(outlines[glyph]!);
    hm.push(hm[glyph]!);
    vm?.push(vm[glyph]!);
    newMapping.set(cp, glyphs + i);
  });

  const newLoca = Buffer.alloc((total + 1) * 4);
  const glyfParts: Buffer[] = [];
  let at = 0;
  outlines.forEach((data, g) => {
    newLoca.writeUInt32BE(at, g * 4);
    // Glyphs start on even offsets (4-aligned is customary).
    const pad = (4 - (data.length % 4)) % 4;
    glyfParts.push(data, Buffer.alloc(pad));
    at += data.length + pad;
  });
  newLoca.writeUInt32BE(at, total * 4);

  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50);
  newHead.writeUInt32BE(0, 8);
  const newMaxp = Buffer.from(maxp);
  newMaxp.writeUInt16BE(total, 4);
  const newHhea = Buffer.from(hhea);
  newHhea.writeUInt16BE(total, 34);
  const out: Table[] = [];
  for (const [tag, data] of tables) {
    // Per-glyph device tables would no longer match the glyph count; they are optional.
    if (['hdmx', 'LTSH', 'VDMX', 'DSIG'].includes(tag)) continue;
    let replaced: Buffer = data;
    if (tag === 'cmap') replaced = buildCmap(newMapping, variationSubtable(cmap));
    else if (tag === 'glyf') replaced = Buffer.concat(glyfParts);
    else if (tag === 'loca') replaced = newLoca;
    else if (tag === 'head') replaced = newHead;
    else if (tag === 'maxp') replaced = newMaxp;
    else if (tag === 'hhea') replaced = newHhea;
    else if (tag === 'hmtx') replaced = writeMetrics(hm);
    else if (tag === 'vhea' && vm) {
      replaced = Buffer.from(data);
      replaced.writeUInt16BE(total, 34);
    } else if (tag === 'vmtx' && vm) replaced = writeMetrics(vm);
    else if (tag === 'post' && data.readUInt32BE(0) === 0x00020000) {
      // Version 2 names each glyph; version 3 names none (the copies would have no name).
      replaced = Buffer.from(data.subarray(0, 32));
      replaced.writeUInt32BE(0x00030000, 0);
    }
    out.push({ tag, data: replaced });
  }
  return writeFont(out);
}
