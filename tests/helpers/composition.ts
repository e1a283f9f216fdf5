// A typesetter's audit of the body text of a built bulletin, from glyph positions read back from
// the PDF (glyphs.ts) and the headings of the Markdown source: punctuation compression, the
// character pitch of lines that are not justified, keeps (背题, source notes, 孤行/寡行), 孤字,
// 避头尾 and pages that end short. Shared by the composition tests and scripts/typo-audit.ts.
import { readGlyphs, glyphLines, type Glyph } from './glyph-positions.ts';
import { blockLeft, PAGE } from './layout.ts';
import { MM } from './pdf.ts';
import { sourceBlocks } from './source.ts';

/** 156 mm / 28: where each character of a line stands. */
export const GRID_PITCH = (156 * MM) / 28;
const TOP = 37 * MM;
const BOTTOM = PAGE.height - 35 * MM + 2;

const MARKS = '，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕';
const CLOSING = '，。、；：？！”’）》〉」』】〕';
const OPENING = '“‘（《〈「『【〔';
const HAN = /\p{Script=Han}/u;

export type LineKind = 'title' | 'heading' | 'note' | 'text';

export interface ShortPage {
  page: number;
  lines: number;
  /** The page an article begins on (its title stands on it). */
  first: boolean;
  /** `heading`: a heading moved on; `kept`: a source note moved on with the last lines of its excerpt; `lines`: neither. */
  cause: 'heading' | 'kept' | 'lines';
}

export interface Line {
  page: number;
  glyphs: Glyph[];
  text: string;
  kind: LineKind;
  /** Begins indented two characters: a paragraph's first line (or a heading). */
  indented: boolean;
  /** Runs to the right edge of the text block (a justified line). */
  full: boolean;
}

export interface Audit {
  pages: Line[][];
  /** Adjacent full-width marks on one line; `half`: those set in 1.5 em. */
  pairs: { total: number; half: number; full: string[] };
  /** Lines that are not justified (last lines, headings): their pitch against the grid's. */
  pitch: { lines: number; off: string[]; worst: number };
  isolatedChars: string[];
  headingsAtFoot: string[];
  cutNotes: string[];
  widows: string[];
  orphans: string[];
  kinsoku: string[];
  shortPages: string[];
  /** Pages inside an article that end lines short, and why: a heading or a kept block moved on, or neither. */
  short: ShortPage[];
  /** Pages after the front matter. */
  bodyPages: number;
  /** Wrapped section headings, as lines (for checking against annotated words). */
  headingBreaks: string[][];
}

const squash = (s: string) => s.replace(/\s+/g, '');

function headingTexts(source: string): string[] {
  return sourceBlocks(source)
    .filter((b) => b.kind === 'heading' && (b.depth ?? 1) >= 2)
    .map((b) => squash(b.text));
}

function sourceNotes(source: string): string[] {
  return sourceBlocks(source)
    .filter((b) => b.kind !== 'heading' && /^（[^（）]*）$/.test(squash(b.text)))
    .map((b) => squash(b.text));
}

