// The character sweep (issue 19): every code point some configured face maps in its cmap, as the
// paragraphs of one issue. The list comes from the font files, read by the fonts stage's own cmap
// reader; what is expected of the PDF (each character copied out as itself) needs no key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmapMapping } from '../../src/fonts/distinct-glyphs.ts';
import { faceFiles } from '../../src/fonts/face-file.ts';
import { readSfntTable } from '../../src/fonts/sfnt.ts';
import { FRONT } from './source.ts';

/** Code points the faces map, without controls, spaces, format characters and private use. */
export function drawnCodePoints(files = faceFiles()): number[] {
  const all = new Set<number>();
  for (const file of files) for (const cp of cmapMapping(readSfntTable(file, 'cmap')!).keys()) all.add(cp);
  return [...all].filter((cp) => !/[\p{Cc}\p{Cf}\p{Z}\p{Co}\p{Cs}\p{Cn}\p{M}]/u.test(String.fromCodePoint(cp))).sort((a, b) => a - b);
}

export const SWEEP_TITLES = ['他放弃百万年薪来到这里 唯一的要求竟是……', '艺术・童心织梦'];

/** A Markdown-safe spelling: ASCII punctuation backslash-escaped, everything else as itself. */
const spell = (ch: string) => (/[!-/:-@[-`{-~]/.test(ch) ? `\\${ch}` : ch);

/**
 * One article, paragraphs of `width` characters with a zero-width non-joiner between each two (so
 * that no two are shaped together: `〳〵` would become one ligature glyph, which copies out as one
 * of them; the joiner prints nothing and is no text the PDF can give back); a long URL last.
 */
export function sweepIssue(codePoints: number[], width = 120): { markdown: string; paragraphs: string[] } {
  const paragraphs: string[] = [];
  // Real headlines the build once refused: one ends in `……` (not a 目录 leader), one has `・`.
  const lines: string[] = [FRONT, ...SWEEP_TITLES.flatMap((t) => [`# ${t}`, '', `${t.replace(/\s/g, '')}，正文一段。`, '']), '# 字符全览', ''];
  for (let i = 0; i < codePoints.length; i += width) {
    const chars = codePoints.slice(i, i + width).map((cp) => String.fromCodePoint(cp));
    paragraphs.push(chars.join(''));
    lines.push(chars.map(spell).join('\u200c'), '');
  }
  const url = `https://www.example.org/${'path-segment/'.repeat(12)}index.html?query=${'0123456789'.repeat(6)}`;
  paragraphs.push(`链接：${url}。`);
  lines.push(`链接：${url}。`, '');
  return { markdown: lines.join('\n'), paragraphs };
}

export const readText = (path: string) => readFileSync(path, 'utf8');
export const sweepDir = (out: string) => join(out, 'sweep');
