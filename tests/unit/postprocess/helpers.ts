// Fixtures and read-back tools for the print-production tests: small PDFs drawn with pdf-lib, the real
// bulletin built through the CLI, and Poppler/qpdf to read results back independently of pdf-lib.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { A4 } from '../../../src/postprocess/index.ts';

export const ROOT = join(import.meta.dirname, '../../..');
export const tmp = (): string => mkdtempSync(join(tmpdir(), 'pp-test-'));

export interface SyntheticOptions {
  pages?: number;
  /** Fill the whole page (or `fillOut` pt beyond it) with a gray that differs per page. */
  fillOut?: number;
}

/** Gray level of page n's background in `synthetic` with fillOut: distinct per page. */
export const pageGray = (n: number): number => 0.1 + ((n * 0.07) % 0.8);

/**
 * A4 pages with `P<n>` in large letters near the top, a #ff3333 bar, a #e60012 bar and black text;
 * boxes as finalizePdf leaves them (all A4).
 */
export async function synthetic(options: SyntheticOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle('synthetic');
  doc.setCreationDate(new Date(Date.UTC(2025, 11, 1)));
  doc.setModificationDate(new Date(Date.UTC(2025, 11, 1)));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= (options.pages ?? 1); n++) {
    const page = doc.addPage([A4.width, A4.height]);
    for (const box of ['setMediaBox', 'setCropBox', 'setBleedBox', 'setTrimBox'] as const) page[box](0, 0, A4.width, A4.height);
    if (options.fillOut !== undefined) {
      const o = options.fillOut;
      const g = pageGray(n);
      page.drawRectangle({ x: -o, y: -o, width: A4.width + 2 * o, height: A4.height + 2 * o, color: rgb(g, g, g) });
    }
    page.drawText(`P${n}`, { x: 200, y: 650, size: 60, font, color: rgb(0, 0, 0) });
    page.drawRectangle({ x: 100, y: 500, width: 395, height: 6, color: rgb(1, 0.2, 0.2) }); // #ff3333
    page.drawRectangle({ x: 100, y: 480, width: 395, height: 6, color: rgb(0xe6 / 255, 0, 0x12 / 255) }); // #e60012
    page.drawText('black body text', { x: 100, y: 400, size: 12, font, color: rgb(0, 0, 0) });
  }
  return doc.save();
}


