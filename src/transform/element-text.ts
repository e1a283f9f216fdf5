// What the text of a paragraph says it is, when it says so unambiguously (typesetting spec, "Body
// elements of real study materials"): a date closing a notice, an issuer line above it, a
// salutation, an editor's note, a run-in lead-in, an attachment list. Pure functions on plain
// text, shared by the transform (which sets the elements) and the checker (which must neither
// call them faults nor "repair" them into body paragraphs).

const CN_DIGIT = '〇○零一二三四五六七八九';
const CN_NUMBER = '一二三四五六七八九十';

/** `2025年12月1日`, `二〇二五年十二月一日`: the shape of a date line, valid or not. */
const DATE_SHAPE = new RegExp(`^(\\d{2,4}|[${CN_DIGIT}]{2,4})年(\\d{1,3}|[${CN_NUMBER}〇零]{1,4})月(\\d{1,3}|[${CN_NUMBER}〇零]{1,5})日$`);

export function isDateShape(text: string): boolean {
  return DATE_SHAPE.test(text.replace(/\s+/g, ''));
}

/** 十二 → 12, 二十五 → 25, 三十一 → 31; NaN when it is no Chinese number below 100. */
function chineseValue(s: string): number {
  const digit = (c: string) => '〇一二三四五六七八九'.indexOf(c === '零' || c === '○' ? '〇' : c);
  if (/^[〇○零一二三四五六七八九]$/.test(s)) return digit(s);
  const m = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return NaN;
  return (m[1] ? digit(m[1]) : 1) * 10 + (m[2] ? digit(m[2]) : 0);
}

/**
 * A date line read as year, month, day; `valid` false when it has the shape of a date but is none
 * (`2025年13月1日`, `2025年2月30日`, `二〇二五年十三月一日`).
 */
export function readDate(text: string): { year: number; month: number; day: number; valid: boolean } | undefined {
  const m = DATE_SHAPE.exec(text.replace(/\s+/g, ''));
  if (!m) return undefined;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const year = /^\d+$/.test(y) ? Number(y) : Number([...y].map((c) => '〇一二三四五六七八九'.indexOf(c === '零' || c === '○' ? '〇' : c)).join(''));
  const month = /^\d+$/.test(mo) ? Number(mo) : chineseValue(mo);
  const day = /^\d+$/.test(d) ? Number(d) : chineseValue(d);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid = y.length === 4 && year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= days;
  return { year, month, day, valid };
}

/** The closing formulas of a notice or a report, typed without their full stop: body text. */
const CLOSING_FORMULA = /^(?:特此|此复|专此|妥否|以上|请予|望|请)/;

/** An issuer line (发文机关署名): short, no sentence punctuation, not a date, not 特此通知. */
export function isIssuerLine(text: string): boolean {
  const t = text.trim();
  const n = [...t].length;
  return n >= 2 && n <= 30 && !/[，。；！？：,;!?:“”《》]/.test(t) && !isDateShape(t) && /\p{Script=Han}/u.test(t) && !CLOSING_FORMULA.test(t);
}

/**
 * The lines closing a notice or a letter: up to three issuer lines and a date last. Undefined
 * when `lines` are not that.
 */
export function closingLines(lines: string[]): { issuers: string[]; date: string } | undefined {
  const clean = lines.map((l) => l.trim()).filter(Boolean);
  const date = clean.at(-1);
  if (!date || !isDateShape(date)) return undefined;
  const issuers = clean.slice(0, -1);
  if (issuers.length > 3 || !issuers.every(isIssuerLine)) return undefined;
  return { issuers, date };
}

/** A colon that introduces what someone said or what follows, not the people addressed. */
const SAYS = /(?:指出|强调|表示|认为|要求|提出|说|如下|宣布|介绍|称|报道|获悉|是|为|有|的)[：:]$/;

/**
 * A salutation (主送机关, 称呼): one short line ending in `：`, no sentence in it, not a dateline
 * (`新华社北京12月1日电 …`) nor a colon introducing speech (`会议指出：`).
 */
export function isSalutation(text: string): boolean {
  const t = text.trim();
  return /[：:]$/.test(t) && [...t].length <= 60 && !/[。！？；!?;\n\s]/.test(t) && !/^附件/.test(t) && !SAYS.test(t);
}

/** The label of an editor's note: `编者按：`, `【编者按】`, `编者的话：`, `编前语：`. */
export const EDITOR_NOTE = /^[【[]?(?:编者按|编者的话|编前语)[】\]]?[：:]?/;

export interface LeadInMarker {
  /** 1 一、, 2 （一）, 3 1., 4 （1）; 'shi' for 一是 / 二是. */
  level: 1 | 2 | 3 | 4 | 'shi';
  marker: string;
}

const MARKERS: Array<{ re: RegExp; level: LeadInMarker['level'] }> = [
  { re: new RegExp(`^[${CN_NUMBER}]+、`), level: 1 },
  { re: new RegExp(`^（[${CN_NUMBER}]+）`), level: 2 },
  { re: /^\d{1,2}[.．](?![\d.．])/, level: 3 },
  { re: /^（\d{1,2}）/, level: 4 },
  { re: new RegExp(`^[${CN_NUMBER}]是`), level: 'shi' },
];

