// What each page draws, as a fingerprint: the bytes of its content streams and, by value, all that
// its resources reach (fonts with their programs, widths and ToUnicode maps, images, forms). Two
// pages with the same fingerprint give a reader the same text and the same marks. The build reads
// the text of Chromium's PDF while pdf-lib post-processes it; the preflight then holds the file
// that is written to those pages by their fingerprints (post-processing changes boxes, metadata
// and bookmarks, never what a page draws).
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

export function pageFingerprints(doc: PDFDocument): string[] {
  const done = new Map<PDFRef, string>();
  const open = new Set<PDFRef>();
  const value = (obj: PDFObject | undefined): string => {
    if (obj === undefined) return 'none';
    if (obj instanceof PDFRef) {
      const known = done.get(obj);
      if (known !== undefined) return known;
      // A cycle (nothing a page's resources should hold): named by its place, not followed.
      if (open.has(obj)) return `cycle ${obj.toString()}`;
      open.add(obj);
      const digest = createHash('sha256').update(value(doc.context.lookup(obj))).digest('hex');
      open.delete(obj);
      done.set(obj, digest);
      return digest;
    }
    if (obj instanceof PDFRawStream) return `stream ${value(obj.dict)} ${createHash('sha256').update(obj.contents).digest('hex')}`;
    if (obj instanceof PDFDict) {
      const entries = [...obj.entries()].map(([key, v]) => `${key.toString()} ${value(v)}`).sort();
      return `<<${entries.join(' ')}>>`;
    }
    if (obj instanceof PDFArray) return `[${obj.asArray().map(value).join(' ')}]`;
    return obj.toString();
  };
  return doc.getPages().map((page) => {
    const node = page.node;
    const contents = value(node.get(PDFName.of('Contents')));
    // Resources may be inherited from the page tree.
    const resources = value(node.Resources());
    return createHash('sha256').update(`${contents}\n${resources}`).digest('hex');
  });
}
