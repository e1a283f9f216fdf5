// Fonts: every font embedded as a subset, none Type 3, and each one of the configured faces
// (fonts/fonts.json). A font that is none of them means a system fallback reached the page. And, from
// the text itself: characters drawn with a role's fallback face in the text block (warning).
import { existsSync } from 'node:fs';
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import type { Diagnostic } from '../diagnostics.ts';
import { faceFile, loadManifest, ROLES, type FontManifest, type Role } from '../fonts/manifest.ts';
import { pageList } from './boxes.ts';
import { postScriptName } from './sfnt.ts';

export interface PdfFont {
  /** BaseFont as written, with the subset prefix (`BAAAAA+FandolFang-Regular`). */
  name: string;
  /** Type of the font that carries the glyphs (the descendant of a Type0 font). */
  subtype: string;
  embedded: boolean;
  /** Physical pages (1-based) whose resources use it. */
  pages: number[];
  /** The manifest face it is (id), when known. */
  face?: string;
}

export const withoutSubset = (name: string) => name.replace(/^[A-Z]{6}\+/, '');

function lookup(doc: PDFDocument, obj: PDFObject | undefined): PDFObject | undefined {
  return obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
}

const nameOf = (obj: PDFObject | undefined) => (obj ? String(obj).replace(/^\//, '') : '');

function fontInfo(doc: PDFDocument, dict: PDFDict): Omit<PdfFont, 'pages'> {
  const name = nameOf(dict.get(PDFName.of('BaseFont'))) || '(unnamed)';
  const subtype = nameOf(dict.get(PDFName.of('Subtype')));
  let descriptorOwner = dict;
  let kind = subtype;
  if (subtype === 'Type0') {
    const descendants = lookup(doc, dict.get(PDFName.of('DescendantFonts')));
    const cid = descendants instanceof PDFArray ? lookup(doc, descendants.get(0)) : undefined;
    if (cid instanceof PDFDict) {
      descriptorOwner = cid;
      kind = nameOf(cid.get(PDFName.of('Subtype')));
    }
  }
  const descriptor = lookup(doc, descriptorOwner.get(PDFName.of('FontDescriptor')));
  const embedded =
    subtype === 'Type3' || (descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k))));
  return { name, subtype: kind, embedded };
}

/**
 * The name pdfjs gives a font, when the font dict says it plainly: an embedded font (not Type 3)
 * whose descriptor's FontName is its BaseFont (the descendant's, for Type 0). Else undefined.
 */
