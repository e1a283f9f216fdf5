// CMYK for the print shop: Ghostscript's pdfwrite converts every colour, then a small pass with
// pdf-lib fixes what gs leaves in DeviceGray and restores what gs rewrites (Info, /Lang, /ID).
//
// Why these gs settings (measured with Debian's gs 10.0.0):
// - the default ICC conversion (default_cmyk.icc) turns #000 into rich black 0.72 0.68 0.67 0.88
//   and no -dBlackText/-dBlackVector helps; `-dUseFastColor=true` skips ICC and uses the plain
//   PostScript formula C=1−R, M=1−G, Y=1−B, then black generation and undercolour removal;
// - gs's fast-colour default generates no black at all (#000 → 1 1 1 0 k), so the command sets
//   black generation and undercolour removal to identity: K = min(C,M,Y), subtracted from C, M, Y.
//   Then RGB #ff3333 (1 .2 .2) → 0 .8 .8 0 k exactly, and #000 → K100;
// - pdfwrite writes a converted colour with C=M=Y=0 as DeviceGray (`0 g`), hence the pass below that
//   turns `v g` into `0 0 0 1−v k` (same ink: K only);
// - `-sUCRandBGInfo=Remove` keeps those two functions out of the file (they must not be re-applied);
// - `-dAutoRotatePages=/None`: pdfwrite would otherwise rotate pages it guesses are sideways.
// - gs 10.0.0 misreads `bfrange` entries of ToUnicode CMaps (Chromium writes `<000E> <000F> <3001>`
//   for 、。 and gs wrote both as "1"), so text extraction broke; the input's ranges are expanded
//   into `bfchar` entries first, which gs copies correctly.
// gs keeps fonts as embedded CID TrueType subsets (new random-looking but stable subset tags), the
// outline and the link annotations; it drops the tag structure (StructTreeRoot) and /Lang, and writes
// XMP metadata, a Producer of its own and a random /ID.
import { loadPdf, savePdf } from './pdf-io.ts';
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFObjectCopier, PDFRawStream, PDFRef } from 'pdf-lib';
import { contentStreams, rewriteOperations, operations, type Operation } from './content-stream.ts';
import { saveWithContentId } from './document-id.ts';
import { dropPdfA } from './pdfa.ts';

const run = promisify(execFile);

export interface CmykOptions {
  /** The Ghostscript executable; default: `gs` found on PATH. */
  gs?: string;
  /** Default 120 s. */
  timeoutMs?: number;
}

export class GhostscriptError extends Error {
  override name = 'GhostscriptError';
}

