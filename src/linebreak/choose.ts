// Chooses where a title breaks into lines: at the cheapest phrase boundaries that give a balanced
// shape. GB/T 9704-2012 7.3.1: 回行时要做到词意完整、排列对称、长短适宜、间距恰当; 梯形或菱形.
// A dynamic programme over the boundaries between atoms: the cost of a set of lines is the cost
// of its breaks (where in the phrase structure they fall) plus the cost of its shape.
import type { Atom } from './segment.ts';
import { suffixCost, wordCost } from './costs.ts';
import { textWidth } from './measure.ts';

export interface Piece {
  text: string;
  width: number;
  /** Cost of a break before this piece (Infinity: never). Ignored for the first piece. */
  cost: number;
}

function boundaryCost(atoms: Atom[], i: number, quoted: boolean): number {
  const next = atoms[i]!;
  // Inside a long 书名号 or quoted title: possible, but dearer than anywhere outside it, and
  // dearest before its last word (the head noun: 《…学习 / 纲要》). Inside a longer word of the
  // dictionary: dearer still.
  const head = quoted && /[》”」』]$/.test(next.text) ? 10 : 0;
  return Math.max(wordCost(atoms, i), suffixCost(atoms, i)) + (quoted ? 4 : 0) + head + (next.straddled ? 6 : 0);
}

export function pieces(atoms: Atom[]): Piece[] {
  let depth = 0;
  return atoms.map((atom, i) => {
    const cost = i === 0 ? 0 : boundaryCost(atoms, i, depth > 0);
    for (const ch of atom.text) depth += '《“「『'.includes(ch) ? 1 : '》”」』'.includes(ch) ? -1 : 0;
    depth = Math.max(0, depth);
    return { text: atom.text, width: textWidth(atom.text), cost };
  });
}

/** Splits pieces wider than `limit` into single characters (a URL, a very long name): the only way they fit. */
function fitPieces(list: Piece[], limit: number): Piece[] {
  return list.flatMap((piece) =>
    piece.width <= limit ? [piece] : [...piece.text].map((ch, i) => ({ text: ch, width: textWidth(ch), cost: i === 0 ? piece.cost : 20 })),
  );
}

export interface Layout {
  lines: string[];
  cost: number;
}

const MIN_LINE = 2.5; // ems: no line of one or two characters
// Words whole before a balanced shape (GB/T 9704 puts 词意完整 first): a break's cost counts 1.5
// times against the squared distances of the lines from their mean width.
const BREAK_WEIGHT = 1.5;

/** Lines for a display title: balanced, in an accepted shape (2 lines: 上长下短; 3+: 梯形 or 菱形). */
export function balancedLines(input: Piece[], width: number, { preferTwo = false } = {}): Layout {
  const list = fitPieces(input, width);
  const total = list.reduce((sum, p) => sum + p.width, 0);
  const one = { lines: [list.map((p) => p.text).join('')], cost: 0 };
  if (total <= width) {
    if (!(preferTwo && total > width - 2 && list.length > 1)) return one;
    // A title that just fills its line goes on two, unless no two lines make a good shape.
    const two = balancedWith(list, width, 2, total);
    return two && two.cost <= 20 ? two : one;
  }
  const least = Math.max(2, Math.ceil(total / width));
  let best: Layout | undefined;
  // Up to two lines more than the least, for a better shape or better breaks; a title of more
  // than four lines is a block of text (the checker warns of it): the least only.
  for (let n = least; n <= (least > 4 ? least : least + 2) && n <= list.length; n++) {
    const layout = balancedWith(list, width, n, total);
    // Another line must earn its place.
    if (layout && (!best || layout.cost + 12 * (n - least) < best.cost)) best = { lines: layout.lines, cost: layout.cost + 12 * (n - least) };
  }
  return best ?? { lines: greedy(list, width), cost: Infinity };
}

type Phase = 0 | 1 | 2; // 0: no direction yet, 1: lines growing, 2: lines shrinking

function shapeCost(lines: number, previous: number, next: number, phase: Phase): { cost: number; phase: Phase } {
  const d = next - previous;
  // Two lines: the upper not shorter than the lower; by one character at most, at a price.
  if (lines === 2) return { cost: d > 1.05 ? 60 + 4 * d : d > 0.3 ? 8 + 4 * d : Math.max(0, -d - 7), phase };
  const tolerance = 0.6;
  if (Math.abs(d) <= tolerance) return { cost: 3, phase };
  if (d > 0) return phase === 2 ? { cost: 40 + 3 * d, phase: 1 } : { cost: 0, phase: 1 };
  return { cost: 0, phase: 2 };
}

