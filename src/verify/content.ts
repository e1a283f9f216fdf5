// Nothing lost: the text of every source heading and paragraph appears in the text block of the body
// pages, in order. Compared with whitespace removed (titles break into lines, CJK line breaks are
// joined), without invisible format characters (they print nothing), and with the look-alikes below
// folded on both sides. The 目录 and the running headers repeat titles, so only
// the text blocks of the body pages count.
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Diagnostic } from '../diagnostics.ts';
import type { PageModel } from './pages.ts';

export interface SourceBlock {
  kind: 'heading' | 'paragraph';
  depth?: number;
  text: string;
  line: number;
  column: number;
}

/** Headings and paragraphs in reading order (also inside lists and quotes); raw HTML left out. */
export function sourceBlocks(tree: Root): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  visit(tree, (node) => {
    if (node.type !== 'heading' && node.type !== 'paragraph') return undefined;
    const text = toString(node, { includeHtml: false, includeImageAlt: false });
    if (text.trim()) {
      blocks.push({
        kind: node.type,
        depth: node.type === 'heading' ? node.depth : undefined,
        text,
        line: node.position?.start.line ?? 0,
        column: node.position?.start.column ?? 1,
      });
    }
    return 'skip';
  });
  return blocks;
}

/**
 * Look-alikes this check cannot tell apart, folded on both sides: canonical equivalents (NFC: a
 * compatibility ideograph 豈 U+F900 and 豈, 〈 U+2329 and 〈, Ω U+2126 and Ω), which pdfjs gives back as
 * one, and the non-breaking hyphen U+2011, which pdfjs reads as U+2010 (poppler reads both as they
 * are: the PDF is right). Nothing else is folded: a `·` where the source has `・` is a loss.
 */
const READER_FOLDS: Record<string, string> = { '\u2011': '\u2010' };
export const normalise = (s: string) =>
  s
    .replace(/[\s\p{Cf}]+/gu, '')
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
      message: `${block.kind} "${short(block.text.replace(/\s+/g, ' ').trim())}" is missing from the PDF's text${hint}${more}`,
    });
  }
  return { facts: { blocks: blocks.length, found: blocks.length - missing.length }, problems };
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
