// PDF/X-1a:2001 for the print shop, made from the CMYK file (toCmyk) by pdf-lib rather than by
// Ghostscript's -dPDFX: Debian's gs 10.00 makes only PDF/X-3 from its stock definition file, falls
// back to plain PDF when it meets a link annotation, and rasterises any page with transparency
// without a word. What X-1a asks beyond CMYK colours is mostly structure, so this pass writes it:
// - PDF 1.3, saved without object or xref streams (pdf-lib writes 1.7 with both by default);
// - Info: GTS_PDFXVersion, GTS_PDFXConformance, Trapped /False (the Title and dates toCmyk kept);
// - one GTS_PDFX OutputIntent: a registered characterization by name, or the shop's own profile;
// - no annotation inside the bleed box: the 目录's links and the text's web links go (X-1a allows
//   only printer's marks and trap networks there); the bookmarks stay (an outline is not an
//   annotation, and its items use plain /Dest);
// - no transparency: an inert page group or `/ca 1 /BM /Normal` is removed, and real transparency
//   stops the build instead of being flattened into an image.
import { loadPdf } from './pdf-io.ts';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { saveWithContentId } from './document-id.ts';
import { dropPdfA, setOutputIntent } from './pdfa.ts';

export { PDFX, ICC_REGISTRY, REGISTERED_CONDITIONS, DEFAULT_CONDITION, PdfxError, resolveOutputIntent, type OutputIntent } from './output-intent.ts';
import { PDFX, PdfxError, resolveOutputIntent, type OutputIntent } from './output-intent.ts';

const lookup = (doc: PDFDocument, o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
const numbers = (doc: PDFDocument, o: PDFObject | undefined): number[] | undefined => {
  const a = lookup(doc, o);
  return a instanceof PDFArray ? a.asArray().map((x) => Number((lookup(doc, x) as PDFNumber | undefined)?.asNumber?.() ?? NaN)) : undefined;
};
const overlaps = (a: number[], b: number[]) => Math.min(a[0]!, a[2]!) < Math.max(b[0]!, b[2]!) && Math.max(a[0]!, a[2]!) > Math.min(b[0]!, b[2]!) && Math.min(a[1]!, a[3]!) < Math.max(b[1]!, b[3]!) && Math.max(a[1]!, a[3]!) > Math.min(b[1]!, b[3]!);

/** Removes annotations (other than printer's marks and trap networks) that reach into the bleed box; returns how many. */
export function removeAnnotationsInBleed(doc: PDFDocument): number {
  let removed = 0;
  for (const page of doc.getPages()) {
    const annots = lookup(doc, page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    const b = page.getBleedBox();
    const bleed = [b.x, b.y, b.x + b.width, b.y + b.height];
    const kept = annots.asArray().filter((ref) => {
      const annot = lookup(doc, ref);
      if (!(annot instanceof PDFDict)) return true;
      const subtype = annot.get(PDFName.of('Subtype'));
      if (subtype === PDFName.of('PrinterMark') || subtype === PDFName.of('TrapNet')) return true;
      const rect = numbers(doc, annot.get(PDFName.of('Rect')));
      if (rect && rect.length === 4 && rect.every(Number.isFinite) && !overlaps(rect, bleed)) return true;
      if (ref instanceof PDFRef) doc.context.delete(ref);
      removed++;
      return false;
    });
    if (kept.length) page.node.set(PDFName.of('Annots'), doc.context.obj(kept));
    else page.node.delete(PDFName.of('Annots'));
  }
  return removed;
}

/**
 * Removes what declares transparency without using it (a page or form /Group, `/CA 1`, `/ca 1`,
 * `/BM /Normal`, `/SMask /None`); throws on real transparency, which X-1a forbids.
 */
export function removeInertTransparency(doc: PDFDocument): void {
  const found: string[] = [];
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (!dict) continue;
    const group = lookup(doc, dict.get(PDFName.of('Group')));
    if (group instanceof PDFDict && group.get(PDFName.of('S')) === PDFName.of('Transparency')) dict.delete(PDFName.of('Group'));
    const type = dict.get(PDFName.of('Type'));
    const subtype = dict.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('Image') && (dict.has(PDFName.of('SMask')) || Number((dict.get(PDFName.of('SMaskInData')) as PDFNumber | undefined)?.asNumber?.() ?? 0))) {
      found.push(`image ${ref.toString()} has a soft mask`);
    }
    if (type === PDFName.of('ExtGState') || dict.has(PDFName.of('ca')) || dict.has(PDFName.of('BM'))) {
      for (const key of ['CA', 'ca']) {
        const v = lookup(doc, dict.get(PDFName.of(key)));
        if (v === undefined) continue;
        if (v instanceof PDFNumber && v.asNumber() === 1) dict.delete(PDFName.of(key));
        else found.push(`graphics state ${ref.toString()} sets /${key} ${v.toString()}`);
      }
      const bm = lookup(doc, dict.get(PDFName.of('BM')));
      if (bm !== undefined) {
        const modes = bm instanceof PDFArray ? bm.asArray() : [bm];
        if (modes.every((m) => m === PDFName.of('Normal') || m === PDFName.of('Compatible'))) dict.delete(PDFName.of('BM'));
        else found.push(`graphics state ${ref.toString()} sets blend mode ${bm.toString()}`);
      }
      const smask = lookup(doc, dict.get(PDFName.of('SMask')));
      if (smask === PDFName.of('None')) dict.delete(PDFName.of('SMask'));
      else if (smask !== undefined) found.push(`graphics state ${ref.toString()} sets a soft mask`);
    }
  }
  if (found.length) {
    throw new PdfxError(`PDF/X-1a forbids transparency, and Ghostscript would flatten it into an image: ${found.slice(0, 5).join('; ')}${found.length > 5 ? ` (and ${found.length - 5} more)` : ''}`);
  }
}

