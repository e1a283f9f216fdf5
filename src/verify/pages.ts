// The page structure read back from the text: what each page carries in its running-header band,
// its text block and its footer band (the printed `— N —`), and whether it is blank. Then the page
// numbers: body pages numbered 1..n without a gap, odd numbers on odd (right-hand) physical pages in
// print output, none on the cover, the 目录 or blank pages.
import type { Diagnostic } from '../diagnostics.ts';
import { bodyItems, footerItems, headerItems, lines, squash, type PageText, type TextItem } from './text.ts';

export interface PageModel {
  /** 1-based physical page number. */
  number: number;
  text: PageText;
  /** Lines of the text block, top to bottom. */
  body: TextItem[][];
  /** The text block's text, whitespace removed. */
  bodyText: string;
  header: string;
  footer: string;
  /** The printed page number, when the footer holds one. */
  folio?: number;
  /** No text anywhere on the page. */
  blank: boolean;
}

const FOLIO = /^[—–-]+(\d+)[—–-]+$/;

export function pageModels(pages: PageText[]): PageModel[] {
  return pages.map((page) => {
    const body = lines(bodyItems(page));
    const footer = squash(footerItems(page).map((i) => i.str).join(''));
    const m = FOLIO.exec(footer);
    return {
      number: page.number,
      text: page,
      body,
      bodyText: body.map((line) => line.map((i) => i.str).join('')).join('').replace(/\s+/g, ''),
      header: squash(headerItems(page).map((i) => i.str).join('')),
      footer,
      folio: m ? Number(m[1]) : undefined,
      blank: page.items.length === 0,
    };
  });
}

export const folioLabel = (n: number) => `— ${n} —`;

export interface FolioFacts {
  /** Physical pages before the first article (cover, 目录, blank pages). */
  front: number[];
  blank: number[];
  /** Printed number per physical page (null: none). */
  folios: Array<number | null>;
  /** Physical page of body page 1. */
  firstBody?: number;
}

const MAX_LISTED = 5;

/**
 * `bodyStart`: 0-based index of the first body page (where the first article starts).
 * `parity`: odd numbers on odd physical pages (print, duplex).
 */
export function checkFolios(file: string, models: PageModel[], bodyStart: number, parity: boolean): { facts: FolioFacts; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const sequence: string[] = [];
  const wrongParity: string[] = [];
  const error = (message: string, rule: string) => problems.push({ file, severity: 'error', message, rule });
  const front: number[] = [];
  const blank: number[] = [];
  let expected = 1;
  models.forEach((page, i) => {
    if (page.blank) blank.push(page.number);
    if (i < bodyStart) {
      front.push(page.number);
      if (page.folio !== undefined) error(`page ${page.number} (cover/目录, before the first article) carries the page number ${folioLabel(page.folio)}`, 'folio-front');
      return;
    }
    if (page.blank || (page.folio !== undefined && page.bodyText === '' && page.header === '')) {
      // A page with nothing but a number is a blank page that got numbered.
      if (page.folio !== undefined) error(`page ${page.number} is blank but carries the page number ${folioLabel(page.folio)}`, 'folio-blank');
      return;
    }
    if (page.folio === undefined) {
      sequence.push(`page ${page.number} has no page number${page.footer ? ` (its footer reads "${page.footer}")` : ''}, expected ${folioLabel(expected)}`);
      expected++;
      return;
    }
    if (page.folio !== expected) {
      sequence.push(`page ${page.number} is numbered ${folioLabel(page.folio)}, expected ${folioLabel(expected)}`);
    }
    if (parity && page.folio % 2 !== page.number % 2) {
      wrongParity.push(`${folioLabel(page.folio)} on ${page.number % 2 ? 'right-hand' : 'left-hand'} page ${page.number}`);
    }
    expected = page.folio + 1;
  });
  const folded = (list: string[]) => list.slice(0, MAX_LISTED).join('; ') + (list.length > MAX_LISTED ? `; and ${list.length - MAX_LISTED} more` : '');
  if (sequence.length) error(`body pages are not numbered 1..n without a gap: ${folded(sequence)}`, 'folio-sequence');
  if (wrongParity.length) error(`odd page numbers must fall on odd (right-hand) physical pages in print output: ${folded(wrongParity)}`, 'folio-parity');
  return {
    facts: { front, blank, folios: models.map((m) => m.folio ?? null), firstBody: bodyStart < models.length ? bodyStart + 1 : undefined },
    problems,
  };
}
