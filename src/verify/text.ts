// Reads a PDF's text back the way a reader sees it (pdfjs-dist): per page, the text items with their
// position relative to the trim box, and the face each item is drawn in. One pdfjs document serves
// the whole preflight (text, annotations, outline, destinations).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Box } from './boxes.ts';
import { withoutSubset } from './fonts.ts';

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

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<Pdfjs> | undefined;

/**
 * Loads pdfjs and its (in-process) worker. Imported on first use, not with this module: it is large,
 * and every CLI command imports the verify stage. Loading it costs about 0.3 s under plain Node and
 * 2–3 s through tsx's loader; a caller may start it early (e.g. while the browser renders).
 */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= (async () => {
    const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const push = Array.prototype.push;
    const { parse, stringify } = JSON;
    const [lib, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(workerModule) as Promise<unknown>]);
    // The fake worker finds its handler here instead of importing the worker file itself.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    if (process.env.NATIVE) { Array.prototype.push = push; if (process.env.NATIVE === '2') { JSON.parse = parse; JSON.stringify = stringify; } }
    return lib;
  })();
  return pdfjs;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await loadPdfjs();
  // pdfjs may take the buffer over: give it a copy, the caller still writes its bytes.
  return getDocument({
    data: bytes.slice(),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
    cMapUrl: `${join(pdfjsDir, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/`,
  }).promise;
}

export interface ReadOptions {
  /** Trim box of each page (user space); default the page's view (CropBox). */
  trims?: Box[];
  /** Resolve the face of every item (costs one operator list per page that brings a new font). */
  fonts?: boolean;
}

export async function readText(pdf: PDFDocumentProxy, options: ReadOptions = {}): Promise<PageText[]> {
  // All pages at once: pdfjs interleaves the work, about twice as fast as one page after another.
  const read = await Promise.all(
    Array.from({ length: pdf.numPages }, async (_, i) => {
      const page = await pdf.getPage(i + 1);
      return { page, content: await page.getTextContent() };
    }),
  );
  const fontNames = new Map<string, string>();
  if (options.fonts) {
    // The text layer knows fonts only by a loaded name; the operator list of one page using each
    // font brings the real name.
    const wanted = new Map<number, string[]>();
    const seen = new Set<string>();
    read.forEach(({ content }, i) => {
      const fresh = Object.keys(content.styles).filter((k) => !seen.has(k));
      fresh.forEach((k) => seen.add(k));
      if (fresh.length) wanted.set(i, fresh);
    });
    await Promise.all(
      [...wanted].map(async ([i, keys]) => {
        const { page } = read[i]!;
        await page.getOperatorList();
        for (const k of keys) {
          let name = '';
          try {
            name = withoutSubset(String((page.commonObjs.get(k) as { name?: string }).name ?? ''));
          } catch {
            // not loaded: stays unknown
          }
          fontNames.set(k, name);
        }
      }),
    );
  }
  return read.map(({ page, content }, i): PageText => {
    const n = i + 1;
    const view = page.view as Box;
    const trim: Box = options.trims?.[i] ?? [view[0], view[1], view[2] - view[0], view[3] - view[1]];
    const [tx, ty, tw, th] = trim;
    const items: TextItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw) || !raw.str.trim()) continue;
      const [a, b, , , e, f] = raw.transform as number[];
      const x = e! - tx;
      const top = ty + th - f!;
      // Outside the trim box (bleed, printer's marks and slugs): not part of the page.
      if (x < -1 || x > tw + 1 || top < -1 || top > th + 1) continue;
      items.push({ str: raw.str, x, top, size: Math.hypot(a!, b!), width: raw.width, font: fontNames.get(raw.fontName) ?? '' });
    }
    return { number: n, width: tw, height: th, trim, items };
  });
}

export async function readPdfText(bytes: Uint8Array, options: ReadOptions = {}): Promise<PdfText> {
  const pdf = await openPdf(bytes);
  try {
    const pages = await readText(pdf, options);
    return { pages, pdf, close: () => pdf.destroy() };
  } catch (error) {
    await pdf.destroy();
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

export const squash = (s: string) => s.replace(/\s+/g, '');

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
