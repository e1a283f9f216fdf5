// Reading a source file: whatever arrives (a Word export saved as GBK, a UTF-16 file from Windows,
// a stray binary, a 10 MB paste), the result is either correct text or one precise error —
// never mojibake on paper.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fail, type Diagnostic } from '../diagnostics.ts';

export interface SourceFile {
  path: string;
  /** UTF-8 text with any BOM removed and CRLF/CR line ends turned into LF. */
  text: string;
  /** Set when the file was not UTF-8 and was decoded from this encoding (a warning is due). */
  encoding?: string;
}

/** A bulletin is some 50 kB of text; 2 MB is some 700 000 characters, far past any issue. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export function readSourceFile(path: string): SourceFile {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) fail(path, 'is a directory, expected a Markdown file');
    if (!stat.isFile()) fail(path, 'is not a regular file');
    if (stat.size > MAX_SOURCE_BYTES) {
      fail(path, `is ${(stat.size / 1048576).toFixed(1)} MB; a bulletin source may be at most ${MAX_SOURCE_BYTES / 1048576} MB (is it the right file?)`);
    }
    bytes = Buffer.alloc(stat.size);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, bytes, 0, stat.size, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail(path, 'no such file');
    if (code === 'EACCES') fail(path, 'permission denied');
    if (code === 'EISDIR') fail(path, 'is a directory, expected a Markdown file');
    throw error;
  }
  return decodeSourceFile(path, bytes);
}

/** The warning for a file decoded from a legacy encoding. */
export function encodingWarning(source: SourceFile): Diagnostic | undefined {
  if (!source.encoding) return undefined;
  return { file: source.path, line: 1, column: 1, severity: 'warning', message: `decoded as ${source.encoding}, not UTF-8: please re-save the file as UTF-8`, rule: 'encoding' };
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/gu;

/** GB18030 (a superset of GBK and GB2312) if the bytes decode as such into mostly Chinese text. */
function asGb18030(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // Bytes above 0x7F must have become hanzi or full-width marks, not rare symbols: otherwise
  // the file is something else (Latin-1, Big5, binary) and a guess would print mojibake.
  const nonAscii = [...text].filter((ch) => ch.codePointAt(0)! > 0x7f).length;
  const cjk = text.match(CJK)?.length ?? 0;
  return nonAscii > 0 && cjk / nonAscii >= 0.9 ? text : undefined;
}

export function decodeSourceFile(path: string, bytes: Uint8Array): SourceFile {
  let text: string;
  let encoding: string | undefined;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    encoding = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE';
    text = new TextDecoder(encoding.toLowerCase()).decode(bytes);
  } else {
    if (bytes.includes(0)) fail(path, 'is a binary file (contains NUL bytes), expected UTF-8 Markdown');
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const gb = asGb18030(bytes);
      if (gb === undefined) {
        // Reported at the first byte that is not UTF-8 (a U+FFFD written in the file is text).
        const before = new TextDecoder('utf-8').decode(bytes.subarray(0, firstInvalidUtf8(bytes)));
        const line = before.split('\n').length;
        fail(path, 'is neither UTF-8 nor GBK/GB18030 text: re-save it as UTF-8', { line, column: before.length - before.lastIndexOf('\n') }, 'encoding');
      }
      text = gb;
      encoding = 'GB18030 (GBK)';
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { path, text: text.replace(/\r\n?/g, '\n'), encoding };
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n = 0;
    let min = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) (n = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= bytes.length + (n ? 0 : 1)) return i;
    let cp = n ? b & (0x3f >> n) : b;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += n + 1;
  }
  return bytes.length;
}

/** Decoded text only (tests and callers that do not need the encoding). */
export function decodeSource(path: string, bytes: Uint8Array): string {
  return decodeSourceFile(path, bytes).text;
}
