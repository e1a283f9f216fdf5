// A PDF's text, read with pdfjs (the preflight's loader, src/verify/pdfjs.ts) and laid out as a
// copy out of a PDF viewer would give it: one printed line per line, indented where the line
// starts right of the text's left edge, a form feed between pages. Lines set clearly larger than
// the body are offered as titles. From there it is plain PDF text (text.ts).
import { openPdf } from '../verify/pdfjs.ts';
import { ImportError } from './article.ts';

interface Line {
  x: number;
  y: number;
  size: number;
  text: string;
}

interface Item {
  str: string;
  transform: number[];
  width: number;
}

/** Items into lines, top to bottom: items on one baseline (within half a character) form a line. */
function linesOf(items: Item[]): Line[] {
  const sorted = items
    // Spaces come back from the gaps between items (below), not from pdfjs's own space items.
    .filter((it) => it.str.trim().length)
    .map((it) => ({ x: it.transform[4]!, y: it.transform[5]!, size: Math.hypot(it.transform[2]!, it.transform[3]!) || 10, width: it.width, str: it.str }))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<{ y: number; size: number; items: typeof sorted }> = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l.y - it.y) < Math.min(l.size, it.size) * 0.5);
    if (line) {
      line.items.push(it);
      line.size = Math.max(line.size, it.size);
    } else lines.push({ y: it.y, size: it.size, items: [it] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => {
      const items = l.items.sort((a, b) => a.x - b.x);
      let text = '';
      let end = items[0]!.x;
      for (const it of items) {
        // A gap of more than 0.7 character parts columns (a 目录's title and its page number,
        // whose leader is drawn, not text): a tab, as a copy from a viewer gives it. A gap wider
        // than a third of a character was a space on the page.
        if (text && it.x - end > it.size * 0.7 && !/\s$/.test(text)) text += '\t';
        else if (text && it.x - end > it.size * 0.3 && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
        text += it.str;
        end = it.x + it.width;
      }
      return { x: items[0]!.x, y: l.y, size: l.size, text: text.replace(/\s+$/, '') };
    })
    .filter((l) => l.text.trim());
}

/** Text of the PDF and the lines set large (titles), for importText(). */
export async function pdfText(file: string, bytes: Uint8Array): Promise<{ text: string; titles: string[]; bookmarks: string[] }> {
  let opened;
  try {
    opened = await openPdf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new ImportError(file, `cannot be read as a PDF: ${(error as Error).message}`);
  }
  try {
    const { pdf } = opened;
    const pages: Line[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(linesOf(content.items.filter((it) => 'str' in it) as Item[]));
    }
    const all = pages.flat();
    if (!all.length) throw new ImportError(file, 'has no text layer (a scan?): nothing to import without OCR');
    // The body: the size most lines are set in; its left edge: where most body lines start.
    const mode = (values: number[]) => {
      const counts = new Map<number, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    };
    const body = mode(all.map((l) => Math.round(l.size)));
    const left = mode(all.filter((l) => Math.round(l.size) === body).map((l) => Math.round(l.x)));
    const titles: string[] = [];
    const text = pages
      .map((lines) => {
        let big: string[] = [];
        const out = lines.map((l) => {
          if (l.size >= body * 1.25) big.push(l.text.trim());
          else if (big.length) {
            titles.push(big.join(''));
            big = [];
          }
          return `${l.x > left + body * 0.8 ? '  ' : ''}${l.text.trim()}`;
        });
        if (big.length) titles.push(big.join(''));
        return out.join('\n');
      })
      .join('\n\f');
    // Bookmarks name the articles exactly: a title's spaces are lost where its lines break on the
    // page and in the 目录, not there.
    const outline = (await pdf.getOutline()) ?? [];
    const bookmarks = outline.map((item) => item.title.replace(/\s+/g, ' ').trim()).filter(Boolean);
    return { text, titles, bookmarks };
  } finally {
    await opened.close();
  }
}
