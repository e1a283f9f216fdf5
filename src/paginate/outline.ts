// Chromium's document outline lists every heading of the tagged structure, nested by level: the
// bulletin's bookmarks are its articles (h1) only, so everything below the top level goes.
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef } from 'pdf-lib';

const FIRST = PDFName.of('First');
const LAST = PDFName.of('Last');
const NEXT = PDFName.of('Next');
const COUNT = PDFName.of('Count');

/** Refs of an outline level, following /First → /Next (guarded against loops). */
function level(doc: PDFDocument, parent: PDFDict): PDFRef[] {
  const refs: PDFRef[] = [];
  const seen = new Set<string>();
  let ref = parent.get(FIRST);
  while (ref instanceof PDFRef && !seen.has(ref.toString())) {
    seen.add(ref.toString());
    refs.push(ref);
    ref = doc.context.lookupMaybe(ref, PDFDict)?.get(NEXT);
  }
  return refs;
}

function dropChildren(doc: PDFDocument, item: PDFDict): void {
  for (const ref of level(doc, item)) {
    const child = doc.context.lookupMaybe(ref, PDFDict);
    if (child) dropChildren(doc, child);
    doc.context.delete(ref);
  }
  item.delete(FIRST);
  item.delete(LAST);
  item.delete(COUNT);
}

/**
 * Keeps only the top level of the PDF's outline, titled `titles` when there is one per item; the
 * PDF unchanged when it has no outline.
 */
export async function topLevelOutline(bytes: Uint8Array, titles: string[] = []): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!root) return bytes;
  const top = level(doc, root);
  top.forEach((ref, i) => {
    const item = doc.context.lookupMaybe(ref, PDFDict);
    if (!item) return;
    dropChildren(doc, item);
    if (titles.length === top.length && titles[i]) item.set(PDFName.of('Title'), PDFHexString.fromText(titles[i]));
  });
  root.set(COUNT, PDFNumber.of(top.length));
  return doc.save();
}
