// The issue's PDFs, made by the build pipeline itself (checked, laid out, verified): the print PDF
// and the screen PDF (--screen) of every issue, all through one browser. Returns the page each
// article starts on, so the reading pages can link into the PDF.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { Renderer } from '../paginate/render.ts';
import { prepareFonts, type PreparedFonts } from '../fonts/prepare.ts';
import { prepareBuild, renderBuild, type BuildCache, type BuildResult } from '../pipeline/build.ts';
import type { OutputMode } from '../html/index.ts';
import type { SiteIssue } from './issue.ts';

export interface IssuePdfs {
  /** 1-based PDF page of each article's title, in article order. */
  printPages: number[];
  screenPages: number[];
  /** The page number printed where each article starts (what the PDF's own 目录 says). */
  printFolios: Array<number | undefined>;
  screenFolios: Array<number | undefined>;
  printBytes: number;
  screenBytes: number;
  results: BuildResult[];
}

export interface PdfJob {
  issue: SiteIssue;
  mode: OutputMode;
  file: string;
}

/** Bookmarks are the article titles in page order: the n-th is the n-th article. */
function articlePages(issue: SiteIssue, result: BuildResult): number[] {
  if (result.bookmarks.length !== issue.articles.length) {
    throw new Error(`${issue.source}: ${result.bookmarks.length} bookmarks for ${issue.articles.length} articles`);
  }
  return result.bookmarks.map((b) => b.pageIndex + 1);
}

export interface PdfOptions {
  onDone?: (job: PdfJob, result: BuildResult) => void;
  /** The first document has gone to Chromium: Node is free until it has printed. */
  onFirstLayout?: () => void;
}

/** All through `renderer` (the caller's browser, which it closes). */
export async function buildPdfs(issues: SiteIssue[], dir: (issue: SiteIssue) => string, renderer: Renderer, options: PdfOptions = {}): Promise<Map<SiteIssue, IssuePdfs>> {
  const jobs: PdfJob[] = issues.flatMap((issue) => [
    { issue, mode: 'print' as const, file: join(dir(issue), issue.printPdf) },
    { issue, mode: 'screen' as const, file: join(dir(issue), issue.screenPdf) },
  ]);
  const results = new Map<PdfJob, BuildResult>();
  // The checker reads the source, not the PDF: the screen build takes the print build's findings.
  const checked = new Map<string, Diagnostic[]>();
  // Print and screen documents draw the same characters: their font subsets are cut once.
  const subsets = new Map<string, Promise<PreparedFonts>>();
  const cache: BuildCache = {
    fonts: (manifest, text) => {
      let fonts = subsets.get(text);
      if (!fonts) subsets.set(text, (fonts = prepareFonts(manifest, text)));
      return fonts;
    },
  };
  let first = true;
  // One layout at a time: the next document goes to Chromium when the last one has printed, so its
  // layout runs while Node post-processes and verifies the last one (two layouts at once take as
  // long in Chromium, and then two preflights compete for Node and pdfjs's thread at the end).
  let chromium: Promise<unknown> = Promise.resolve();
  const oneAtATime: Renderer = Object.create(renderer) as Renderer;
  oneAtATime.pdf = (input) => {
    const turn = chromium.then(() =>
      renderer.pdf({
        ...input,
        onLayout: () => {
          input.onLayout?.();
          if (first) options.onFirstLayout?.();
          first = false;
        },
      }),
    );
    chromium = turn.catch(() => undefined);
    return turn;
  };
  // As `build` does with several files: while one is laid out in Chromium, the next is typeset.
  const queue = [...jobs];
  const lanes = Math.max(1, Math.min(queue.length, availableParallelism()));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const prepared = await prepareBuild(job.issue.source, { outFile: job.file, outDir: dir(job.issue), html: false, mode: job.mode }, cache);
        const check = prepared.check;
        const source = job.issue.source;
        prepared.check = () => {
          const findings = checked.get(source) ?? check();
          checked.set(source, findings);
          return findings;
        };
        const result = await renderBuild(prepared, oneAtATime);
        results.set(job, result);
        options.onDone?.(job, result);
      }
    }),
  );
  const byIssue = new Map<SiteIssue, IssuePdfs>();
  for (const issue of issues) {
    const [print, screen] = jobs.filter((j) => j.issue === issue).map((j) => results.get(j)!);
    byIssue.set(issue, {
      printPages: articlePages(issue, print!),
      screenPages: articlePages(issue, screen!),
      printFolios: print!.folios,
      screenFolios: screen!.folios,
      printBytes: print!.bytes,
      screenBytes: screen!.bytes,
      results: [print!, screen!],
    });
  }
  return byIssue;
}
