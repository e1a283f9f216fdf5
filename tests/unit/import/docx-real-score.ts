// Scoring an imported Word file against its key (tests/fixtures/import-docx-real/*.key.json),
// written by reading the document's XML (read-xml.py there), never from the importer's output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, blocks } from './helpers.ts';

export const REAL = join(ROOT, 'tests/fixtures/import-docx-real');

export interface DocxKey {
  file: string;
  /** The title, or null where the file names none (the import must refuse it). */
  title: string | null;
  /** The title given with --title for a file that names none. */
  givenTitle?: string;
  /** Every paragraph after the title, in order; `[picture]` where a picture stands. */
  paragraphs: string[];
  headings: string[];
  /** Paragraphs Word numbers by itself, with the numbers as Word shows them. */
  numbers?: string[];
}

export const KEYS = ['r1-ershida-baogao', 'r2-ershida-quanjiao', 'r3-shihezi-xinwengao', 'r4-hangbiao-bianzhi-shuoming', 'r5-jieneng-xinwengao'];

export const readKey = (name: string): DocxKey => JSON.parse(readFileSync(join(REAL, `${name}.key.json`), 'utf8')) as DocxKey;

/**
 * Text compared as a reader compares it: Markdown escapes and emphasis marks off, the checker's
 * certain repairs undone where they only change the form (full-width/half-width, spaces between hanzi).
 */
export const norm = (text: string): string =>
  text
    .replace(/\\(.)/g, '$1')
    .replace(/\*\*/g, '')
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '');

export interface Imported {
  title: string;
  /** Each block after the title: its text, `[picture]` for an image. */
  paragraphs: string[];
  headings: string[];
}

/** The blocks of the Markdown the import writes for one article. */
export function readImported(markdown: string): Imported {
  const all = blocks(markdown);
  const title = all[0]!.replace(/^# /, '');
  const paragraphs: string[] = [];
  const headings: string[] = [];
  for (const b of all.slice(1)) {
    if (/^!\[/.test(b)) paragraphs.push('[picture]');
    // A table (GFM): its cells in reading order, the delimiter row left out.
    else if (/^\|/.test(b)) {
      for (const row of b.split('\n').filter((r) => !/^\|[\s:|-]+\|$/.test(r))) paragraphs.push(...row.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim()));
    }
    else if (/^#{2,6} /.test(b)) {
      const text = b.replace(/^#+ /, '');
      headings.push(text);
      paragraphs.push(text);
    } else paragraphs.push(b);
  }
  return { title, paragraphs, headings };
}

/** Length of the longest common subsequence: paragraphs found whole and in order. */
function lcs(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(x === b[j] ? previous[j]! + 1 : Math.max(previous[j + 1]!, row[j]!));
    previous = row;
  }
  return previous[b.length]!;
}

export interface Score {
  title: boolean;
  recall: number;
  precision: number;
  headings: { found: number; of: number; extra: number };
  numbers: { found: number; of: number };
  /** Pictures followed by the paragraph that follows them in the document. */
  pictures: { inPlace: number; of: number };
  missing: string[];
  unexpected: string[];
}

export function score(key: DocxKey, got: Imported, title = key.title ?? key.givenTitle): Score {
  const want = key.paragraphs.map(norm);
  const have = got.paragraphs.map(norm);
  const common = lcs(want, have);
  const wantHeadings = new Set(key.headings.map(norm));
  const haveHeadings = got.headings.map(norm);
  const paragraphs = new Set(have);
  let inPlace = 0;
  want.forEach((p, i) => {
    if (p !== '[picture]') return;
    const at = have.findIndex((h, j) => h === '[picture]' && have[j + 1] === want[i + 1] && have[j - 1] === want[i - 1]);
    if (at >= 0) inPlace++;
  });
  return {
    title: got.title === title,
    recall: common / want.length,
    precision: common / have.length,
    headings: { found: haveHeadings.filter((h) => wantHeadings.has(h)).length, of: wantHeadings.size, extra: haveHeadings.filter((h) => !wantHeadings.has(h)).length },
    numbers: { found: (key.numbers ?? []).filter((n) => paragraphs.has(norm(n))).length, of: key.numbers?.length ?? 0 },
    pictures: { inPlace, of: want.filter((p) => p === '[picture]').length },
    missing: want.filter((p) => !have.includes(p)),
    unexpected: have.filter((p) => !want.includes(p)),
  };
}
