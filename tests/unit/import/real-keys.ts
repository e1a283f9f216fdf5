// Keys for real saved pages (tests/fixtures/import-real/): what each holds, and how an import is
// scored against one — the title, paragraphs found in order (recall), blocks that belong (precision),
// furniture left.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Para = string | [string, string];
export interface PageKey {
  file: string;
  title: string;
  paragraphs: Para[];
  optional: Para[];
  absent: string[];
}

/** Compared as text: no spaces, full-width forms folded, Markdown's markup and escapes gone. */
export const norm = (s: string) =>
  s
    .normalize('NFKC')
    // an escaped `*` is text, an unescaped one emphasis
    .replace(/\\([\\`*_<[\]#>+=|~.)!-])/g, (_, c: string) => (c === '*' ? '\u0000' : c))
    .replace(/\*/g, '')
    .replace(/\u0000/g, '*')
    .replace(/[\s\u00a0\u3000]+/g, '')
    // the checker's repairs write `……` for `...`
    .replace(/\.{3,}/g, '...');

const matches = (block: string, para: Para) => {
  const b = norm(block);
  return typeof para === 'string' ? b === norm(para) : b.startsWith(norm(para[0])) && b.endsWith(norm(para[1]));
};

export interface Score {
  title: boolean;
  found: number;
  wanted: number;
  kept: number;
  blocks: number;
  furniture: string[];
  got: string;
}

/** The Markdown of one import scored against its key. */
export function score(markdown: string, key: PageKey): Score {
  const blocks = markdown
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  const title = (blocks.shift() ?? '').replace(/^#\s+/, '');
  const body = blocks.map((b) => b.replace(/^#{1,6}\s+/, ''));
  // In order: each key paragraph is looked for after the one found before it.
  let from = 0;
  let found = 0;
  for (const para of key.paragraphs) {
    const at = body.findIndex((b, i) => i >= from && matches(b, para));
    if (at >= 0) {
      found++;
      from = at + 1;
    }
  }
  const kept = body.filter((b) => [...key.paragraphs, ...key.optional].some((p) => matches(b, p))).length;
  const all = norm(markdown);
  return {
    title: norm(title) === norm(key.title),
    found,
    wanted: key.paragraphs.length,
    kept,
    blocks: body.length,
    furniture: key.absent.filter((a) => all.includes(norm(a))),
    got: title,
  };
}

export const keysIn = (dir: string): PageKey[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as PageKey);