/** Finds `gs` on PATH (or checks an explicit path), with an error that says what to install. */
export function findGhostscript(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = explicit ? [explicit] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'gs'));
  for (const file of candidates) {
    try {
      accessSync(isAbsolute(file) ? file : join(process.cwd(), file), constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  throw new GhostscriptError(
    explicit
      ? `Ghostscript not found at ${explicit}`
      : 'Ghostscript (gs) was not found on PATH; the CMYK build needs it: install Debian\'s "ghostscript" package (npm run setup does)',
  );
}

/** The gs arguments, without the output and input files. */
export const GS_CMYK_ARGS = [
  '-q',
  '-dSAFER',
  '-dBATCH',
  '-dNOPAUSE',
  '-dPDFSTOPONERROR',
  '-sDEVICE=pdfwrite',
  '-sColorConversionStrategy=CMYK',
  '-sProcessColorModel=DeviceCMYK',
  '-dUseFastColor=true',
  '-sUCRandBGInfo=Remove',
  '-dAutoRotatePages=/None',
] as const;
/** PostScript run before the input: identity black generation and undercolour removal. */
export const GS_CMYK_PRELUDE = '{} setblackgeneration {} setundercolorremoval';

/**
 * RGB PDF → CMYK PDF. RGB red must be #ff3333 to come out as 0/80/80/0 (#e60012 gives
 * 0 .902 .831 .094); RGB black becomes `0 0 0 1 k`. Deterministic: SOURCE_DATE_EPOCH is the input's
 * creation date, the input's Info, /Lang and viewer preferences are put back, gs's XMP is dropped
 * (it would contradict the Info) and the /ID is a hash of the content.
 */
export async function toCmyk(bytes: Uint8Array, options: CmykOptions = {}): Promise<Uint8Array> {
  const gs = findGhostscript(options.gs);
  const input = await loadPdf(bytes);
  const forGs = await loadPdf(bytes);
  const expanded = expandToUnicodeRanges(forGs) ? await savePdf(forGs) : bytes;
  const created = input.getCreationDate();
  const epoch = created ? Math.floor(created.getTime() / 1000) : 0;
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-cmyk-'));
  let converted: Uint8Array;
  try {
    writeFileSync(join(dir, 'in.pdf'), expanded);
    try {
      await run(gs, [...GS_CMYK_ARGS, `-sOutputFile=${join(dir, 'out.pdf')}`, '-c', GS_CMYK_PRELUDE, '-f', join(dir, 'in.pdf')], {
        env: { ...process.env, SOURCE_DATE_EPOCH: String(Math.max(0, epoch)) },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      const detail = `${e.stderr ?? ''}${e.stdout ?? ''}`.trim().split('\n').slice(-5).join('\n') || e.message;
      throw new GhostscriptError(`Ghostscript failed converting to CMYK:\n${detail}`);
    }
    converted = new Uint8Array(readFileSync(join(dir, 'out.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const doc = await loadPdf(converted);
  grayToCmyk(doc);
  const left = countColourOperators(doc);
  const rgb = [...left.entries()].filter(([op]) => /\b(rg|RG)$|DeviceRGB/.test(op));
  if (rgb.length) throw new GhostscriptError(`RGB colour operators left after the CMYK conversion: ${rgb.map(([op, n]) => `${op} ×${n}`).join(', ')}`);
  restoreDocumentLevel(input, doc);
  return saveWithContentId(doc);
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

function decoded(doc: PDFDocument, ref: PDFRef): string | undefined {
  const stream = doc.context.lookup(ref);
  return stream instanceof PDFRawStream ? latin1(decodePDFRawStream(stream).decode()) : undefined;
}

const num = (t: { text: string }) => Number(t.text);
const isNumeric = (o: Operation, count: number) => o.operands.length === count && o.operands.every((t) => Number.isFinite(num(t)));
const fmt = (x: number) => String(Math.round(x * 10000) / 10000 + 0);

/**
 * Turns DeviceGray colours into the same ink as DeviceCMYK: `v g` → `0 0 0 1−v k` (stroke alike),
 * `/DeviceGray cs` → `/DeviceCMYK cs` with its `sc`/`scn` values. The fill and stroke spaces are
 * tracked through q/Q so only values in a gray space are touched.
 */
export function grayToCmyk(doc: PDFDocument): number {
  let total = 0;
  for (const group of contentStreams(doc)) {
    let state = { fill: false, stroke: false }; // true: the current space is (converted) gray
    const stack: Array<typeof state> = [];
    for (const ref of group.refs) {
      const text = decoded(doc, ref);
      if (text === undefined) continue;
      const { text: next, changed } = rewriteOperations(text, (o) => {
        const stroke = o.op === o.op.toUpperCase() && o.op !== 'Q';
        switch (o.op) {
          case 'q':
            stack.push({ ...state });
            return undefined;
          case 'Q':
            state = stack.pop() ?? state;
            return undefined;
          case 'g':
          case 'G':
            if (!isNumeric(o, 1)) return undefined;
            state = { ...state, [stroke ? 'stroke' : 'fill']: true };
            return `0 0 0 ${fmt(1 - num(o.operands[0]!))} ${stroke ? 'K' : 'k'}`;
          case 'cs':
          case 'CS': {
            const gray = o.operands[0]?.text === '/DeviceGray';
            state = { ...state, [stroke ? 'stroke' : 'fill']: gray };
            return gray ? `/DeviceCMYK ${o.op}` : undefined;
          }
          case 'rg':
          case 'RG':
          case 'k':
          case 'K':
            state = { ...state, [stroke ? 'stroke' : 'fill']: false };
            return undefined;
          case 'sc':
          case 'scn':
          case 'SC':
          case 'SCN':
            if (!(stroke ? state.stroke : state.fill) || !isNumeric(o, 1)) return undefined;
            return `0 0 0 ${fmt(1 - num(o.operands[0]!))} ${o.op}`;
          default:
            return undefined;
        }
      });
      if (!changed) continue;
      const old = doc.context.lookup(ref) as PDFRawStream;
      const replacement = doc.context.flateStream(Buffer.from(next, 'latin1'));
      for (const [key, value] of old.dict.entries()) {
        if (!['Length', 'Filter', 'DecodeParms'].includes(key.asString().slice(1))) replacement.dict.set(key, value);
      }
      doc.context.assign(ref, replacement);
      total += changed;
    }
  }
  return total;
}

const COLOUR_OPS = new Set(['g', 'G', 'rg', 'RG', 'k', 'K', 'cs', 'CS', 'sc', 'SC', 'scn', 'SCN']);

/** Colour operations in all content streams, normalised (`0 0.8 0.8 0 k`), with counts. */
export function countColourOperators(doc: PDFDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const group of contentStreams(doc)) {
    for (const ref of group.refs) {
      const text = decoded(doc, ref);
      if (text === undefined) continue;
      for (const o of operations(text)) {
        if (!COLOUR_OPS.has(o.op)) continue;
        const key = [...o.operands.map((t) => (Number.isFinite(num(t)) ? fmt(num(t)) : t.text)), o.op].join(' ');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return counts;
}

export async function colourOperators(bytes: Uint8Array): Promise<Map<string, number>> {
  return countColourOperators(await loadPdf(bytes));
}

/** Puts back the document-level facts gs rewrites or drops; drops gs's XMP (it would contradict the Info) and the PDF/A claim. */
function restoreDocumentLevel(input: PDFDocument, doc: PDFDocument): void {
  // gs's XMP and any sRGB (PDF/A) output intent no longer describe a CMYK file.
  dropPdfA(doc);
  const copier = PDFObjectCopier.for(input.context, doc.context);
  const info = input.context.lookup(input.context.trailerInfo.Info);
  if (info instanceof PDFDict) {
    const old = doc.context.trailerInfo.Info;
    if (old instanceof PDFRef) doc.context.delete(old);
    doc.context.trailerInfo.Info = doc.context.register(copier.copy(info));
  }
  for (const key of ['Lang', 'ViewerPreferences']) {
    const value = input.catalog.get(PDFName.of(key));
    if (value !== undefined) doc.catalog.set(PDFName.of(key), copier.copy(value));
  }
}

/** `<0003> <0005> <0030>` → three `bfchar` lines: the destination's last UTF-16 unit counts up. */
export function expandBfRanges(cmap: string): string {
  return cmap.replace(/\d+\s+beginbfrange([\s\S]*?)endbfrange/g, (_, body: string) => {
    const chars: string[] = [];
    const entry = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g;
    for (const m of body.matchAll(entry)) {
      const width = m[1]!.length;
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const dst = m[3]!;
      const list = dst.startsWith('[') ? [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((d) => d[1]!) : undefined;
      for (let code = lo; code <= hi; code++) {
        let target: string;
        if (list) target = list[code - lo] ?? '';
        else {
          const hex = dst.slice(1, -1);
          const last = parseInt(hex.slice(-4), 16) + (code - lo);
          target = hex.slice(0, -4) + last.toString(16).padStart(4, '0');
        }
        if (target) chars.push(`<${code.toString(16).padStart(width, '0')}> <${target}>`);
      }
    }
    const blocks: string[] = [];
    for (let i = 0; i < chars.length; i += 100) {
      const chunk = chars.slice(i, i + 100);
      blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
    }
    return blocks.join('\n');
  });
}

/** Rewrites every font's ToUnicode CMap with bfrange expanded (see expandBfRanges); true if any changed. */
function expandToUnicodeRanges(doc: PDFDocument): boolean {
  let changed = false;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const toUnicode = obj.get(PDFName.of('ToUnicode'));
    if (!(toUnicode instanceof PDFRef)) continue;
    const text = decoded(doc, toUnicode);
    if (text === undefined || !/beginbfrange/.test(text)) continue;
    doc.context.assign(toUnicode, doc.context.flateStream(Buffer.from(expandBfRanges(text), 'latin1')));
    changed = true;
  }
  return changed;
}
