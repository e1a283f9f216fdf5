import { Command, Option } from 'commander';
import { BulletinError, formatDiagnostic, type Diagnostic } from '../../diagnostics.ts';
import { Renderer } from '../../paginate/render.ts';
import { prepareBuild, renderBuild, type BuildOptions } from '../../pipeline/build.ts';
import { Progress } from '../progress.ts';
import { onInterrupt } from '../signals.ts';

interface BuildFlags {
  output?: string;
  outDir: string;
  html: boolean;
  screen?: boolean;
  quiet: boolean;
  timeout: string;
}

export function buildCommand(): Command {
  return new Command('build')
    .description('typeset Markdown bulletins into A4 PDFs (dist/<name>.pdf)')
    .argument('<files...>', 'bulletin sources (.md)')
    .option('-o, --output <file>', 'output PDF path (only with a single input file)')
    .option('--out-dir <dir>', 'folder for the PDFs', 'dist')
    .option('--html', 'also write the HTML handed to Paged.js beside the PDF', false)
    .addOption(new Option('--print', 'print output: duplex page parity, blank pages where needed (default)').conflicts('screen'))
    .addOption(new Option('--screen', 'screen output: no blank pages'))
    .option('--timeout <seconds>', 'give up on a render after this long', '120')
    .option('-q, --quiet', 'no progress output', false)
    .action(async (files: string[], flags: BuildFlags, command: Command) => {
      command.setOptionValue('exitCode', await runBuild(files, flags));
    });
}

export async function runBuild(files: string[], flags: BuildFlags): Promise<number> {
  const report = (d: Diagnostic) => process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (flags.output && files.length > 1) {
    report({ file: 'bulletin', severity: 'error', message: '-o/--output takes a single input file; use --out-dir for several' });
    return 2;
  }
  const timeoutSeconds = Number(flags.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    report({ file: 'bulletin', severity: 'error', message: `--timeout must be a positive number of seconds, got "${flags.timeout}"` });
    return 2;
  }
  const progress = new Progress(flags.quiet);
  const options: BuildOptions = { outFile: flags.output, outDir: flags.outDir, html: flags.html, mode: flags.screen ? 'screen' : 'print' };
  let current = '';
  let renderer: Renderer | undefined;
  const stopInterrupt = onInterrupt(() => renderer?.kill());
  let failures = 0;
  try {
    for (const file of files) {
      current = file;
      progress.update(`${file}: preparing`);
      try {
        const prepared = await prepareBuild(file, options);
        progress.update(`${file}: starting the browser`);
        renderer ??= await Renderer.launch({ timeoutMs: timeoutSeconds * 1000, onPage: (n) => progress.update(`${current}: page ${n}`) });
        const result = await renderBuild(prepared, renderer);
        progress.done();
        result.warnings.forEach(report);
        if (!flags.quiet) process.stderr.write(`${file} → ${result.pdf} (${result.pages} pages, ${(result.bytes / 1024 / 1024).toFixed(2)} MB)\n`);
      } catch (error) {
        progress.done();
        failures++;
        if (error instanceof BulletinError) error.diagnostics.forEach(report);
        else report({ file, severity: 'error', message: (error as Error).stack ?? String(error) });
      }
    }
  } finally {
    await renderer?.close();
    stopInterrupt();
  }
  return failures ? 1 : 0;
}
