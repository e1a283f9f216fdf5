// Printer's marks outside the bleed: crop marks at the four trim corners and, for `cross`, a
// registration target at the middle of each side. The MediaBox grows to make room (the slug); the
// BleedBox stays trim + bleed and the TrimBox is unchanged.
//
// Colour: marks must print on every plate. In a CMYK file that is registration colour, 100/100/100/100
// (`1 1 1 1 K`). An RGB file has no registration colour; its marks are plain black (`0 0 0 RG`),
// which the shop's RIP separates like the text black.
import { loadPdf } from './pdf-io.ts';
import { cmyk, rgb, type Color, type PDFPage } from 'pdf-lib';
import { bleedOf, bleedWidth, grow, setBox, trimOf, type Rect } from './boxes.ts';
import { saveWithContentId } from './document-id.ts';
import { MM } from './length.ts';

export type MarkKind = 'crop' | 'cross';
export type MarkColorSpace = 'rgb' | 'cmyk';

export interface MarksOptions {
  kind: MarkKind;
  /** `cmyk` draws registration colour; use it when the file went through toCmyk. Default `rgb`. */
  colorSpace?: MarkColorSpace;
}

/** Hairline, as shops ask: thin enough to vanish in the trim, thick enough to image. */
export const MARK_LINE_WIDTH = 0.25;
/** Marks start this far out from the trim at least, and never inside the bleed. */
const MIN_OFFSET = 3 * MM;
const CROP_LENGTH = 6 * MM;
/** Room beyond the mark offset: crop marks (6 mm) and registration targets (up to 9 mm) fit in it. */
const SLUG = 10 * MM;

/** Distance from the trim at which marks start: the bleed, or 3 mm when the bleed is smaller. */
export const markOffset = (bleed: number): number => Math.max(bleed, MIN_OFFSET);
/** Distance from the trim to the edge of a MediaBox holding the marks. */
export const marksMargin = (bleed: number): number => markOffset(bleed) + SLUG;

export const registrationColor = (space: MarkColorSpace = 'rgb'): Color => (space === 'cmyk' ? cmyk(1, 1, 1, 1) : rgb(0, 0, 0));

/**
 * Draws the marks for the trim rectangle `trim` on `page`; the page's boxes are not touched.
 * `foldAt` (imposed sheets): x of the fold, marked with dashed lines in the slug.
 */
export function drawMarks(page: PDFPage, trim: Rect, bleed: number, options: MarksOptions & { foldAt?: number }): void {
  const color = registrationColor(options.colorSpace);
  const thickness = MARK_LINE_WIDTH;
  const line = (x1: number, y1: number, x2: number, y2: number) => page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness, color });
  const o = markOffset(bleed);
  const l = CROP_LENGTH;
  // Each corner: a horizontal mark on the line of the horizontal trim edge, a vertical one on the
  // vertical edge, both starting `o` away from the corner so none shows inside the bleed.
  for (const x of [trim.left, trim.right]) {
    const out = x === trim.left ? -1 : 1;
    for (const y of [trim.bottom, trim.top]) {
      const up = y === trim.bottom ? -1 : 1;
      line(x + out * o, y, x + out * (o + l), y);
      line(x, y + up * o, x, y + up * (o + l));
    }
  }
  const fold = options.foldAt;
  if (fold !== undefined) {
    // Fold marks: dashed, on the fold line, above and below the sheet.
    for (const [y1, y2] of [
      [trim.top + o, trim.top + o + l],
      [trim.bottom - o, trim.bottom - o - l],
    ] as const) {
      page.drawLine({ start: { x: fold, y: y1 }, end: { x: fold, y: y2 }, thickness, color, dashArray: [2, 2] });
    }
  }
  if (options.kind === 'cross') {
    const d = o + 5 * MM; // centre of the target, from the trim
    const midY = (trim.bottom + trim.top) / 2;
    // Above and below the middle of the page, or of each half when a fold mark takes the middle.
    const xs = fold === undefined ? [(trim.left + trim.right) / 2] : [(trim.left + fold) / 2, (fold + trim.right) / 2];
    const targets: Array<readonly [number, number]> = [...xs.flatMap((x) => [[x, trim.top + d] as const, [x, trim.bottom - d] as const]), [trim.left - d, midY], [trim.right + d, midY]];
    for (const [x, y] of targets) {
      const arm = 4 * MM;
      line(x - arm, y, x + arm, y);
      line(x, y - arm, x, y + arm);
      page.drawCircle({ x, y, size: 2.5 * MM, borderColor: color, borderWidth: thickness });
    }
  }
}

/**
 * Adds crop marks (and registration targets with `cross`) to every page. Run after addBleed (the
 * bleed is read back from the boxes) and after toCmyk (which would turn registration into K only).
 */
export async function addMarks(bytes: Uint8Array, options: MarksOptions): Promise<Uint8Array> {
  const doc = await loadPdf(bytes);
  for (const page of doc.getPages()) {
    // Read before the MediaBox changes: a missing BleedBox defaults to the CropBox.
    const trim = trimOf(page);
    const bleedBox = bleedOf(page);
    const bleed = bleedWidth(page);
    const media = grow(trim, marksMargin(bleed));
    setBox(page, 'setMediaBox', media);
    setBox(page, 'setCropBox', media);
    setBox(page, 'setBleedBox', bleedBox);
    setBox(page, 'setTrimBox', trim);
    drawMarks(page, trim, bleed, options);
  }
  return saveWithContentId(doc);
}