export async function auditPdf(pdf: string, sourcePath: string): Promise<Audit> {
  const headings = headingTexts(sourcePath);
  const notes = sourceNotes(sourcePath);
  const glyphPages = await readGlyphs(pdf);
  const pages: Line[][] = glyphPages.map((glyphs, i) => {
    const physical = i + 1;
    const left = blockLeft(physical);
    const right = left + 156 * MM;
    const body = glyphs.filter((g) => g.top >= TOP && g.top <= BOTTOM);
    return glyphLines(body).map((line): Line => {
      const text = line.map((g) => g.ch).join('');
      const size = line[0]!.size;
      const last = line.at(-1)!;
      const kai = line.filter((g) => /Kai/.test(g.font)).length > line.length / 2;
      let kind: LineKind = 'text';
      if (size > 18) kind = 'title';
      else if (headings.some((h) => h === text || (text.length >= 2 && h.includes(text) && (h.startsWith(text) || text.length >= 4)))) kind = 'heading';
      else if (kai && notes.some((n) => n.includes(text))) kind = 'note';
      return {
        page: physical,
        glyphs: line,
        text,
        kind,
        indented: Math.abs(line[0]!.x - (left + 2 * GRID_PITCH)) < 3,
        full: last.x + size > right - 0.6 * size,
      };
    });
  });

  const audit: Audit = {
    pages,
    pairs: { total: 0, half: 0, full: [] },
    pitch: { lines: 0, off: [], worst: 0 },
    isolatedChars: [],
    headingsAtFoot: [],
    cutNotes: [],
    widows: [],
    orphans: [],
    kinsoku: [],
    shortPages: [],
    short: [],
    bodyPages: 0,
    headingBreaks: [],
  };
  const where = (line: Line) => `p${line.page} ${line.text}`;
  const bodyPage = (lines: Line[]) => lines.length > 0 && lines.some((l) => l.kind !== 'title');
  const startsBlock = (line: Line | undefined) => !line || line.indented || line.kind === 'heading' || line.kind === 'title';

  let heading: string[] = [];
  // The baseline of the 22nd line: the lowest text line of any page.
  const lastBaseline = Math.max(...pages.flatMap((lines) => lines.filter((l) => l.kind === 'text').map((l) => l.glyphs[0]!.top)));
  // Front matter (masthead, 目录) ends where the first article title stands.
  const toc = pages.findIndex((lines) => lines.some((l) => l.kind === 'title' && l.text === '目录'));
  const firstBody = pages.findIndex((lines, i) => i > toc && lines[0]?.kind === 'title');
  pages.forEach((lines, p) => {
    if (p < firstBody || !bodyPage(lines)) return;
    audit.bodyPages++;
    const next = pages[p + 1] ?? [];
    const nextStartsArticle = !next.length || next[0]!.kind === 'title';
    lines.forEach((line, i) => {
      const g = line.glyphs;
      // Pairs of marks, and the pitch of lines not justified.
      for (let k = 1; k < g.length; k++) {
        const a = g[k - 1]!;
        const b = g[k]!;
        if (!MARKS.includes(a.ch) || !MARKS.includes(b.ch) || a.size < 13 || line.kind === 'title') continue;
        audit.pairs.total++;
        if (b.x - a.x < 0.75 * a.size) audit.pairs.half++;
        else audit.pairs.full.push(`p${line.page} ${a.ch}${b.ch} in ${line.text}`);
      }
      if (!line.full && Math.abs(g[0]!.size - 16) < 0.2) {
        const steps: number[] = [];
        for (let k = 1; k < g.length; k++) if (HAN.test(g[k - 1]!.ch) && HAN.test(g[k]!.ch)) steps.push(g[k]!.x - g[k - 1]!.x);
        if (steps.length >= 4) {
          steps.sort((x, y) => x - y);
          const median = steps[steps.length >> 1]!;
          const off = Math.abs(median / GRID_PITCH - 1);
          audit.pitch.lines++;
          audit.pitch.worst = Math.max(audit.pitch.worst, off);
          if (off > 0.005) audit.pitch.off.push(`${where(line)} (${median.toFixed(2)} pt)`);
        }
      }
      if (CLOSING.includes(line.text[0]!) || OPENING.includes(line.text.at(-1)!)) audit.kinsoku.push(where(line));
      const following = lines[i + 1] ?? (i === lines.length - 1 ? next[0] : undefined);
      const lastOfParagraph = line.kind === 'text' && !line.full && startsBlock(following);
      if (lastOfParagraph && !line.indented && [...line.text].filter((c) => !MARKS.includes(c) && c !== '…' && c !== '—').length <= 1)
        audit.isolatedChars.push(where(line));
      // Wrapped headings.
      if (line.kind === 'heading') {
        heading.push(line.text);
        if (following?.kind !== 'heading' || following.indented || i === lines.length - 1) {
          if (heading.length > 1) audit.headingBreaks.push(heading);
          heading = [];
        }
      }
    });
    if (nextStartsArticle) return;
    const last = lines.at(-1)!;
    const first = next[0]!;
    if (last.kind === 'heading') audit.headingsAtFoot.push(where(last));
    if (first.kind === 'note') audit.cutNotes.push(`p${first.page} ${first.text}`);
    // 寡行: the next page opens with a paragraph's last line; 孤行: this page ends with a paragraph's first line.
    if (first.kind === 'text' && !first.indented && startsBlock(next[1])) audit.widows.push(`p${first.page} ${first.text}`);
    if (last.kind === 'text' && last.indented && last.full && first.kind === 'text' && !first.indented) audit.orphans.push(where(last));
    // Lines short of a full page: from where the 22nd line of the block stands.
    const short = Math.round((lastBaseline - last.glyphs[0]!.top) / ((225 * MM) / 22));
    if (short > 0) {
      // A source note among the next page's first lines, after lines that continue a paragraph: the
      // note went on with the end of its excerpt.
      const note = next.slice(0, 3).findIndex((l) => l.kind === 'note');
      const kept = note >= 0 && next.slice(0, note).every((l) => l.kind === 'text' && !l.indented);
      const cause = first.kind === 'heading' ? 'heading' : kept ? 'kept' : 'lines';
      const opens = lines[0]!.kind === 'title';
      audit.short.push({ page: last.page, lines: short, first: opens, cause });
      audit.shortPages.push(`p${last.page} ${short} short (${cause}${opens ? ', title page' : ''}), next: ${first.kind} ${first.text.slice(0, 12)}`);
    }
  });
  return audit;
}

/** One line per figure, for the report. */
export function summary(a: Audit): string {
  const pct = a.pairs.total ? ((100 * a.pairs.half) / a.pairs.total).toFixed(0) : '–';
  return [
    `pairs compressed ${a.pairs.half}/${a.pairs.total} (${pct} %)`,
    `non-justified lines ${a.pitch.lines}, off the pitch by > 0.5 %: ${a.pitch.off.length}, worst ${(100 * a.pitch.worst).toFixed(2)} %`,
    `孤字 ${a.isolatedChars.length}, 背题 ${a.headingsAtFoot.length}, cut source notes ${a.cutNotes.length}, 寡行 ${a.widows.length}, 孤行 ${a.orphans.length}, 避头尾 ${a.kinsoku.length}`,
    `short pages inside articles ${a.short.length} of ${a.bodyPages} (title pages ${a.short.filter((s) => s.first).length}), where no heading or kept block moved on ${a.short.filter((s) => s.cause === 'lines').length} (title pages ${a.short.filter((s) => s.cause === 'lines' && s.first).length}), wrapped headings ${a.headingBreaks.length}`,
  ].join('\n');
}