function plainName(doc: PDFDocument, dict: PDFDict): string | undefined {
  let font = dict;
  const subtype = nameOf(dict.get(PDFName.of('Subtype')));
  if (subtype === 'Type3') return undefined;
  if (subtype === 'Type0') {
    const descendants = lookup(doc, dict.get(PDFName.of('DescendantFonts')));
    const cid = descendants instanceof PDFArray ? lookup(doc, descendants.get(0)) : undefined;
    if (!(cid instanceof PDFDict)) return undefined;
    font = cid;
  }
  const base = lookup(doc, font.get(PDFName.of('BaseFont')));
  const descriptor = lookup(doc, font.get(PDFName.of('FontDescriptor')));
  if (!(base instanceof PDFName) || !(descriptor instanceof PDFDict)) return undefined;
  if (!['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)))) return undefined;
  const fontName = lookup(doc, descriptor.get(PDFName.of('FontName')));
  if (!(fontName instanceof PDFName) || fontName.decodeText() !== base.decodeText()) return undefined;
  return withoutSubset(base.decodeText());
}

/** A font as the text-to-face matching sees it: the pages using it, the name pdfjs gives it when plain. */
export interface FontUse {
  pages: number[];
  name?: string;
}

/** Every font reachable from the pages' resources, form XObjects included; with how each is used. */
export function scanFonts(doc: PDFDocument): { fonts: PdfFont[]; uses: FontUse[] } {
  const fonts = new Map<string, PdfFont>();
  const uses = new Map<string, FontUse>();
  const visitResources = (resources: PDFObject | undefined, page: number, seen: Set<PDFObject>) => {
    const res = lookup(doc, resources);
    if (!(res instanceof PDFDict) || seen.has(res)) return;
    seen.add(res);
    const fontDict = lookup(doc, res.get(PDFName.of('Font')));
    if (fontDict instanceof PDFDict) {
      for (const [, ref] of fontDict.entries()) {
        const key = ref instanceof PDFRef ? ref.toString() : `${page}:${String(ref)}`;
        let font = fonts.get(key);
        if (!font) {
          const dict = lookup(doc, ref);
          if (!(dict instanceof PDFDict)) continue;
          font = { ...fontInfo(doc, dict), pages: [] };
          fonts.set(key, font);
          uses.set(key, { pages: font.pages, name: plainName(doc, dict) });
        }
        if (font.pages.at(-1) !== page) font.pages.push(page);
      }
    }
    const xobjects = lookup(doc, res.get(PDFName.of('XObject')));
    if (xobjects instanceof PDFDict) {
      for (const [, ref] of xobjects.entries()) {
        const xobject = lookup(doc, ref);
        if (xobject instanceof PDFStream && nameOf(xobject.dict.get(PDFName.of('Subtype'))) === 'Form') {
          visitResources(xobject.dict.get(PDFName.of('Resources')), page, seen);
        }
      }
    }
  };
  doc.getPages().forEach((page, i) => {
    const resources = page.node.Resources();
    visitResources(resources, i + 1, new Set());
  });
  return { fonts: [...fonts.values()], uses: [...uses.values()] };
}

export const readFonts = (doc: PDFDocument): PdfFont[] => scanFonts(doc).fonts;

/**
 * pdfjs's text knows each font by a loaded name only; the real name otherwise costs an operator
 * list of a page using it (glyph outlines built for every glyph on it). A loaded name whose pages
 * (`keyPages`: those whose text uses it) are exactly those of one font, and of no other font or
 * loaded name, is that font: its plain name is taken. Loaded names left out are for the caller
 * to resolve the slow way.
 */
export function matchFontNames(keyPages: Map<string, number[]>, uses: FontUse[]): Map<string, string> {
  const signature = (pages: number[]) => [...new Set(pages)].sort((a, b) => a - b).join(',');
  const bySignature = new Map<string, { uses: FontUse[]; keys: string[] }>();
  const entry = (pages: number[]) => {
    const sig = signature(pages);
    let e = bySignature.get(sig);
    if (!e) bySignature.set(sig, (e = { uses: [], keys: [] }));
    return e;
  };
  for (const use of uses) entry(use.pages).uses.push(use);
  for (const [key, pages] of keyPages) entry(pages).keys.push(key);
  const names = new Map<string, string>();
  for (const { uses: matched, keys } of bySignature.values()) {
    const name = matched[0]?.name;
    if (keys.length === 1 && matched.length === 1 && name !== undefined) names.set(keys[0]!, name);
  }
  return names;
}

export interface ConfiguredFaces {
  /** PostScript name → manifest face id. */
  byName: Map<string, string>;
  /** Faces that are only ever a fallback in the roles of the text block (never a role's first face there). */
  fallbackOnly: Set<string>;
  /** Faces whose file could not be read: the font-unknown check is skipped then. */
  unreadable: string[];
}

/**
 * Roles drawn in the page margins (page numbers, running headers): their faces may appear in the
 * margins, not in the text block. Every other role sets the text block.
 */
export const MARGIN_ROLES: readonly Role[] = ['song'];

export function configuredFaces(manifest: FontManifest = loadManifest()): ConfiguredFaces {
  const byName = new Map<string, string>();
  const unreadable: string[] = [];
  for (const [id, face] of Object.entries(manifest.faces)) {
    const file = faceFile(face);
    try {
      if (!existsSync(file)) throw new Error('missing');
      const name = postScriptName(file);
      if (name) byName.set(name, id);
      else unreadable.push(id);
    } catch {
      unreadable.push(id);
    }
  }
  const blockRoles = ROLES.filter((r) => !MARGIN_ROLES.includes(r));
  const first = new Set(blockRoles.map((r) => manifest.roles[r][0]!));
  const fallbackOnly = new Set(blockRoles.flatMap((r) => manifest.roles[r].slice(1)).filter((id) => !first.has(id)));
  return { byName, fallbackOnly, unreadable };
}

export function checkFonts(file: string, fonts: PdfFont[], faces?: ConfiguredFaces): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const error = (message: string, rule: string) => problems.push({ file, severity: 'error', message, rule });
  for (const font of fonts) {
    const where = `(${pageList(font.pages)})`;
    if (font.subtype === 'Type3') error(`font ${font.name} is Type 3 ${where}: a font without TrueType outlines, or a system fallback, reached the page`, 'font-type3');
    else if (!font.embedded) error(`font ${font.name} is not embedded ${where}`, 'font-embedded');
    else if (!/^[A-Z]{6}\+/.test(font.name)) error(`font ${font.name} is embedded whole, not as a subset ${where}`, 'font-subset');
    if (faces && !faces.unreadable.length) {
      const face = faces.byName.get(withoutSubset(font.name));
      if (face) font.face = face;
      else
        error(
          `font ${font.name} ${where} is none of the configured faces (${[...faces.byName.keys()].join(', ')}): a system fallback font reached the page`,
          'font-unknown',
        );
    }
  }
  if (faces?.unreadable.length) {
    problems.push({
      file,
      severity: 'warning',
      rule: 'font-unknown',
      message: `cannot read the font files of ${faces.unreadable.join(', ')} (run npm run setup): fonts not compared with the configured faces`,
    });
  }
  return problems;
}

export interface FallbackGlyph {
  char: string;
  /** PostScript name of the face that drew it. */
  face: string;
  /** PostScript name of the text around it (same line), if any. */
  context?: string;
  page: number;
  folio?: number;
}

export function checkFallbackGlyphs(file: string, glyphs: FallbackGlyph[]): Diagnostic[] {
  const byFace = new Map<string, FallbackGlyph[]>();
  for (const g of glyphs) {
    const list = byFace.get(g.face) ?? [];
    if (!list.some((x) => x.char === g.char)) list.push(g);
    byFace.set(g.face, list);
  }
  return [...byFace.entries()].map(([face, list]) => {
    const shown = list.slice(0, 20).map((g) => {
      const code = `U+${g.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const page = g.folio !== undefined ? `page ${g.page} (— ${g.folio} —)` : `page ${g.page}`;
      return `"${g.char}" ${code} on ${page}${g.context ? ` in ${g.context} text` : ''}`;
    });
    const more = list.length > 20 ? ` and ${list.length - 20} more` : '';
    return {
      file,
      severity: 'warning' as const,
      rule: 'font-fallback',
      message: `${list.length} character${list.length > 1 ? 's' : ''} in the text block drawn with the fallback face ${face} (the role's first face lacks ${list.length > 1 ? 'them' : 'it'}): ${shown.join(', ')}${more}`,
    };
  });
}
