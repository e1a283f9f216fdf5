// Bookmarks: one outline item per article, pointing at the top of its title. Written here rather
// than by Chromium, whose outline needs a tagged PDF (twice the print time for a long issue) and
// lists every heading level.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 0-based page index. */
  pageIndex: number;
  /** Distance from the top edge of the page (pt). */
  top: number;
}

/** Replaces the document's outline with `entries` (one level) and opens it with the bookmarks shown. */
export function writeOutline(doc: PDFDocument, entries: OutlineEntry[]): void {
  const { context, catalog } = doc;
  catalog.delete(PDFName.of('Outlines'));
  const pages = doc.getPages();
  const usable = entries.filter((e) => pages[e.pageIndex]);
  if (!usable.length) return;
  const rootRef = context.nextRef();
  const refs: PDFRef[] = usable.map(() => context.nextRef());
  usable.forEach((entry, i) => {
    const page = pages[entry.pageIndex]!;
    const { y, height } = page.getMediaBox();
    const dest = PDFArray.withContext(context);
    dest.push(page.ref);
    dest.push(PDFName.of('XYZ'));
    dest.push(PDFNumber.of(0));
    dest.push(PDFNumber.of(Math.round((y + height - entry.top) * 100) / 100));
    dest.push(PDFNull);
    const item = context.obj({}) as PDFDict;
    item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
    item.set(PDFName.of('Parent'), rootRef);
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    item.set(PDFName.of('Dest'), dest);
    context.assign(refs[i]!, item);
  });
  const root = context.obj({}) as PDFDict;
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), refs[0]!);
  root.set(PDFName.of('Last'), refs.at(-1)!);
  root.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  context.assign(rootRef, root);
  catalog.set(PDFName.of('Outlines'), rootRef);
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
