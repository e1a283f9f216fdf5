// The build pipeline for one bulletin: read → parse → transform → HTML (with subset fonts) →
// paginate → post-process → verify → write. Outputs are written to a temporary file and renamed
// into place, so a failed build never leaves a half-written PDF or replaces a good one.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { toString as hastToString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import { BulletinError, type Diagnostic } from '../diagnostics.ts';
import { loadManifest } from '../fonts/manifest.ts';
import { prepareFonts } from '../fonts/prepare.ts';
import { articlesToHast, bulletinDocument, documentTitle, loadStylesheet, runningHeader, stringifyHtml, type OutputMode } from '../html/index.ts';
import { parseBulletin, readSourceFile, type ParsedBulletin } from '../parse/index.ts';
import type { Renderer } from '../paginate/render.ts';
import { documentDate, finalizePdf } from '../postprocess/index.ts';
import { transformBulletin } from '../transform/index.ts';
import { verifyPdf } from '../verify/index.ts';
import { TOOL_ID } from '../version.ts';

export interface BuildOptions {
  /** Output PDF path; default `<outDir>/<name>.pdf`. */
  outFile?: string;
  outDir: string;
  /** Also write the HTML handed to Paged.js beside the PDF. */
  html: boolean;
  mode: OutputMode;
}

export interface BuildResult {
  source: string;
  pdf: string;
  html?: string;
  pages: number;
  bytes: number;
  warnings: Diagnostic[];
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

/** Source text → the HTML document handed to Paged.js, plus the warnings met on the way. */
export async function bulletinHtml(parsed: ParsedBulletin, mode: OutputMode): Promise<{ html: string; warnings: Diagnostic[] }> {
  const file = new VFile({ path: parsed.source.path, value: parsed.source.text });
  const tree = await transformBulletin(parsed.tree, file);
  const diagnostics = vfileDiagnostics(file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new BulletinError(errors);

  const body = await articlesToHast(tree);
  // Every character that can reach the page: text, masthead, running header, stylesheet strings.
  const { meta } = parsed;
  const styleStrings = [...loadStylesheet().matchAll(/"([^"]*)"/g)].map((m) => m[1]).join('');
  const text = [hastToString(body), documentTitle(meta), runningHeader(meta), meta.issuers.join(''), meta.date, meta.issue, '目　录（）— 0123456789', styleStrings].join('');
  const fonts = await prepareFonts(loadManifest(), text);
  if (fonts.missing.length) {
    throw new BulletinError(
      fonts.missing.map((ch) => {
        const at = locate(parsed.source.text, ch);
        const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        return { file: parsed.source.path, ...at, severity: 'error' as const, message: `no configured font can draw "${ch}" (${code})`, rule: 'missing-glyph' };
      }),
    );
  }
  const doc = bulletinDocument(body, { meta, mode, fontCss: fonts.css, generator: TOOL_ID });
  return { html: stringifyHtml(doc), warnings: diagnostics };
}

function locate(text: string, ch: string): { line?: number; column?: number } {
  const index = text.indexOf(ch);
  if (index < 0) return {};
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** Writes next to the target and renames: readers never see a partial file. */
export function writeAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export interface PreparedBuild {
  parsed: ParsedBulletin;
  html: string;
  warnings: Diagnostic[];
  pdfPath: string;
  htmlPath?: string;
}

/** Everything before the browser: a bad source fails here, without starting Chromium. */
export async function prepareBuild(sourcePath: string, options: BuildOptions): Promise<PreparedBuild> {
  const parsed = parseBulletin(readSourceFile(sourcePath));
  const { html, warnings } = await bulletinHtml(parsed, options.mode);
  const name = basename(sourcePath, extname(sourcePath));
  const pdfPath = resolve(options.outFile ?? join(options.outDir, `${name}.pdf`));
  return { parsed, html, warnings, pdfPath, htmlPath: options.html ? pdfPath.replace(/\.pdf$/i, '') + '.html' : undefined };
}

export async function renderBuild(prepared: PreparedBuild, renderer: Renderer): Promise<BuildResult> {
  const { parsed, html, pdfPath, htmlPath } = prepared;
  const workDir = mkdtempSync(join(tmpdir(), 'bulletin-build-'));
  try {
    const htmlFile = join(workDir, 'bulletin.html');
    writeFileSync(htmlFile, html);
    const printed = await renderer.pdf(htmlFile, [dirname(resolve(parsed.source.path))]);
    const { meta } = parsed;
    const pdf = await finalizePdf(printed, {
      title: documentTitle(meta),
      author: meta.issuers.join('、'),
      subject: meta.subject ?? `${meta.publication}（${meta.issue}）`,
      keywords: meta.keywords ?? [meta.organization, meta.publication, meta.issue],
      creator: TOOL_ID,
      lang: 'zh-CN',
      date: documentDate(meta.date),
    });
    const { facts, problems } = await verifyPdf(pdfPath, pdf);
    if (problems.length) throw new BulletinError(problems);
    writeAtomically(pdfPath, pdf);
    if (htmlPath) writeAtomically(htmlPath, html);
    return { source: parsed.source.path, pdf: pdfPath, html: htmlPath, pages: facts.pageCount, bytes: pdf.length, warnings: prepared.warnings };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