function balancedWith(list: Piece[], width: number, n: number, total: number): Layout | undefined {
  const target = total / n;
  const N = list.length;
  const prefix = [0];
  for (const p of list) prefix.push(prefix.at(-1)! + p.width);
  // A state: the last line placed spans pieces s..e-1, the shape so far is in `phase`.
  interface State {
    s: number;
    e: number;
    phase: Phase;
    cost: number;
    from?: State;
  }
  const lineCost = (s: number, e: number) => {
    const w = prefix[e]! - prefix[s]!;
    if (w > width || w < MIN_LINE) return Infinity;
    const breakCost = e < N ? BREAK_WEIGHT * list[e]!.cost : 0;
    return breakCost + 0.2 * (w - target) ** 2;
  };
  // One layer per line placed; within a layer, the best state per (s, e, phase).
  let layer = new Map<number, State>();
  for (let e = 1; e <= N; e++) {
    const c = lineCost(0, e);
    if (c < Infinity) layer.set(e * 3, { s: 0, e, phase: 0, cost: c });
  }
  for (let k = 1; k < n; k++) {
    const next = new Map<number, State>();
    for (const state of layer.values()) {
      if (state.e >= N) continue;
      const previous = prefix[state.e]! - prefix[state.s]!;
      for (let f = state.e + 1; f <= N; f++) {
        const w = prefix[f]! - prefix[state.e]!;
        if (w > width) break;
        if (k + 1 === n && f !== N) continue;
        const c = lineCost(state.e, f);
        if (c === Infinity) continue;
        const shape = shapeCost(n, previous, w, state.phase);
        const cost = state.cost + c + shape.cost;
        const id = (state.e * (N + 1) + f) * 3 + shape.phase;
        const old = next.get(id);
        if (!old || cost < old.cost) next.set(id, { s: state.e, e: f, phase: shape.phase, cost, from: state });
      }
    }
    layer = next;
  }
  let end: State | undefined;
  for (const state of layer.values()) if (state.e === N && (!end || state.cost < end.cost)) end = state;
  if (!end) return undefined;
  const lines: string[] = [];
  for (let state: State | undefined = end; state; state = state.from) lines.unshift(list.slice(state.s, state.e).map((p) => p.text).join(''));
  return { lines, cost: end.cost };
}

/** First fit, for when no line set meets the rules (it never breaks inside a piece). */
function greedy(list: Piece[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const p of list) {
    if (line && used + p.width > width) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += p.text;
    used += p.width;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Lines for a 目录 entry: as few as possible, each full up to a phrase boundary, the first
 * `first` ems wide, the others `rest` (the hanging indent), the last leaving `lastRoom` for the
 * leader and at least `MIN_LINE` of title before it.
 */
export function filledLines(input: Piece[], first: number, rest: number, lastRoom: number): string[] {
  const list = fitPieces(input, Math.min(first, rest) - lastRoom);
  const N = list.length;
  const prefix = [0];
  for (const p of list) prefix.push(prefix.at(-1)! + p.width);
  if (prefix[N]! <= first - lastRoom) return [list.map((p) => p.text).join('')];
  // best[e]: cost of lines covering pieces 0..e-1, with their count.
  const best: Array<{ cost: number; lines: number; from: number } | undefined> = [{ cost: 0, lines: 0, from: -1 }];
  for (let e = 1; e <= N; e++) {
    for (let s = e - 1; s >= 0; s--) {
      const here = best[s];
      const cap = s === 0 ? first : rest;
      const w = prefix[e]! - prefix[s]!;
      const limit = e === N ? cap - lastRoom : cap;
      if (w > cap) break;
      if (!here || w > limit || (e === N && w < MIN_LINE)) continue;
      // Fewer lines first; then full lines and cheap breaks.
      const slack = e === N ? 0 : (cap - w) ** 2 * 0.15;
      const cost = here.cost + 100 + slack + (e < N ? list[e]!.cost * 6 : 0);
      if (!best[e] || cost < best[e]!.cost) best[e] = { cost, lines: here.lines + 1, from: s };
    }
  }
  if (!best[N]) return greedy(list, rest - lastRoom);
  const lines: string[] = [];
  for (let e = N; e > 0; e = best[e]!.from) lines.unshift(list.slice(best[e]!.from, e).map((p) => p.text).join(''));
  return lines;
}

/** The longest start of the title, ending at a phrase boundary, that fits `width` with an ellipsis. */
export function shortened(input: Piece[], width: number): string {
  const all = input.map((p) => p.text).join('');
  if (input.reduce((sum, p) => sum + p.width, 0) <= width) return all;
  let text = '';
  let used = 1; // the ellipsis
  let best = '';
  for (const p of fitPieces(input, width / 2)) {
    if (used + p.width > width) break;
    text += p.text;
    used += p.width;
    if (!/[，、；：（《“]$/.test(text)) best = text;
  }
  return `${(best || text).replace(/[，。、；：\s]+$/u, '')}…`;
}
