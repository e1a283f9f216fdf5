// Reads a face's PostScript name (name table, name ID 6) straight from its TrueType/OpenType file,
// touching only the table directory and the name table: the CJK faces are megabytes long and the
// preflight runs after every build.
import { statSync } from 'node:fs';
import { readSfntTable } from '../fonts/sfnt.ts';

/** The PostScript name stored in a name table (the table's bytes); undefined when it has none. */
export function postScriptNameFromTable(table: Buffer): string | undefined {
  const count = table.readUInt16BE(2);
  const stringOffset = table.readUInt16BE(4);
  let mac: string | undefined;
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 12;
    if (at + 12 > table.length) break;
    const platform = table.readUInt16BE(at);
    const nameId = table.readUInt16BE(at + 6);
    const length = table.readUInt16BE(at + 8);
    const offset = stringOffset + table.readUInt16BE(at + 10);
    if (nameId !== 6 || offset + length > table.length) continue;
    const raw = table.subarray(offset, offset + length);
    if (platform === 3 || platform === 0) {
      // UTF-16BE
      const swapped = Buffer.from(raw);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    if (platform === 1) mac ??= raw.toString('latin1');
  }
  return mac;
}

const cache = new Map<string, { mtimeMs: number; name: string | undefined }>();

/** PostScript name of the (first) face in a .ttf/.otf/.ttc file. Throws when the file is unreadable. */
export function postScriptName(path: string): string | undefined {
  const { mtimeMs } = statSync(path);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.name;
  const table = readSfntTable(path, 'name');
  const name = table && postScriptNameFromTable(table);
  cache.set(path, { mtimeMs, name });
  return name;
}
