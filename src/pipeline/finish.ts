// The stages after the browser: post-process, print production, the preflight, writing. In their
// own module so that pdf-lib, pdfjs and the preflight load while Chromium lays out, not before it
// has started (renderBuild in build.ts imports this module then).
import { inlineFonts } from '../fonts/prepare.ts';
import { BulletinError, type Diagnostic } from '../diagnostics.ts';
import { documentTitle } from '../html/index.ts';
import type { ParsedBulletin } from '../parse/index.ts';
import type { RenderedPdf } from '../paginate/render.ts';
import { documentDate, finalizePdf, GhostscriptError, PdfxError, printProduction } from '../postprocess/index.ts';
import { conformanceOf } from '../verify/conformance.ts';
import { preflight } from '../verify/preflight.ts';
import type { PrintedText } from '../verify/printed.ts';
import { TOOL_ID } from '../version.ts';
import { mark } from '../trace.ts';
import { distinct, type BuildResult, type PreparedBuild } from './build.ts';
import { writeAtomically } from './output.ts';

export { readPrintedText } from '../verify/printed.ts';
export { loadPdfjs } from '../verify/text.ts';
export { warmUpPdfjs } from '../verify/warm-up.ts';

export async function finishBuild(prepared: PreparedBuild, printed: RenderedPdf, findings: Diagnostic[], forPreflight: ParsedBulletin | undefined, early: PrintedText | undefined): Promise<BuildResult> {
  const { parsed, html, files, pdfPath, htmlPath, bookletPath, options, timings } = prepared;
  const { meta } = parsed;
  const finalized = await timings.timeAsync('postprocess', () =>
    finalizePdf(printed.bytes, {
      title: documentTitle(meta),
      author: meta.issuers.join('、'),
      subject: meta.subject ?? `${meta.publication}（${meta.issue}）`,
      keywords: meta.keywords ?? [meta.organization, meta.publication, meta.issue],
      creator: TOOL_ID,
      lang: 'zh-CN',
      date: documentDate(meta.date),
    }, printed.bookmarks, { pdfa: !options.cmyk && !options.pdfx, fingerprints: early?.fingerprints }),
  );
  const { pdf, imposed } = await timings
    .timeAsync('production', () => printProduction(finalized, { bleed: options.bleed, marks: options.marks, booklet: options.booklet, impose: options.impose, cmyk: options.cmyk, pdfx: options.pdfx }))
    .catch((error: unknown) => {
      // What the print production refuses is a fault of this document, said as one line.
      if (error instanceof PdfxError || error instanceof GhostscriptError) throw new BulletinError([{ file: parsed.source.path, severity: 'error', message: error.message, rule: error instanceof PdfxError ? 'pdfx' : 'ghostscript' }]);
      throw error;
    });
  mark('postprocessed');
  const { facts, problems } = await timings.timeAsync('verify', () =>
    preflight(pdfPath, pdf, { source: parsed.source, parsed: forPreflight, printed: early, mode: options.mode, booklet: options.booklet || !!options.impose, pdfx: !!options.pdfx, pdfa: options.pdfa }),
  );
  // The imposed sheets go to the press too: a PDF/X build checks them as well.
  if (imposed && bookletPath && options.pdfx) problems.push(...(await conformanceOf(bookletPath, imposed, { pdfx: true })).problems);
  if (problems.some((p) => p.severity === 'error')) throw new BulletinError(problems);
  mark('verified');
  writeAtomically(pdfPath, pdf);
  mark('written');
  if (bookletPath && imposed) writeAtomically(bookletPath, imposed);
  // Self-contained, to be opened or printed anywhere.
  if (htmlPath) writeAtomically(htmlPath, inlineFonts(html, files));
  return {
    source: parsed.source.path,
    pdf: pdfPath,
    html: htmlPath,
    booklet: bookletPath,
    pages: facts.pageCount,
    bytes: pdf.length,
    bookmarks: printed.bookmarks,
    folios: facts.articles.map((a) => a.folio),
    warnings: distinct([...findings, ...prepared.warnings, ...problems]),
    timings,
    relaid: printed.relaid,
  };
}
