// The verify stage: reads the finished PDF back and checks what a print shop checks first.
// Page boxes must be exact A4, every font embedded, none Type 3 (print shops reject Type 3, and
// Chromium makes them from CFF or variable fonts, or from a system fallback font).
// `verifyPdf` is the first, objects-only check; `preflight` is the full one.
import { loadPdf } from '../postprocess/pdf-io.ts';
import { PDFDict, PDFDocument, PDFName, PDFArray, type PDFObject, PDFRef } from 'pdf-lib';
import type { Diagnostic } from '../diagnostics.ts';
import { A4 } from '../postprocess/index.ts';

export interface PdfFont {
  name: string;
  subtype: string;
  embedded: boolean;
}

export interface PdfFacts {
  pageCount: number;
  boxes: Array<{ media: number[]; trim: number[] }>;
  fonts: PdfFont[];
}

function lookup(doc: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
}

function fontInfo(doc: PDFDocument, dict: PDFDict): PdfFont {
  const name = String(dict.get(PDFName.of('BaseFont')) ?? '(unnamed)').replace(/^\//, '');
  const subtype = String(dict.get(PDFName.of('Subtype'))).replace(/^\//, '');
  let descriptorOwner = dict;
  let kind = subtype;
  if (subtype === 'Type0') {
    const descendants = lookup(doc, dict.get(PDFName.of('DescendantFonts'))) as PDFArray | undefined;
    const cid = descendants && (lookup(doc, descendants.get(0)) as PDFDict);
    if (cid) {
      descriptorOwner = cid;
      kind = String(cid.get(PDFName.of('Subtype'))).replace(/^\//, '');
    }
  }
  const descriptor = lookup(doc, descriptorOwner.get(PDFName.of('FontDescriptor'))) as PDFDict | undefined;
  const embedded = subtype === 'Type3' || !!(descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k))));
  return { name, subtype: kind, embedded };
}

export async function pdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const doc = await loadPdf(bytes);
  const fonts = new Map<string, PdfFont>();
  const boxes = doc.getPages().map((page) => {
    const media = page.getMediaBox();
    const trim = page.getTrimBox();
    const resources = lookup(doc, page.node.get(PDFName.of('Resources'))) as PDFDict | undefined;
    const fontDict = resources && (lookup(doc, resources.get(PDFName.of('Font'))) as PDFDict | undefined);
    for (const [, ref] of fontDict?.entries() ?? []) {
      const key = ref instanceof PDFRef ? ref.toString() : String(ref);
      if (!fonts.has(key)) fonts.set(key, fontInfo(doc, lookup(doc, ref) as PDFDict));
    }
    return { media: [media.x, media.y, media.width, media.height], trim: [trim.x, trim.y, trim.width, trim.height] };
  });
  return { pageCount: boxes.length, boxes, fonts: [...fonts.values()] };
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.01;

export function checkFacts(file: string, facts: PdfFacts): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const error = (message: string, rule: string) => problems.push({ file, severity: 'error', message, rule });
  facts.boxes.forEach((box, i) => {
    const [, , w, h] = box.trim;
    if (!close(w!, A4.width) || !close(h!, A4.height)) error(`page ${i + 1}: trim box is ${w} × ${h} pt, not A4 (${A4.width} × ${A4.height})`, 'page-size');
  });
  for (const font of facts.fonts) {
    if (font.subtype === 'Type3') error(`font ${font.name} is Type 3 (a font without TrueType outlines, or a system fallback, reached the page)`, 'font-type3');
    else if (!font.embedded) error(`font ${font.name} is not embedded`, 'font-embedded');
    else if (!/^[A-Z]{6}\+/.test(font.name)) error(`font ${font.name} is embedded whole, not subset`, 'font-subset');
  }
  return problems;
}

export async function verifyPdf(file: string, bytes: Uint8Array): Promise<{ facts: PdfFacts; problems: Diagnostic[] }> {
  const facts = await pdfFacts(bytes);
  return { facts, problems: checkFacts(file, facts) };
}

// The full preflight (issue 5 item 6): boxes, fonts, 目录 numbers and links, page numbers,
// bookmarks, nothing lost, booklet page count. See preflight.ts.
export { preflight, type PreflightFacts, type PreflightOptions, type PreflightResult } from './preflight.ts';
export { summarize } from './report.ts';
export { configuredFaces, type ConfiguredFaces } from './fonts.ts';
export { loadPdfjs } from './text.ts';
