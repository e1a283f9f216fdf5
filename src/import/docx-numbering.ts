// Word's own list numbering (numbering.xml) as the text Word shows: `1）`, `（一）`, `一、`,
// `1.2`, `①`… Word keeps the numbers out of the paragraph's text, so an import that reads only
// the text loses them. Counters follow Word's rules: one list per abstract numbering (several
// `w:num` continue it unless one overrides its start), a level restarts after a higher one
// (`lvlRestart` may say otherwise), `isLgl` shows the levels in Arabic numerals.
import type { Document, Element } from '@xmldom/xmldom';
import { attr, kid, kids, onOff, type Styles } from './docx-word.ts';

interface Level {
  start: number;
  format: string;
  text: string;
  /** 0: never restarts; n: restarts after level n (1-based) or a higher one; undefined: after any higher one. */
  restart?: number;
  legal: boolean;
  suffix: 'tab' | 'space' | 'nothing';
  style?: string;
}

interface AbstractNum {
  levels: Map<number, Level>;
  numStyleLink?: string;
}

interface Num {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

function readLevel(lvl: Element): Level {
  const start = Number(attr(kid(lvl, 'start'), 'val') ?? 1);
  const restart = attr(kid(lvl, 'lvlRestart'), 'val');
  const suffix = attr(kid(lvl, 'suff'), 'val');
  return {
    start: Number.isFinite(start) ? start : 1,
    format: attr(kid(lvl, 'numFmt'), 'val') ?? 'decimal',
    text: attr(kid(lvl, 'lvlText'), 'val') ?? '',
    restart: restart === undefined ? undefined : Number(restart),
    legal: onOff(kid(lvl, 'isLgl')) ?? false,
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : 'tab',
    style: attr(kid(lvl, 'pStyle'), 'val'),
  };
}

const DIGITS = '〇一二三四五六七八九';
const LEGAL = '零壹贰叁肆伍陆柒捌玖';

/** A number in Chinese numerals up to 9999: 十, 十一, 二十, 一百零一, 一千零一十. */
function chinese(n: number, digits = DIGITS, units = ['', '十', '百', '千'], zero = '零', shortTen = true): string {
  if (n === 0) return digits[0]!;
  const s = String(n);
  let out = '';
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    if (d === 0) {
      gap = true;
      continue;
    }
    if (gap && out) out += zero;
    gap = false;
    out += digits[d]! + units[s.length - 1 - i]!;
  }
  return shortTen && n >= 10 && n < 20 ? out.slice(1) : out;
}

function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, letters] of table) for (; n >= value; n -= value) out += letters;
  return out;
}

/** Circled and bracketed forms Unicode has (①–㊿, ⑴–⒇, ⒈–⒛); beyond them Word prints the digits. */
function enclosed(n: number, kind: 'circle' | 'paren' | 'stop'): string {
  if (kind === 'circle') {
    if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
    if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
    if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  }
  if (kind === 'paren' && n >= 1 && n <= 20) return String.fromCodePoint(0x2474 + n - 1);
  if (kind === 'stop' && n >= 1 && n <= 20) return String.fromCodePoint(0x2488 + n - 1);
  return String(n);
}

