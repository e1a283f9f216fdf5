// Page and line breaks of the printed original that survived text extraction: a paragraph cut
// where a page ended, and line ends kept inside a paragraph.
import type { Paragraph } from 'mdast';
import { elementLines, keptApart } from '../../transform/element-text.ts';
import { isByline, isClosingNote, isSourceNote } from '../../transform/paragraph-roles.ts';
import { span } from '../context.ts';
import { CLOSING, isCaptionOrCredit, isDigit, isHan, isWide } from '../text.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';
import { headingParagraphs } from './numbering.ts';
import { DATELINE_END } from './spacing.ts';
import { TOC_LINE } from './structure.ts';

export interface Cut {
  first: Paragraph;
  second: Paragraph;
  /** The blank lines between them. */
  gap: [number, number];
  joiner: string;
  /** A page number or running header left between the halves: joined by hand, once it is deleted. */
  through?: Paragraph;
}

/** A page number of the printed original: `— 3 —`, `- 3 -`, `第 3 页`, `第3页 共12页`. */
const PAGE_NUMBER = /^(?:[—–－-]{1,2}[ \t]*\d{1,3}[ \t]*[—–－-]{1,2}|第[ \t]*\d{1,3}[ \t]*页(?:[ \t,，]*共[ \t]*\d{1,3}[ \t]*页)?|\d{1,3}[ \t]*\/[ \t]*\d{1,3})$/;

/** Lines a PDF page put around the text (page numbers, the running header), with their offsets. */
export function pageArtifacts(ctx: CheckContext): Map<number, string> {
  return ctx.memo('page-artifacts', () => {
    const found = new Map<number, string>();
    const key = (name: string) => new RegExp(`^${name}:[ \\t]*["']?([^"'\\n]+)`, 'm').exec(ctx.yaml?.value ?? '')?.[1]?.trim() ?? '';
    const [org, pub, issue] = [key('organization'), key('publication'), key('issue')];
    // A header line may carry the page number too: `3  学习资料`, `学习资料 — 3 —`.
    const squeeze = (s: string) => s.replace(/^(?:[—–－-]\s*)?\d{1,3}(?:\s*[—–－-])?\s+|\s+(?:[—–－-]\s*)?\d{1,3}(?:\s*[—–－-])?$/g, '').replace(/[\s\u3000（）()]+/g, '');
    const masthead = [org + pub, pub, issue, pub + issue, org + pub + issue].filter((h) => !/^\s*$/.test(h));
    const headers = new Set([...masthead, ...ctx.articles.map((a) => a.title)].map(squeeze).filter((h) => [...h].length >= 4));
    const longest = Math.max(24, ...[...headers].map((h) => h.length + 16));
    // The top of the first two articles is where masthead-in-body looks.
    const top = new Set(ctx.articles.slice(0, 2).flatMap((a) => a.nodes.slice(0, 4)));
    for (const { node, article, parent, index } of ctx.blocks) {
      if (node.type !== 'paragraph') continue;
      const [from, to] = span(node);
      // A number alone in a paragraph is a page number; in a longer paragraph it may be a value.
      const text = to - from <= 3 ? ctx.text.slice(from, to) : '';
      if (parent.type === 'root' && /^\d{1,3}$/.test(text) && article) {
        found.set(span(node)[0], `page number "${text}" of the printed original`);
        continue;
      }
      const atTop = parent.type === 'root' && top.has(parent.children[index]!);
      // From the start of its line: `- 5 -` is read as a list item holding "5 -".
      const start = ctx.text.lastIndexOf('\n', span(node)[0] - 1) + 1;
      const end = span(node)[1];
      let offset = start;
      for (const line of ctx.text.slice(start, end).split('\n')) {
        // Page lines are short: long lines of text are not worth the regular expressions.
        if (line.length <= longest) {
          const text = line.trim();
          if (PAGE_NUMBER.test(text)) found.set(offset, `page number "${text}" of the printed original`);
          else if (article && !atTop && headers.has(squeeze(text))) found.set(offset, `running header "${text}" of the printed original`);
        }
        offset += line.length + 1;
      }
    }
    return found;
  });
}

export const pageArtifact: Rule = {
  id: 'page-artifact',
  description: 'a page number (`— 3 —`, `第3页`) or running header copied from a PDF into the text',
  severity: 'warning',
  check(ctx) {
    return [...pageArtifacts(ctx)].map(([offset, what]) => ({ offset, message: `${what}: delete this line` }));
  },
};

const isArtifact = (ctx: CheckContext, node: Paragraph) => {
  const [start, end] = span(node);
  return pageArtifacts(ctx).has(start) && !ctx.text.slice(start, end).trim().includes('\n');
};

