// The parts of a Word file (a zip archive), read with Node's own zlib: the Word-specific passes
// rewrite a few XML parts before mammoth reads the file, and mammoth is handed the parts through
// its `file` input, so the archive is never written back.
import { inflateRawSync } from 'node:zlib';

interface Entry {
  method: number;
  data: Uint8Array;
}

/** The archive's entries by name; throws on what is not a zip archive. */
export function readZip(bytes: Uint8Array): Map<string, Entry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: within the last 64 KiB (its comment) of the file.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive (no central directory)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = new Map<string, Entry>();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new Error('damaged zip archive (central directory)');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new Error(`damaged zip archive (entry ${name})`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > bytes.length) throw new Error(`damaged zip archive (entry ${name} is cut short)`);
    entries.set(name, { method, data: bytes.subarray(start, start + size) });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** One entry's bytes, inflated. */
export function entryBytes(entry: Entry): Uint8Array {
  if (entry.method === 0) return entry.data;
  // A part inflating beyond 256 MB is no Word file's (a zip bomb): refused rather than read.
  if (entry.method === 8) return new Uint8Array(inflateRawSync(entry.data, { maxOutputLength: 256 * 1024 * 1024 }));
  throw new Error(`zip entry compressed with method ${entry.method}, which Word never uses`);
}

/** What mammoth reads a .docx through (its `file` input): the archive, with some parts replaced. */
export interface DocxParts {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<Uint8Array | string>;
  write(name: string, contents: string): void;
  toArrayBuffer(): Promise<ArrayBuffer>;
}

export function docxParts(entries: Map<string, Entry>, replaced: Map<string, string>): DocxParts {
  const bytesOf = (name: string): Uint8Array => {
    const text = replaced.get(name);
    if (text !== undefined) return new TextEncoder().encode(text);
    const entry = entries.get(name);
    if (!entry) throw new Error(`the file has no part ${name}`);
    return entryBytes(entry);
  };
  return {
    exists: (name) => replaced.has(name) || entries.has(name),
    read: async (name, encoding) => {
      const bytes = bytesOf(name);
      if (encoding === 'base64') return Buffer.from(bytes).toString('base64');
      return encoding ? new TextDecoder(encoding).decode(bytes) : bytes;
    },
    write: (name, contents) => void replaced.set(name, contents),
    toArrayBuffer: () => Promise.reject(new Error('not written back')),
  };
}

/** A part as text, or undefined where the file has none. */
export function partText(entries: Map<string, Entry>, name: string): string | undefined {
  const entry = entries.get(name);
  return entry ? new TextDecoder().decode(entryBytes(entry)) : undefined;
}
