// Booklet preparation: a saddle-stitched booklet has a multiple of 4 pages (each folded sheet carries
// four), so blank pages are appended at the end, with the same boxes as the last page.
import { loadPdf } from './pdf-io.ts';
import { bleedOf, mediaOf, setBox, trimOf } from './boxes.ts';
import { saveWithContentId } from './document-id.ts';

export const pagesToAdd = (count: number): number => (4 - (count % 4)) % 4;

/** Appends 0–3 blank pages (nothing drawn: no page number, no header). Unchanged count → same bytes apart from the ID. */
export async function padToMultipleOf4(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await loadPdf(bytes);
  const last = doc.getPage(doc.getPageCount() - 1);
  const boxes = { media: mediaOf(last), crop: last.getCropBox(), bleed: bleedOf(last), trim: trimOf(last) };
  for (let i = pagesToAdd(doc.getPageCount()); i > 0; i--) {
    const page = doc.addPage();
    setBox(page, 'setMediaBox', boxes.media);
    const c = boxes.crop;
    page.setCropBox(c.x, c.y, c.width, c.height);
    setBox(page, 'setBleedBox', boxes.bleed);
    setBox(page, 'setTrimBox', boxes.trim);
  }
  return saveWithContentId(doc);
}
