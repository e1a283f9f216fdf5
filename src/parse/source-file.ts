import { readFileSync, statSync } from 'node:fs';
import { fail } from '../diagnostics.ts';

export interface SourceFile {
  path: string;
  /** UTF-8 text with any BOM removed and CRLF/CR line ends turned into LF. */
  text: string;
}

export function readSourceFile(path: string): SourceFile {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) fail(path, 'is a directory, expected a Markdown file');
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail(path, 'no such file');
    if (code === 'EACCES') fail(path, 'permission denied');
    throw error;
  }
  return { path, text: decodeSource(path, bytes) };
}

export function decodeSource(path: string, bytes: Uint8Array): string {
  if (bytes.includes(0)) fail(path, 'is a binary file (contains NUL bytes), expected UTF-8 Markdown');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const line = before.split('\n').length;
    fail(path, 'is not valid UTF-8 (saved as GBK/GB18030? re-save it as UTF-8)', { line, column: before.length - before.lastIndexOf('\n') });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search on prefix validity; a prefix may end mid-character, so allow 3 bytes of slack.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return Math.max(0, lo - 1);
}
