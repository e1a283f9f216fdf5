// Nothing leaves the text block sideways: every glyph of the text block (cover, 目录, articles)
// and of the running header lies between the page's margins, mirrored (right-hand pages have the
// 28 mm binding margin on the left, left-hand pages on the right). Full-width punctuation that
// `text-spacing-trim` set half-width at a line's end or start draws its ink inside even though its
// advance reaches half an em out: that half is allowed.
import type { Diagnostic } from '../diagnostics.ts';
import type { PageModel } from './pages.ts';
import { headerItems, lines, MM, squash, type TextItem } from './text.ts';

const BINDING = 28 * MM;
const FORE_EDGE = 26 * MM;
/** Rounding, and the last glyph's share of negative letter-spacing (0.2 pt), which its advance still counts (pt). */
const TOLERANCE = 0.6;
const TRIMMED_END = /[，。、；：？！）》〉」』】〕”’]$/u;
const TRIMMED_START = /^[（《〈「『【〔“‘]/u;

export interface Overflow {
  page: number;
  /** The row's text, as read back. */
  row: string;
  side: 'left' | 'right';
  /** How far out, pt. */
  by: number;
}

/** The text block's left and right edges on a physical page (1-based; odd = right-hand). */
export function blockEdges(page: number, width: number): { left: number; right: number } {
  return page % 2 === 1 ? { left: BINDING, right: width - FORE_EDGE } : { left: FORE_EDGE, right: width - BINDING };
}

function rowExtent(row: TextItem[]): { left: number; right: number } {
  let left = Infinity;
  let right = -Infinity;
  for (const item of row) {
    const text = item.str.trimEnd();
    if (!text.trim()) continue;
    const start = item.x + (TRIMMED_START.test(text.trimStart()) ? item.size / 2 : 0);
    const end = item.x + item.width - (TRIMMED_END.test(text) ? item.size / 2 : 0);
    left = Math.min(left, start);
    right = Math.max(right, end);
  }
  return { left, right };
}

export function findOverflows(models: PageModel[]): Overflow[] {
  const out: Overflow[] = [];
  for (const page of models) {
    if (page.blank) continue;
    const { left, right } = blockEdges(page.number, page.text.width);
    for (const row of [...lines(headerItems(page.text)), ...page.body]) {
      const extent = rowExtent(row);
      const text = squash(row.map((i) => i.str).join(''));
      if (extent.left < left - TOLERANCE) out.push({ page: page.number, row: text, side: 'left', by: left - extent.left });
      if (extent.right > right + TOLERANCE) out.push({ page: page.number, row: text, side: 'right', by: extent.right - right });
    }
  }
  return out;
}

const MAX_LISTED = 5;

export function checkBlock(file: string, models: PageModel[]): Diagnostic[] {
  const overflows = findOverflows(models);
  if (!overflows.length) return [];
  const cut = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);
  const listed = overflows
    .slice(0, MAX_LISTED)
    .map((o) => `page ${o.page}, row "${cut(o.row)}": ${(o.by / MM).toFixed(1)} mm beyond the ${o.side} margin`)
    .join('; ');
  const more = overflows.length > MAX_LISTED ? `; and ${overflows.length - MAX_LISTED} more` : '';
  return [{ file, severity: 'error', rule: 'text-block', message: `text leaves the text block sideways: ${listed}${more}` }];
}
