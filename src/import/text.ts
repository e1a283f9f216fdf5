// Text copied out of a PDF (or extracted from one): the printed page's furniture is taken out
// here — page numbers, running headers, the masthead and a printed 目录 — and the text is cut
// into articles, sections and paragraphs. Joining hard wraps and cut paragraphs, removing stray
// spaces and the like is left to the checker's certain repairs (src/import/index.ts runs them).
import { TOC_LINE } from '../check/rules/structure.ts';
import { isWide } from '../check/text.ts';
import { headingLines } from '../linebreak/index.ts';
import { ImportError, isSectionLine, type ImportedArticle } from './article.ts';

/** `— 3 —`, `- 3 -`, `－3－`, `·3·`, `第3页`, `第 3 页 共 20 页`, `3 / 20`. */
const NUMBER = String.raw`(?:[—–－\-·•]{1,2}[\s\u3000]*\d{1,4}[\s\u3000]*[—–－\-·•]{1,2}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})`;
/** A page number alone on its line (a bare `3` too), or beside a short header text (`学习资料    — 3 —`). */
const PAGE_NUMBER = new RegExp(String.raw`^[\s\u3000]*(?:${NUMBER}|\d{1,3})[\s\u3000]*$`);
const NUMBER_BESIDE = new RegExp(String.raw`^[\s\u3000]*(?:(?<before>[^。！？，、；：]{1,40}?)[\s\u3000]{2,}${NUMBER}|${NUMBER}[\s\u3000]{2,}(?<after>[^。！？，、；：]{1,40}?))[\s\u3000]*$`);
const isPageNumber = (line: string) => !isBlank(line) && (PAGE_NUMBER.test(line) || NUMBER_BESIDE.test(line));
const ISSUE_LINE = /^[（(]?\s*\d{4}\s*年\s*第\s*\d+\s*期\s*[）)]?$/;
const TOC_HEADING = /^目[\s\u3000]*录$/;
/**
 * The running header of our own bulletin (src/html runningHeader: `机构刊名 · 2025年第12期`): known
 * by its shape, so it goes even where the text has a single page break to recur at.
 */
const OWN_HEADER = /^[^。！？，；：]{2,40}[·・•]\d{4}年第\d{1,3}期$/u;

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
const isBlank = (s: string) => !s.trim();