export function leadInMarker(text: string): LeadInMarker | undefined {
  for (const { re, level } of MARKERS) {
    const m = re.exec(text);
    if (m) return { level, marker: m[0] };
  }
  return undefined;
}

/**
 * The longest lead-in recognised without `**`: it must stay on the paragraph's first line, which
 * holds 26 characters after the two-character indent.
 */
export const LEAD_IN_MAX = 26;

/**
 * A run-in lead-in at the start of `text`: a level marker and a short first sentence, with more
 * text after it (`（一）坚持和加强党的全面领导。坚持党中央…`). Returns its length in UTF-16 units.
 */
export function implicitLeadIn(text: string): number | undefined {
  const marker = leadInMarker(text);
  if (!marker) return undefined;
  const m = /^[^。！？!?\n]+?[。！？]/.exec(text.slice(marker.marker.length));
  if (!m) return undefined;
  const length = marker.marker.length + m[0].length;
  if ([...text.slice(0, length)].length > LEAD_IN_MAX || !text.slice(length).trim()) return undefined;
  return length;
}

/** One attachment of an attachment list: its number (`1.`, '' when alone) and its name. */
export interface Attachment {
  number: string;
  name: string;
}

/**
 * An attachment list (附件说明), from its lines: `附件：1. 名称` and `2. 名称` on the lines after, or
 * a single `附件：名称`. Undefined when the lines are not that.
 */
export function attachmentList(lines: string[]): Attachment[] | undefined {
  const clean = lines.map((l) => l.trim()).filter(Boolean);
  const first = /^附件[：:]\s*(.*)$/.exec(clean[0] ?? '');
  if (!first) return undefined;
  const rest = [first[1]!, ...clean.slice(1)].filter(Boolean);
  if (!rest.length) return undefined;
  const numbered = rest.map((line) => /^(\d{1,2})[.．、]\s*(\S.*)$/.exec(line));
  if (rest.length === 1 && !numbered[0]) return [{ number: '', name: rest[0]! }];
  if (numbered.some((m) => !m)) return undefined;
  return numbered.map((m) => ({ number: `${m![1]}.`, name: m![2]!.trim() }));
}

/** Two paragraphs an editor keeps apart on purpose: an attachment list, issuer lines and a date. */
export function keptApart(first: string, second: string): boolean {
  const a = first.trim();
  const b = second.trim();
  return /^附件[：:]/.test(a) || isDateShape(b) || (isIssuerLine(a) && isIssuerLine(b) && [...a].length <= 20);
}

/** Lines of one paragraph that are one element (an attachment list, a closing), not a wrapped text. */
export function elementLines(lines: string[]): boolean {
  const clean = lines.map((l) => l.replace(/\\$/, '').trim()).filter(Boolean);
  return clean.length > 1 && (!!attachmentList(clean) || !!closingLines(clean));
}

/** The text block's width in ems of table text (156 mm at 14 pt). */
export const TABLE_EMS = (156 * 72) / 25.4 / 14;

/** Cell padding and rule, in ems of table text, per column (0.3 em each side, styles/elements.css). */
const CELL_EXTRA = 0.65;

const textWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.55 : 1), 0);

/** A cell's narrowest width, in ems: its longest run that cannot break (a number, a Latin word). */
export function cellMinimum(text: string): number {
  const runs = text.match(/[\x21-\x7e]+|[^\x00-\x7f]/g) ?? [];
  // A CJK character may stand alone on a line, but a closing mark goes with it: two ems.
  return Math.max(1, ...runs.map((r) => (/^[\x21-\x7e]+$/.test(r) ? textWidth(r) : 2))) + CELL_EXTRA;
}

/** The narrowest a table can be, in ems of table text: each column as wide as its widest minimum. */
export function tableMinimum(rows: string[][]): { columns: number[]; total: number } {
  const count = Math.max(0, ...rows.map((r) => r.length));
  const columns = Array.from({ length: count }, (_, c) => Math.max(...rows.map((r) => cellMinimum(r[c] ?? ''))));
  return { columns, total: columns.reduce((a, b) => a + b, 0) };
}

/**
 * Column widths as shares of the block, from what the cells hold: each column at least its
 * narrowest width, the rest of the block shared by what each would take on one line.
 */
export function columnShares(rows: string[][]): number[] {
  const { columns: min, total: minTotal } = tableMinimum(rows);
  const want = min.map((m, c) => Math.max(m, ...rows.map((r) => textWidth(r[c] ?? '') + CELL_EXTRA)));
  const wantTotal = want.reduce((a, b) => a + b, 0);
  if (wantTotal <= TABLE_EMS || minTotal >= TABLE_EMS) return want.map((w) => w / wantTotal);
  const spare = TABLE_EMS - minTotal;
  const extra = want.map((w, c) => w - min[c]!);
  const extraTotal = extra.reduce((a, b) => a + b, 0);
  return min.map((m, c) => (m + (spare * extra[c]!) / extraTotal) / TABLE_EMS);
}
