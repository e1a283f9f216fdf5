// The 目录: read from the front pages (lines ending in a number after a dot leader; a long title
// wraps onto the entry's next line), each entry matched with the article whose title it names, and
// its number compared with the printed number of the page that article starts on. Also the links.
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFDocument } from 'pdf-lib';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Diagnostic } from '../diagnostics.ts';
import { folioLabel, type PageModel } from './pages.ts';
import { destinationPage, MM, squash, type TextItem } from './text.ts';

export interface TocLine {
  /** Baseline from the trim top, left and right edge from the trim left (pt). */
  top: number;
  left: number;
  right: number;
  size: number;
}

export interface TocEntry {
  title: string;
  /** The title with what looked like a leader kept: a headline may itself end in `……`. */
  whole?: string;
  /** The number printed in the 目录. */
  printed: number;
  /** Physical page (1-based) of the entry's last line. */
  page: number;
  lines: Array<TocLine & { page: number }>;
}

export interface Toc {
  /** Physical pages holding the 目录. */
  pages: number[];
  entries: TocEntry[];
}

const LEADER = /[.．·・…‥⋯]+$/;
const HEADING = /^目录$/;

/** A line that ends an entry: digits at its end, reaching the right edge of the text block. */
function entryLine(line: TextItem[], pageWidth: number): { title: string; whole: string; number: number } | undefined {
  const right = Math.max(...line.map((i) => i.x + i.width));
  // The number is right-aligned in the text block: the inner margin is at most 28 mm.
  if (right < pageWidth - 28 * MM - 8) return undefined;
  const last = line.at(-1)!.str.trim();
  const text = squash(line.map((i) => i.str).join(''));
  let title: string;
  let number: string;
  if (/^\d{1,4}$/.test(last) && line.length > 1) {
    // The number is an item of its own: everything before it is title and leader.
    number = last;
    title = squash(line.slice(0, -1).map((i) => i.str).join(''));
  } else {
    const m = /^(.*?)(\d{1,4})$/.exec(text);
    // Without an item of its own, the number must follow a leader.
    if (!m || (!LEADER.test(m[1]!) && m[1] !== '')) return undefined;
    title = m[1]!;
    number = m[2]!;
  }
  return { title: title.replace(LEADER, ''), whole: title, number: Number(number) };
}

const geometry = (line: TextItem[], page: number) => ({
  page,
  top: line[0]!.top,
  left: Math.min(...line.map((i) => i.x)),
  right: Math.max(...line.map((i) => i.x + i.width)),
  size: Math.max(...line.map((i) => i.size)),
});

/**
 * Finds the 目录 on the pages before the first numbered page: the page with the `目　录` heading, and
 * the pages after it that carry no number and end with an entry line (a 目录 that overflows).
 */
export function readToc(models: PageModel[]): Toc | undefined {
  const firstNumbered = models.findIndex((m) => m.folio !== undefined);
  // Before the first numbered page; the first pages when none is numbered or the cover is.
  const limit = firstNumbered <= 0 ? Math.min(models.length, 4) : firstNumbered;
  let start = -1;
  let startLine = 0;
  for (let i = 0; i < limit && start < 0; i++) {
    const at = models[i]!.body.findIndex((line) => HEADING.test(squash(line.map((t) => t.str).join(''))));
    if (at >= 0) {
      start = i;
      startLine = at + 1;
    }
  }
  if (start < 0) return undefined;
  const toc: Toc = { pages: [], entries: [] };
  let pending: TocEntry['lines'] = [];
  let pendingText = '';
  for (let i = start; i < models.length; i++) {
    const page = models[i]!;
    if (i > start) {
      const last = page.body.at(-1);
      if (page.folio !== undefined || page.blank || !last || !entryLine(last, page.text.width)) break;
    }
    toc.pages.push(page.number);
    for (const line of page.body.slice(i === start ? startLine : 0)) {
      const entry = entryLine(line, page.text.width);
      pending.push(geometry(line, page.number));
      if (!entry) {
        pendingText += squash(line.map((t) => t.str).join(''));
        continue;
      }
      toc.entries.push({ title: pendingText + entry.title, whole: pendingText + entry.whole, printed: entry.number, page: page.number, lines: pending });
      pending = [];
      pendingText = '';
    }
  }
  return toc;
}

