// What every input format becomes before it is written out: articles of titled blocks. The
// Markdown is written in one place, so every format gets the same heading levels and escaping.
import { isWide } from '../check/text.ts';

/** A run of a paragraph's text with its emphasis (`<strong>`/`<b>` → strong, `<em>`/`<i>` → em). */
export interface Span {
  text: string;
  strong?: boolean;
  em?: boolean;
}

export type ImportBlock =
  | { type: 'heading'; text: string }
  /** `spans`, where given, spell `text` with its emphasis (their texts joined are `text`). */
  | { type: 'paragraph'; text: string; spans?: Span[] }
  | { type: 'image'; alt: string; src: string }
  /** A data table: rows of cell texts, the first row its header. */
  | { type: 'table'; rows: string[][] };

export interface ImportedArticle {
  title: string;
  blocks: ImportBlock[];
  /** Title and paragraphs are Markdown already (text that came with `#` headings): not escaped. */
  markdown?: boolean;
}

/** A problem with one input file: it is named, and nothing is written. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

const CN = '[一二三四五六七八九十百零〇]+';
/** Section numbering → `#` count, the way the layout reads it (src/check/rules/numbering.ts). */
const LEVELS: Array<[RegExp, number]> = [
  [new RegExp(`^${CN}、`), 2],
  [new RegExp(`^${CN}$`), 2],
  [/^[—–－-]{1,2}(?:、|$)/, 2], // a dash where the numeral was: the checker asks for the numeral
  [new RegExp(`^（${CN}）`), 3],
  [/^\d+[.．](?!\d)/, 4],
  [/^（\d+）/, 4], // as the project's sources write it: the layout reads the level from the numbering
];

export function headingDepth(text: string): number {
  for (const [test, depth] of LEVELS) if (test.test(text)) return depth;
  return 2;
}

/** A section lead-in worth a heading: numbered, short, not a sentence. */
export function isSectionLine(text: string, maxLength = 40): boolean {
  const t = text.trim();
  // A heading is no sentence: no sentence's end in it, none at its end.
  if (!t || [...t].length > maxLength || /[。；！？]/.test(t) || /[，：]$/.test(t)) return false;
  if (new RegExp(`^${CN}$`).test(t) || /^[—–－]{1,2}$/.test(t)) return true;
  return new RegExp(`^(?:${CN}、|（${CN}）|\\d{1,2}[.．](?!\\d)\\s*|（\\d{1,2}）)\\S`).test(t);
}

/**
 * Whitespace of a run of text as a browser would show it, then without the gaps Chinese text
 * never has: indents (spaces, `&nbsp;`, U+3000) and line breaks between wide characters go, other
 * runs of whitespace become one space.
 */
export function collapseWhitespace(text: string): string {
  const t = text.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
  // Emphasis marks (blocks.ts) are no characters: the gap's neighbours are looked for past them.
  const near = (at: number, step: number) => {
    while (at >= 0 && at < t.length && EMPHASIS_MARK.test(t[at]!)) at += step;
    return t[at];
  };
  return t.replace(/[\s\u00a0\u3000]+/g, (gap, at: number) => {
    const before = near(at - 1, -1);
    const after = near(at + gap.length, 1);
    return isWide(before) && isWide(after) && /[\n\r]/.test(gap) ? '' : ' ';
  });
}

/** Private-use characters blocks.ts puts in a text where emphasis starts and ends. */
export const EMPHASIS_MARK = /[\uE000-\uE003]/;

/** Escapes what Markdown would read as inline markup (emphasis, code, links, HTML, entities). */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_<[\]]/g, (c) => `\\${c}`).replace(/&(?=#?\w+;)/g, '&amp;');
}

/** Escapes what would read as markup at a line's start (a list, a quote, a heading); inline escaping is done already. */
const escapeLineStart = (line: string) => line.replace(/^(\s*)([#>+=|~-])/, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');

/** Escapes what Markdown would read as markup at the start of a line (a list, a quote, a heading) or inside it. */
export function escapeLine(line: string): string {
  return escapeLineStart(escapeInline(line));
}

function escapeText(text: string): string {
  return text.split('\n').map(escapeLine).join('\n');
}

/**
 * A paragraph with its emphasis: `**strong**`, `*em*`. Spaces at a run's edges stay outside its
 * markers (`** x**` is no emphasis); a run of spaces only is plain text.
 */
export function spansToMarkdown(spans: Span[]): string {
  const out = spans
    .map((span) => {
      const marker = `${span.strong ? '**' : ''}${span.em ? '*' : ''}`;
      const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(span.text) ?? [];
      const escaped = core.split('\n').map(escapeInline).join('\n');
      return marker && core ? `${lead}${marker}${escaped}${[...marker].reverse().join('')}${trail}` : `${lead}${escaped}${trail}`;
    })
    .join('');
  return out.split('\n').map(escapeLineStart).join('\n');
}

/** A GFM table: the first row is the header; `|` in a cell is escaped, rows padded to one width. */
export function tableToMarkdown(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const cell = (text: string) => escapeInline(text.replace(/\s*\n\s*/g, ' ')).replace(/\|/g, '\\|') || ' ';
  const line = (row: string[]) => `| ${Array.from({ length: width }, (_, i) => cell(row[i] ?? '')).join(' | ')} |`;
  return [line(rows[0] ?? []), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
}

/** The articles as bulletin Markdown: `# title`, section headings by their numbering, paragraphs. */
export function articlesToMarkdown(articles: ImportedArticle[]): string {
  const parts: string[] = [];
  for (const article of articles) {
    const escape = article.markdown ? (s: string) => s : escapeText;
    // A heading's text is inline: `1. 标题` after `####` is no list.
    const heading = article.markdown ? (s: string) => s : escapeInline;
    parts.push(`# ${heading(article.title)}`);
    for (const block of article.blocks) {
      if (block.type === 'heading') parts.push(`${'#'.repeat(headingDepth(block.text))} ${heading(block.text)}`);
      else if (block.type === 'paragraph') parts.push(block.spans && !article.markdown ? spansToMarkdown(block.spans) : escape(block.text));
      else if (block.type === 'table') parts.push(tableToMarkdown(block.rows));
      else parts.push(`![${block.alt.replace(/[[\]\\]/g, '\\$&')}](${encodeURI(block.src)})`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
