// Reads a PDF's text back the way a reader sees it (pdfjs-dist): per page, the text items with their
// position relative to the trim box, and the face each item is drawn in. One pdfjs document serves
// the whole preflight (text, annotations, outline, destinations).
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Box } from './boxes.ts';
import { withoutSubset } from './fonts.ts';
import { openPdf } from './pdfjs.ts';

export const MM = 72 / 25.4;

export interface TextItem {
  str: string;
  /** Left edge, from the trim box's left edge (pt). */
  x: number;
  /** Baseline, from the top of the trim box (pt). */
  top: number;
  size: number;
  width: number;
  /** PostScript name of the face, subset prefix removed ('' when unknown). */
  font: string;
}

export interface PageText {
  /** 1-based physical page number. */
  number: number;
  /** Trim box size. */
  width: number;
  height: number;
  /** The trim box in user space, to map positions back (links). */
  trim: Box;
  items: TextItem[];
}

export interface PdfText {
  pages: PageText[];
  pdf: PDFDocumentProxy;
  close(): Promise<void>;
}

export { loadPdfjs, openPdf, type OpenedPdf } from './pdfjs.ts';

export interface ReadOptions {
  /** Trim box of each page (user space); default the page's view (CropBox). */
  trims?: Box[];
  /** Resolve the face of every item (costs an operator list of a page per font). */
  fonts?: boolean;
}

export const pdfPages = (pdf: PDFDocumentProxy): Promise<PDFPageProxy[]> => Promise.all(Array.from({ length: pdf.numPages }, (_, i) => pdf.getPage(i + 1)));

/** What pdfjs gives for one page, before positions are taken relative to the trim box. */
export interface RawPage {
  view: Box;
  items: Array<{ str: string; transform: number[]; width: number; fontName: string }>;
  /** The loaded names of the fonts its text uses. */
  fonts: string[];
}

/** The text of every page as pdfjs reads it, all pages asked for at once. */
export async function fetchText(pages: PDFPageProxy[]): Promise<RawPage[]> {
  // All pages at once: pdfjs interleaves the work, about twice as fast as one page after another.
  // The text as the PDF's ToUnicode gives it: pdfjs's own folding (µ → μ, ligatures…) would hide
  // a look-alike in the PDF's place of the source's character.
  const read = await Promise.all(pages.map((page) => page.getTextContent({ disableNormalization: true })));
  return read.map((content, i) => ({
    view: pages[i]!.view as Box,
    items: content.items.filter((raw) => 'str' in raw) as RawPage['items'],
    fonts: Object.keys(content.styles),
  }));
}

/** Pages (1-based) whose text uses each loaded font name. */
export function fontPages(raw: RawPage[]): Map<string, number[]> {
  const pages = new Map<string, number[]>();
  raw.forEach((page, i) => {
    for (const key of page.fonts) {
      const list = pages.get(key) ?? [];
      list.push(i + 1);
      pages.set(key, list);
    }
  });
  return pages;
}

/**
 * The PostScript name (subset prefix removed) of each loaded font name not in `known`: the text
 * layer knows fonts only by a loaded name; the operator list of one page using each font brings
 * the real name. '' when it cannot be had.
 */
export async function fontNames(pages: PDFPageProxy[], raw: RawPage[], known = new Map<string, string>()): Promise<Map<string, string>> {
  const names = new Map(known);
  const wanted = new Map<number, string[]>();
  for (const [key, on] of fontPages(raw)) {
    if (names.has(key)) continue;
    const first = on[0]! - 1;
    wanted.set(first, [...(wanted.get(first) ?? []), key]);
  }
  await Promise.all(
    [...wanted].map(async ([i, keys]) => {
      const page = pages[i]!;
      await page.getOperatorList();
      for (const k of keys) {
        let name = '';
        try {
          name = withoutSubset(String((page.commonObjs.get(k) as { name?: string }).name ?? ''));
        } catch {
          // not loaded: stays unknown
        }
        names.set(k, name);
      }
    }),
  );
  return names;
}

