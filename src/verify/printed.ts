// The text of the pages Chromium printed, read by pdfjs on its thread while pdf-lib post-processes
// them (boxes, metadata, bookmarks: nothing a page draws). The preflight uses it instead of reading
// the written file's text again, once the file's pages have the fingerprints of these
// (postprocess/fingerprint.ts, filled in by finalizePdf).
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { mark } from '../trace.ts';
import { fetchText, openPdf, pdfPages, type RawPage } from './text.ts';

export interface PrintedText {
  /** The printed pages' fingerprints, in page order (finalizePdf pushes them). */
  fingerprints: string[];
  pages: Promise<PDFPageProxy[]>;
  raw: Promise<RawPage[]>;
  /** Rejects if pdfjs's thread dies meanwhile. */
  lost: Promise<never>;
  close(): Promise<void>;
}

export function readPrintedText(bytes: Uint8Array): PrintedText {
  const opening = openPdf(bytes);
  const pages = opening.then(({ pdf }) => pdfPages(pdf));
  const raw = pages.then(fetchText);
  void opening.then(() => mark('pdfjsOpen'));
  void raw.then(() => mark('textRead'), () => undefined);
  const lost = opening.then(({ lost }) => lost);
  // Failures show where the results are awaited.
  for (const p of [pages, raw, lost]) p.catch(() => undefined);
  return {
    fingerprints: [],
    pages,
    raw,
    lost,
    close: () => opening.then(({ close }) => close(), () => undefined),
  };
}
