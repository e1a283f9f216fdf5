// A page's headline, chosen on evidence: the browser-tab `<title>` (with the site's name after a
// `-`, `_`, `|`, `—` or a space), the title the page gives in its meta data (`og:title` …) and the
// headings, title-classed, bold or centred blocks just before the article's text (a headline set
// over two or three lines counts as one). A block the tab title or the meta data name wins; among
// those, the one the article's text follows. A site's logo or a channel's name is never the title,
// nor a salutation (`同志们：`). Where nothing agrees, there is no title: the caller asks for one.
import { isWide } from '../check/text.ts';
import { isSectionLine } from './article.ts';
import type { RawBlock } from './blocks.ts';
import { isFurnitureText } from './furniture.ts';

export interface TitleEvidence {
  /** The `<title>` text. */
  tab: string;
  /** Titles from the meta data: og:title, twitter:title, ArticleTitle … */
  metas: string[];
  /** Every block of the page, in order (what the page's CSS hides left out). */
  page: RawBlock[];
  /** Where the article's text starts among them (-1: not found). */
  bodyStart: number;
}

export interface ChosenTitle {
  text: string;
  /** Where the headline sits among the page's blocks: [first, last]. */
  at?: [number, number];
}

/** For comparing: no spaces, full-width forms folded (`：` and `:` alike). */
export const fold = (s: string) => s.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');

const SEPARATOR = /^\s*(?:[-_|｜—–·•:：]|\s)/;
const HEADLINE_HINT = /title|headline|biaoti|timu|(?:^|[\s_-])(?:tit|bt|hd)(?:$|[\s_-])/i;

/** The tab title names the candidate: it starts (or ends) with it, the rest set off as a site's name. */
function tabNames(tab: string, text: string): boolean {
  const t = tab.normalize('NFKC').trim();
  const want = fold(text);
  if (!want) return false;
  const at = (from: string) => {
    let i = 0;
    let j = 0;
    while (i < from.length && j < want.length) {
      if (/[\s\u00a0\u3000]/.test(from[i]!)) i++;
      else if (from[i] === want[j]) {
        i++;
        j++;
      } else return -1;
    }
    return j === want.length ? i : -1;
  };
  const end = at(t);
  if (end >= 0 && (end === t.length || SEPARATOR.test(t.slice(end)))) return true;
  // `网站名 - 标题`: the same read from the end.
  const reversed = [...t].reverse().join('');
  const wantReversed = [...want].reverse().join('');
  let i = 0;
  let j = 0;
  while (i < reversed.length && j < wantReversed.length) {
    if (/[\s\u00a0\u3000]/.test(reversed[i]!)) i++;
    else if (reversed[i] === wantReversed[j]) {
      i++;
      j++;
    } else return false;
  }
  return j === wantReversed.length && i < reversed.length && SEPARATOR.test(reversed.slice(i));
}

/** The tab title's parts but its longest (the headline, before or after them): the site's and the channel's names. */
function siteNames(tab: string): Set<string> {
  const parts = tab.normalize('NFKC').split(/\s*(?:_+|\|+|｜|--+|—+|\s-\s)\s*/).map(fold).filter(Boolean);
  const longest = [...parts].sort((a, b) => b.length - a.length)[0];
  return new Set(parts.length > 1 ? parts.filter((p) => p !== longest) : []);
}

const joinLines = (lines: string[]) =>
  lines.reduce((acc, line) => (!acc ? line : isWide(acc.at(-1)) && isWide(line[0]) ? acc + line : `${acc} ${line}`), '');

function possible(text: string): boolean {
  const n = [...fold(text)].length;
  return n >= 4 && n <= 100 && !/[:：]$/.test(text.trim()) && !isSectionLine(text) && !isFurnitureText(text);
}

const headingLike = (b: RawBlock) => /^h[1-6]$/.test(b.tag) || HEADLINE_HINT.test(b.hint ?? '') || !!b.centred || b.bold;

