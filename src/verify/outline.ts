// Bookmarks: one outline item per article, its title the article's title, pointing at the page the
// article starts on.
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Diagnostic } from '../diagnostics.ts';
import { destinationPage, squash } from './text.ts';
import type { ArticleLocation } from './toc.ts';

export interface OutlineItem {
  title: string;
  /** Physical page (1-based) it points at. */
  page?: number;
  depth: number;
}

interface RawOutline {
  title: string;
  dest: unknown;
  items?: RawOutline[];
}

export async function readOutline(pdf: PDFDocumentProxy): Promise<OutlineItem[]> {
  const raw = ((await pdf.getOutline()) ?? []) as RawOutline[];
  const flat: Array<{ item: RawOutline; depth: number }> = [];
  const walk = (items: RawOutline[], depth: number) => {
    for (const item of items) {
      flat.push({ item, depth });
      if (item.items?.length) walk(item.items, depth + 1);
    }
  };
  walk(raw, 0);
  // The destinations all asked for at once: each is a round trip to pdfjs's worker.
  return Promise.all(
    flat.map(async ({ item, depth }) => ({ title: item.title, page: item.dest != null ? await destinationPage(pdf, item.dest) : undefined, depth })),
  );
}

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

export function checkOutline(file: string, outline: OutlineItem[], articles: ArticleLocation[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const error = (message: string, rule: string) => problems.push({ file, severity: 'error', message, rule });
  if (!outline.length) {
    if (articles.length) error(`the PDF has no bookmarks (document outline); expected one per article (${articles.length})`, 'outline-missing');
    return problems;
  }
  if (outline.length !== articles.length) error(`the PDF has ${outline.length} bookmarks, expected one per article (${articles.length})`, 'outline');
  const count = Math.min(outline.length, articles.length);
  for (let i = 0; i < count; i++) {
    const item = outline[i]!;
    const article = articles[i]!;
    if (squash(item.title) !== squash(article.title)) {
      error(`bookmark ${i + 1} reads "${short(item.title)}", the article title is "${short(article.title)}"`, 'outline');
    }
    if (item.page === undefined) error(`bookmark ${i + 1} "${short(item.title)}" points at no page`, 'outline-target');
    else if (article.page !== undefined && item.page !== article.page) {
      error(`bookmark ${i + 1} "${short(item.title)}" points at physical page ${item.page}, but the article starts on physical page ${article.page}`, 'outline-target');
    }
  }
  return problems;
}