export interface ArticleLocation {
  title: string;
  /** Physical page (1-based) where its title stands. */
  page?: number;
  folio?: number;
}

/**
 * Where each article starts: the first page from `fromIndex` on (after the previous article's)
 * whose text block begins with the title; failing that, the first whose text block holds it.
 */
export function locateArticles(models: PageModel[], titles: string[], fromIndex: number): ArticleLocation[] {
  let from = fromIndex;
  return titles.map((title) => {
    const key = squash(title);
    let at = models.findIndex((m, i) => i >= from && key !== '' && m.bodyText.startsWith(key));
    if (at < 0) at = models.findIndex((m, i) => i >= from && key !== '' && m.bodyText.includes(key));
    if (at < 0) return { title };
    from = at + 1;
    return { title, page: at + 1, folio: models[at]!.folio };
  });
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

export interface TocFact {
  title: string;
  printed: number;
  /** Physical page where the article starts, and the number printed there. */
  page?: number;
  folio?: number;
  /** Physical page the entry's link points at. */
  link?: number;
}

/**
 * Compares each 目录 entry with the article it names. `articles` are the articles in order (from
 * the source when given, else from the 目录 itself), located in the PDF.
 */
export function checkToc(
  file: string,
  toc: Toc,
  articles: ArticleLocation[],
  fromSource: boolean,
): { facts: TocFact[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const error = (message: string, rule: string) => problems.push({ file, severity: 'error', message, rule });
  if (fromSource && toc.entries.length !== articles.length) {
    error(`the 目录 lists ${toc.entries.length} entries, the source has ${articles.length} articles`, 'toc-entries');
  }
  const used = new Set<number>();
  const facts = toc.entries.map((entry, index): TocFact => {
    const key = squash(entry.title);
    // Our leader is a border, not text: dots the line ends in may be the headline's own `……`.
    const whole = squash(entry.whole ?? entry.title);
    let match = articles.findIndex((a, i) => !used.has(i) && (squash(a.title) === key || squash(a.title) === whole));
    if (match < 0 && fromSource) {
      error(`目录 entry ${index + 1} "${short(entry.title)}" names no article of the source${articles[index] ? ` (article ${index + 1} is "${short(articles[index]!.title)}")` : ''}`, 'toc-entries');
      return { title: entry.title, printed: entry.printed };
    }
    if (match < 0) match = index;
    used.add(match);
    const article = articles[match];
    if (!article || article.page === undefined) {
      error(`目录 entry "${short(entry.title)}": the article's title is found on no body page`, 'toc-target');
      return { title: entry.title, printed: entry.printed };
    }
    if (article.folio === undefined) {
      error(`目录 entry "${short(entry.title)}" says page ${entry.printed}, but the article starts on physical page ${article.page}, which carries no page number`, 'toc-page');
    } else if (article.folio !== entry.printed) {
      error(`目录 entry "${short(entry.title)}" says page ${entry.printed}, but the article starts on page ${article.folio} (${folioLabel(article.folio)}, physical page ${article.page})`, 'toc-page');
    }
    return { title: entry.title, printed: entry.printed, page: article.page, folio: article.folio };
  });
  return { facts, problems };
}

interface LinkAnnotation {
  rect: [number, number, number, number];
  page?: number;
  url?: string;
}

// Annotation flags (PDF 32000-1, 12.5.3).
const INVISIBLE = 0x01;
const HIDDEN = 0x02;
const PRINT = 0x04;
const NOVIEW = 0x20;

/**
 * Whether every link on the page (0-based index) is both shown and printed, by its flags. pdfjs
 * then lists the same links for printing as for the screen, and for the screen it would extract
 * the page's text once more to find the text under each link.
 */
export function linksPrintable(doc: PDFDocument, index: number): boolean {
  const page = doc.getPages()[index];
  if (!page) return false;
  const annots = page.node.lookup(PDFName.of('Annots'));
  if (annots === undefined) return true;
  if (!(annots instanceof PDFArray)) return false;
  for (let i = 0; i < annots.size(); i++) {
    const annot = annots.lookup(i);
    if (!(annot instanceof PDFDict)) return false;
    const subtype = annot.lookup(PDFName.of('Subtype'));
    if (!(subtype instanceof PDFName) || subtype.decodeText() !== 'Link') continue;
    const flags = annot.lookup(PDFName.of('F'));
    const f = flags instanceof PDFNumber ? flags.asNumber() : 0;
    if (!Number.isInteger(f) || !(f & PRINT) || f & (HIDDEN | NOVIEW | INVISIBLE)) return false;
  }
  return true;
}

async function pageLinks(pdf: PDFDocumentProxy, page: number, intent: 'display' | 'print'): Promise<LinkAnnotation[]> {
  const annotations = (await (await pdf.getPage(page)).getAnnotations({ intent })) as Array<{ subtype: string; rect: number[]; dest?: unknown; url?: string }>;
  return Promise.all(
    annotations
      .filter((a) => a.subtype === 'Link')
      .map(async (a): Promise<LinkAnnotation> => {
        const [x1, y1, x2, y2] = a.rect as [number, number, number, number];
        const target = a.dest !== undefined ? await destinationPage(pdf, a.dest) : undefined;
        return { rect: [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)], page: target, url: a.url };
      }),
  );
}

/**
 * Each 目录 entry carries a link (/Dest or GoTo) to the page its article starts on. `printable`
 * (see linksPrintable) lets the links of a page be read without pdfjs reading its text again.
 */
export async function checkTocLinks(
  file: string,
  pdf: PDFDocumentProxy,
  toc: Toc,
  facts: TocFact[],
  trims: Array<[number, number, number, number]>,
  printable: (page: number) => boolean = () => false,
): Promise<Diagnostic[]> {
  const problems: Diagnostic[] = [];
  const linksByPage = new Map<number, LinkAnnotation[]>();
  const links = await Promise.all(toc.pages.map((page) => pageLinks(pdf, page, printable(page) ? 'print' : 'display')));
  toc.pages.forEach((page, i) => linksByPage.set(page, links[i]!));
  toc.entries.forEach((entry, index) => {
    const fact = facts[index]!;
    let link: LinkAnnotation | undefined;
    for (const line of entry.lines) {
      const [tx, ty, , th] = trims[line.page - 1]!;
      // A point inside the line's first character, in user space.
      const x = tx + line.left + line.size / 2;
      const y = ty + th - line.top + line.size * 0.3;
      link = linksByPage.get(line.page)?.find((l) => x >= l.rect[0] && x <= l.rect[2] && y >= l.rect[1] && y <= l.rect[3]);
      if (link) break;
    }
    if (!link || link.page === undefined) {
      problems.push({
        file,
        severity: 'error',
        rule: 'toc-link',
        message: `目录 entry "${short(entry.title)}" (page ${entry.page}) has no link to its article${link?.url ? ` (it links to ${link.url})` : ''}`,
      });
      return;
    }
    fact.link = link.page;
    if (fact.page !== undefined && link.page !== fact.page) {
      problems.push({
        file,
        severity: 'error',
        rule: 'toc-link',
        message: `目录 entry "${short(entry.title)}" links to physical page ${link.page}, but the article starts on physical page ${fact.page}`,
      });
    }
  });
  return problems;
}