/** Positions relative to the trim box; what lies outside it is dropped. */
export function placeText(raw: RawPage[], trims?: Box[], names?: Map<string, string>): PageText[] {
  return raw.map(({ view, items: rawItems }, i): PageText => {
    const n = i + 1;
    const trim: Box = trims?.[i] ?? [view[0], view[1], view[2] - view[0], view[3] - view[1]];
    const [tx, ty, tw, th] = trim;
    const items: TextItem[] = [];
    for (const raw of rawItems) {
      if (!raw.str.trim()) continue;
      const [a, b, , , e, f] = raw.transform;
      const x = e! - tx;
      const top = ty + th - f!;
      // Outside the trim box (bleed, printer's marks and slugs): not part of the page.
      if (x < -1 || x > tw + 1 || top < -1 || top > th + 1) continue;
      items.push({ str: raw.str, x, top, size: Math.hypot(a!, b!), width: raw.width, font: names?.get(raw.fontName) ?? '' });
    }
    return { number: n, width: tw, height: th, trim, items };
  });
}

export async function readText(pdf: PDFDocumentProxy, options: ReadOptions = {}): Promise<PageText[]> {
  const pages = await pdfPages(pdf);
  const raw = await fetchText(pages);
  return placeText(raw, options.trims, options.fonts ? await fontNames(pages, raw) : undefined);
}

export async function readPdfText(bytes: Uint8Array, options: ReadOptions = {}): Promise<PdfText> {
  const { pdf, lost, close } = await openPdf(bytes);
  try {
    const pages = await Promise.race([readText(pdf, options), lost]);
    return { pages, pdf, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Resolves a destination (named or explicit) to a 1-based page number. */
export async function destinationPage(pdf: PDFDocumentProxy, dest: unknown): Promise<number | undefined> {
  try {
    const explicit = typeof dest === 'string' ? await pdf.getDestination(dest) : dest;
    if (!Array.isArray(explicit) || explicit.length === 0) return undefined;
    const target = explicit[0];
    if (typeof target === 'number') return target + 1;
    if (target && typeof target === 'object' && 'num' in target) return (await pdf.getPageIndex(target as { num: number; gen: number })) + 1;
  } catch {
    // unresolvable
  }
  return undefined;
}

// --- Geometry of the page (typesetting spec): text block 37 mm from the top, 35 mm from the bottom.

/** Items whose baseline lies inside the band [fromTop, toTop] (pt from the trim top). */
export function itemsBetween(page: PageText, fromTop: number, toTop: number): TextItem[] {
  return page.items.filter((i) => i.top >= fromTop && i.top <= toTop);
}

export const bodyItems = (page: PageText) => itemsBetween(page, 37 * MM, page.height - 35 * MM + 2);
export const headerItems = (page: PageText) => itemsBetween(page, -1, 37 * MM - 0.5);
export const footerItems = (page: PageText) => itemsBetween(page, page.height - 35 * MM + 2, page.height + 1);

/**
 * Text as compared: without white space (lines break anywhere) and without invisible format
 * characters (zero-width space, joiners, soft hyphen, BOM: \p{Cf}), which print nothing and so
 * cannot be copied out of a PDF. Bidi controls are Cf too, but the checker refuses them before.
 */
export const squash = (s: string) => s.replace(/[\s\p{Cf}]+/gu, '');

/** Groups items into lines by baseline, top to bottom, left to right. */
export function lines(items: TextItem[]): TextItem[][] {
  const sorted = [...items].sort((a, b) => a.top - b.top || a.x - b.x);
  const out: TextItem[][] = [];
  for (const item of sorted) {
    const last = out.at(-1);
    if (last && Math.abs(last[0]!.top - item.top) < 2) last.push(item);
    else out.push([item]);
  }
  for (const line of out) line.sort((a, b) => a.x - b.x);
  return out;
}

export const lineText = (line: TextItem[]) => squash(line.map((i) => i.str).join(''));
