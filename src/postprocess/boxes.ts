// Page boxes as plain rectangles (PDF coordinates: left, bottom, right, top) and small helpers shared
// by the bleed, marks and imposition transforms.
import type { PDFPage } from 'pdf-lib';
import { round } from './length.ts';

export interface Rect {
  left: number;
  bottom: number;
  right: number;
  top: number;
}

const fromBox = (b: { x: number; y: number; width: number; height: number }): Rect => ({ left: b.x, bottom: b.y, right: b.x + b.width, top: b.y + b.height });

export const trimOf = (page: PDFPage): Rect => fromBox(page.getTrimBox());
export const bleedOf = (page: PDFPage): Rect => fromBox(page.getBleedBox());
export const mediaOf = (page: PDFPage): Rect => fromBox(page.getMediaBox());

export function grow(r: Rect, by: number): Rect {
  return { left: round(r.left - by), bottom: round(r.bottom - by), right: round(r.right + by), top: round(r.top + by) };
}

/** The bleed actually present: the smallest distance from the trim box out to the bleed box. */
export function bleedWidth(page: PDFPage): number {
  const t = trimOf(page);
  const b = bleedOf(page);
  return Math.max(0, round(Math.min(t.left - b.left, t.bottom - b.bottom, b.right - t.right, b.top - t.top)));
}

type BoxSetter = 'setMediaBox' | 'setCropBox' | 'setBleedBox' | 'setTrimBox';

export function setBox(page: PDFPage, which: BoxSetter, r: Rect): void {
  page[which](r.left, r.bottom, round(r.right - r.left), round(r.top - r.bottom));
}
