// The build pipeline for one bulletin: read → parse → transform → HTML (with subset fonts) →
// paginate (the checker runs meanwhile; its errors stop the build) → post-process → print
// production → verify → write. Outputs are written to a
// temporary file and renamed into place, so a failed build never leaves a half-written PDF or
// replaces a good one.
import { basename, dirname, extname, join, resolve } from 'node:path';
import { toString as hastToString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import { checkSource } from '../check/index.ts';
import { BulletinError, type Diagnostic } from '../diagnostics.ts';
import { loadManifest } from '../fonts/manifest.ts';
import { prepareFonts, type FontFile, type PreparedFonts } from '../fonts/prepare.ts';
import type { FontManifest } from '../fonts/manifest.ts';
import { articlesToHast, bulletinDocument, documentTitle, loadStylesheet, runningHeader, stringifyHtml, type OutputMode } from '../html/index.ts';
import { parseBulletin, readSourceFile, type ParsedBulletin } from '../parse/index.ts';
import { encodingWarning } from '../parse/source-file.ts';
import type { Bookmark, Renderer } from '../paginate/render.ts';
import type { MarkKind, SheetSize } from '../postprocess/index.ts';
import type { OutputIntent } from '../postprocess/output-intent.ts';
import { transformBulletin } from '../transform/index.ts';
import { TOOL_ID } from '../version.ts';
import { ensureWritableDir } from './output.ts';
import { Timings } from './timings.ts';
import { mark } from '../trace.ts';

export { ensureWritableDir, writeAtomically } from './output.ts';

export interface BuildOptions {
  /** Output PDF path; default `<outDir>/<name>.pdf`. */
  outFile?: string;
  outDir: string;
  /** Also write the HTML handed to Paged.js beside the PDF. */
  html: boolean;
  mode: OutputMode;
  /** Bleed on each side, pt (0: none). */
  bleed?: number;
  marks?: MarkKind;
  /** Pad to a multiple of 4 pages for saddle stitching. */
  booklet?: boolean;
  /** Also write `<name>.booklet.pdf`: the pages imposed two-up on these sheets. */
  impose?: SheetSize;
  cmyk?: boolean;
  /** PDF/X-1a:2001 for this output intent (implies cmyk). */
  pdfx?: OutputIntent;
  /** PDF/A-2b was asked for: checked even if it were not claimed (RGB builds are PDF/A-2b anyway). */
  pdfa?: boolean;
}

export interface BuildResult {
  source: string;
  pdf: string;
  html?: string;
  booklet?: string;
  pages: number;
  bytes: number;
  /** Where each article's title stands in the PDF (the site links to these pages). */
  bookmarks: Bookmark[];
  /** The page number printed where each article starts, as the preflight read it (the 目录's numbers). */
  folios: Array<number | undefined>;
  warnings: Diagnostic[];
  timings: Timings;
  /** Articles laid out again in the page of the last build (watch); undefined: laid out whole. */
  relaid?: number;
}

export function vfileDiagnostics(file: VFile): Diagnostic[] {
  return file.messages.map((m) => ({
    file: file.path,
    line: m.line ?? undefined,
    column: m.column ?? undefined,
    severity: m.fatal ? 'error' : 'warning',
    message: m.reason,
    rule: m.ruleId ?? undefined,
  }));
}

/** What a long-running caller (watch, preview) may keep between builds; every field optional. */
export interface BuildCache {
  /** Replaces prepareFonts, e.g. with one that reuses the subsets of an unchanged character set. */
  fonts?: (manifest: FontManifest, text: string) => Promise<PreparedFonts>;
}

/**
 * Source text → the HTML document handed to Paged.js, the subset font files it names by relative
 * URL, and the warnings met on the way.
 */
export async function bulletinHtml(parsed: ParsedBulletin, mode: OutputMode, cache: BuildCache = {}): Promise<{ html: string; files: FontFile[]; warnings: Diagnostic[] }> {
  const file = new VFile({ path: parsed.source.path, value: parsed.source.text });
  const tree = await transformBulletin(parsed.tree, file, { rawHtml: parsed.meta.raw_html });
  const diagnostics = vfileDiagnostics(file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new BulletinError(errors);

  const body = await articlesToHast(tree);
  // Every character that can reach the page: text, masthead, running header, stylesheet strings.
  const { meta } = parsed;
  const styleStrings = [...loadStylesheet().matchAll(/"([^"]*)"/g)].map((m) => m[1]).join('');
  const bodyText = hastToString(body);
  // "…" ends a running header cut short (src/linebreak), which is an attribute, not text.
  const text = [bodyText, documentTitle(meta), runningHeader(meta), meta.issuers.join(''), meta.date, meta.issue, '目　录（）— 0123456789…', styleStrings].join('');
  const fonts = await (cache.fonts ?? prepareFonts)(loadManifest(), text);
  if (fonts.missing.length) {
    throw new BulletinError(
      fonts.missing.map((ch) => {
        const at = locate(parsed.source.text, ch);
        const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        return { file: parsed.source.path, ...at, severity: 'error' as const, message: `no configured font can draw "${ch}" (${code})`, rule: 'missing-glyph' };
      }),
    );
  }
  const doc = bulletinDocument(body, { meta, mode, fontCss: fonts.css, generator: TOOL_ID, textLength: bodyText.length });
  return { html: stringifyHtml(doc), files: fonts.files, warnings: diagnostics };
}

function locate(text: string, ch: string): { line?: number; column?: number } {
  const index = text.indexOf(ch);
  if (index < 0) return {};
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** Warnings met twice (the checker and the transform both see some things) are reported once. */
export function distinct(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface PreparedBuild {
  parsed: ParsedBulletin;
  /** The document and its font files (given to the page as files: Chromium parses a page with 3 MB
   * of base64 fonts about a second slower than one with five font files beside it). */
  html: string;
  files: FontFile[];
  warnings: Diagnostic[];
  /**
   * The checker, run by renderBuild while Chromium lays out (its seconds on a long issue would
   * otherwise come before the layout); throws its errors, so nothing is written.
   */
  check: () => Diagnostic[];
  pdfPath: string;
  htmlPath?: string;
  bookletPath?: string;
  options: BuildOptions;
  timings: Timings;
}

/** Everything before the browser: a source that does not make a document fails here. */
export async function prepareBuild(sourcePath: string, options: BuildOptions, cache: BuildCache = {}): Promise<PreparedBuild> {
  const timings = new Timings();
  const source = timings.time('read', () => readSourceFile(sourcePath));
  // An empty file is one problem, not a list of everything it lacks.
  if (!source.text.trim()) parseBulletin(source);
  // The checker's messages are the ones a secretary also gets from `bulletin check`.
  const check = () => {
    const findings = timings.time('check', () => checkSource(source.path, source.text));
    const errors = findings.filter((d) => d.severity === 'error');
    if (errors.length) throw new BulletinError(errors);
    return findings;
  };
  let parsed: ParsedBulletin;
  let made: Awaited<ReturnType<typeof bulletinHtml>>;
  try {
    parsed = timings.time('parse', () => parseBulletin(source));
    made = await timings.timeAsync('html', () => bulletinHtml(parsed, options.mode, cache));
  } catch (error) {
    // A source that does not make a document: the checker's errors, when it has any, say why best.
    check();
    throw error;
  }
  const { html, files, warnings } = made;
  const encoding = encodingWarning(source);
  const name = basename(sourcePath, extname(sourcePath));
  const pdfPath = resolve(options.outFile ?? join(options.outDir, `${name}.pdf`));
  ensureWritableDir(dirname(pdfPath), sourcePath);
  const stem = pdfPath.replace(/\.pdf$/i, '');
  return {
    parsed,
    html,
    files,
    warnings: distinct([...(encoding ? [encoding] : []), ...warnings]),
    check,
    pdfPath,
    htmlPath: options.html ? `${stem}.html` : undefined,
    bookletPath: options.impose ? `${stem}.booklet.pdf` : undefined,
    options,
    timings,
  };
}

export interface RenderHooks {
  /** Called once the PDF has come back from the browser (the caller may stop it if it is done). */
  onPrinted?: () => void;
}

export async function renderBuild(prepared: PreparedBuild, renderer: Renderer, hooks: RenderHooks = {}): Promise<BuildResult> {
  const { parsed, html, files, options, timings } = prepared;
  // Everything the page shows is inside the HTML (styles, images as data: URLs) or one of the
  // font files, written beside it in the page's own folder: it may read nothing else.
  let onLayout!: () => void;
  const layingOut = new Promise<void>((resolve) => (onLayout = resolve));
  const rendering = renderer.pdf({ html, files, onLayout }).catch((error: unknown) => {
    // The renderer knows no source file: name it.
    if (error instanceof BulletinError) throw new BulletinError(error.diagnostics.map((d) => ({ ...d, file: d.file === 'bulletin' ? parsed.source.path : d.file })));
    throw error;
  });
  // Node's own work waits until Chromium has the document: opening the page takes messages to and
  // fro, and each would wait for this thread. Then the stages after the browser load (pdf-lib, the
  // preflight and its pdfjs: about 0.3 s of Node's time, none of it needed before) and the checker
  // runs while Chromium lays out.
  await Promise.race([layingOut, rendering.then(() => undefined, () => undefined)]);
  // Two pdfjs threads when the preflight will read the printed pages' text (see below and preflight.ts).
  const plain = !options.bleed && !options.marks && !options.booklet && !options.impose && !options.cmyk && !options.pdfx;
  const finishing = import('./finish.ts');
  finishing
    .then(async ({ loadPdfjs, warmUpPdfjs }) => {
      await loadPdfjs(plain ? 2 : 1);
      await warmUpPdfjs();
    })
    .catch(() => undefined);
  let findings: Diagnostic[];
  // The preflight compares the PDF with the source's own tree; the build's copy has been through the
  // transform, so a fresh one is parsed here, while Chromium lays out.
  let forPreflight: ParsedBulletin | undefined;
  try {
    findings = prepared.check();
    forPreflight = parseBulletin(parsed.source);
  } catch (error) {
    // Said at once; the page finishes in the background and is closed by the renderer, and
    // nothing is written.
    rendering.catch(() => undefined);
    throw error;
  }
  mark('checked');
  const printed = await rendering;
  hooks.onPrinted?.();
  mark('printed');
  timings.add('page', printed.pageMs);
  timings.add('load', printed.loadMs);
  timings.add('fontLoad', printed.fontMs);
  timings.add('layout', printed.layoutMs);
  timings.add('print', printed.printMs);
  // Without print production the pages go out as Chromium drew them: pdfjs reads their text now,
  // on its thread, while pdf-lib post-processes them here; the preflight holds the written file to
  // them by their fingerprints (postprocess/fingerprint.ts).
  const { finishBuild, readPrintedText } = await finishing;
  const early = plain ? readPrintedText(printed.bytes) : undefined;
  // Its requests for the pages' text leave before this thread gets busy with pdf-lib.
  await early?.pages.catch(() => undefined);
  try {
    return await finishBuild(prepared, printed, findings, forPreflight, early);
  } finally {
    await early?.close();
  }
}
