// Line breaks for display text, chosen before layout: article titles (balanced, at phrase
// boundaries), section headings and 目录 entries (filled), and the running header (shortened with
// an ellipsis).
// Widths are in ems of the text's own size; callers pass the room they have.
import { balancedLines, filledLines, pieces, shortened, type Piece } from './choose.ts';
import { atoms } from './segment.ts';

import { textWidth } from './measure.ts';

export { textWidth };

/** Room, in ems, in the 156 mm text block (442.2 pt). */
export const BLOCK_PT = (156 / 25.4) * 72;

// The same title is cut three times (article, 目录, header): once is enough.
const memo = new Map<string, Piece[]>();
function phrases(text: string): Piece[] {
  let list = memo.get(text);
  if (!list) {
    list = pieces(atoms(text));
    if (memo.size > 2000) memo.clear();
    memo.set(text, list);
  }
  // A copy: callers change the first piece of a part (the space before it).
  return [...list];
}

/** One line of an article title; `space`: it begins where the editor typed a space. */
export interface TitleLine {
  text: string;
  space: boolean;
}

/**
 * The lines of an article title. A space the editor typed is a break: each part between the spaces
 * is set on its own lines, balanced (one line if it fits). Where that takes three lines or more,
 * parts that each fit one line may share a line, the space kept between them, when that saves a
 * line (…旗帜 / 为全面建设社会主义现代化国家 而团结奋斗, not three lines for a part and a bit); a
 * part is never broken anywhere but at its own phrase boundaries. A title without spaces that would
 * just fill its one line is set on two.
 */
export function titleLayout(title: string, width: number): TitleLine[] {
  const parts = joinShortParts(title.split(/\s+/).filter(Boolean));
  if (parts.length <= 1) return balancedLines(phrases(parts[0] ?? ''), width, { preferTwo: true }).lines.map((text) => ({ text, space: false }));
  const layouts = parts.map((part) => balancedLines(phrases(part), width).lines);
  const forced = layouts.flatMap((lines, p) => lines.map((text, i) => ({ text, space: p > 0 && i === 0 })));
  if (forced.length < 3) return forced;
  const out: TitleLine[] = [];
  for (let p = 0; p < parts.length; ) {
    if (layouts[p]!.length > 1) {
      out.push(...layouts[p]!.map((text, i) => ({ text, space: p > 0 && i === 0 })));
      p += 1;
      continue;
    }
    // A run of parts of one line each: packed into as few lines as fit, the most even.
    let q = p;
    while (q < parts.length && layouts[q]!.length === 1) q += 1;
    out.push(...packParts(parts.slice(p, q), width).map((text, i) => ({ text, space: p > 0 || i > 0 })));
    p = q;
  }
  return out;
}

/**
 * A part of one or two characters would be a line of its own, too short to stand (`…播出第一 二集`):
 * it stays with the part before it (the first part with the one after), the space kept inside.
 */
function joinShortParts(parts: string[]): string[] {
  const short = (part: string) => [...part].length <= 2;
  const out: string[] = [];
  for (const part of parts) {
    const last = out.length - 1;
    if (last >= 0 && (short(part) || (last === 0 && short(out[0]!) && !out[0]!.includes(' ')))) out[last] += ` ${part}`;
    else out.push(part);
  }
  return out;
}

/** Consecutive parts (each fits a line) grouped into the fewest lines, then the most even ones. */
function packParts(parts: string[], width: number): string[] {
  // Every grouping is tried (2^(n-1)) for the handful of parts a title has; beyond that, filled.
  if (parts.length > 10) {
    const lines: string[] = [];
    for (const part of parts) {
      const last = lines.length - 1;
      if (last >= 0 && textWidth(`${lines[last]} ${part}`) <= width) lines[last] += ` ${part}`;
      else lines.push(part);
    }
    return lines;
  }
  let best: { lines: string[]; spread: number } | undefined;
  for (let mask = 0; mask < 1 << (parts.length - 1); mask++) {
    const lines: string[] = [parts[0]!];
    parts.slice(1).forEach((part, i) => {
      if (mask & (1 << i)) lines.push(part);
      else lines[lines.length - 1] += ` ${part}`;
    });
    const widths = lines.map(textWidth);
    if (widths.some((w) => w > width)) continue;
    const mean = widths.reduce((a, b) => a + b, 0) / widths.length;
    const spread = widths.reduce((sum, w) => sum + (w - mean) ** 2, 0);
    if (!best || lines.length < best.lines.length || (lines.length === best.lines.length && spread < best.spread)) best = { lines, spread };
  }
  return best?.lines ?? parts;
}

/** The lines of an article title, as text (see titleLayout). */
export function titleLines(title: string, width: number): string[] {
  return titleLayout(title, width).map((line) => line.text);
}

/**
 * The whole title on one line as pieces: the editor's spaces stay as spaces, in front of the piece
 * that follows them, and a break there costs little.
 */
function spacedPhrases(title: string): Piece[] {
  return title
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((part, i) => {
      const p = phrases(part);
      if (i > 0 && p[0]) p[0] = { ...p[0], text: ` ${p[0].text}`, width: p[0].width + 0.3, cost: 0.5 };
      return p;
    });
}

/** The lines of a 目录 entry. */
export function tocLines(title: string, first: number, rest: number, lastRoom: number): string[] {
  return filledLines(spacedPhrases(title), first, rest, lastRoom).map((line) => line.trim());
}

/**
 * The lines of a section heading (`##`–`####`): the first `first` ems wide (after the indent), the
 * others `rest`, each filled up to a phrase boundary, left-aligned. Where the editor typed a space
 * and the parts each fit a line, the heading breaks there; a line that begins at the editor's
 * space keeps it as its first character (the caller puts it back in the text).
 */
export function headingLines(title: string, first: number, rest: number): string[] {
  const whole = title.trim().replace(/\s+/g, ' ');
  if (textWidth(whole) <= first) return [whole];
  const parts = whole.split(' ');
  if (parts.length > 1 && parts.every((part, i) => textWidth(part) <= (i === 0 ? first : rest))) {
    const lines: string[] = [];
    for (const part of parts) {
      const last = lines.at(-1);
      if (last !== undefined && textWidth(`${last} ${part}`) <= (lines.length === 1 ? first : rest)) lines[lines.length - 1] = `${last} ${part}`;
      else lines.push(lines.length ? ` ${part}` : part);
    }
    return lines;
  }
  return filledLines(spacedPhrases(whole), first, rest, 0);
}

/** The title for the running header: whole if it fits `width` ems, else cut at a phrase boundary with …. */
export function headerTitle(title: string, width: number): string {
  return shortened(spacedPhrases(title), width);
}