/**
 * Images with an alpha channel (a PNG logo with a transparent background) carry a soft mask,
 * which PDF/X-1a forbids. Before the CMYK conversion, each such image whose samples can be read
 * (8 bits, RGB or gray — device or ICC-based —, Flate or unfiltered, as Chromium writes them) is composited
 * onto white — the paper it sits on in a bulletin's text flow — and loses its mask. Others are
 * left for removeInertTransparency to refuse. Returns the input when nothing changed.
 */
export async function flattenImageAlpha(bytes: Uint8Array): Promise<Uint8Array> {
  const doc = await loadPdf(bytes);
  const masks = new Set<string>();
  let changed = 0;
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || obj.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const maskRef = obj.dict.get(PDFName.of('SMask'));
    const mask = lookup(doc, maskRef);
    if (!(mask instanceof PDFRawStream)) continue;
    const space = lookup(doc, obj.dict.get(PDFName.of('ColorSpace')));
    const icc = space instanceof PDFArray && space.get(0) === PDFName.of('ICCBased') ? lookup(doc, space.get(1)) : undefined;
    const n = icc instanceof PDFRawStream ? Number((lookup(doc, icc.dict.get(PDFName.of('N'))) as PDFNumber | undefined)?.asNumber?.()) : 0;
    const channels = space === PDFName.of('DeviceRGB') || n === 3 ? 3 : space === PDFName.of('DeviceGray') || n === 1 ? 1 : 0;
    const simple = (s: PDFRawStream) => {
      const filter = s.dict.get(PDFName.of('Filter'));
      return (filter === undefined || filter === PDFName.of('FlateDecode')) && !s.dict.has(PDFName.of('DecodeParms')) && !s.dict.has(PDFName.of('Decode')) && Number((lookup(doc, s.dict.get(PDFName.of('BitsPerComponent'))) as PDFNumber | undefined)?.asNumber?.()) === 8;
    };
    const size = (s: PDFRawStream) => ['Width', 'Height'].map((k) => Number((lookup(doc, s.dict.get(PDFName.of(k))) as PDFNumber | undefined)?.asNumber?.()));
    const [w, h] = size(obj);
    const [mw, mh] = size(mask);
    if (!channels || !simple(obj) || !simple(mask) || w !== mw || h !== mh) continue;
    const samples = decodePDFRawStream(obj).decode();
    const alpha = decodePDFRawStream(mask).decode();
    if (samples.length < w! * h! * channels || alpha.length < w! * h!) continue;
    const out = new Uint8Array(w! * h! * channels);
    for (let i = 0; i < w! * h!; i++) {
      const a = alpha[i]! / 255;
      for (let c = 0; c < channels; c++) out[i * channels + c] = Math.round(samples[i * channels + c]! * a + 255 * (1 - a));
    }
    const flat = doc.context.flateStream(out);
    for (const [key, value] of obj.dict.entries()) if (!['Length', 'Filter', 'DecodeParms', 'SMask'].includes(key.decodeText())) flat.dict.set(key, value);
    doc.context.assign(ref, flat);
    if (maskRef instanceof PDFRef) masks.add(maskRef.toString());
    changed++;
  }
  if (!changed) return bytes;
  for (const [ref] of doc.context.enumerateIndirectObjects()) if (masks.has(ref.toString())) doc.context.delete(ref);
  return saveWithContentId(doc);
}

/** The CMYK PDF (toCmyk's output, after bleed and marks) → PDF/X-1a:2001. Same input, same bytes. */
export async function toPdfX(bytes: Uint8Array, intent: OutputIntent = resolveOutputIntent()): Promise<Uint8Array> {
  const doc = await loadPdf(bytes);
  dropPdfA(doc);
  const info = lookup(doc, doc.context.trailerInfo.Info);
  if (!(info instanceof PDFDict)) throw new PdfxError('the PDF has no Info dictionary to carry the PDF/X keys');
  const title = info.get(PDFName.of('Title'));
  if (!title || !doc.getTitle()) throw new PdfxError('PDF/X needs a document title (Info /Title)');
  info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(PDFX.version));
  info.set(PDFName.of('GTS_PDFXConformance'), PDFString.of(PDFX.conformance));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  setOutputIntent(doc, { s: 'GTS_PDFX', identifier: intent.identifier, info: intent.info, registry: intent.registry, profile: intent.profile, channels: 4 });
  removeAnnotationsInBleed(doc);
  removeInertTransparency(doc);
  return withHeader(await saveWithContentId(doc, { useObjectStreams: false }), '1.3');
}

/** pdf-lib writes `%PDF-1.7` whatever the document's version: the header is rewritten in place (same length, no offset moves). */
export function withHeader(bytes: Uint8Array, version: '1.3' | '1.4'): Uint8Array {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (!/^%PDF-1\.\d$/.test(head)) throw new PdfxError(`unexpected PDF header "${head}"`);
  const out = new Uint8Array(bytes);
  out.set(Buffer.from(`%PDF-${version}`, 'latin1'), 0);
  return out;
}
