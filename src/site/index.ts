// The site stage: sources → a static archive of every issue. Its chain: load each issue (the same
// transformed tree the PDF is made from) → build its print and screen PDFs with the pipeline (one
// browser) → cover thumbnails → pages, search index, fonts → one folder, swapped into place whole,
// so a failed run leaves the previous site as it was.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { toString as hastToString } from 'hast-util-to-string';
import { onCleanup } from '../cleanup.ts';
import { BulletinError } from '../diagnostics.ts';
import type { BrowserProcess } from '../paginate/browser-process.ts';
import { Renderer } from '../paginate/render.ts';
import { stringifyHtml } from '../html/index.ts';
import { siteAssets, scriptText } from './assets.ts';
import { coverThumbnail } from './cover.ts';
import { loadIssue, sortIssues, type SiteIssue } from './issue.ts';
import { articleFile, articlePage, indexPage, issueDir, issuePage, searchPage, type Brand, type IssueFiles, type SitePage } from './pages.ts';
import { buildPdfs, type PdfJob } from './pdfs.ts';
import { searchIndexScript, type SearchDoc } from './search-index.ts';
import type { BuildResult } from '../pipeline/build.ts';
import { Timings } from '../pipeline/timings.ts';

/** A folder `site` made: replaced whole by the next run; any other non-empty folder is refused. */
const MARKER = '.bulletin-site';

export interface SiteOptions {
  outDir: string;
  timeoutMs: number;
  /** Wall time of the site's own steps is added here (`bulletin site --timings`). */
  timings?: Timings;
  /** A browser the caller started early (else one is started here). */
  browser?: BrowserProcess;
  onPdf?: (job: PdfJob, result: BuildResult) => void;
}

export interface SiteResult {
  outDir: string;
  issues: number;
  articles: number;
  files: number;
  warnings: BuildResult['warnings'];
}

function checkOutDir(outDir: string): void {
  if (!existsSync(outDir)) return;
  const entries = readdirSync(outDir);
  if (entries.length && !entries.includes(MARKER)) {
    throw new BulletinError({ file: outDir, severity: 'error', message: `the folder is not empty and was not made by \`bulletin site\`: choose an empty or new folder (it is replaced whole)` });
  }
}

export async function buildSite(sources: string[], options: SiteOptions): Promise<SiteResult> {
  const outDir = resolve(options.outDir);
  checkOutDir(outDir);
  // One browser for every PDF, started first: it comes up while the sources are read.
  const launching = Renderer.launch({ timeoutMs: options.timeoutMs, warm: true }, options.browser);
  launching.catch(() => undefined);
  try {
    const timings = options.timings ?? new Timings();
    const issues = sortIssues(await timings.timeAsync('issues', () => Promise.all(sources.map(loadIssue))));
    return await writeSite(issues, outDir, await launching, options);
  } finally {
    await (await launching.catch(() => undefined))?.close();
  }
}

const noop = () => undefined;

function sitePages(brand: Brand, all: IssueFiles[]): SitePage[] {
  return [indexPage(brand, all), searchPage(brand), ...all.flatMap((files) => [issuePage(brand, files), ...files.issue.articles.map((_, i) => articlePage(brand, files, i))])];
}

/** Every character the pages and the search script can show. */
function pageText(pages: SitePage[]): string {
  return pages.map((p) => hastToString(p.tree)).join('') + scriptText();
}

async function writeSite(issues: SiteIssue[], outDir: string, renderer: Renderer, options: SiteOptions): Promise<SiteResult> {
  const timings = options.timings ?? new Timings();
  mkdirSync(dirname(outDir), { recursive: true });
  const temp = join(dirname(outDir), `.${basename(outDir)}.${process.pid}.tmp`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  // Ctrl-C leaves no half-made site behind either.
  const forget = onCleanup(() => rmSync(temp, { recursive: true, force: true }));
  try {
    const dirOf = (issue: SiteIssue) => join(temp, issueDir(issue));
    issues.forEach((issue) => mkdirSync(dirOf(issue), { recursive: true }));
    const docs: SearchDoc[] = issues.flatMap((issue) =>
      issue.articles.map((a) => ({ issue: issue.meta.issue, title: a.title, url: `${encodeURIComponent(issueDir(issue))}/${articleFile(a.index)}`, text: a.blocks.join('\n') })),
    );
    const brand = { organization: issues[0]!.meta.organization, publication: issues[0]!.meta.publication };
    let firstLayout!: () => void;
    const chromiumBusy = new Promise<void>((resolve) => (firstLayout = resolve));
    const building = timings.timeAsync('pdfs', () => buildPdfs(issues, dirOf, renderer, { onDone: options.onPdf, onFirstLayout: firstLayout }));
    building.catch(() => undefined);
    // The site's own work in Node (segmenting every article, cutting the fonts) is done while
    // Chromium lays out the first document, when this thread would wait. The pages' characters are
    // known but for the PDFs' page numbers and sizes: digits, which the estimate includes.
    await Promise.race([chromiumBusy, building.then(noop, noop)]);
    const searchIndex = timings.time('searchIndex', () => searchIndexScript(docs));
    const unknown = issues.map((issue) => ({ issue, printPages: issue.articles.map(() => 0), screenPages: issue.articles.map(() => 0), printFolios: issue.articles.map(() => undefined), screenFolios: issue.articles.map(() => undefined), printBytes: 0, screenBytes: 0 }));
    const estimate = `${pageText(sitePages(brand, unknown))}0123456789.`;
    const early = timings.timeAsync('fonts', () => siteAssets(estimate, searchIndex));
    early.catch(() => undefined);
    const pdfs = await building;
    // pdftoppm draws the covers in processes of its own while this thread makes the rest.
    const covers = Promise.all(issues.map((issue) => coverThumbnail(join(dirOf(issue), issue.printPdf), join(dirOf(issue), 'cover'))));
    covers.catch(() => undefined);

    const all: IssueFiles[] = issues.map((issue) => ({ issue, ...pdfs.get(issue)! }));
    const pages = sitePages(brand, all);
    const text = pageText(pages);
    const estimated = new Set(estimate);
    const assets = [...text].every((ch) => estimated.has(ch)) ? await early : await siteAssets(text, searchIndex);
    let files = 0;
    for (const page of pages) {
      writeFileSync(join(temp, page.path), `${stringifyHtml(page.tree)}\n`);
      files++;
    }
    for (const asset of assets) {
      mkdirSync(dirname(join(temp, asset.path)), { recursive: true });
      writeFileSync(join(temp, asset.path), asset.data);
      files++;
    }
    await timings.timeAsync('covers', () => covers);
    files += issues.length * 3;
    writeFileSync(join(temp, MARKER), 'Made by `bulletin site`; the next run replaces this folder whole.\n');
    // Swapped into place: the old site stays whole until the new one is complete.
    const old = `${temp}.old`;
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(temp, outDir);
    rmSync(old, { recursive: true, force: true });
    // Said of the files where they now are.
    const warnings = [...pdfs.values()].flatMap((p) => p.results.flatMap((r) => r.warnings)).map((d) => ({ ...d, file: d.file.startsWith(temp) ? outDir + d.file.slice(temp.length) : d.file }));
    return { outDir, issues: issues.length, articles: docs.length, files, warnings };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    // A PDF's problems name the file where it would have been, not the temporary folder.
    if (error instanceof BulletinError) throw new BulletinError(error.diagnostics.map((d) => ({ ...d, file: d.file.startsWith(temp) ? outDir + d.file.slice(temp.length) : d.file })));
    throw error;
  } finally {
    forget();
  }
}
