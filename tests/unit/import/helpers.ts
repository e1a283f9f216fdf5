import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRONT } from '../../helpers/source.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const FIXTURES = join(ROOT, 'tests/fixtures/import');
export { FRONT };

/** A fresh folder for one test's files. */
export const scratch = () => mkdtempSync(join(tmpdir(), 'bulletin-import-'));

/** The blocks of Markdown text (front matter left out): what lies between blank lines. */
export function blocks(markdown: string): string[] {
  return markdown
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
}

export const sourceBlocks = (path: string) => blocks(readFileSync(join(ROOT, path), 'utf8'));

let gbkTable: Map<string, number[]> | undefined;

/** Encodes text as GBK (Node can decode GBK but not encode it): the table is read off the decoder. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
