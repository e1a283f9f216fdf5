// Bleed: the MediaBox and BleedBox grow by the bleed on every side, the TrimBox stays where it is.
//
// The boxes grow into negative coordinates (Media = [-b -b W+b H+b]) instead of translating the
// content: content streams, link rectangles and outline destinations stay valid untouched, and the
// TrimBox keeps its exact A4 values at the origin. Nothing Chromium draws lies outside the A4 page
// (the cover's red rule stops short of the edge), so the bleed area is empty paper; it exists for the
// shop's trimming tolerance and for any future full-bleed element.
import { loadPdf } from './pdf-io.ts';
import { grow, setBox, trimOf } from './boxes.ts';
import { saveWithContentId } from './document-id.ts';
import { MAX_BLEED_PT } from './length.ts';

/** `bleed` in pt (see parseLength). 0 resets Media = Crop = Bleed = Trim. */
export async function addBleed(bytes: Uint8Array, bleed: number): Promise<Uint8Array> {
  if (!(bleed >= 0 && bleed <= MAX_BLEED_PT)) throw new RangeError(`bleed must be between 0 and ${MAX_BLEED_PT} pt, got ${bleed}`);
  const doc = await loadPdf(bytes);
  for (const page of doc.getPages()) {
    const trim = trimOf(page);
    const outer = grow(trim, bleed);
    setBox(page, 'setTrimBox', trim); // explicit: a missing TrimBox would default to the new CropBox
    setBox(page, 'setMediaBox', outer);
    // The CropBox is what viewers show: the whole sheet, so the bleed (and later the marks) is visible.
    setBox(page, 'setCropBox', outer);
    setBox(page, 'setBleedBox', outer);
  }
  return saveWithContentId(doc);
}