/** The lines without page numbers and running headers. A form feed (pdftotext's page end) counts as a page break. */
export function removePageFurniture(lines: string[], titles: ReadonlySet<string> = new Set()): string[] {
  const breaks = new Set<number>();
  const kept: Array<string | undefined> = [...lines];
  lines.forEach((line, i) => {
    if (line.includes('\f')) {
      kept[i] = line.replace(/\f/g, '');
      breaks.add(i);
    }
    if (isPageNumber(line.replace(/\f/g, ''))) {
      kept[i] = undefined;
      breaks.add(i);
    }
  });
  // A running header (or footer) is a short line next to a page break (the nearest line on either
  // side, or the page's first line itself where a form feed marks it) that comes back at many of
  // them: at a quarter of the pages at least, so that a line of text that happens to recur at two
  // page ends is never taken for one.
  const near = (at: number, step: number) => {
    for (let i = at + step; i >= 0 && i < lines.length; i += step) if (kept[i] !== undefined && !isBlank(kept[i]!)) return [i];
    return [];
  };
  const pages = Math.max(lines.filter((l) => l.includes('\f')).length, lines.filter((l) => isPageNumber(l.replace(/\f/g, ''))).length) + 1;
  const candidates = new Map<string, Set<number>>();
  // The text's first line is its title (or masthead), never a header, however short page 1 is.
  const opening = kept.findIndex((l) => l !== undefined && !isBlank(l));
  for (const at of breaks) {
    const self = kept[at] !== undefined && !isBlank(kept[at]!) ? [at] : [];
    for (const i of [...self, ...near(at, -1), ...near(at, 1)]) {
      if (i === opening) continue;
      const text = squeeze(kept[i]!);
      // A title too long for the header line, printed there cut short with an ellipsis.
      const cut = text.endsWith('…') ? text.slice(0, -1) : '';
      if ([...cut].length >= 8 && [...titles].some((t) => t.startsWith(cut))) {
        kept[i] = undefined;
        continue;
      }
      if (OWN_HEADER.test(text)) {
        kept[i] = undefined;
        continue;
      }
      if (!text || [...text].length > 40 || /[。！？；]$/.test(text) || /^#/.test(text) || titles.has(text)) continue;
      candidates.set(text, (candidates.get(text) ?? new Set()).add(i));
    }
  }
  const often = Math.max(2, Math.ceil(pages / 4));
  for (const [, at] of candidates) if (at.size >= often) for (const i of at) kept[i] = undefined;
  return kept.filter((l): l is string => l !== undefined);
}

/** Blocks of lines separated by blank lines, each line trimmed of its indent kept aside. */
interface Block {
  lines: string[];
  indented: boolean[];
}

const PUNCTUATION = /^[，。、；：？！“”‘’（）《》〈〉「」『』【】…—]$/u;

/** Marks no paragraph ends on: a line ending on one goes on. */
const MID_SENTENCE = /[，、；]$/u;
/** Marks the layout may set at half width on their own (never the full stops). */
const HALF_WIDTH_ALONE = /[，、；：“”‘’（）《》〈〉「」『』【】〔〕]$/u;

/**
 * pdftotext -layout sets text by columns, and where compressed punctuation (two marks meeting take
 * 1.5 em, or a lone mark set at half width to fill a page) makes a mark's box overlap what follows
 * it, it starts a new output line there, indented to one column short of where the last ended
 * (`“同根同源”` then `     “同心同缘”`; `者、` then ` 传播者。`). Such a piece goes back onto its
 * line: it sits where the last piece ended, and either that piece ends mid-sentence (，、；) or,
 * deeper than any paragraph indent, on a mark that can be set at half width, or both meet at marks.
 */
function rejoinOverlaps(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const previous = out.at(-1);
    const indent = /^ */.exec(line)![0].length;
    if (previous !== undefined && indent >= 1 && !isBlank(previous)) {
      const end = /^ */.exec(previous)![0].length + [...previous.trim()].length;
      const body = line.trim();
      const last = [...previous.trim()].at(-1)!;
      const marksMeet = indent >= 3 && ((PUNCTUATION.test(last) && PUNCTUATION.test([...body][0]!)) || HALF_WIDTH_ALONE.test(last));
      if (Math.abs(indent - (end - 1)) <= 1 && (marksMeet || MID_SENTENCE.test(last))) {
        out[out.length - 1] = previous.trimEnd() + body;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

function blocksOf(input: string[]): Block[] {
  const lines = rejoinOverlaps(input);
  // Text set flush left (pdftotext -layout) may show a paragraph's indent as a single space.
  const content = lines.filter((l) => !isBlank(l));
  const flush = content.filter((l) => /^\S/.test(l)).length >= content.length / 2;
  const indent = flush ? /^(?:[\u3000\t]| +\S)/ : /^(?:[\u3000\t]| {2,})/;
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of lines) {
    if (isBlank(line)) {
      current = undefined;
      continue;
    }
    if (!current) blocks.push((current = { lines: [], indented: [] }));
    current.indented.push(indent.test(line));
    current.lines.push(line.trim());
  }
  // Where paragraphs start indented, a block that does not was cut off the one before by a page
  // break (its page number and header are gone).
  const indentedStarts = blocks.filter((b) => b.indented[0]).length;
  if (blocks.length < 4 || indentedStarts < blocks.length / 2) return blocks;
  const merged: Block[] = [];
  for (const block of blocks) {
    const last = merged.at(-1);
    if (last && !block.indented[0] && !isSectionLine(block.lines[0]!)) {
      last.lines.push(...block.lines);
      last.indented.push(...block.indented);
    } else merged.push(block);
  }
  return merged;
}

/** Width of a line in full-width characters: ASCII counts half. */
const width = (line: string) => [...line].reduce((n, ch) => n + (ch.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);

/**
 * Text with no blank line between paragraphs (one printed line per line): a line ends its
 * paragraph when it is short of the full measure, and with indents a line that is indented starts
 * one. Cutting too often is safe: the checker's repair joins a paragraph cut mid-sentence.
 */
function splitParagraphs(blocks: Block[]): Block[] {
  const multi = blocks.filter((b) => b.lines.length > 1);
  const widths = multi.flatMap((b) => b.lines.map(width)).sort((a, b) => a - b);
  const measure = widths[Math.floor(widths.length * 0.9)] ?? 0;
  // No printed page holds 60 characters a line: such lines were never wrapped, each is a paragraph.
  if (measure > 60) return blocks.flatMap((b) => b.lines.map((line, i) => ({ lines: [line], indented: [b.indented[i]!] })));
  const out: Block[] = [];
  for (const block of blocks) {
    const byIndent = block.indented.slice(1).some(Boolean);
    let current: Block = { lines: [], indented: [] };
    block.lines.forEach((line, i) => {
      const previous = block.lines[i - 1];
      // The first line of a paragraph is two characters in (the indent); a section heading that
      // fills its line goes on to the next one.
      const full = measure - 1.5 - (current.lines.length === 1 ? 2 : 0);
      const fills = previous !== undefined && width(previous) >= full - 3;
      // A heading broken before layout (at the editor's space or a phrase boundary) may leave its
      // first line short: where paragraphs start indented, a following line that is not indented,
      // holds no sentence end and is followed by an indented line (or nothing) carries it on.
      const carriesOn = byIndent && !block.indented[i] && (i + 1 === block.lines.length || block.indented[i + 1]!) && !/[。；！？]/.test(line);
      const headingGoesOn = current.lines.length === 1 && previous !== undefined && (fills ? width(line) < full : carriesOn && isSectionLine(previous)) && isSectionLine(joinLines([previous, line]), 60);
      if (headingGoesOn && !fills && brokeAtSpace(previous, line, measure)) {
        // One line again, with the space the break took.
        current.lines[0] = `${previous} ${line}`;
        return;
      }
      // A source note `（…讲话）` after a sentence's end starts a paragraph of its own.
      const note = previous !== undefined && /[。！？]$/.test(previous) && /^（/.test(line);
      const short = previous !== undefined && (width(previous) < full || note) && !headingGoesOn;
      // A section heading is a paragraph of its own, unless it goes on to this line.
      const afterHeading = current.lines.length === 1 && previous !== undefined && isSectionLine(previous) && !headingGoesOn;
      const starts = i > 0 && ((byIndent && block.indented[i]) || short || afterHeading || (isSectionLine(line) && !headingGoesOn));
      if (starts) {
        out.push(current);
        current = { lines: [], indented: [] };
      }
      current.lines.push(line);
      current.indented.push(block.indented[i]!);
    });
    out.push(current);
  }
  return out;
}

/**
 * Whether a heading's short first line ended at the editor's space, lost at the break: the phrase
 * breaking our own layout does (src/linebreak) would not have cut the words run together there.
 */
function brokeAtSpace(first: string, next: string, measure: number): boolean {
  const [one] = headingLines(joinLines([first, next]), Math.max(measure - 2, 10), Math.max(measure, 12));
  return one !== undefined && squeeze(one) !== squeeze(first);
}

/** A 目录 entry: a title, a leader of dots (spaced or not), a page number. */
const TOC_ENTRY = /(?:[.．…·・][ \t]*){3,}\d{1,4}[ \t]*[.．]?[ \t]*$/;
const LEADER_ONLY = /^[\s.．…·・]+$/;

/** A line of a printed masthead, maybe several of its parts on one line (issuers and date). */
const MASTHEAD_PARTS = new RegExp(`^(?:.{2,30}?(?:党组织|委员会|党委|党组|办公室|协会)|学习资料|\\d{4}年\\d{1,2}月|[（(]?\\d{4}年第\\d+期[）)]?)+$`);
const isMastheadLine = (line: string) => MASTHEAD_PARTS.test(squeeze(line));

/** Where a printed 目录 is (its heading up to its last entry) and the titles it lists. */
function tocRange(lines: string[]): { start: number; end: number; titles: string[] } | undefined {
  const start = lines.findIndex((l) => TOC_HEADING.test(squeeze(l)));
  if (start < 0) return undefined;
  const isEntry = (line: string | undefined) => line !== undefined && (TOC_LINE.test(line) || TOC_ENTRY.test(line));
  const titles: string[] = [];
  let pending = '';
  let i = start + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (LEADER_ONLY.test(line) || (!line.trim() && !pending)) continue;
    if (isEntry(line)) {
      titles.push(joinLines([pending, line.replace(TOC_ENTRY, '').replace(TOC_LINE, '').replace(/[.．…·・\s]+$/, '').trim()].filter(Boolean)));
      pending = '';
    } else if (!pending && isEntry(lines[i + 1])) {
      pending = line.trim(); // an entry wrapped over two lines
    } else break;
  }
  // Blank lines after the last entry stay: they separate what follows.
  while (i > start + 1 && !lines[i - 1]!.trim()) i--;
  return { start, end: i, titles };
}

const tocTitles = (lines: string[]) => tocRange(lines)?.titles ?? [];

/** Drops a printed masthead at the top and a printed 目录; returns the 目录's titles. */
function dropFrontPages(blocks: Block[]): { blocks: Block[]; titles: string[] } {
  let lines = blocks.flatMap((b) => b.lines.map((line) => ({ line, block: b })));
  // The masthead: the first lines, if they are all masthead lines and include the issue line.
  let end = 0;
  while (end < lines.length && isMastheadLine(lines[end]!.line)) end++;
  if (lines.slice(0, end).some((l) => ISSUE_LINE.test(squeeze(l.line)) || squeeze(l.line) === '学习资料')) lines = lines.slice(end);
  const toc = tocRange(lines.map((l) => l.line));
  if (toc) lines.splice(toc.start, toc.end - toc.start);
  // Back into blocks, as they were apart from the removed lines.
  const out: Block[] = [];
  let last: Block | undefined;
  for (const { line, block } of lines) {
    if (block !== last) out.push({ lines: [], indented: [] });
    last = block;
    out.at(-1)!.lines.push(line);
    out.at(-1)!.indented.push(false);
  }
  return { blocks: out, titles: toc?.titles ?? [] };
}

/** Lines of one heading or title, joined as the checker joins them: no space between hanzi. */
const joinLines = (lines: string[]) => lines.reduce((a, b) => (isWide([...a].at(-1)) && isWide([...b][0]) ? a + b : `${a} ${b}`));

const looksLikeTitle = (line: string) => [...line].length <= 60 && !/[。；！？，]$/.test(line);

/**
 * Where blank lines part the paragraphs, a first paragraph of two or three short lines without
 * punctuation is a title wrapped on the page: one line.
 */
function wrappedTitle(blocks: Block[]): Block[] {
  const lines = blocks.reduce((n, b) => n + b.lines.length, 0);
  const head = blocks[0];
  if (!head || blocks.length < lines * 0.3 || head.lines.length < 2 || head.lines.length > 3) return blocks;
  if (!head.lines.every((l) => looksLikeTitle(l) && [...l].length <= 40 && !/[，、：；]$/.test(l) && !isMastheadLine(l) && !TOC_HEADING.test(squeeze(l)))) return blocks;
  return [{ lines: [joinLines(head.lines)], indented: [head.indented[0]!] }, ...blocks.slice(1)];
}

/** Titles, and those a 目录 lists with the speaker first (`习近平：因地制宜发展新质生产力`) also without. */
const withoutSpeaker = (titles: string[]) => titles.flatMap((t) => [t, ...(/^[^：:]{2,8}[：:](.{4,})$/.exec(t)?.slice(1) ?? [])]);

/**
 * Cuts plain text (no Markdown) into articles; `hints` are titles known otherwise (large type in a
 * PDF), `exact` titles known exactly, spaces and all (a PDF's bookmarks): they win over the 目录's.
 */
function plainArticles(file: string, lines: string[], hints: string[] = [], exact: string[] = []): ImportedArticle[] {
  const { blocks, titles } = dropFrontPages(splitParagraphs(wrappedTitle(blocksOf(lines))));
  // Each title as the 目录 writes it (its spaces mark deliberate breaks), by its characters.
  const listed = withoutSpeaker([...hints, ...titles, ...exact]);
  const known = new Map(listed.map((t) => [squeeze(t), t] as const).filter(([k]) => k));
  // The blocks' lines in order, each remembering whether it starts a block.
  const flat = blocks.flatMap((b) => b.lines.map((line, i) => ({ line, first: i === 0 })));
  const articles: ImportedArticle[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (!paragraph.length) return;
    if (paragraph[0]!.startsWith('※')) paragraph[0] = paragraph[0]!.replace(/^※[ \t]+/, '※');
    const joined = joinLines(paragraph);
    const heading = paragraph.length <= 3 && isSectionLine(joined, 60);
    articles.at(-1)!.blocks.push(heading ? { type: 'heading', text: joined } : { type: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let i = 0; i < flat.length; i++) {
    const { line, first } = flat[i]!;
    // A title from the 目录 (or the type size), maybe wrapped over up to three lines.
    const span = [3, 2, 1].find((k) => i + k <= flat.length && known.has(squeeze(flat.slice(i, i + k).map((f) => f.line).join(''))));
    if (span) {
      flush();
      // A title on one line keeps its own spaces; a wrapped one takes the 目录's.
      const title = span === 1 ? line : known.get(squeeze(flat.slice(i, i + span).map((f) => f.line).join('')))!;
      i += span - 1;
      const current = articles.at(-1);
      if (current && squeeze(current.title) === squeeze(title)) {
        // The article's title again: the running header above it, or on a later page.
        if (!current.blocks.length) current.title = title;
        continue;
      }
      articles.push({ title, blocks: [] });
      continue;
    }
    if (!articles.length) {
      if (!looksLikeTitle(line)) throw new ImportError(file, `no title: the first line is a sentence ("${line.slice(0, 20)}…"); put the title on a line of its own at the top`);
      articles.push({ title: line, blocks: [] });
      // Printed again as a running header, it is dropped like one.
      known.set(squeeze(line), line);
      continue;
    }
    if (first) flush();
    paragraph.push(line);
  }
  flush();
  return articles;
}

/** Text that already has `#` headings (typed or pasted as Markdown): kept as Markdown, articles at `#`. */
function markdownArticles(file: string, lines: string[]): ImportedArticle[] {
  const sections: Array<{ title?: string; body: string[] }> = [{ body: [] }];
  for (const line of lines) {
    const h = /^#[ \t]+(.*?)[ \t#]*$/.exec(line);
    if (h) sections.push({ title: h[1]!, body: [] });
    else sections.at(-1)!.body.push(line);
  }
  const articles: ImportedArticle[] = [];
  sections.forEach((section, i) => {
    const content = section.body.filter((l) => !isBlank(l)).map(squeeze);
    const masthead = i <= 2 && [section.title ?? '', ...content].some((l) => ISSUE_LINE.test(squeeze(l)) || squeeze(l) === '学习资料' || squeeze(l.replace(/^#+/, '')) === '学习资料');
    if (masthead || (section.title !== undefined && TOC_HEADING.test(squeeze(section.title)))) return;
    if (section.title === undefined) {
      if (!content.length) return;
      // Text before the first heading: an article of its own, titled by its first line.
      const plain = plainArticles(file, section.body);
      articles.push(...plain);
      return;
    }
    const body = section.body.join('\n').replace(/^\n+|\n+$/g, '');
    articles.push({ title: section.title, blocks: body ? [{ type: 'paragraph', text: body }] : [], markdown: true });
  });
  return articles;
}

/** Articles from text copied out of a PDF (or read from one). */
export function importText(file: string, text: string, hints: string[] = [], exact: string[] = []): ImportedArticle[] {
  // A Markdown file brought in keeps its articles, not its front matter.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---(?:\n|$)/, '');
  if (!normalised.trim()) throw new ImportError(file, 'is empty: no text to import');
  const raw = normalised.split('\n');
  const titles = new Set(withoutSpeaker([...tocTitles(raw), ...hints, ...exact]).map(squeeze));
  const lines = removePageFurniture(raw, titles);
  const markdown = lines.some((l) => /^#{1,6}[ \t]+\S/.test(l));
  const articles = markdown ? markdownArticles(file, lines) : plainArticles(file, lines, hints, exact);
  if (!articles.length) throw new ImportError(file, 'has no article text (only a masthead or a 目录?)');
  return articles;
}
