// Every glyph a PDF draws, with where it stands and how far its pen moved: read from the content
// streams' text operators (pdfjs's operator list), not from the merged text runs, so that a
// compressed mark or a drifting pitch shows glyph by glyph.
import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Glyph {
  ch: string;
  /** Left edge, pt from the page's left. */
  x: number;
  /** Baseline, pt from the page top. */
  top: number;
  /** Font size in pt. */
  size: number;
  /** Advance of the pen after this glyph, pt (spacing adjustments before the next glyph included). */
  advance: number;
  font: string;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

interface RawGlyph {
  unicode: string;
  width: number;
}

/** The face's name without its subset tag (FandolFang-Regular), or the object id if unknown. */
function fontName(page: { commonObjs: { get(id: string): unknown } }, id: string): string {
  try {
    const font = page.commonObjs.get(id) as { name?: string };
    return (font.name ?? id).replace(/^[A-Z]{6}\+/, '');
  } catch {
    return id;
  }
}

/** The glyphs of each page, in drawing order. */
export async function readGlyphs(path: string): Promise<Glyph[][]> {
  const data = new Uint8Array(readFileSync(path));
  const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: Glyph[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const height = (page.view as number[])[3]!;
    const list = await page.getOperatorList();
    const out: Glyph[] = [];
    let ctm: Matrix = IDENTITY;
    const stack: Matrix[] = [];
    let tm: Matrix = IDENTITY;
    let lm: Matrix = IDENTITY;
    let size = 0;
    let font = '';
    let charSpacing = 0;
    let wordSpacing = 0;
    let hscale = 1;
    let leading = 0;
    for (let i = 0; i < list.fnArray.length; i++) {
      const op = list.fnArray[i];
      const args = list.argsArray[i] as unknown[];
      switch (op) {
        case OPS.save:
          stack.push(ctm);
          break;
        case OPS.restore:
          ctm = stack.pop() ?? IDENTITY;
          break;
        case OPS.transform:
          ctm = multiply(Array.from(args as ArrayLike<number>) as Matrix, ctm);
          break;
        case OPS.beginText:
          tm = lm = IDENTITY;
          break;
        case OPS.setFont:
          font = fontName(page, String(args[0]));
          size = args[1] as number;
          break;
        case OPS.setCharSpacing:
          charSpacing = args[0] as number;
          break;
        case OPS.setWordSpacing:
          wordSpacing = args[0] as number;
          break;
        case OPS.setHScale:
          hscale = (args[0] as number) / 100;
          break;
        case OPS.setLeading:
          leading = args[0] as number;
          break;
        case OPS.setTextMatrix:
          tm = lm = Array.from((args.length === 1 ? args[0] : args) as ArrayLike<number>) as Matrix;
          break;
        case OPS.moveText:
        case OPS.setLeadingMoveText: {
          const [tx, ty] = args as [number, number];
          if (op === OPS.setLeadingMoveText) leading = -ty;
          tm = lm = multiply([1, 0, 0, 1, tx, ty], lm);
          break;
        }
        case OPS.nextLine:
          tm = lm = multiply([1, 0, 0, 1, 0, -leading], lm);
          break;
        case OPS.showText:
        case OPS.showSpacedText: {
          const items = args[0] as Array<RawGlyph | number | null>;
          for (const item of items) {
            if (item === null) continue;
            if (typeof item === 'number') {
              const shift = (-item / 1000) * size * hscale;
              tm = multiply([1, 0, 0, 1, shift, 0], tm);
              const last = out.at(-1);
              if (last) last.advance += shift * Math.hypot(ctm[0], ctm[1]);
              continue;
            }
            const m = multiply(tm, ctm);
            const scale = Math.hypot(m[0], m[1]);
            const advance = ((item.width / 1000) * size + charSpacing + (item.unicode === ' ' ? wordSpacing : 0)) * hscale;
            out.push({ ch: item.unicode, x: m[4], top: height - m[5], size: size * scale, advance: advance * scale, font });
            tm = multiply([1, 0, 0, 1, advance, 0], tm);
          }
          break;
        }
        default:
          break;
      }
    }
    pages.push(out);
  }
  await doc.destroy();
  return pages;
}

/** Glyphs grouped into lines by baseline, each line left to right. */
export function glyphLines(glyphs: Glyph[]): Glyph[][] {
  const sorted = [...glyphs].filter((g) => g.ch.trim()).sort((a, b) => a.top - b.top || a.x - b.x);
  const out: Glyph[][] = [];
  for (const g of sorted) {
    const last = out.at(-1);
    if (last && Math.abs(last[0]!.top - g.top) < 2) last.push(g);
    else out.push([g]);
  }
  return out;
}