/** The number `n` written in Word's number format `format` (ST_NumberFormat). */
export function formatNumber(n: number, format: string): string {
  // Word counts letters to 780 (ZZZ…, 30 letters) and Roman numerals to 3999: a start beyond is shown in digits.
  const letter = (base: number) => (n <= 780 ? String.fromCharCode(base + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1) : String(n));
  switch (format) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'upperLetter':
      return n > 0 ? letter(65) : String(n);
    case 'lowerLetter':
      return n > 0 ? letter(97) : String(n);
    case 'upperRoman':
      return n > 0 && n < 4000 ? roman(n) : String(n);
    case 'lowerRoman':
      return n > 0 && n < 4000 ? roman(n).toLowerCase() : String(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return n > 0 && n < 10000 ? chinese(n) : String(n);
    case 'chineseLegalSimplified':
      return n > 0 && n < 10000 ? chinese(n, LEGAL, ['', '拾', '佰', '仟'], '零', false) : String(n);
    case 'ideographLegalTraditional':
      return n > 0 && n < 10000 ? chinese(n, LEGAL.replace('贰', '貳').replace('叁', '參').replace('陆', '陸'), ['', '拾', '佰', '仟'], '零', false) : String(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return [...String(n)].map((d) => DIGITS[Number(d)]).join('');
    case 'ideographTraditional':
      return n > 0 ? '甲乙丙丁戊己庚辛壬癸'[(n - 1) % 10]! : String(n);
    case 'ideographZodiac':
      return n > 0 ? '子丑寅卯辰巳午未申酉戌亥'[(n - 1) % 12]! : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 'circle');
    case 'decimalEnclosedParen':
      return enclosed(n, 'paren');
    case 'decimalEnclosedFullstop':
      return enclosed(n, 'stop');
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** The label Word puts before a numbered paragraph, and what follows it (tab, space or nothing). */
export interface NumberLabel {
  text: string;
  suffix: Level['suffix'];
}

export class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly nums = new Map<string, Num>();
  /** Counters per abstract numbering (the list), by level; undefined where a level has not started. */
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly started = new Set<string>();

  constructor(
    doc: Document | undefined,
    private readonly styles: Styles,
  ) {
    const root = doc?.documentElement as Element | undefined;
    for (const a of kids(root, 'abstractNum')) {
      const levels = new Map<number, Level>();
      for (const lvl of kids(a, 'lvl')) levels.set(Number(attr(lvl, 'ilvl') ?? 0), readLevel(lvl));
      this.abstracts.set(attr(a, 'abstractNumId') ?? '', { levels, numStyleLink: attr(kid(a, 'numStyleLink'), 'val') });
    }
    for (const n of kids(root, 'num')) {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of kids(n, 'lvlOverride')) {
        const start = attr(kid(o, 'startOverride'), 'val');
        const lvl = kid(o, 'lvl');
        overrides.set(Number(attr(o, 'ilvl') ?? 0), { start: Number.isFinite(Number(start)) && start !== undefined ? Number(start) : undefined, level: lvl ? readLevel(lvl) : undefined });
      }
      this.nums.set(attr(n, 'numId') ?? '', { abstractId: attr(kid(n, 'abstractNumId'), 'val') ?? '', overrides });
    }
  }

  /** The abstract numbering a `w:num` uses, following a numbering style's link. */
  private abstractOf(numId: string, seen = new Set<string>()): [string, AbstractNum] | undefined {
    if (seen.has(numId)) return undefined;
    seen.add(numId);
    const num = this.nums.get(numId);
    const abstract = num && this.abstracts.get(num.abstractId);
    if (!num || !abstract) return undefined;
    if (abstract.levels.size || !abstract.numStyleLink) return [num.abstractId, abstract];
    const linked = this.styles.chain(abstract.numStyleLink).map((s) => attr(kid(kid(s.pPr, 'numPr'), 'numId'), 'val')).find(Boolean);
    return linked ? this.abstractOf(linked, seen) : undefined;
  }

  /** The paragraph's list and level: its own `w:numPr`, else its style's. */
  private numberingOf(p: Element): { numId: string; level: number } | undefined {
    const own = kid(kid(p, 'pPr'), 'numPr');
    const style = this.styles.chain(this.styles.paragraphStyle(p)).map((s) => kid(s.pPr, 'numPr')).find(Boolean);
    const numId = attr(kid(own, 'numId'), 'val') ?? attr(kid(style, 'numId'), 'val');
    if (numId === undefined || numId === '0') return undefined;
    let level = attr(kid(own, 'ilvl'), 'val') ?? attr(kid(style, 'ilvl'), 'val');
    if (level === undefined) {
      // A style tied to a level of the list (`w:pStyle` in the level) is at that level.
      const id = this.styles.paragraphStyle(p);
      const found = [...(this.abstractOf(numId)?.[1].levels ?? [])].find(([, l]) => l.style && l.style === id);
      level = String(found?.[0] ?? 0);
    }
    return { numId, level: Number(level) || 0 };
  }

  /** The label of paragraph `p` (call in document order: it advances the counters); none for bullets or no numbering. */
  label(p: Element): NumberLabel | undefined {
    const at = this.numberingOf(p);
    if (!at) return undefined;
    const found = this.abstractOf(at.numId);
    if (!found) return undefined;
    const [abstractId, abstract] = found;
    const num = this.nums.get(at.numId)!;
    const levelOf = (i: number) => num.overrides.get(i)?.level ?? abstract.levels.get(i);
    const level = levelOf(at.level);
    if (!level || level.format === 'bullet') return undefined;
    const counts = this.counters.get(abstractId) ?? [];
    this.counters.set(abstractId, counts);
    // A `w:num` that overrides a start begins the list afresh there the first time it is used.
    if (!this.started.has(at.numId)) {
      this.started.add(at.numId);
      for (const [i, o] of num.overrides) {
        const start = o.start ?? o.level?.start;
        if (start !== undefined) counts[i] = start - 1;
      }
    }
    counts[at.level] = counts[at.level] === undefined ? level.start : counts[at.level]! + 1;
    for (let k = at.level + 1; k < 9; k++) {
      const restart = levelOf(k)?.restart;
      if (restart === undefined || (restart !== 0 && at.level < restart)) counts[k] = undefined;
    }
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const other = levelOf(k);
      if (!other) return '';
      return formatNumber(counts[k] ?? other.start, level.legal ? 'decimal' : other.format);
    });
    return { text, suffix: level.suffix };
  }
}

/**
 * The label and the paragraph's text as one line: Word's tab or space after a label ending in
 * punctuation (`1）`, `一、`, `1.`) is no gap in Chinese text; after a word (`第一章`) it is one space.
 */
export function labelSeparator(label: NumberLabel): string {
  if (label.suffix === 'nothing' || !label.text) return '';
  return /[\p{L}0-9]$/u.test(label.text) ? ' ' : '';
}
