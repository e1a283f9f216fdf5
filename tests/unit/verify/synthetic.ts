// Small hand-made pages for the verify unit tests: text items placed the way pdfjs reports them.
import { pageModels, type PageModel } from '../../../src/verify/pages.ts';
import { MM, type PageText, type TextItem } from '../../../src/verify/text.ts';

export const W = 595.28;
export const H = 841.89;
/** Baseline of grid line n (0-based) of the text block. */
export const line = (n: number) => 37 * MM + 20 + n * 28.95;
export const FOOTER = H - 25 * MM;
export const HEADER = 30 * MM;

export function item(str: string, x: number, top: number, options: Partial<TextItem> = {}): TextItem {
  const size = options.size ?? 16;
  return { str, x, top, size, width: options.width ?? [...str].length * size, font: options.font ?? 'FandolFang-Regular' };
}

export function page(number: number, items: TextItem[]): PageText {
  return { number, width: W, height: H, trim: [0, 0, W, H], items };
}

/** A body page: optional title lines, a paragraph, and the printed number. */
export function bodyPage(number: number, folio: number | undefined, lines: string[]): PageText {
  const items = lines.map((text, i) => item(text, 28 * MM, line(i)));
  if (folio !== undefined) items.push(item(`— ${folio} —`, 460, FOOTER, { size: 14, width: 40, font: 'NotoSerifSC-Regular' }));
  return page(number, items);
}

/** A 目录 entry line: title, leader, number right-aligned at the block's right edge. */
export function tocLine(n: number, title: string, printed: number): TextItem[] {
  const right = W - 26 * MM;
  const digits = String(printed);
  return [
    item(title, 28 * MM, line(n)),
    item('. . . . .', 28 * MM + [...title].length * 16 + 4, line(n), { width: 40 }),
    item(digits, right - digits.length * 8, line(n), { width: digits.length * 8 }),
  ];
}

export const models = (pages: PageText[]): PageModel[] => pageModels(pages);
