// Nothing lost: the text of every source heading and paragraph appears in the text block of the body
// pages, in order. Compared with whitespace removed (titles break into lines, CJK line breaks are
// joined), without invisible format characters (they print nothing), and with the look-alikes below
// folded on both sides. The 目录 and the running headers repeat titles, so only
// the text blocks of the body pages count.
import type { FootnoteDefinition, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Diagnostic } from '../diagnostics.ts';
import type { PageModel } from './pages.ts';

export interface SourceBlock {
  kind: 'heading' | 'paragraph' | 'cell';
  depth?: number;
  text: string;
  line: number;
  column: number;
}

/**
 * Headings, paragraphs and table cells in the order they print (also inside lists and quotes);
 * raw HTML left out. Footnote notes print at the end of the article that calls them, in the order
 * of their first call (src/transform/elements.ts), wherever the source keeps them.
 */
export function sourceBlocks(tree: Root): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  const notes = new Map<string, FootnoteDefinition>();
  visit(tree, 'footnoteDefinition', (def) => {
    notes.set(def.identifier, def);
    return 'skip';
  });
  let called: string[] = [];
  const flushNotes = () => {
    for (const id of called) {
      const note = notes.get(id);
      if (note) collect(note, blocks);
    }
    called = [];
  };
  for (const top of tree.children) {
    if (top.type === 'heading' && top.depth === 1) flushNotes();
    if (top.type === 'footnoteDefinition') continue;
    visit(top, 'footnoteReference', (ref) => {
      if (!called.includes(ref.identifier)) called.push(ref.identifier);
    });
    collect(top, blocks);
  }
  flushNotes();
  return blocks;
}

function collect(root: Nodes, blocks: SourceBlock[]): void {
  visit(root, (node) => {
    if (node.type === 'footnoteDefinition' && node !== root) return 'skip';
    if (node.type !== 'heading' && node.type !== 'paragraph' && node.type !== 'tableCell') return undefined;
    const text = toString(node, { includeHtml: false, includeImageAlt: false });
    if (text.trim()) {
      blocks.push({
        kind: node.type === 'tableCell' ? 'cell' : node.type,
        depth: node.type === 'heading' ? node.depth : undefined,
        text,
        line: node.position?.start.line ?? 0,
        column: node.position?.start.column ?? 1,
      });
    }
    return 'skip';
  });
}

/**
 * Look-alikes this check cannot tell apart, folded on both sides: canonical equivalents (NFC: a
 * compatibility ideograph 豈 U+F900 and 豈, 〈 U+2329 and 〈, Ω U+2126 and Ω), which pdfjs gives back as
 * one, and the non-breaking hyphen U+2011, which pdfjs reads as U+2010 (poppler reads both as they
 * are: the PDF is right). Nothing else is folded: a `·` where the source has `・` is a loss. The
 * circled numbers (①②…) go on both sides: footnote calls print as them, raised off their line.
 */
const READER_FOLDS: Record<string, string> = { '\u2011': '\u2010' };
export const normalise = (s: string) =>
  s
    .replace(/[\s\p{Cf}\u2460-\u2473\u3251-\u325F]+/gu, '')
    .normalize('NFC')
    .replace(/[\u2011]/g, (c) => READER_FOLDS[c]!);

/** The text of the body pages' text blocks, in page order, normalised. */
export function bodyText(models: PageModel[], bodyStart: number): string {
  return models
    .slice(bodyStart)
    .map((m) => normalise(m.body.map((line) => line.map((i) => i.str).join('')).join('')))
    .join('');
}

const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface ContentFacts {
  blocks: number;
  found: number;
}

export function checkContent(pdfText: string, blocks: SourceBlock[], sourcePath: string): { facts: ContentFacts; problems: Diagnostic[] } {
  let cursor = 0;
  const missing: Array<{ block: SourceBlock; hint: string }> = [];
  for (const block of blocks) {
    const key = normalise(block.text);
    if (!key) continue;
    const at = pdfText.indexOf(key, cursor);
    if (at >= 0) {
      cursor = at + key.length;
      continue;
    }
    // A table cell that wraps is read line by line across its row: its characters come in order,
    // interleaved with its neighbours' lines, not far on.
    if (block.kind === 'cell' && inOrderNear(pdfText, key, cursor)) continue;
    missing.push({ block, hint: missing.length ? '' : divergence(pdfText, key, cursor) });
  }
  const problems: Diagnostic[] = [];
  const first = missing[0];
  if (first) {
    const { block, hint } = first;
    const more = missing.length > 1 ? ` (and ${missing.length - 1} more block${missing.length > 2 ? 's' : ''} after it)` : '';
    problems.push({
      file: sourcePath,
      line: block.line,
      column: block.column,
      severity: 'error',
      rule: 'content-lost',
      message: `${block.kind === 'cell' ? 'table cell' : block.kind} "${short(block.text.replace(/\s+/g, ' ').trim())}" is missing from the PDF's text${hint}${more}`,
    });
  }
  return { facts: { blocks: blocks.length, found: blocks.length - missing.length }, problems };
}

function inOrderNear(pdfText: string, key: string, cursor: number): boolean {
  const window = pdfText.slice(cursor, cursor + key.length * 8 + 64);
  let i = 0;
  for (const ch of window) if (ch === key[i]) i++;
  return i >= key.length;
}

/** Where the text parts ways: the longest start of the block found after `cursor`. */
function divergence(pdfText: string, key: string, cursor: number): string {
  let lo = 0;
  let hi = key.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (pdfText.indexOf(key.slice(0, mid), cursor) >= 0) lo = mid;
    else hi = mid - 1;
  }
  if (lo < 4) return '';
  const at = pdfText.indexOf(key.slice(0, lo), cursor) + lo;
  const pdfHas = at < pdfText.length ? `has "${short(pdfText.slice(at, at + 12), 12)}"` : 'ends';
  return `: the PDF agrees for its first ${lo} characters, then ${pdfHas} where the source has "${short(key.slice(lo, lo + 12), 12)}"`;
}
