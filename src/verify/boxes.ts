// Page boxes: every TrimBox exactly A4, and MediaBox ⊇ BleedBox ⊇ TrimBox. Bleed and printer's
// marks make the MediaBox larger than the TrimBox; the TrimBox stays A4.
import { PDFName, type PDFDocument } from 'pdf-lib';
import type { Diagnostic } from '../diagnostics.ts';
import { A4 } from '../postprocess/index.ts';

/** [x, y, width, height] in pt, PDF user space. */
export type Box = [number, number, number, number];

export interface PageBoxes {
  media: Box;
  crop: Box;
  bleed: Box;
  trim: Box;
  /** False when the page has no TrimBox of its own (readers then fall back to the CropBox). */
  hasTrim: boolean;
}

const box = (b: { x: number; y: number; width: number; height: number }): Box => [b.x, b.y, b.width, b.height];

export function readBoxes(doc: PDFDocument): PageBoxes[] {
  return doc.getPages().map((page) => ({
    media: box(page.getMediaBox()),
    crop: box(page.getCropBox()),
    bleed: box(page.getBleedBox()),
    trim: box(page.getTrimBox()),
    hasTrim: page.node.get(PDFName.of('TrimBox')) !== undefined,
  }));
}

export const TOLERANCE = 0.01;
const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE + 1e-9;

/** Does `outer` contain `inner` (within the tolerance)? */
export function contains(outer: Box, inner: Box): boolean {
  const [ox, oy, ow, oh] = outer;
  const [ix, iy, iw, ih] = inner;
  const t = TOLERANCE + 1e-9;
  return ix >= ox - t && iy >= oy - t && ix + iw <= ox + ow + t && iy + ih <= oy + oh + t;
}

const fmt = (b: Box) => `[${b.map((v) => Math.round(v * 100) / 100).join(' ')}]`;

/** Runs of equal messages are folded into one diagnostic naming the pages. */
function pageList(pages: number[]): string {
  if (pages.length === 1) return `page ${pages[0]}`;
  const runs: string[] = [];
  let start = pages[0]!;
  let prev = start;
  for (const p of [...pages.slice(1), Number.NaN]) {
    if (p === prev + 1) {
      prev = p;
      continue;
    }
    runs.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = prev = p;
  }
  return `pages ${runs.join(', ')}`;
}

export function checkBoxes(file: string, boxes: PageBoxes[]): Diagnostic[] {
  const grouped = new Map<string, { severity: Diagnostic['severity']; rule: string; pages: number[] }>();
  const add = (page: number, severity: Diagnostic['severity'], rule: string, message: string) => {
    const key = `${severity}\u0000${rule}\u0000${message}`;
    const entry = grouped.get(key) ?? { severity, rule, pages: [] };
    entry.pages.push(page);
    grouped.set(key, entry);
  };
  boxes.forEach((b, i) => {
    const page = i + 1;
    const [, , w, h] = b.trim;
    if (!close(w, A4.width) || !close(h, A4.height)) {
      add(page, 'error', 'page-size', `trim box is ${Math.round(w * 100) / 100} × ${Math.round(h * 100) / 100} pt, not A4 (${A4.width} × ${A4.height})`);
    }
    if (!b.hasTrim) add(page, 'warning', 'page-boxes', 'has no TrimBox (a print shop then trims to the CropBox)');
    if (!contains(b.bleed, b.trim)) add(page, 'error', 'page-boxes', `bleed box ${fmt(b.bleed)} does not contain the trim box ${fmt(b.trim)}`);
    if (!contains(b.media, b.bleed)) add(page, 'error', 'page-boxes', `media box ${fmt(b.media)} does not contain the bleed box ${fmt(b.bleed)}`);
  });
  return [...grouped.entries()].map(([key, { severity, rule, pages }]) => ({
    file,
    severity,
    rule,
    message: `${pageList(pages)}: ${key.split('\u0000')[2]}`,
  }));
}

export { pageList };
