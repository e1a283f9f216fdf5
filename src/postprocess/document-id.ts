// Saving with a content-derived trailer /ID, as finalizePdf does: every transform here ends with it,
// so the same input bytes always give the same output bytes (pdf-lib writes no ID of its own, and
// Ghostscript writes a random one).
import { createHash } from 'node:crypto';
import { PDFArray, PDFHexString, type PDFDocument } from 'pdf-lib';

export async function saveWithContentId(doc: PDFDocument): Promise<Uint8Array> {
  doc.context.trailerInfo.ID = undefined;
  const withoutId = await doc.save();
  const id = PDFHexString.of(createHash('sha256').update(withoutId).digest('hex').slice(0, 32));
  const ids = PDFArray.withContext(doc.context);
  ids.push(id);
  ids.push(id);
  doc.context.trailerInfo.ID = ids;
  return doc.save();
}
