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
    // The lenient decoding marks the first undecodable byte with U+FFFD: report its position.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
    const line = before.split('\n').length;
    fail(path, 'is not valid UTF-8 (saved as GBK/GB18030? re-save it as UTF-8)', { line, column: before.length - before.lastIndexOf('\n') });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}
