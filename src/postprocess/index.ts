// The post-process stage: what Chromium and pagedjs-cli get wrong for print, fixed with pdf-lib.
// Exact A4 boxes (Chromium writes 594.96 × 841.92 pt), metadata from the front matter instead of the
// browser's user agent, dates from SOURCE_DATE_EPOCH or the issue date, and a document ID derived
// from the content, so that the same input gives the same bytes.
import { loadPdf, savePdf } from './pdf-io.ts';
import { createHash } from 'node:crypto';
import { PDFName, PDFString } from 'pdf-lib';
import { setDocumentId } from './document-id.ts';
import { pageFingerprints } from './fingerprint.ts';
import { writeOutline, type OutlineEntry } from './outline.ts';
import { applyPdfA } from './pdfa.ts';

export const A4 = { width: 595.28, height: 841.89 } as const;

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  lang: string;
  date: Date;
}

/**
 * Exact A4 boxes, metadata, the bookmarks, and a document ID derived from the input: the printed
 * bytes, the metadata and the bookmarks (one save, instead of a second one to hash the output).
 * With `pdfa` (the default) also XMP metadata and the sRGB output intent: a PDF/A-2b file.
 */
export async function finalizePdf(bytes: Uint8Array, meta: PdfMetadata, outline?: OutlineEntry[], options: { pdfa?: boolean; fingerprints?: string[] } = {}): Promise<Uint8Array> {
  const doc = await loadPdf(bytes);
  // What the input's pages draw (fingerprint.ts), for a caller that reads their text meanwhile.
  options.fingerprints?.push(...pageFingerprints(doc));
  for (const page of doc.getPages()) {
    page.setMediaBox(0, 0, A4.width, A4.height);
    page.setCropBox(0, 0, A4.width, A4.height);
    page.setBleedBox(0, 0, A4.width, A4.height);
    page.setTrimBox(0, 0, A4.width, A4.height);
  }
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.creator);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.lang));
  if (outline) writeOutline(doc, outline);
  if (options.pdfa ?? true) {
    applyPdfA(doc, {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords.join(' '),
      creatorTool: meta.creator,
      producer: meta.creator,
      created: meta.date,
      modified: meta.date,
      lang: meta.lang,
    });
  }
  // Chromium stamps its output with the wall clock: everything else it writes is the same for the
  // same document, so the input without those two dates identifies the output.
  const printed = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').replace(/\/(CreationDate|ModDate) ?\(D:[^)]*\)/g, '');
  setDocumentId(doc, createHash('sha256').update(printed, 'latin1').update(JSON.stringify({ meta, outline, pdfa: options.pdfa ?? true })));
  return savePdf(doc);
}

/**
 * The date the PDF claims: SOURCE_DATE_EPOCH when set (reproducible builds), else the first day of
 * the issue's month (`2025年12月` → 2025-12-01), else the Unix epoch — never the wall clock.
 */
export function documentDate(issueDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?/.exec(issueDate) ?? /(\d{4})-(\d{1,2})(?:-(\d{1,2}))?/.exec(issueDate);
  if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 1)));
  return new Date(0);
}

// Print production (bleed, marks, booklet, imposition, CMYK): run on finalizePdf's output.
export { writeOutline, type OutlineEntry } from './outline.ts';
export { pageFingerprints } from './fingerprint.ts';
export { parseLength, LengthError, MM } from './length.ts';
export { addBleed } from './bleed.ts';
export { addMarks, type MarkKind, type MarksOptions, type MarkColorSpace } from './marks.ts';
export { padToMultipleOf4 } from './booklet.ts';
export { imposeSaddleStitch, saddleStitchOrder, SHEETS, type SheetSize, type ImposeOptions, type SheetSide } from './impose.ts';
export { toCmyk, findGhostscript, colourOperators, GhostscriptError, GS_CMYK_ARGS, GS_CMYK_PRELUDE, type CmykOptions } from './cmyk.ts';
export { printProduction, type PrintOptions, type PrintResult } from './print.ts';
export { toPdfX, resolveOutputIntent, PdfxError, PDFX, REGISTERED_CONDITIONS, DEFAULT_CONDITION, type OutputIntent } from './pdfx.ts';
export { applyPdfA, dropPdfA, PDFA } from './pdfa.ts';
