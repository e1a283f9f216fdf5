// Issue 3: the official layout, measured on the built PDFs the way a print shop holds a ruler
// against them: 目录 numbers against the printed page numbers, page-number placement by parity,
// running headers, margins, and the 22 × 28 grid.
import { describe, expect, it } from 'vitest';
import { BUILT, VARIANTS } from '../helpers/build.ts';
import { renderPage } from '../helpers/image.ts';
import { BLOCK, PAGE, PITCH, blockLeft, readLayout, type BulletinLayout, type BulletinPage } from '../helpers/layout.ts';
import { MM, lineText, squash, type TextItem } from '../helpers/pdf.ts';

const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;
const CHAR = 16 - 0.207; // one body character with the grid's tracking, pt
const RUNNING = { seed: '广州市社会组织党组织学习资料·2025年第12期', long: '广州市社会组织党组织学习资料·2026年第1期' };

const cache = new Map<string, Promise<BulletinLayout>>();
const layoutOf = (name: keyof typeof BUILT) => {
  if (!cache.has(name)) cache.set(name, readLayout(BUILT[name].pdf, BUILT[name].source));
  return cache.get(name)!;
};

/** The article a body page belongs to: the last title page at or before it. */
function articleOf(layout: BulletinLayout, physical: number): number {
  let index = -1;
  layout.titlePages.forEach((p, i) => {
    if (p <= physical) index = i;
  });
  return index;
}

// A closing mark at a line's end is set in half its width (text-spacing-trim): its ink stays in the
// block, but its glyph's full advance is what the text item measures.
const right = (item: TextItem) => item.x + item.width - (/[，。、；：？！”’）》]$/u.test(item.str) ? item.size / 2 : 0);

