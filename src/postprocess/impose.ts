// Saddle-stitch imposition: two A4 pages side by side on an A3 landscape sheet, in the order that
// gives the reading order once the sheets are stacked, folded and stapled. A separate PDF for the
// shop; links, outline and tags do not survive (pdf-lib embeds each page as a form XObject), text
// and embedded fonts do.
//
// Placement is by TrimBox: the left page's trim right edge and the right page's trim left edge sit on
// the fold, in the middle of the sheet. Each page is clipped to its BleedBox on the three outer sides
// and to its trim at the fold, so no page's bleed spills onto its neighbour; the sheet's own bleed
// and marks surround the pair.
import { loadPdf } from './pdf-io.ts';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFString, type PDFPage } from 'pdf-lib';
import { bleedOf, bleedWidth, grow, setBox, trimOf, type Rect } from './boxes.ts';
import { saveWithContentId } from './document-id.ts';
import { drawMarks, marksMargin, type MarkColorSpace, type MarkKind } from './marks.ts';
import { pagesToAdd } from './booklet.ts';

export const SHEETS = { a3: { width: 1190.55, height: 841.89 } } as const;
export type SheetSize = keyof typeof SHEETS;

export interface ImposeOptions {
  /** Crop marks (and registration targets) around each sheet, plus fold marks at the spine. */
  marks?: MarkKind;
  colorSpace?: MarkColorSpace;
}

/** One sheet side: 1-based source page numbers, left and right; `null` is a blank slot. */
export interface SheetSide {
  left: number | null;
  right: number | null;
}

/**
 * The saddle-stitch order for `count` pages, padded to a multiple of 4: sides
 * (n,1), (2,n−1), (n−2,3), (4,n−3)… Slots past the last real page are blank (null).
 */
export function saddleStitchOrder(count: number): SheetSide[] {
  const n = count + pagesToAdd(count);
  const real = (p: number) => (p <= count ? p : null);
  const sides: SheetSide[] = [];
  for (let i = 0; i < n / 2; i++) {
    // Even sides (fronts) carry a high page on the left; odd sides (backs) a low page on the left.
    const [left, right] = i % 2 === 0 ? [n - i, i + 1] : [i + 1, n - i];
    sides.push({ left: real(left), right: real(right) });
  }
  return sides;
}

const hasContents = (page: PDFPage) => page.node.get(PDFName.of('Contents')) !== undefined;

/**
 * Imposes `bytes` (any page count; padded with blank slots to a multiple of 4) onto `sheet` sheets.
 * Every page must have the same trim size, half the sheet's width. Each output page gets a page label
 * `L|R` (source page numbers, blank slots as `-`), readable back by viewers and pdf.js.
 */
export async function imposeSaddleStitch(bytes: Uint8Array, sheet: SheetSize = 'a3', options: ImposeOptions = {}): Promise<Uint8Array> {
  const size = SHEETS[sheet];
  const src = await loadPdf(bytes);
  const pages = src.getPages();
  if (!pages.length) throw new Error('cannot impose an empty PDF');
  const trims = pages.map(trimOf);
  const half = size.width / 2;
  trims.forEach((t, i) => {
    const w = t.right - t.left;
    const h = t.top - t.bottom;
    if (Math.abs(w - half) > 0.02 || Math.abs(h - size.height) > 0.02) {
      throw new Error(`page ${i + 1}: trim ${w.toFixed(2)} × ${h.toFixed(2)} pt does not fit half a ${sheet} sheet (${half.toFixed(2)} × ${size.height} pt)`);
    }
  });
  const bleed = Math.min(...pages.map(bleedWidth));

  const out = await PDFDocument.create({ updateMetadata: false });
  copyInfo(src, out);
  const order = saddleStitchOrder(pages.length);

  // Clip boxes, in source page coordinates: bleed outside, trim at the fold.
  const clip = (i: number, side: 'left' | 'right'): Rect => {
    const t = trims[i]!;
    const b = bleedOf(pages[i]!);
    const outer = { left: Math.max(b.left, t.left - bleed), bottom: Math.max(b.bottom, t.bottom - bleed), right: Math.min(b.right, t.right + bleed), top: Math.min(b.top, t.top + bleed) };
    return side === 'left' ? { ...outer, right: t.right } : { ...outer, left: t.left };
  };
  // One embedPages call: fonts and other shared resources are copied once, not once per page.
  const slots = order.flatMap((s) => [
    { page: s.left, side: 'left' as const },
    { page: s.right, side: 'right' as const },
  ]);
  const wanted = slots.filter((s) => s.page !== null && hasContents(pages[s.page - 1]!));
  const embedded = wanted.length === 0 ? [] : await out.embedPages(
    wanted.map((s) => pages[s.page! - 1]!),
    wanted.map((s) => clip(s.page! - 1, s.side)),
  );
  const embeddedBySlot = new Map(wanted.map((s, k) => [s, embedded[k]!]));

  const sheetTrim: Rect = { left: 0, bottom: 0, right: size.width, top: size.height };
  const media = options.marks ? grow(sheetTrim, marksMargin(bleed)) : grow(sheetTrim, bleed);
  const labels: Array<[number, string]> = [];
  order.forEach((side, index) => {
    const sheetPage = out.addPage([size.width, size.height]);
    setBox(sheetPage, 'setMediaBox', media);
    setBox(sheetPage, 'setCropBox', media);
    setBox(sheetPage, 'setBleedBox', grow(sheetTrim, bleed));
    setBox(sheetPage, 'setTrimBox', sheetTrim);
    for (const slot of slots.slice(index * 2, index * 2 + 2)) {
      const page = embeddedBySlot.get(slot);
      if (!page || slot.page === null) continue;
      const i = slot.page - 1;
      const c = clip(i, slot.side);
      const t = trims[i]!;
      // Where the clipped box's lower-left corner lands so that the trim sits against the fold.
      const trimLeftOnSheet = slot.side === 'left' ? half - (t.right - t.left) : half;
      sheetPage.drawPage(page, { x: trimLeftOnSheet + (c.left - t.left), y: c.bottom - t.bottom });
    }
    if (options.marks) {
      drawMarks(sheetPage, sheetTrim, bleed, { kind: options.marks, colorSpace: options.colorSpace, foldAt: half });
    }
    labels.push([index, `${side.left ?? '-'}|${side.right ?? '-'}`]);
  });
  setPageLabels(out, labels);
  return saveWithContentId(out);
}

/** Each label is a bare prefix (no numbering style), so the label reads exactly `30|1`. */
function setPageLabels(doc: PDFDocument, labels: Array<[number, string]>): void {
  const nums = doc.context.obj([]);
  for (const [index, text] of labels) {
    nums.push(PDFNumber.of(index));
    nums.push(doc.context.obj({ P: PDFString.of(text) }));
  }
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums }));
}

/** The imposed file keeps the source's title, dates and creator. */
function copyInfo(src: PDFDocument, out: PDFDocument): void {
  const info = src.context.lookup(src.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) return;
  const target = out.context.trailerInfo.Info ? out.context.lookup(out.context.trailerInfo.Info) : undefined;
  const copy = target instanceof PDFDict ? target : out.context.obj({});
  // Info values are strings, names and dates: direct objects, safe to share between documents.
  for (const [key, value] of info.entries()) copy.set(key, value);
  if (!(target instanceof PDFDict)) out.context.trailerInfo.Info = out.context.register(copy);
}
