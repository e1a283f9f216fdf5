// Where a Word file's title is, decided on the evidence of its formatting: a Title or Heading 1
// style; else the first lines set apart from the body (centred, bold or larger, one to three of
// them: a title set over two lines is one title); else a first line standing alone as a title
// does. A cover page in a layout table gives its title from its large lines, never from a
// template placeholder (`NB/T XXXX－20YY`, `（填写标准名称）`). A salutation (`同志们：`), a dateline
// or a sentence is never a title: then there is none to be found with confidence.
import { isSectionLine } from './article.ts';

/** What the title decision reads of each paragraph, with styles resolved. */
export interface ParagraphFacts {
  text: string;
  styleName?: string;
  centred: boolean;
  /** Every visible character is bold. */
  bold: boolean;
  /** The smallest size of its visible text, in points. */
  size: number;
}

export const TITLE_STYLE_NAME = /^(?:title|heading 1|标题|标题 1)$/i;

/** Template text standing where the real text was meant to go. */
const PLACEHOLDER = /[XＸ×]{3,}|[YＹ]{2}|(?:^|[（(【[])\s*(?:请?填写|此处(?:输入|填写)|在此(?:输入|填写))/;
export const isPlaceholder = (text: string): boolean => PLACEHOLDER.test(text);

/** An official document's number: `穗社组党〔2025〕5号`, `国办发[2024]12号`. */
const DOCUMENT_NUMBER = /^\p{Script=Han}{1,12}[〔［[（(]\d{4}[〕］\]）)]\d{1,4}号$/u;

const squeezed = (text: string) => text.replace(/[\s\u00a0\u3000]+/g, '');

/** A line that can be (part of) a title: short, no sentence, no salutation, no date or byline, no section number. */
export function titleLine(text: string): boolean {
  const t = squeezed(text);
  if (!t || [...t].length > 50) return false;
  if (/[。；！？]/.test(t) || /[，、：:,;]$/.test(t)) return false;
  if (/^[—–－-]{2}/.test(t) || /^[（(].*[）)]$/.test(t)) return false; // a subtitle `——在…上的讲话`, a date `（2022年10月16日）`
  if (/^\d{4}年\d{1,2}月(?:\d{1,2}日)?$/.test(t)) return false;
  if (isPlaceholder(text) || isSectionLine(text, 60)) return false;
  return true;
}

/** The size most of the text is set in: the body's. */
export function bodySize(paragraphs: ParagraphFacts[]): number {
  const weight = new Map<number, number>();
  for (const p of paragraphs) weight.set(p.size, (weight.get(p.size) ?? 0) + [...p.text].length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
}

export interface TitleDecision {
  /** Paragraphs (indexes) to mark as titles; consecutive ones make one title. */
  titles: number[];
  /** The file names its title with confidence (a styled title, or lines set apart at its start). */
  confident: boolean;
}

/**
 * The titles of a file's paragraphs: a styled title wins; else, formatted by hand, the first one
 * to three lines set apart from the body, and any later centred line set larger than the body
 * (a second article in the same file).
 */
export function decideTitles(paragraphs: ParagraphFacts[]): TitleDecision {
  const body = bodySize(paragraphs);
  const styled = paragraphs.some((p) => p.styleName && TITLE_STYLE_NAME.test(p.styleName));
  const large = (p: ParagraphFacts) => p.size >= body + 2;
  const heading = (p: ParagraphFacts) => !!p.styleName && /heading|title|标题/i.test(p.styleName);
  const titles: number[] = [];
  const text = paragraphs.map((p, i) => ({ p, i })).filter(({ p }) => squeezed(p.text));
  // An official document's 版头 (`中共…委员会文件` over its number `…〔2025〕5号`) comes before the title.
  const start = text.slice(0, 4).findIndex(({ p }) => DOCUMENT_NUMBER.test(squeezed(p.text))) + 1;
  // The lines that open the file, set apart from the body.
  let leading = 0;
  if (!styled) {
    for (const { p, i } of text.slice(start, start + 3)) {
      if (heading(p) || !titleLine(p.text) || !(p.centred || p.bold || large(p))) break;
      // A second line belongs to the title when it is set like the first.
      const first = text[start]!.p;
      if (leading && (p.bold !== first.bold || p.centred !== first.centred || Math.abs(p.size - first.size) > 1)) break;
      titles.push(i);
      leading++;
    }
    // Later articles in the same file: centred lines set as large as the first title (or larger than the body).
    const size = Math.max(body + 2, leading ? Math.min(...titles.map((i) => paragraphs[i]!.size)) - 1 : 0);
    for (const { p, i } of text.slice(start + leading)) {
      if (!heading(p) && p.centred && p.size >= size && titleLine(p.text)) titles.push(i);
    }
  }
  if (styled || leading) return { titles, confident: true };
  // No formatting at all: a first line that stands alone as a title, before a longer paragraph.
  const [first, second] = text.slice(start);
  if (first && second && titleLine(first.p.text) && [...squeezed(first.p.text)].length <= 40 && [...squeezed(second.p.text)].length > [...squeezed(first.p.text)].length) {
    return { titles: [first.i, ...titles], confident: true };
  }
  // Titles only further down: the text before the first has none.
  return { titles, confident: false };
}

/**
 * A cover page's title: its large lines that are neither placeholders nor parenthesised notes
 * (`（征求意见稿）`), in order; undefined where it has none.
 */
export function coverTitle(lines: ParagraphFacts[], body: number): string | undefined {
  const parts = lines.filter((l) => squeezed(l.text) && !isPlaceholder(l.text) && l.size >= body + 2 && titleLine(l.text));
  return parts.length ? parts.map((l) => l.text.trim().replace(/[\s\u00a0\u3000]+/g, ' ')).join(' ') : undefined;
}