describe.each(['seed', 'long'] as const)('%s bulletin layout', (name) => {
  it('starts every article on a new page, the first on a right-hand page numbered 1', async () => {
    const layout = await layoutOf(name);
    expect(layout.titlePages.every((p) => p > 0)).toBe(true);
    expect(new Set(layout.titlePages).size).toBe(layout.titles.length);
    const first = layout.pages[layout.titlePages[0]! - 1]!;
    expect(first.folio).toBe(1);
    expect(first.physical % 2).toBe(1);
  });

  it('prints in the 目录 the number printed at the foot of each title page', async () => {
    const layout = await layoutOf(name);
    const footers = layout.titlePages.map((p) => layout.pages[p - 1]!.folio);
    expect(layout.tocNumbers).toEqual(footers);
  });

  it('numbers body pages 1… without a gap, and no front-matter or blank page', async () => {
    const layout = await layoutOf(name);
    const firstBody = layout.titlePages[0]! - 1;
    for (const page of layout.pages.slice(0, firstBody)) expect(page.folio, `page ${page.physical}`).toBeUndefined();
    const body = layout.pages.slice(firstBody);
    expect(body.map((p) => p.folio)).toEqual(body.map((_, i) => i + 1));
    // Odd numbers on right-hand (odd physical) pages: duplex parity.
    for (const page of body) expect(page.folio! % 2, `page ${page.physical}`).toBe(page.physical % 2);
  });

  it('sets `— N —` one character in from the fore-edge, 7 mm under the text block', async () => {
    const layout = await layoutOf(name);
    for (const page of layout.pages.filter((p) => p.folio !== undefined)) {
      const items = page.page.items.filter((i) => i.top > BLOCK.bottom + 2);
      const left = Math.min(...items.map((i) => i.x));
      const rightEdge = Math.max(...items.map(right));
      if (page.physical % 2 === 1) expect(near(rightEdge, PAGE.width - 26 * MM - 16, 1.5), `page ${page.physical} right ${rightEdge}`).toBe(true);
      else expect(near(left, 26 * MM + 16, 1.5), `page ${page.physical} left ${left}`).toBe(true);
      // The top of the digits (0.738 em above the baseline in Noto Serif SC) 7 mm below the block.
      const baseline = items[0]!.top;
      expect(items[0]!.size).toBeCloseTo(14, 0);
      expect(near(baseline - 0.738 * 14, BLOCK.bottom + 7 * MM, 1), `page ${page.physical}: digits' top ${(baseline - 0.738 * 14 - BLOCK.bottom) / MM} mm under the block`).toBe(true);
    }
  });

  it('runs the publication and issue on left-hand pages and the article title on right-hand ones', async () => {
    const layout = await layoutOf(name);
    const firstBody = layout.titlePages[0]! - 1;
    for (const page of layout.pages) {
      if (page.physical <= firstBody || page.folio === undefined) {
        expect(page.header, `page ${page.physical}`).toBe('');
        continue;
      }
      const expected = page.physical % 2 === 0 ? RUNNING[name] : squash(layout.titles[articleOf(layout, page.physical)]!);
      // A title longer than the header's line (42 characters of 5号 in the block) is cut short with
      // an ellipsis: the header shows its start.
      if (page.physical % 2 === 1 && [...expected].length > 40) {
        expect(page.header.endsWith('…'), `page ${page.physical}: ${page.header}`).toBe(true);
        expect(expected.startsWith(page.header.slice(0, -1)), `page ${page.physical}`).toBe(true);
        expect([...page.header].length).toBeGreaterThan(30);
      } else expect(page.header, `page ${page.physical}`).toBe(expected);
    }
  });

  it('keeps the text inside mirrored margins: 28 mm binding, 26 mm fore-edge, 37/35 mm', async () => {
    const layout = await layoutOf(name);
    for (const page of layout.pages.filter((p) => p.folio !== undefined)) {
      const items = page.body.flat();
      const left = Math.min(...items.map((i) => i.x));
      const rightEdge = Math.max(...items.map(right));
      const blockLeftX = blockLeft(page.physical);
      expect(near(left, blockLeftX, 1), `page ${page.physical}: left edge ${left} vs ${blockLeftX}`).toBe(true);
      expect(rightEdge, `page ${page.physical}`).toBeLessThanOrEqual(blockLeftX + BLOCK.width + 1);
      const top = Math.min(...items.map((i) => i.top - i.size));
      expect(top, `page ${page.physical}`).toBeGreaterThanOrEqual(BLOCK.top - 1);
    }
  });

  it('sets body lines on the grid: 28.98 pt pitch, 28 characters on a full line', async () => {
    const layout = await layoutOf(name);
    let fullLines = 0;
    for (const page of layout.pages.filter((p) => p.folio !== undefined)) {
      const baselines = page.body.map((line) => line[0]!.top);
      for (let i = 1; i < baselines.length; i++) {
        const step = baselines[i]! - baselines[i - 1]!;
        // Titles sit on the grid as a whole, not line by line; other lines step by whole pitches.
        // Faces place their baselines a little differently inside the same grid cell (仿宋 vs 黑体),
        // hence 4 pt of slack: a slip of half a line is 14 pt.
        if (page.body[i]![0]!.size < 17 && page.body[i - 1]![0]!.size < 17) {
          expect(near(step, Math.round(step / PITCH) * PITCH, 4), `page ${page.physical} line ${i}: step ${step}`).toBe(true);
        }
      }
      page.body.forEach((line, i) => {
        const text = lineText(line);
        // A full line of hanzi and single full-width marks (no digits, Latin or paired marks, which
        // are narrower or squeezed) must hold exactly 28 characters and reach both block edges…
        if (line[0]!.size > 16.5 || /[\x21-\x7e]|[，。、；：？！“”《》（）][，。、；：？！“”《》（）]/.test(text)) return;
        const l = Math.min(...line.map((item) => item.x));
        const r = Math.max(...line.map(right));
        if (!near(l, blockLeft(page.physical), 0.5) || !near(r, blockLeft(page.physical) + BLOCK.width, 1)) return;
        fullLines++;
        // …or 27 when the 28th was pushed to the next line with a mark that may not start a line
        // (line-break: strict; Chromium pushes out rather than squeezing in).
        const following = [...page.body.slice(i + 1), ...(layout.pages[page.physical]?.body ?? [])].slice(0, 3);
        const pushedOut = /^.[、，。；：？！）”》…]/u.test(following[0] ? lineText(following[0]) : '');
        // Or when text-wrap: pretty evened out a paragraph's last lines (Chromium looks at the last
        // four) so that the last line is not one character and a mark.
        const prettied = following.some((next) => Math.max(...next.map(right)) < blockLeft(page.physical) + BLOCK.width - CHAR);
        // Or when the next line begins with digits or Latin, which with their 1/8 em of autospace
        // take more than the one character's room left.
        const latinNext = /^[0-9A-Za-z]/.test(following[0] ? lineText(following[0]) : '');
        // Or when a page was filled (bulletin-pages.js): a paragraph ending within the next eight
        // lines was set a hair looser to push a line (27, or 26 where its last line was to keep two
        // characters; the spacing stays under 1.15×, which composition.test.ts holds), or gained
        // one with lone marks set at half width, two of them making room for one more (29), and
        // tightened by at most 0.28 pt a character (half an em over a line).
        const soon = [...page.body.slice(i + 1), ...(layout.pages[page.physical]?.body ?? [])].slice(0, 8);
        const pushed = soon.some((next) => Math.max(...next.map(right)) < blockLeft(page.physical) + BLOCK.width - CHAR);
        const halfMarks = [...text].filter((c) => '，、；：“”‘’（）《》'.includes(c)).length;
        const count = [...text].length;
        expect(count === 28 || (count === 27 && (pushedOut || prettied || latinNext)) || (count >= 26 && count <= 27 && pushed) || (count > 28 && count - 28 <= halfMarks / 2 + 0.5), `page ${page.physical}: ${count} characters: ${text}`).toBe(true);
      });
    }
    expect(fullLines).toBeGreaterThan(50);
  });

  // composition.test.ts holds pages to the stricter rule of issue 22 (a widow or orphan moving a
  // line does not excuse a short page, which the page fills then make up). Here: what the layout
  // rules alone explain, but for one page in ten (a page the fills could not make up, or the page
  // before it filled across two pages).
  it('fills all 22 lines of a page whose text runs on, unless a widow, orphan or heading rule moved lines, but for 1 in 10 pages', async () => {
    const layout = await layoutOf(name);
    const headings = new Set(layout.titles.map(squash));
    const isIndented = (page: BulletinPage, line: TextItem[]) => line[0]!.x > blockLeft(page.physical) + CHAR;
    let full = 0;
    let checked = 0;
    const unexplained: string[] = [];
    for (const page of layout.pages.filter((p) => p.folio !== undefined)) {
      const next = layout.pages[page.physical];
      if (!next || next.folio === undefined || layout.titlePages.includes(next.physical)) continue;
      checked++;
      // Lines used, counted on the grid from the block's first line to the last baseline.
      const first = BLOCK.top + PITCH;
      const used = Math.round((page.body.at(-1)![0]!.top - first) / PITCH) + 1;
      const short = 22 - used;
      if (short === 0) {
        full++;
        continue;
      }
      const nextFirst = next.body[0]!;
      const opensBlock = isIndented(next, nextFirst);
      // One line short: the next page opens a new block (orphans: 2), or carries the paragraph's
      // last two lines (widows: 2). More: a heading was kept with its first lines.
      // Up to three: a source note （…讲话） went on with the last two lines of its excerpt.
      const noteKept = short <= 3 && next.body.slice(1, 4).some((line) => isIndented(next, line) && /^（/.test(lineText(line)));
      const explained =
        noteKept ||
        (short === 1 && (opensBlock || (next.body[2] ? isIndented(next, next.body[2]) : true))) ||
        (short <= 3 && opensBlock && !headings.has(lineText(nextFirst)) && /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．]|（\d+）|[一二三四五六七八九十]+$)/.test(lineText(nextFirst)));
      if (!explained) unexplained.push(`page ${page.physical} uses ${used} lines; next page starts "${lineText(nextFirst).slice(0, 12)}"`);
    }
    expect(unexplained.length, unexplained.join('; ')).toBeLessThanOrEqual(Math.floor(checked / 10));
    expect(full).toBeGreaterThan(3);
  });
});

