// PDF/A-2b for the records (档案): what Chromium's PDF lacks is only document-level — XMP metadata
// that agrees with the Info dictionary and claims part 2 level B, and an sRGB OutputIntent for the
// DeviceRGB colours. Its fonts are embedded subsets, its links printable, it has no JavaScript,
// encryption or transparency groups (measured; the preflight checks each of these on every build).
// Done inside finalizePdf's one save, so the default PDF is PDF/A-2b at no measurable cost.
import { PDFArray, PDFDict, PDFName, PDFString, PDFRef, type PDFDocument } from 'pdf-lib';
import { SRGB_DESCRIPTION, srgbProfile } from './icc.ts';
import { xmpPacket, type XmpFields } from './xmp.ts';

export const PDFA = { part: 2, conformance: 'B' } as const;

/** Replaces the catalog's /Metadata with an uncompressed XMP packet of `fields`. */
export function setXmpMetadata(doc: PDFDocument, fields: XmpFields): void {
  const old = doc.catalog.get(PDFName.of('Metadata'));
  if (old instanceof PDFRef) doc.context.delete(old);
  const xml = Buffer.from(xmpPacket(fields), 'utf8');
  const stream = doc.context.stream(new Uint8Array(xml), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/** Replaces the catalog's /OutputIntents with one intent of subtype `s` (GTS_PDFA1, GTS_PDFX). */
export function setOutputIntent(
  doc: PDFDocument,
  intent: { s: 'GTS_PDFA1' | 'GTS_PDFX'; identifier: string; info: string; registry?: string; profile?: Uint8Array; channels?: number },
): void {
  const { context } = doc;
  removeOutputIntents(doc);
  const dict = context.obj({
    Type: 'OutputIntent',
    S: intent.s,
    OutputConditionIdentifier: PDFString.of(intent.identifier),
    Info: PDFString.of(intent.info),
  }) as PDFDict;
  if (intent.registry) dict.set(PDFName.of('RegistryName'), PDFString.of(intent.registry));
  if (intent.profile) dict.set(PDFName.of('DestOutputProfile'), context.register(context.flateStream(intent.profile, { N: intent.channels ?? 3 })));
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(dict)]));
}

/** Makes `doc` claim PDF/A-2b: XMP from `fields` and the sRGB OutputIntent. */
export function applyPdfA(doc: PDFDocument, fields: Omit<XmpFields, 'pdfa'>): void {
  setXmpMetadata(doc, { ...fields, pdfa: PDFA });
  setOutputIntent(doc, { s: 'GTS_PDFA1', identifier: SRGB_DESCRIPTION, info: SRGB_DESCRIPTION, registry: 'http://www.color.org', profile: srgbProfile(), channels: 3 });
}

/** Removes the OutputIntents with their profiles (pdf-lib writes every object it holds, used or not). */
function removeOutputIntents(doc: PDFDocument): void {
  const { context } = doc;
  const intents = doc.catalog.get(PDFName.of('OutputIntents'));
  const list = intents instanceof PDFRef ? context.lookup(intents) : intents;
  if (list instanceof PDFArray) {
    for (const item of list.asArray()) {
      const dict = item instanceof PDFRef ? context.lookup(item) : item;
      const profile = dict instanceof PDFDict ? dict.get(PDFName.of('DestOutputProfile')) : undefined;
      if (profile instanceof PDFRef) context.delete(profile);
      if (item instanceof PDFRef) context.delete(item);
    }
  }
  if (intents instanceof PDFRef) context.delete(intents);
  doc.catalog.delete(PDFName.of('OutputIntents'));
}

/** Drops the XMP and the output intents: for a file whose colours no longer fit its PDF/A claim. */
export function dropPdfA(doc: PDFDocument): void {
  removeOutputIntents(doc);
  const metadata = doc.catalog.get(PDFName.of('Metadata'));
  if (metadata instanceof PDFRef) doc.context.delete(metadata);
  doc.catalog.delete(PDFName.of('Metadata'));
}
