import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { BulletinError, formatDiagnostic, type Diagnostic } from '../../diagnostics.ts';
import { startBrowser, type BrowserProcess } from '../../paginate/browser-process.ts';
import { Renderer } from '../../paginate/render.ts';
import { ensureWritableDir } from '../../pipeline/output.ts';
import type { BuildOptions, BuildResult } from '../../pipeline/build.ts';
import type { MarkKind, SheetSize } from '../../postprocess/index.ts';
import { parseLength } from '../../postprocess/length.ts';
import { resolveOutputIntent, type OutputIntent } from '../../postprocess/output-intent.ts';
import { Progress } from '../progress.ts';
import { onInterrupt } from '../signals.ts';
import { takeEarlyBrowser } from '../early.ts';
import { mark } from '../../trace.ts';

export interface BuildFlags {
  output?: string;
  outDir: string;
  html: boolean;
  screen?: boolean;
  quiet: boolean;
  timeout: string;
  bleed?: number;
  marks?: MarkKind;
  booklet: boolean;
  impose?: SheetSize;
  cmyk: boolean;
  pdfx?: boolean;
  pdfa?: boolean;
  outputIntent?: OutputIntent;
  timings: boolean;
}

function outputIntentOption(value: string): OutputIntent {
  try {
    return resolveOutputIntent(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function lengthOption(value: string): number {
  try {
    return parseLength(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The options `build` and `watch` share: where the PDF goes and how it is made. */
export function addBuildOptions(command: Command): Command {
  return command
    .option('--out-dir <dir>', 'folder for the PDFs', 'dist')
    .option('--html', 'also write the HTML handed to Paged.js beside the PDF', false)
    .addOption(new Option('--print', 'print output: duplex page parity, blank pages where needed (default)').conflicts('screen'))
    .addOption(new Option('--screen', 'screen output: no blank pages, no marks'))
    .option('--bleed <length>', 'grow the media and bleed boxes by this much on each side (e.g. 3mm)', lengthOption)
    .addOption(new Option('--marks <kind>', "printer's marks outside the bleed").choices(['crop', 'cross']))
    .option('--booklet', 'pad the page count to a multiple of 4 with blank pages at the end', false)
    .addOption(new Option('--impose <sheet>', 'also write <name>.booklet.pdf: saddle-stitch sheets, two pages a side (implies --booklet)').choices(['a3']))
    .option('--cmyk', 'convert to CMYK with Ghostscript (red 0/80/80/0, black text K only)', false)
    .addOption(new Option('--pdfx', 'write PDF/X-1a:2001 for the print shop (implies --cmyk)').conflicts('pdfa'))
    .option('--output-intent <profile>', 'PDF/X output intent: the ICC file the shop sends, or a registered name (JC200103 default, FOGRA39 …); implies --pdfx', outputIntentOption)
    .addOption(new Option('--pdfa', 'PDF/A-2b for the records (RGB; what a plain build writes), checked strictly').conflicts(['cmyk', 'pdfx', 'outputIntent']))
    .option('--timeout <seconds>', 'give up on a render after this long', '120')
    .option('--timings', 'print the time spent in each stage (stderr, one JSON line per build)', false);
}

export function buildCommand(): Command {
  const command = new Command('build')
    .description('typeset Markdown bulletins into A4 PDFs (dist/<name>.pdf), checked before and verified after')
    .argument('<files...>', 'bulletin sources (.md)')
    .option('-o, --output <file>', 'output PDF path (only with a single input file)');
  return addBuildOptions(command)
    .option('-q, --quiet', 'no progress output', false)
    .action(async (files: string[], flags: BuildFlags, command: Command) => {
      command.setOptionValue('exitCode', await runBuild(files, flags));
    });
}

const report = (d: Diagnostic) => process.stderr.write(`${formatDiagnostic(d)}\n`);

export function buildOptions(flags: BuildFlags): BuildOptions {
  const screen = !!flags.screen;
  return {
    outFile: flags.output,
    outDir: flags.outDir,
    html: flags.html,
    mode: screen ? 'screen' : 'print',
    bleed: flags.bleed,
    // Screen output is for reading: no marks, no booklet padding or sheets.
    marks: screen ? undefined : flags.marks,
    booklet: !screen && (flags.booklet || !!flags.impose),
    impose: screen ? undefined : flags.impose,
    cmyk: flags.cmyk || !!flags.pdfx || !!flags.outputIntent,
    pdfx: flags.pdfx || flags.outputIntent ? (flags.outputIntent ?? resolveOutputIntent()) : undefined,
    pdfa: !!flags.pdfa,
  };
}

export async function runBuild(files: string[], flags: BuildFlags): Promise<number> {
  if (flags.output && files.length > 1) {
    report({ file: 'bulletin', severity: 'error', message: '-o/--output takes a single input file; use --out-dir for several' });
    return 2;
  }
  const timeoutSeconds = Number(flags.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    report({ file: 'bulletin', severity: 'error', message: `--timeout must be a positive number of seconds, got "${flags.timeout}"` });
    return 2;
  }
  const started = performance.now();
  const progress = new Progress(flags.quiet);
  const options = buildOptions(flags);
  // An output folder that cannot be written fails every file: said before any work is spent.
  try {
    ensureWritableDir(flags.output ? dirname(resolve(flags.output)) : resolve(flags.outDir), files[0]!);
  } catch (error) {
    if (!(error instanceof BulletinError)) throw error;
    for (const file of files) report({ ...error.diagnostics[0]!, file });
    return 1;
  }
  const stopInterrupt = onInterrupt();
  // One browser for every file of the run. It needs nothing from the sources, so it is started
  // first thing, before the pipeline's modules even load, and comes up while they load and the
  // sources are checked and typeset; a run whose files all fail stops it unused.
  // (Usually started already by bin/bulletin.js, before the CLI's modules loaded: src/cli/early.ts.)
  let early: BrowserProcess | Error | undefined = takeEarlyBrowser();
  if (!early) {
    try {
      early = startBrowser();
    } catch (error) {
      // Reported when a file needs the browser: bad sources are still named first.
      early = error as Error;
    }
  }
  let launching: Promise<Renderer> | undefined;
  let ready = false;
  const results: BuildResult[] = [];
  let failures = 0;
  const browser = () =>
    (launching ??= (async () => {
      const first = early;
      early = undefined;
      if (first instanceof Error) throw first;
      // Page counts come from the page through a binding, one message per page: only when shown.
      const onPage = progress.shown ? (n: number) => progress.update(`page ${n}`) : undefined;
      const renderer = await Renderer.launch({ timeoutMs: timeoutSeconds * 1000, onPage, warm: files.length > 1 }, first);
      ready = true;
      mark('connected');
      return renderer;
    })());
  browser().catch(() => undefined);
  // Files not yet printed (or failed): at 0 the browser has nothing more to do.
  let unprinted = files.length;
  try {
    // The pipeline (and its libraries) loads only now, while the browser starts.
    const { prepareBuild, renderBuild } = await import('../../pipeline/build.ts');
    mark('loaded');
    const buildOne = async (file: string) => {
      progress.update(`${file}: preparing`);
      let counted = false;
      const printed = () => {
        if (counted) return;
        counted = true;
        if (--unprinted === 0) void launching?.then((r) => r.close(), () => undefined);
      };
      try {
        const prepared = await prepareBuild(file, options);
        mark('prepared');
        progress.update(`${file}: laying out`);
        const waitedFrom = performance.now();
        const waited = !ready;
        let r = await browser();
        // A browser that timed out, crashed or was killed (with another file, or while idle) cannot
        // serve this one: clean it up and start a fresh one.
        if (!r.isAlive()) {
          if (launching && (await launching.catch(() => undefined)) === r) {
            launching = undefined;
            ready = false;
          }
          await r.kill();
          r = await browser();
        }
        if (waited) prepared.timings.add('browserStart', performance.now() - waitedFrom);
        mark('browser');
        // The browser is stopped as soon as the last file has printed: its shutdown (the process
        // gone, its profile removed) overlaps that file's post-processing and preflight.
        const result = await renderBuild(prepared, r, { onPrinted: () => printed() });
        mark('built');
        progress.done();
        result.warnings.forEach(report);
        results.push(result);
        if (flags.timings) process.stderr.write(`timings ${JSON.stringify({ file, ...result.timings.toJSON() })}\n`);
        if (!flags.quiet) {
          const extra = result.booklet ? ` + ${result.booklet}` : '';
          process.stderr.write(`${file} → ${result.pdf}${extra} (${result.pages} pages, ${(result.bytes / 1024 / 1024).toFixed(2)} MB)\n`);
        }
      } catch (error) {
        progress.done();
        printed();
        failures++;
        if (error instanceof BulletinError) error.diagnostics.forEach(report);
        else report({ file, severity: 'error', message: (error as Error).stack ?? String(error) });
      }
    };
    // Files share the browser a few at a time (one page each): while one is laid out in Chromium,
    // the next is typeset in Node.
    const queue = [...files];
    const lanes = Math.max(1, Math.min(queue.length, availableParallelism()));
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let file = queue.shift(); file !== undefined; file = queue.shift()) await buildOne(file);
      }),
    );
  } finally {
    const renderer = await launching?.catch(() => undefined);
    await renderer?.close();
    mark('closed');
    stopInterrupt();
  }
  if (!flags.quiet && files.length > 1) {
    const pages = results.reduce((n, r) => n + r.pages, 0);
    process.stderr.write(`${results.length} of ${files.length} files built, ${pages} pages, ${((performance.now() - started) / 1000).toFixed(1)} s${failures ? `; ${failures} failed` : ''}\n`);
  }
  return failures ? 1 : 0;
}