describe('2025年第12期', () => {
  it('has the 目录 and the masthead on the first page, in the order of the spec', async () => {
    const layout = await layoutOf('seed');
    const cover = layout.pages[0]!.page.items;
    const topOf = (s: string) => cover.find((i) => squash(i.str).includes(s))!.top;
    expect(topOf('广州市社会组织党组织')).toBeLessThan(topOf('学习资料'));
    expect(topOf('学习资料')).toBeLessThan(topOf('2025'));
    expect(topOf('中共广州市民政社会组织委员会')).toBeLessThan(topOf('目'));
    expect(layout.tocNumbers).toHaveLength(7);
  });
});

describe('options', () => {
  it('leaves the running headers out with `header: false`', async () => {
    const layout = await readLayout(VARIANTS.noHeader.pdf, VARIANTS.noHeader.source);
    const body = layout.pages.filter((p) => p.folio !== undefined);
    expect(body.length).toBeGreaterThanOrEqual(2);
    for (const page of body) expect(page.header, `page ${page.physical}`).toBe('');
  });

  it('inserts no blank page in screen output: the first article follows the 目录', async () => {
    const print = await layoutOf('seed');
    const screen = await readLayout(VARIANTS.screen.pdf, VARIANTS.screen.source);
    // The seed's cover and 目录 fill one page, so print output needs one blank page, screen none.
    expect(print.titlePages[0]).toBe(3);
    expect(screen.titlePages[0]).toBe(2);
    expect(screen.pages).toHaveLength(print.pages.length - 1);
    expect(screen.tocNumbers).toEqual(print.tocNumbers);
  });
});

