// The preflight: everything `bulletin verify` checks, on one PDF read once with pdf-lib (objects:
// boxes, fonts) and once with pdfjs (text, links, outline). Run after every build and by
// `bulletin verify`.
import { mark } from '../trace.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { parseBulletin, type ParsedBulletin } from '../parse/index.ts';
import { articleTitle } from '../transform/articles.ts';
import { A4, pageFingerprints } from '../postprocess/index.ts';
import { loadPdf } from '../postprocess/pdf-io.ts';
import type { PrintedText } from './printed.ts';
import { checkBlock } from './block.ts';
import { checkBoxes, readBoxes, type Box } from './boxes.ts';
import { checkConformance, type ConformanceFacts } from './conformance.ts';
import { checkContent, bodyText, sourceBlocks, type ContentFacts } from './content.ts';
import { checkFallbackGlyphs, checkFonts, configuredFaces, matchFontNames, scanFonts, type ConfiguredFaces, type FallbackGlyph, type PdfFont } from './fonts.ts';
import { checkOutline, readOutline, type OutlineItem } from './outline.ts';
import { checkFolios, pageModels, type FolioFacts, type PageModel } from './pages.ts';
import { fetchText, fontNames, fontPages, openPdf, pdfPages, placeText } from './text.ts';
import { checkToc, checkTocLinks, linksPrintable, locateArticles, readToc, type ArticleLocation, type TocFact } from './toc.ts';

export interface PreflightOptions {
  /** The Markdown the PDF was built from: enables the nothing-lost check and source titles. */
  source?: { path: string; text: string };
  /**
   * That source already parsed by the caller (the build parses a fresh copy while the browser lays
   * out): an untransformed tree of exactly `source`.
   */
  parsed?: ParsedBulletin;
  /** The PDF is to be printed as a booklet: its page count must be a multiple of 4. */
  booklet?: boolean;
  /** `print` (default): page 1 is a right-hand page, odd numbers on odd physical pages. */
  mode?: 'print' | 'screen';
  /** The configured faces; default read from fonts/fonts.json and the font files. */
  faces?: ConfiguredFaces;
  /** Check PDF/X-1a:2001 (and PDF/A-2b) even when the file does not claim it. */
  pdfx?: boolean;
  pdfa?: boolean;
  /**
   * The text of the pages this file was made from, read while it was post-processed (printed.ts):
   * used instead of this file's own, which its pages' fingerprints must then match.
   */
  printed?: PrintedText;
}

export interface PreflightFacts {
  pageCount: number;
  /** Trim size of the first page (pt). */
  trimSize?: { width: number; height: number };
  /** Distinct media boxes (pt, [x y w h]). */
  mediaBoxes: Box[];
  fonts: PdfFont[];
  pages: FolioFacts;
  toc?: { pages: number[]; entries: TocFact[] };
  articles: ArticleLocation[];
  outline: OutlineItem[];
  content?: ContentFacts;
  conformance: ConformanceFacts;
  /** Wall time of the preflight (ms). */
  ms: number;
}

export interface PreflightResult {
  facts: PreflightFacts;
  problems: Diagnostic[];
}

let defaultFaces: ConfiguredFaces | undefined;

/** Characters in the text block drawn with a face that is only ever a role's fallback. */
function fallbackGlyphs(models: PageModel[], faces: ConfiguredFaces): FallbackGlyph[] {
  const names = new Set([...faces.byName].filter(([, id]) => faces.fallbackOnly.has(id)).map(([name]) => name));
  const glyphs: FallbackGlyph[] = [];
  if (!names.size) return glyphs;
  for (const page of models) {
    for (const line of page.body) {
      line.forEach((item, i) => {
        if (!names.has(item.font)) return;
        const context = [line[i - 1], line[i + 1]].find((n) => n && n.font && !names.has(n.font))?.font;
        for (const char of item.str.replace(/\s+/g, '')) glyphs.push({ char, face: item.font, context, page: page.number, folio: page.folio });
      });
    }
  }
  return glyphs;
}