const CLOSES = new Set([...'”’）》〉」』】']);
const OPEN_END = new Set([...'，,、“‘《〈（【']);
const CONTINUING_START = new Set([...'，。、；：？！）》〉】”’“《']);
// `1）` is Word's list numbering kept as text (issue 19).
const NUMBERED_START = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]\D|\d{1,3}[）)])/;
const ALNUM = /^[A-Za-z0-9]$/;
const ITEM_LEAD = /^(?:\d{1,3}|[A-Za-z])[）)]|^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]/;

/** An organisation and a name under the title (`中共…委员会 理论学习中心组`): no punctuation, a space. */
export const isLongByline = (text: string) => [...text].length <= 30 && /[ \u3000]/.test(text) && !/[，。、；：？！“”‘’（）《》…—,.;:?!()]/.test(text);
/** A short `label：value` line (联系人：…, 联系电话：…, 附件：…). */
const LABEL_LINE = /^[\p{Script=Han}]{2,6}[：:][^。！？\n]{1,30}$/u;

/** A paragraph whose first line is short and ends in a hard break: a signature (单位, date). */
function startsSignature(ctx: CheckContext, node: Paragraph): boolean {
  const [start, end] = span(node);
  const first = ctx.text.slice(start, end).split('\n', 2);
  return first.length === 2 && / {2,}$|\\$/.test(first[0]!) && [...first[0]!.trim()].length < MIN_WRAPPED_LINE;
}

const endsOpen = (ch: string) => isHan(ch) || isDigit(ch) || ALNUM.test(ch) || OPEN_END.has(ch);
const startsContinuing = (ch: string) => isHan(ch) || isDigit(ch) || ALNUM.test(ch) || CONTINUING_START.has(ch);

function whollyEmphasised(p: Paragraph): boolean {
  const parts = p.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
  return parts.length === 1 && (parts[0]!.type === 'strong' || parts[0]!.type === 'emphasis');
}

/** Pairs of sibling paragraphs where the first stops mid-sentence and the second carries on. */
export function findCuts(ctx: CheckContext): Cut[] {
  return ctx.memo('cuts', () => {
    const cuts: Cut[] = [];
    for (let i = 0; i + 1 < ctx.blocks.length; i++) {
      const a = ctx.blocks[i]!;
      let b = ctx.blocks[i + 1]!;
      if (a.node.type !== 'paragraph' || b.node.type !== 'paragraph' || a.parent !== b.parent || b.index !== a.index + 1) continue;
      if (isArtifact(ctx, a.node) || headingParagraphs(ctx).has(a.node)) continue;
      // Cut at a page end, with the page number or header of that page between the halves.
      let through: Paragraph | undefined;
      if (isArtifact(ctx, b.node)) {
        const c = ctx.blocks[i + 2];
        if (c?.node.type !== 'paragraph' || c.parent !== b.parent || c.index !== b.index + 1 || isArtifact(ctx, c.node)) continue;
        through = b.node;
        b = c;
      }
      if (b.node.type !== 'paragraph') continue;
      const textA = ctx.plain(a.node).trim();
      const textB = ctx.plain(b.node).trim();
      const last = [...textA].at(-1) ?? '';
      const first = [...textB][0] ?? '';
      // A paragraph never starts with a closing mark: `…活了。` + `”一位…` is one paragraph.
      const closesFirst = CLOSES.has(first);
      if ([...textA].length < 8 || (!closesFirst && (CLOSING.has(last) || !endsOpen(last) || !startsContinuing(first)))) continue;
      // A byline or a short caption under a heading is meant to stand alone.
      const previous = a.parent.children[a.index - 1];
      if ((previous?.type === 'heading' || a.index === 0) && (isByline(textA) || isLongByline(textA))) continue;
      // A numbered item's lead line (`1）引入差异项定义`, Word's numbering as text) stands alone.
      if (ITEM_LEAD.test(textA) && [...textA].length <= 60) continue;
      // `联系人：刘芳` before a signature block: lines that are not sentences.
      if (LABEL_LINE.test(textA) || startsSignature(ctx, b.node)) continue;
      // An attachment list, issuer lines and the date under them (src/transform/element-text.ts).
      if (keptApart(textA, textB)) continue;
      // A photo caption (`…王舒悦 供图`) or a credit line stands alone under its picture.
      if (isCaptionOrCredit(textA)) continue;
      // A paragraph wholly in bold or italics is a subhead or a quotation set apart on purpose.
      if (whollyEmphasised(a.node) || whollyEmphasised(b.node)) continue;
      if (TOC_LINE.test(textA.split('\n').at(-1)!) || NUMBERED_START.test(textB) || isSourceNote(textB) || isClosingNote(textB)) continue;
      const gap: [number, number] = [span(a.node)[1], span(b.node)[0]];
      if (!through && !/^\s*$/.test(ctx.text.slice(...gap))) continue; // e.g. inside a block quote: no safe text edit
      cuts.push({ first: a.node, second: b.node, gap, joiner: ALNUM.test(last) && ALNUM.test(first) ? ' ' : '', through });
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
      message: `paragraph cut in two: "${excerpt(ctx.plain(cut.first), 6, true)}" ${CLOSES.has([...ctx.plain(cut.second).trim()][0] ?? '') ? 'is followed by a paragraph that starts with a closing mark, on' : 'ends without closing punctuation and'} line ${cut.second.position?.start.line} continues it ("${excerpt(ctx.plain(cut.second), 6)}")${cut.through ? `, after the page number or header on line ${cut.through.position?.start.line}; delete that and join them` : '; join them'}`,
      fix: cut.through ? undefined : { range: cut.gap, text: cut.joiner },
    }));
  },
};

