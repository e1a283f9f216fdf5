// Saving with a content-derived trailer /ID, as finalizePdf does: every transform here ends with it,
// so the same input bytes always give the same output bytes (pdf-lib writes no ID of its own, and
// Ghostscript writes a random one).
import { savePdf } from './pdf-io.ts';
import { createHash, type Hash } from 'node:crypto';
import { PDFArray, PDFHexString, type PDFDocument, type SaveOptions } from 'pdf-lib';

export async function saveWithContentId(doc: PDFDocument, options?: SaveOptions): Promise<Uint8Array> {
  doc.context.trailerInfo.ID = undefined;
  setDocumentId(doc, createHash('sha256').update(await savePdf(doc, options)));
  return savePdf(doc, options);
}

/** The trailer /ID: both halves the first 32 hex digits of `hash`. */
export function setDocumentId(doc: PDFDocument, hash: Hash): void {
  const id = PDFHexString.of(hash.digest('hex').slice(0, 32));
  const ids = PDFArray.withContext(doc.context);
  ids.push(id);
  ids.push(id);
  doc.context.trailerInfo.ID = ids;
}