export function chooseTitle(evidence: TitleEvidence): ChosenTitle | undefined {
  const { tab, page } = evidence;
  const metas = evidence.metas.map((m) => m.trim()).filter(Boolean);
  const sites = siteNames(tab);
  const start = evidence.bodyStart >= 0 ? evidence.bodyStart : page.length;
  const from = Math.max(0, start - 25);
  const to = Math.min(page.length, start + 4);
  interface Candidate {
    text: string;
    first: number;
    last: number;
    score: number;
  }
  const candidates: Candidate[] = [];
  for (let i = from; i < to; i++) {
    const lines: string[] = [];
    // One block, or a headline over up to four short lines of its own.
    for (let k = i; k < Math.min(to, i + 4); k++) {
      const block = page[k]!;
      if (block.image || block.table || (k > i && ([...block.text].length > 40 || /[。！？]/.test(block.text)))) break;
      lines.push(block.text);
      const text = joinLines(lines);
      if (!possible(text) || sites.has(fold(text))) continue;
      const byTab = tabNames(tab, text);
      const byMeta = metas.some((m) => fold(m) === fold(text) || tabNames(m, text));
      const shape = page.slice(i, k + 1).every(headingLike);
      const score = (byTab ? 3 : 0) + (byMeta ? 3 : 0) + (shape ? 1 : 0);
      if (score) candidates.push({ text, first: i, last: k, score });
    }
  }
  // The most evidence; then the one the article's text follows; then the longest.
  const distance = (c: Candidate) => Math.abs(start - 1 - c.last);
  candidates.sort((a, b) => b.score - a.score || distance(a) - distance(b) || b.text.length - a.text.length);
  const best = candidates[0];
  if (best && best.score >= 3) return { text: best.text, at: [best.first, best.last] };
  // No agreement: the heading right before the article's text (`<h1>`–`<h6>`, a block classed as a
  // title), long enough to be a headline, that is not the site's name.
  const near = candidates.filter((c) => c.first === c.last && c.last < start && start - c.last <= 8 && (/^h[1-6]$/.test(page[c.first]!.tag) || HEADLINE_HINT.test(page[c.first]!.hint ?? '')));
  const heading = near.sort((a, b) => b.last - a.last)[0];
  if (heading && [...fold(heading.text)].length >= 6) return { text: heading.text, at: [heading.first, heading.last] };
  // The meta data's title where the tab title names it too.
  const meta = metas.find((m) => possible(m) && tabNames(tab, m));
  if (meta) return { text: meta };
  // Near agreement, as a reader would accept it: the tab title's headline (its site and channel
  // names taken off) and a heading-like block before the text, or a meta title, that differ only
  // in punctuation or by a few characters at one end.
  const headline = tabHeadline(tab);
  if (headline && possible(headline) && !sites.has(fold(headline))) {
    const block = candidatesNear(page, from, to).find((b) => nearly(b.text, headline));
    if (block) return { text: block.text };
    if (metas.some((m) => nearly(m, headline))) return { text: headline };
    // The tab title alone, where a line at the start of the article's text says the same.
    if (page.slice(start, Math.min(page.length, start + 3)).some((b) => nearly(b.text, headline))) return { text: headline };
  }
  return undefined;
}

/** Compared as a reader compares two titles: no spaces, no punctuation, full-width folded. */
const bare = (s: string) => fold(s).replace(/[\p{P}\p{S}]/gu, '');

/** The same title, or one a few characters longer at one end (a column's name, a date, a suffix left). */
function nearly(a: string, b: string): boolean {
  const x = bare(a);
  const y = bare(b);
  if (x.length < 4 || y.length < 4) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 8 && short.length / long.length >= 0.8 && (long.startsWith(short) || long.endsWith(short));
}

/** The tab title without its site's and channel's names: after `_`, `|`, `—`, ` - `, or a bare `-` before a short name. */
export function tabHeadline(tab: string): string | undefined {
  let t = tab.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  for (;;) {
    const m = /^(.+?)\s*(?:_+|\|+|｜|--+|—+|\s-\s|-)\s*([^_|｜—-]{1,16})$/.exec(t);
    if (!m || [...fold(m[1]!)].length < 4) break;
    t = m[1]!.trim();
  }
  return t || undefined;
}

/** Heading-like blocks (headings, title-classed, bold or centred) in the window before the text. */
function candidatesNear(page: RawBlock[], from: number, to: number): RawBlock[] {
  return page.slice(from, to).filter((b) => !b.image && !b.table && headingLike(b) && possible(b.text));
}
