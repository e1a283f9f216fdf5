// One table of a TrueType/OpenType file (the first face of a .ttc), read without loading the file:
// the CJK faces are megabytes long, and only the table directory and the one table are needed.
import { closeSync, openSync, readSync } from 'node:fs';

function readAt(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, offset);
  if (read < length) throw new Error(`unexpected end of file at byte ${offset + read}`);
  return buffer;
}

/** The bytes of table `tag` (e.g. 'cmap', 'name'), or undefined when the face has none. */
export function readSfntTable(path: string, tag: string): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    let base = 0;
    if (readAt(fd, 0, 4).toString('latin1') === 'ttcf') base = readAt(fd, 12, 4).readUInt32BE(0);
    const numTables = readAt(fd, base + 4, 2).readUInt16BE(0);
    const directory = readAt(fd, base + 12, numTables * 16);
    for (let i = 0; i < numTables; i++) {
      if (directory.toString('latin1', i * 16, i * 16 + 4) === tag) return readAt(fd, directory.readUInt32BE(i * 16 + 8), directory.readUInt32BE(i * 16 + 12));
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