export async function preflight(file: string, bytes: Uint8Array, options: PreflightOptions = {}): Promise<PreflightResult> {
  const started = performance.now();
  // pdfjs first: its thread reads the text and the outline while this one parses the source and
  // the PDF's objects.
  // The text: read from the printed pages while they were post-processed, or from this file now.
  const printed = options.printed;
  // With the printed pages' text still being read on pdfjs's first thread, this file goes to a
  // second one.
  const opening = openPdf(bytes, printed ? 1 : 0);
  const pages = printed ? printed.pages : opening.then(({ pdf }) => pdfPages(pdf));
  const reading = Promise.all([printed ? printed.raw : pages.then(fetchText), opening.then(({ pdf }) => readOutline(pdf))]);
  reading.catch(() => undefined);
  try {
    // Its requests leave before this thread gets busy (a failure shows when its results are due).
    await Promise.race([pages, opening.then(({ lost }) => lost)]).catch(() => undefined);
    const parsed = options.source ? (options.parsed?.source.text === options.source.text ? options.parsed : parseBulletin(options.source)) : undefined;
    const doc = await loadPdf(bytes);
    // The objects are checked before this file is open in pdfjs: its thread may still be reading
    // the printed pages' text, and this one would only wait (a failure to open shows as `lost`).
    const openedLost = opening.then(({ lost }) => lost);
    const lost = printed ? Promise.race([openedLost, printed.lost]) : openedLost;
    lost.catch(() => undefined);

    const problems: Diagnostic[] = [];
    const error = (message: string, rule: string) => problems.push({ file, severity: 'error', message, rule });

    // The text read from the printed pages is this file's only if its pages draw what they drew.
    if (printed) {
      const now = pageFingerprints(doc);
      const changed = now.flatMap((print, i) => (print === printed.fingerprints[i] ? [] : [i + 1]));
      if (changed.length || now.length !== printed.fingerprints.length) {
        error(`post-processing changed what ${changed.length ? `page${changed.length > 1 ? 's' : ''} ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ' …' : ''} draw${changed.length > 1 ? '' : 's'}` : 'the pages draw'} (${printed.fingerprints.length} pages printed, ${now.length} written): the text checks below read the printed pages`, 'post-process-changed');
      }
    }

    // Objects: boxes and fonts.
    const boxes = readBoxes(doc);
    problems.push(...checkBoxes(file, boxes));
    const { fonts, uses } = scanFonts(doc);
    const faces = options.faces ?? (defaultFaces ??= configuredFaces());
    problems.push(...checkFonts(file, fonts, faces));
    const conformance = checkConformance(file, bytes, doc, { pdfx: options.pdfx, pdfa: options.pdfa });
    problems.push(...conformance.problems);
    // PDF/X allows no annotation inside the bleed: its 目录 carries no links.
    const pdfx = conformance.facts.checked.some((s) => s.startsWith('PDF/X'));
    const sourceTitles = parsed?.tree.children.flatMap((n) => (n.type === 'heading' && n.depth === 1 ? [articleTitle(n)] : []));
    const blocks = parsed && sourceBlocks(parsed.tree);

    mark('objectsChecked');
    // Text, page by page, positions relative to the trim box.
    const trims = boxes.map((b) => b.trim);
    const [raw, outline] = await Promise.race([reading, lost]);
    mark('textAndOutline');
    // The faces' names from the PDF's font dicts where the text's fonts match them unmistakably.
    const names = await Promise.race([fontNames(await pages, raw, matchFontNames(fontPages(raw), uses)), lost]);
    const models = pageModels(placeText(raw, trims, names));
    problems.push(...checkFallbackGlyphs(file, fallbackGlyphs(models, faces)));
    problems.push(...checkBlock(file, models));

    // The 目录 and where the articles start.
    const toc = readToc(models);
    if (!toc) error('no 目录 found on the pages before the first numbered page', 'toc-missing');
    else if (!toc.entries.length) error(`the 目录 (page ${toc.pages[0]}) has no entries`, 'toc-missing');
    const tocEnd = toc ? toc.pages.at(-1)! : 0;
    const titles = sourceTitles ?? (toc?.entries.length ? toc.entries.map((e) => e.title) : outline.map((o) => o.title));
    const articles = locateArticles(models, titles, tocEnd);

    // Body pages start where the first article does; failing that, at the first numbered page.
    let bodyStart = articles[0]?.page !== undefined ? articles[0].page - 1 : models.findIndex((m, i) => i >= tocEnd && m.folio !== undefined);
    if (bodyStart < 0) bodyStart = Math.min(tocEnd, models.length);
    const folios = checkFolios(file, models, bodyStart, (options.mode ?? 'print') === 'print');
    problems.push(...folios.problems);

    let tocFacts: TocFact[] = [];
    if (toc?.entries.length) {
      const checked = checkToc(file, toc, articles, !!sourceTitles);
      tocFacts = checked.facts;
      problems.push(...checked.problems);
      if (!pdfx) problems.push(...(await Promise.race([opening.then(({ pdf }) => checkTocLinks(file, pdf, toc, tocFacts, trims, (page) => linksPrintable(doc, page - 1))), lost])));
    }
    mark('tocChecked');
    problems.push(...checkOutline(file, outline, articles));

    let content: ContentFacts | undefined;
    if (parsed && blocks) {
      const checked = checkContent(bodyText(models, bodyStart), blocks, parsed.source.path);
      content = checked.facts;
      problems.push(...checked.problems);
    }

    const pageCount = doc.getPageCount();
    if (pageCount === 0) error('the PDF has no pages', 'page-count');
    else if (options.booklet && pageCount % 4 !== 0) {
      error(`${pageCount} pages: a booklet needs a multiple of 4 (${pageCount + 4 - (pageCount % 4)} pages, ${4 - (pageCount % 4)} blank pages more)`, 'page-count');
    }

    const mediaBoxes: Box[] = [];
    for (const b of boxes) if (!mediaBoxes.some((m) => m.every((v, i) => v === b.media[i]))) mediaBoxes.push(b.media);
    const first = boxes[0];
    const facts: PreflightFacts = {
      pageCount,
      trimSize: first ? { width: first.trim[2], height: first.trim[3] } : undefined,
      mediaBoxes,
      fonts,
      pages: folios.facts,
      toc: toc ? { pages: toc.pages, entries: tocFacts } : undefined,
      articles,
      outline,
      content,
      conformance: conformance.facts,
      ms: 0,
    };
    facts.ms = Math.round(performance.now() - started);
    return { facts, problems };
  } finally {
    await opening.then(({ close }) => close(), () => undefined);
  }
}

export const isA4 = (size?: { width: number; height: number }) => !!size && Math.abs(size.width - A4.width) <= 0.01 && Math.abs(size.height - A4.height) <= 0.01;
