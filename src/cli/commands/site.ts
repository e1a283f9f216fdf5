import { Command } from 'commander';
import { BulletinError, formatDiagnostic, type Diagnostic } from '../../diagnostics.ts';
import { startBrowser, type BrowserProcess } from '../../paginate/browser-process.ts';
import { onInterrupt } from '../signals.ts';

interface SiteFlags {
  out: string;
  timeout: string;
  quiet: boolean;
  timings: boolean;
}

export function siteCommand(): Command {
  return new Command('site')
    .description('make a static archive of the issues: an index, reading pages for phones, full-text search, print and screen PDFs')
    .argument('<files...>', 'bulletin sources (.md), one per issue')
    .option('--out <dir>', 'folder for the site (replaced whole; works from any static host or file://)', 'public')
    .option('--timeout <seconds>', 'give up on a render after this long', '120')
    .option('-q, --quiet', 'no progress output', false)
    .option('--timings', "print the time of each PDF's stages and of the site's own steps (stderr, JSON lines)", false)
    .action(async (files: string[], flags: SiteFlags, command: Command) => {
      command.setOptionValue('exitCode', await runSite(files, flags));
    });
}

const report = (d: Diagnostic) => process.stderr.write(`${formatDiagnostic(d)}\n`);

export async function runSite(files: string[], flags: SiteFlags): Promise<number> {
  const timeoutSeconds = Number(flags.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    report({ file: 'bulletin', severity: 'error', message: `--timeout must be a positive number of seconds, got "${flags.timeout}"` });
    return 2;
  }
  const started = performance.now();
  const stopInterrupt = onInterrupt();
  let browser: BrowserProcess | undefined;
  try {
    // As in `build`: the browser starts before the pipeline's modules load, and comes up meanwhile.
    browser = startBrowser();
    const [{ buildSite }, { Timings }] = await Promise.all([import('../../site/index.ts'), import('../../pipeline/timings.ts')]);
    const timings = new Timings();
    const result = await buildSite(files, {
      outDir: flags.out,
      browser,
      timings,
      timeoutMs: timeoutSeconds * 1000,
      onPdf: (job, built) => {
        if (flags.timings) process.stderr.write(`timings ${JSON.stringify({ file: job.file.split('/').pop(), ...built.timings.toJSON() })}\n`);
        if (!flags.quiet) process.stderr.write(`${job.issue.source} → ${job.file.split('/').pop()} (${built.pages} pages)\n`);
      },
    });
    if (flags.timings) process.stderr.write(`timings ${JSON.stringify({ site: result.outDir, ...timings.toJSON() })}\n`);
    const seen = new Set<string>();
    for (const warning of result.warnings) {
      const line = formatDiagnostic(warning);
      if (!seen.has(line)) report(warning);
      seen.add(line);
    }
    if (!flags.quiet) process.stderr.write(`site: ${result.issues} issue${result.issues === 1 ? '' : 's'}, ${result.articles} articles, ${result.files} files → ${result.outDir} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    return 0;
  } catch (error) {
    if (error instanceof BulletinError) error.diagnostics.forEach(report);
    else report({ file: 'bulletin', severity: 'error', message: (error as Error).stack ?? String(error) });
    return 1;
  } finally {
    // Stopped by buildSite once it has it; this covers a failure before that.
    await browser?.kill();
    stopInterrupt();
  }
}