describe('the cover (红头)', () => {
  it('is printed in red above the 目录, with a red rule as wide as the text block', async () => {
    // Rendered at 72 dpi (1 px = 1 pt) and read pixel by pixel: what a reader sees, not the HTML.
    const image = renderPage(BUILT.seed.pdf, 1, 72);
    const isRed = (x: number, y: number) => {
      const [r, g, b] = image.pixel(x, y);
      return r > 180 && g < 90 && b < 90;
    };
    let redRows = 0;
    let widest = { row: 0, from: 0, length: 0 };
    for (let y = 0; y < image.height; y++) {
      let run = 0;
      let rowRed = false;
      for (let x = 0; x < image.width; x++) {
        if (isRed(x, y)) {
          run++;
          rowRed = true;
          if (run > widest.length) widest = { row: y, from: x - run + 1, length: run };
        } else run = 0;
      }
      if (rowRed) redRows++;
    }
    expect(redRows).toBeGreaterThan(40); // the two masthead lines and the rule
    expect(Math.abs(widest.length - BLOCK.width)).toBeLessThanOrEqual(3);
    expect(Math.abs(widest.from - 28 * MM)).toBeLessThanOrEqual(2);
    const cover = (await layoutOf('seed')).pages[0]!.page.items;
    const tocHeading = cover.find((i) => i.str.trim().startsWith('目'))!;
    expect(widest.row).toBeLessThan(tocHeading.top - tocHeading.size);
    // Nothing red below the rule: the 目录 is black.
    let redBelow = 0;
    for (let y = widest.row + 6; y < image.height; y++) for (let x = 0; x < image.width; x++) if (isRed(x, y)) redBelow++;
    expect(redBelow).toBe(0);
  });
});
