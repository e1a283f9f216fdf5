// Chooses where a title breaks into lines: at the cheapest phrase boundaries that give a balanced
// shape. GB/T 9704-2012 7.3.1: 回行时要做到词意完整、排列对称、长短适宜、间距恰当; 梯形或菱形.
// A dynamic programme over the boundaries between atoms: the cost of a set of lines is the cost
// of its breaks (where in the phrase structure they fall) plus the cost of its shape.
import type { Atom } from './segment.ts';
import { textWidth } from './measure.ts';

export interface Piece {
  text: string;
  width: number;
  /** Cost of a break before this piece (Infinity: never). Ignored for the first piece. */
  cost: number;
}

// Words a break may come before at little cost: prepositions, conjunctions and the verbs that
// head the second half of a news title (…时强调, …会议 研究…).
const CHEAP_BEFORE = new Set([
  '关于', '在', '和', '与', '及', '以及', '对', '为', '把', '向', '同', '暨', '并', '就', '从', '以', '给',
  '强调', '指出', '表示', '主持', '出席', '会见', '会谈', '召开', '举行', '印发', '发表', '致信', '致电',
  '作出', '发布', '审议', '部署', '研究', '听取', '推动', '推进', '深入', '加快', '加强', '坚持', '全面',
  '奋力', '努力', '不断', '为了', '围绕', '聚焦', '扎实', '切实', '认真', '持续', '进一步', '着力',
]);
// A line may end after these at little cost.
const CHEAP_AFTER = new Set(['时', '上', '中', '后', '前', '间', '期间', '之际']);

function boundaryCost(previous: Atom, next: Atom): number {
  const head = next.text.replace(/^[^\p{L}\p{N}]+/u, '');
  if (/^[的地得之了着过们]/.test(head)) return 12;
  // A line does not end on a preposition or conjunction (…和 / 出席…).
  if (previous.tag.startsWith('p') || previous.tag === 'c') return 9;
  if (CHEAP_BEFORE.has(head) || [...CHEAP_BEFORE].some((w) => w.length > 1 && head.startsWith(w) && head.length <= w.length + 2)) return 1;
  const tail = previous.text.replace(/[^\p{L}\p{N}]+$/u, '');
  if (CHEAP_AFTER.has(tail.slice(-2)) || CHEAP_AFTER.has(tail.slice(-1))) return 1.5;
  if (/[》”）]$/.test(previous.text) || /^[《“（]/.test(next.text)) return 2;
  if (/^[的]$/.test(tail.slice(-1))) return 3;
  if (previous.tag.startsWith('v') && /^[nv]|^m/.test(next.firstTag)) return 3;
  if (previous.tag.startsWith('n') && next.firstTag.startsWith('v')) return 3;
  if (previous.tag.startsWith('n') && next.firstTag.startsWith('n')) return 6;
  if (previous.tag === 'm' || previous.tag === 'q') return 7;
  return 4;
}

export function pieces(atoms: Atom[]): Piece[] {
  return atoms.map((atom, i) => ({
    text: atom.text,
    width: textWidth(atom.text),
    cost: i === 0 ? 0 : boundaryCost(atoms[i - 1]!, atom),
  }));
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

/** Lines for a display title: balanced, in an accepted shape (2 lines: 上长下短; 3+: 梯形 or 菱形). */
export function balancedLines(input: Piece[], width: number, { preferTwo = false } = {}): Layout {
  const list = fitPieces(input, width);
  const total = list.reduce((sum, p) => sum + p.width, 0);
  if (total <= width && !(preferTwo && total > width - 2 && list.length > 1)) return { lines: [list.map((p) => p.text).join('')], cost: 0 };
  const least = Math.max(2, Math.ceil(total / width));
  let best: Layout | undefined;
  for (let n = least; n <= least + 2 && n <= list.length; n++) {
    const layout = balancedWith(list, width, n, total);
    // Another line must earn its place.
    if (layout && (!best || layout.cost + 12 * (n - least) < best.cost)) best = { lines: layout.lines, cost: layout.cost + 12 * (n - least) };
  }
  return best ?? { lines: greedy(list, width), cost: Infinity };
}

type Phase = 0 | 1 | 2; // 0: no direction yet, 1: lines growing, 2: lines shrinking

function shapeCost(lines: number, previous: number, next: number, phase: Phase): { cost: number; phase: Phase } {
  const d = next - previous;
  if (lines === 2) return { cost: d > 0.3 ? 25 + 4 * d : Math.max(0, -d - 4) * 2, phase };
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
  // best[k][s][e][phase]: lines 1..k placed, line k spans pieces s..e-1.
  type State = { cost: number; from?: string };
  // One layer per line: layers[k - 1] holds the states with k lines placed.
  const layers: Array<Map<string, State>> = [new Map()];
  const key = (k: number, s: number, e: number, phase: Phase) => `${k},${s},${e},${phase}`;
  const table = { get: (id: string) => layers[Number(id.split(',')[0]) - 1]!.get(id) };
  const lineCost = (s: number, e: number) => {
    const w = prefix[e]! - prefix[s]!;
    if (w > width || w < MIN_LINE) return Infinity;
    const breakCost = e < N ? list[e]!.cost : 0;
    return breakCost + 0.3 * (w - target) ** 2;
  };
  for (let e = 1; e <= N; e++) {
    const c = lineCost(0, e);
    if (c < Infinity) layers[0]!.set(key(1, 0, e, 0), { cost: c });
  }
  for (let k = 1; k < n; k++) {
    const layer = new Map<string, State>();
    layers.push(layer);
    for (const [k0, state] of layers[k - 1]!) {
      const [, s, e, phase] = k0.split(',').map(Number) as [number, number, number, Phase];
      if (e >= N) continue;
      const previous = prefix[e]! - prefix[s]!;
      for (let f = e + 1; f <= N; f++) {
        const w = prefix[f]! - prefix[e]!;
        if (w > width) break;
        if (k + 1 === n && f !== N) continue;
        const c = lineCost(e, f);
        if (c === Infinity) continue;
        const shape = shapeCost(n, previous, w, phase);
        const total2 = state.cost + c + shape.cost;
        const id = key(k + 1, e, f, shape.phase);
        const old = layer.get(id);
        if (!old || total2 < old.cost) layer.set(id, { cost: total2, from: k0 });
      }
    }
  }
  let end: [string, State] | undefined;
  for (const entry of layers[n - 1]!) {
    const [, , e] = entry[0].split(',').map(Number);
    if (e === N && (!end || entry[1].cost < end[1].cost)) end = entry;
  }
  if (!end) return undefined;
  const lines: string[] = [];
  for (let id: string | undefined = end[0]; id; id = table.get(id)!.from) {
    const [, s, e] = id.split(',').map(Number);
    lines.unshift(list.slice(s, e).map((p) => p.text).join(''));
  }
  return { lines, cost: end[1].cost };
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
      const slack = e === N ? 0 : (cap - w) ** 2 * 0.3;
      const cost = here.cost + 100 + slack + (e < N ? list[e]!.cost * 2 : 0);
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
