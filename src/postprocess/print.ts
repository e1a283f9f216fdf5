// The print-production transforms in the one order that works, for the build to call after
// finalizePdf (which sets the A4 boxes, metadata, dates and ID these transforms keep):
//   pad to a multiple of 4 → CMYK (gs would reset boxes it does not understand and turn
//   registration marks into K only, so it runs before them) → bleed → marks.
// The imposed sheets are made from the file before the page marks; they get marks of their own.
// PDF/X comes last, on both files: every pdf-lib save before it writes PDF 1.7 with object streams.
import { padToMultipleOf4 } from './booklet.ts';
import { addBleed } from './bleed.ts';
import { toCmyk, type CmykOptions } from './cmyk.ts';
import { imposeSaddleStitch, type SheetSize } from './impose.ts';
import { addMarks, type MarkKind } from './marks.ts';
import { flattenImageAlpha, toPdfX, type OutputIntent } from './pdfx.ts';

export interface PrintOptions {
  /** Bleed in pt (parseLength('3mm')); 0 or undefined: none. */
  bleed?: number;
  marks?: MarkKind;
  /** Pad to a multiple of 4 pages. Implied by `impose`. */
  booklet?: boolean;
  impose?: SheetSize;
  cmyk?: boolean | CmykOptions;
  /** PDF/X-1a:2001 with this output intent (implies `cmyk`). */
  pdfx?: OutputIntent;
}

export interface PrintResult {
  /** The page PDF (A4 trim). */
  pdf: Uint8Array;
  /** The imposed sheets, when `impose` was asked for. */
  imposed?: Uint8Array;
}

export async function printProduction(finalized: Uint8Array, options: PrintOptions): Promise<PrintResult> {
  let pdf = finalized;
  if (options.booklet || options.impose) pdf = await padToMultipleOf4(pdf);
  // PDF/X allows no soft mask: images with alpha are put on white while they are still RGB.
  if (options.pdfx) pdf = await flattenImageAlpha(pdf);
  const cmyk = options.cmyk || (options.pdfx ? true : undefined);
  if (cmyk) pdf = await toCmyk(pdf, cmyk === true ? {} : cmyk);
  if (options.bleed) pdf = await addBleed(pdf, options.bleed);
  const colorSpace = cmyk ? 'cmyk' : 'rgb';
  let imposed = options.impose ? await imposeSaddleStitch(pdf, options.impose, { marks: options.marks, colorSpace }) : undefined;
  if (options.marks) pdf = await addMarks(pdf, { kind: options.marks, colorSpace });
  if (options.pdfx) {
    pdf = await toPdfX(pdf, options.pdfx);
    if (imposed) imposed = await toPdfX(imposed, options.pdfx);
  }
  return { pdf, imposed };
}