function withFile<T>(bytes: Uint8Array, fn: (file: string) => T): T {
  const dir = tmp();
  const file = join(dir, 'in.pdf');
  writeFileSync(file, bytes);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Box {
  left: number;
  bottom: number;
  right: number;
  top: number;
}
export interface PageBoxes {
  media: Box;
  crop: Box;
  bleed: Box;
  trim: Box;
}

/** The four boxes of a page, typed (Object.values of an interface is any[]). */
export const allBoxes = (page: PageBoxes): Box[] => [page.media, page.crop, page.bleed, page.trim];

/** `pdfinfo -box` for every page: what Poppler, not pdf-lib, reads. */
export function pdfinfoBoxes(bytes: Uint8Array): PageBoxes[] {
  return withFile(bytes, (file) => {
    const out = execFileSync('pdfinfo', ['-box', '-f', '1', '-l', '100000', file], { encoding: 'utf8' });
    const pages: PageBoxes[] = [];
    for (const m of out.matchAll(/^Page\s+(\d+)\s+(Media|Crop|Bleed|Trim)Box:\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$/gm)) {
      const i = Number(m[1]) - 1;
      const key = m[2]!.toLowerCase() as keyof PageBoxes;
      pages[i] ??= {} as PageBoxes;
      pages[i]![key] = { left: Number(m[3]), bottom: Number(m[4]), right: Number(m[5]), top: Number(m[6]) };
    }
    return pages;
  });
}

/** Text in a rectangle of page `page` (pt from the top-left of the CropBox), by pdftotext. */
export function textIn(bytes: Uint8Array, page: number, area?: { x: number; y: number; w: number; h: number }): string {
  return withFile(bytes, (file) => pdftotext(file, page, area));
}

export function pdftotext(file: string, page: number, area?: { x: number; y: number; w: number; h: number }): string {
  const crop = area ? ['-x', String(Math.round(area.x)), '-y', String(Math.round(area.y)), '-W', String(Math.round(area.w)), '-H', String(Math.round(area.h))] : [];
  return execFileSync('pdftotext', ['-q', '-f', String(page), '-l', String(page), ...crop, file, '-'], { encoding: 'utf8' });
}

export const squash = (s: string): string => s.replace(/\s+/g, '');

/** Content streams decompressed by qpdf (not pdf-lib), for grepping operators. */
export function qdfText(bytes: Uint8Array): string {
  return withFile(bytes, (file) => {
    const out = join(dirname(file), 'qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, out]);
    return readFileSync(out, 'latin1');
  });
}

/** Colour operators found by a plain regular expression over the qdf file, with counts. */
export function grepColourOps(qdf: string): Map<string, number> {
  const counts = new Map<string, number>();
  // Chromium writes two on a line (`0 0 0 RG 0 0 0 rg`), hence no line anchors.
  for (const m of qdf.matchAll(/(?<=^|\s)((?:[-\d.]+ ){1,4})(rg|RG|k|K|g|G|sc|SC|scn|SCN)(?=\s|$)|(?<=^|\s)(\/\S+ (?:cs|CS))(?=\s|$)/gm)) {
    const key = m[3] ?? `${m[1]}${m[2]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** `pdffonts` rows: name, type, emb, sub. */
export function pdffonts(bytes: Uint8Array): Array<{ name: string; type: string; embedded: boolean; subset: boolean }> {
  return withFile(bytes, (file) => {
    const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    return lines.map((line) => {
      const m = /^(\S+)\s+(.+?)\s+(Identity-H|Custom|Builtin|WinAnsi|Standard|MacRoman|\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line);
      if (!m) throw new Error(`unexpected pdffonts line: ${line}`);
      return { name: m[1]!, type: m[2]!, embedded: m[4] === 'yes', subset: m[5] === 'yes' };
    });
  });
}

/** The page rendered by pdftoppm as 8-bit gray, 1 pixel per pt, origin at the CropBox's top-left. */
export function renderGray(bytes: Uint8Array, page: number): { width: number; height: number; at: (x: number, y: number) => number } {
  return withFile(bytes, (file) => {
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', String(page), '-l', String(page), file], { maxBuffer: 64 * 1024 * 1024 });
    // Binary PGM: "P5\n<w> <h>\n255\n<data>"
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'))!;
    const width = Number(header[1]);
    const height = Number(header[2]);
    const data = pgm.subarray(header[0].length);
    return { width, height, at: (x, y) => data[Math.floor(y) * width + Math.floor(x)]! };
  });
}

export interface RealBulletin {
  /** The bulletin as `bulletin build` writes it (RGB, the one red #ff3333). */
  pdf: Uint8Array;
}

/** Builds source/2025-12.md through the real CLI (needs Chromium: fails without it). */
export async function buildRealBulletin(): Promise<RealBulletin> {
  const dir = tmp();
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/bulletin.js'), 'build', join(ROOT, 'source/2025-12.md'), '--out-dir', dir, '--html', '-q'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`building the real bulletin failed (exit ${result.status}):\n${result.stderr}`);
  try {
    const html = readFileSync(join(dir, '2025-12.html'), 'utf8');
    // The CMYK tests rely on the naive RGB form of 0/80/80/0.
    if (!/#ff3333/i.test(html)) throw new Error('the bulletin HTML no longer uses #ff3333; update the CMYK tests');
    return { pdf: new Uint8Array(readFileSync(join(dir, '2025-12.pdf'))) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
