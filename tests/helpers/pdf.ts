// Reads a built PDF back the way a reader sees it: the text on each page with positions (pdfjs),
// and boxes and fonts (pdf-lib, through the verify stage's own reader).
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const MM = 72 / 25.4;

export interface TextItem {
  str: string;
  x: number;
  /** Baseline, from the top of the page (pt). */
  top: number;
  size: number;
  width: number;
}

export interface PageText {
  number: number;
  width: number;
  height: number;
  items: TextItem[];
}

export async function readPdfText(path: string): Promise<PageText[]> {
  const data = new Uint8Array(readFileSync(path));
  const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw) || !raw.str.trim()) continue;
      const [a, , , , e, f] = raw.transform as number[];
      items.push({ str: raw.str, x: e!, top: height - f!, size: Math.abs(a!), width: raw.width });
    }
    pages.push({ number: n, width, height, items });
  }
  await doc.destroy();
  return pages;
}

/** Items whose baseline lies inside the band [fromTop, toTop] (pt from the page top). */
export function itemsBetween(page: PageText, fromTop: number, toTop: number): TextItem[] {
  return page.items.filter((i) => i.top >= fromTop && i.top <= toTop);
}

/** The text block of the spec: 37 mm from the top, 35 mm from the bottom. */
export function bodyItems(page: PageText): TextItem[] {
  return itemsBetween(page, 37 * MM, page.height - 35 * MM + 2);
}

export function headerItems(page: PageText): TextItem[] {
  return itemsBetween(page, 0, 37 * MM - 0.5);
}

export function footerItems(page: PageText): TextItem[] {
  return itemsBetween(page, page.height - 35 * MM + 2, page.height);
}

export const squash = (s: string) => s.replace(/\s+/g, '');

/** Groups items into lines by baseline. */
export function lines(items: TextItem[]): TextItem[][] {
  const sorted = [...items].sort((a, b) => a.top - b.top || a.x - b.x);
  const out: TextItem[][] = [];
  for (const item of sorted) {
    const last = out.at(-1);
    if (last && Math.abs(last[0]!.top - item.top) < 2) last.push(item);
    else out.push([item]);
  }
  return out;
}

export const lineText = (line: TextItem[]) => squash(line.map((i) => i.str).join(''));
