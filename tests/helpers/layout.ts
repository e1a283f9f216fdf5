// The page structure of a built bulletin, read back from its PDF text: which pages are front
// matter, which carry a printed number, the lines of the text block. Shared by the layout tests.
import { BUILT } from './build.ts';
import { MM, bodyItems, footerItems, headerItems, lineText, lines, readPdfText, squash, type PageText, type TextItem } from './pdf.ts';
import { sourceBlocks } from './source.ts';

export const PAGE = { width: 595.28, height: 841.89 };
/** Text block: 156 × 225 mm, 37 mm from the top; binding 28 mm, fore-edge 26 mm. */
export const BLOCK = { top: 37 * MM, bottom: PAGE.height - 35 * MM, width: 156 * MM, height: 225 * MM };
export const PITCH = BLOCK.height / 22;

export interface BulletinPage {
  /** 1-based physical page number. */
  physical: number;
  page: PageText;
  /** The printed `— N —` number, if any. */
  folio?: number;
  folioItem?: TextItem;
  header: string;
  body: TextItem[][];
}

export interface BulletinLayout {
  pages: BulletinPage[];
  titles: string[];
  /** Physical page of each article's title, in source order. */
  titlePages: number[];
  /** The numbers printed in the 目录, in order. */
  tocNumbers: number[];
}

const FOLIO = /^—\s*(\d+)\s*—$/;

/** Left edge of the text block: binding on the left of odd (right-hand) pages. */
export function blockLeft(physical: number): number {
  return physical % 2 === 1 ? 28 * MM : 26 * MM;
}

export async function readLayout(pdf: string, source: string): Promise<BulletinLayout> {
  const texts = await readPdfText(pdf);
  const pages = texts.map((page, i): BulletinPage => {
    const foot = footerItems(page);
    const joined = squash(foot.map((item) => item.str).join(''));
    const m = FOLIO.exec(joined);
    return {
      physical: i + 1,
      page,
      folio: m ? Number(m[1]) : undefined,
      folioItem: m ? foot.reduce((a, b) => (a.x < b.x ? a : b)) : undefined,
      header: squash(headerItems(page).map((item) => item.str).join('')),
      body: lines(bodyItems(page)),
    };
  });
  const titles = sourceBlocks(source)
    .filter((b) => b.kind === 'heading' && b.depth === 1)
    .map((b) => b.text.replace(/\s+/g, ' ').trim());
  const firstBody = pages.findIndex((p) => p.folio !== undefined);
  const titlePages: number[] = [];
  let from = firstBody;
  for (const title of titles) {
    const first = squash(title.split(' ')[0]!);
    // The title's lines are chosen at phrase boundaries: its start may run over the first two.
    const at = pages.findIndex((p, i) => i >= from && p.body.slice(0, 4).map(lineText).join('').startsWith(first.slice(0, 12)));
    titlePages.push(at + 1);
    if (at >= 0) from = at + 1;
  }
  // 目录 numbers: the digit runs at the right end of the 目录 lines, on the front pages.
  const tocNumbers: number[] = [];
  for (const p of pages.slice(0, firstBody)) {
    for (const line of lines(p.page.items)) {
      const last = line.at(-1)!;
      const m = /(\d+)$/.exec(last.str.trim());
      if (m && last.x + last.width > PAGE.width - 40 * MM) tocNumbers.push(Number(m[1]));
    }
  }
  return { pages, titles, titlePages, tocNumbers };
}

export const layouts = {
  seed: () => readLayout(BUILT.seed.pdf, BUILT.seed.source),
  long: () => readLayout(BUILT.long.pdf, BUILT.long.source),
};
