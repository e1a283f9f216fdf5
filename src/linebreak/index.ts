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

/**
 * The lines of an article title. A space the editor typed is a break; each part that does not
 * fit on a line is broken in a balanced shape of its own. A title without spaces that would just
 * fill its one line is set on two.
 */
export function titleLines(title: string, width: number): string[] {
  const parts = title.split(/\s+/).filter(Boolean);
  return parts.flatMap((part) => balancedLines(phrases(part), width, { preferTwo: parts.length === 1 }).lines);
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
