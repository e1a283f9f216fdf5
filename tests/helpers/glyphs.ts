// A built PDF read back glyph run by glyph run with the face each run is drawn in: pdfjs splits
// the text into items wherever the font changes, and the operator list names each font.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { blockLeft, BLOCK } from './layout.ts';
import { MM, type TextItem } from './pdf.ts';

export interface Run extends TextItem {
  /** PostScript name of the face, subset tag removed (`FandolKai-Regular`). */
  font: string;
}

export interface RunPage {
  number: number;
  runs: Run[];
  /** The body's lines (text block only), top to bottom, each left to right. */
  lines: Run[][];
  /** Left and right edge of the mirrored text block. */
  left: number;
  right: number;
}

export async function readRuns(path: string): Promise<RunPage[]> {
  const data = new Uint8Array(readFileSync(path));
  const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: RunPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , , height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    await page.getOperatorList();
    const runs: Run[] = [];
    for (const raw of content.items) {
      if (!('str' in raw) || !raw.str.trim()) continue;
      const [a, , , , e, f] = raw.transform as number[];
      let font = '';
      try {
        font = String((page.commonObjs.get(raw.fontName) as { name?: string }).name ?? '').replace(/^[A-Z]{6}\+/, '');
      } catch {
        // not loaded: unknown
      }
      runs.push({ str: raw.str, x: e!, top: height - f!, size: Math.abs(a!), width: raw.width, font });
    }
    const body = runs.filter((r) => r.top >= 37 * MM && r.top <= height - 35 * MM + 2);
    const sorted = [...body].sort((p, q) => p.top - q.top || p.x - q.x);
    const lines: Run[][] = [];
    for (const run of sorted) {
      const last = lines.at(-1);
      // 8 pt: a raised footnote call (①) belongs to the line it stands in; lines are 29 pt apart.
      if (last && Math.abs(last[0]!.top - run.top) < 8) last.push(run);
      else lines.push([run]);
    }
    for (const line of lines) line.sort((p, q) => p.x - q.x);
    pages.push({ number: n, runs, lines, left: blockLeft(n), right: blockLeft(n) + BLOCK.width });
  }
  await doc.destroy();
  return pages;
}

/** One character of the body with the face and box it was drawn in. */
export interface Glyph {
  ch: string;
  font: string;
  size: number;
  page: number;
  line: number;
  /** x of the run's start and end (a run's characters are not placed one by one). */
  x: number;
  right: number;
}

/** The body text of all pages as one string (whitespace removed) and the glyph behind each character. */
export function bodyGlyphs(pages: RunPage[]): { text: string; glyphs: Glyph[] } {
  const glyphs: Glyph[] = [];
  for (const page of pages) {
    page.lines.forEach((line, l) => {
      for (const run of line) {
        for (const ch of run.str.replace(/\s+/g, '')) glyphs.push({ ch, font: run.font, size: run.size, page: page.number, line: l, x: run.x, right: run.x + run.width });
      }
    });
  }
  return { text: glyphs.map((g) => g.ch).join(''), glyphs };
}

export const lineString = (line: Run[]) => line.map((r) => r.str).join('').replace(/\s+/g, '');

/** One character as Ghostscript places it (txtwrite: whole points), for positions inside a run. */
export interface PlacedChar {
  c: string;
  x0: number;
  x1: number;
  /** Baseline from the page top, pt. */
  y: number;
}

/** The characters of one page, in the order drawn, with their boxes (Ghostscript's txtwrite). */
export function placedChars(pdf: string, page: number): PlacedChar[] {
  const result = spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite', '-dTextFormat=0', `-dFirstPage=${page}`, `-dLastPage=${page}`, '-sOutputFile=-', pdf], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`gs txtwrite failed: ${result.stderr}`);
  const out: PlacedChar[] = [];
  for (const m of result.stdout.matchAll(/<char bbox="(-?\d+) (-?\d+) (-?\d+) (-?\d+)" c="([^"]*)"\/>/g)) {
    const c = m[5]!.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    out.push({ c, x0: Number(m[1]), x1: Number(m[3]), y: Number(m[2]) });
  }
  return out;
}

/** Where `text` starts on a page: the x of each of its characters (whitespace ignored). */
export function charsOf(chars: PlacedChar[], text: string): PlacedChar[] | undefined {
  const key = [...text.replace(/\s+/g, '')];
  const seq = chars.filter((ch) => ch.c.trim());
  for (let i = 0; i + key.length <= seq.length; i++) {
    if (key.every((k, j) => seq[i + j]!.c === k)) return seq.slice(i, i + key.length);
  }
  return undefined;
}
