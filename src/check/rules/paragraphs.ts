// Page and line breaks of the printed original that survived text extraction: a paragraph cut
// where a page ended, and line ends kept inside a paragraph.
import type { Paragraph } from 'mdast';
import { isByline, isClosingNote, isSourceNote } from '../../transform/paragraph-roles.ts';
import { span } from '../context.ts';
import { CLOSING, isDigit, isHan, isWide } from '../text.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';
import { TOC_LINE } from './structure.ts';

export interface Cut {
  first: Paragraph;
  second: Paragraph;
  /** The blank lines between them. */
  gap: [number, number];
  joiner: string;
}

const OPEN_END = new Set([...'，,、“‘《〈（【']);
const CONTINUING_START = new Set([...'，。、；：？！）》〉】”’“《']);
const NUMBERED_START = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]\D)/;
const ALNUM = /^[A-Za-z0-9]$/;

const endsOpen = (ch: string) => isHan(ch) || isDigit(ch) || ALNUM.test(ch) || OPEN_END.has(ch);
const startsContinuing = (ch: string) => isHan(ch) || isDigit(ch) || ALNUM.test(ch) || CONTINUING_START.has(ch);

/** Pairs of sibling paragraphs where the first stops mid-sentence and the second carries on. */
export function findCuts(ctx: CheckContext): Cut[] {
  return ctx.memo('cuts', () => {
    const cuts: Cut[] = [];
    for (let i = 0; i + 1 < ctx.blocks.length; i++) {
      const a = ctx.blocks[i]!;
      const b = ctx.blocks[i + 1]!;
      if (a.node.type !== 'paragraph' || b.node.type !== 'paragraph' || a.parent !== b.parent || b.index !== a.index + 1) continue;
      const textA = ctx.plain(a.node).trim();
      const textB = ctx.plain(b.node).trim();
      const last = [...textA].at(-1) ?? '';
      const first = [...textB][0] ?? '';
      if ([...textA].length < 8 || CLOSING.has(last) || !endsOpen(last) || !startsContinuing(first)) continue;
      // A byline or a short caption under a heading is meant to stand alone.
      const previous = a.parent.children[a.index - 1];
      if ((previous?.type === 'heading' || a.index === 0) && isByline(textA)) continue;
      if (TOC_LINE.test(textA.split('\n').at(-1)!) || NUMBERED_START.test(textB) || isSourceNote(textB) || isClosingNote(textB)) continue;
      const gap: [number, number] = [span(a.node)[1], span(b.node)[0]];
      if (!/^\s*$/.test(ctx.text.slice(...gap))) continue; // e.g. inside a block quote: no safe text edit
      cuts.push({ first: a.node, second: b.node, gap, joiner: ALNUM.test(last) && ALNUM.test(first) ? ' ' : '' });
    }
    return cuts;
  });
}

const excerpt = (s: string, n: number, fromEnd = false) => {
  const chars = [...s.replace(/\s+/g, '')];
  return fromEnd ? (chars.length > n ? '…' : '') + chars.slice(-n).join('') : chars.slice(0, n).join('') + (chars.length > n ? '…' : '');
};

export const splitParagraph: Rule = {
  id: 'split-paragraph',
  description: 'a paragraph cut in two (ends mid-sentence, the next one continues it): an old page break',
  severity: 'warning',
  check(ctx) {
    return findCuts(ctx).map((cut) => ({
      offset: cut.gap[0],
      message: `paragraph cut in two: "${excerpt(ctx.plain(cut.first), 6, true)}" ends without closing punctuation and line ${cut.second.position?.start.line} continues it ("${excerpt(ctx.plain(cut.second), 6)}"); join them`,
      fix: { range: cut.gap, text: cut.joiner },
    }));
  },
};

/** A hard break is fixed only after a long line: short lines (a signature block) may be meant. */
const MIN_WRAPPED_LINE = 16;

export const lineBreak: Rule = {
  id: 'line-break',
  description: 'a line break inside a paragraph between Chinese characters (or hanzi and digits)',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) if (node.type === 'paragraph') findings.push(...breaksIn(ctx, node));
    return findings;
  },
};

function breaksIn(ctx: CheckContext, node: Paragraph): Finding[] {
  const [start, end] = span(node);
  const raw = ctx.text.slice(start, end);
  const lines = raw.split('\n');
  if (lines.some((l) => TOC_LINE.test(l))) return []; // a hand-made 目录: manual-toc reports it
  const findings: Finding[] = [];
  let lineStart = start;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    const body = line.replace(/[ \t]+$/, '');
    const backslash = body.endsWith('\\');
    const content = backslash ? body.slice(0, -1) : body;
    const left = [...content].at(-1) ?? '';
    const right = [...next.trimStart()][0] ?? '';
    const hard = backslash || line.length - body.length >= 2;
    const breakAt = lineStart + content.length;
    lineStart += line.length + 1;
    if (!((isWide(left) && (isWide(right) || isDigit(right))) || (isDigit(left) && isWide(right)))) continue;
    const nextContent = lineStart + (next.length - next.trimStart().length);
    const fixable = !backslash && (!hard || [...content.trim()].length >= MIN_WRAPPED_LINE);
    findings.push({
      offset: breakAt,
      message: hard
        ? `hard line break inside a paragraph between "${left}" and "${right}": it prints as a forced new line${fixable ? '' : ' (kept by --fix: short line, maybe meant)'}`
        : `line break inside a paragraph between "${left}" and "${right}": an extraction artifact; join the lines`,
      fix: fixable ? { range: [breakAt, nextContent], text: '' } : undefined,
    });
  }
  return findings;
}