/** A hard break after a shorter line is meant (a signature block); after a longer one, a wrap. */
const MIN_WRAPPED_LINE = 16;

export const lineBreak: Rule = {
  id: 'line-break',
  description: 'a line break inside a paragraph between Chinese characters (or hanzi and digits)',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node, parent } of ctx.blocks) if (node.type === 'paragraph') findings.push(...breaksIn(ctx, node, parent.type === 'root'));
    return findings;
  },
};

function breaksIn(ctx: CheckContext, node: Paragraph, atRoot: boolean): Finding[] {
  const [start, end] = span(node);
  const raw = ctx.text.slice(start, end);
  const lines = raw.split('\n');
  if (lines.some((l) => TOC_LINE.test(l))) return []; // a hand-made 目录: manual-toc reports it
  if (elementLines(lines)) return []; // an attachment list or a closing, one item a line
  const findings: Finding[] = [];
  const artifacts = pageArtifacts(ctx);
  let lineStart = start;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    // A page number or header line is reported on its own; joining it to the text would be wrong.
    if (artifacts.has(lineStart) || artifacts.has(lineStart + line.length + 1)) {
      lineStart += line.length + 1;
      continue;
    }
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
    // A short line ended with a hard break is meant (a signature, a list of names).
    if (hard && !backslash && [...content.trim()].length < MIN_WRAPPED_LINE) continue;
    const fixable = !backslash;
    // `…；` then `2.…` on the next line: numbered items typed one per line, which print run on.
    // The repair is a paragraph break, not a join.
    if (!hard && atRoot && /[。；！？：;]$/.test(content) && NUMBERED_START.test(next.trimStart())) {
      findings.push({
        offset: breakAt,
        message: `numbered item "${/^\S{1,4}/.exec(next.trim())![0]}" starts a line inside a paragraph: it prints run on; leave a blank line before it`,
        fix: { range: [breakAt, nextContent], text: '\n\n' },
      });
      continue;
    }
    // `…15日电` at a line end: the dateline's space goes back in when the lines are joined.
    const joiner = DATELINE_END.test(content.trimEnd()) ? ' ' : '';
    findings.push({
      offset: breakAt,
      message: hard
        ? `hard line break inside a paragraph between "${left}" and "${right}": it prints as a forced new line`
        : `line break inside a paragraph between "${left}" and "${right}": an extraction artifact; join the lines`,
      fix: fixable ? { range: [breakAt, nextContent], text: joiner } : undefined,
    });
  }
  return findings;
}

/**
 * Paragraphs indented with four spaces or a tab (Word and web pastes): Markdown reads an indented
 * code block, printed in a typewriter face. A bulletin has no code, so hanzi in one are text.
 */
export const indentedParagraph: Rule = {
  id: 'indented-paragraph',
  description: 'a paragraph indented with four spaces or a tab: Markdown reads it as code',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const node of ctx.tree.children) {
      if (node.type !== 'code' || node.lang || !/\p{Script=Han}/u.test(node.value)) continue;
      const [start, end] = span(node);
      const raw = ctx.text.slice(start, end);
      if (/^\s*(?:```|~~~)/.test(raw)) continue; // fenced: written as code on purpose
      findings.push({
        offset: start,
        message: 'paragraph indented with spaces or a tab: Markdown prints it as code; remove the indentation',
        fix: { range: [start, end], text: raw.replace(/^[ \t]+/gm, '') },
      });
    }
    return findings;
  },
};
