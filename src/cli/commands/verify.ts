import { readFileSync, statSync } from 'node:fs';
import { Command, Option } from 'commander';
import { BulletinError, formatDiagnostic, type Diagnostic } from '../../diagnostics.ts';
import { readSourceFile } from '../../parse/source-file.ts';
import type { PreflightOptions } from '../../verify/index.ts';

interface VerifyFlags {
  source?: string;
  json: boolean;
  booklet: boolean;
  screen?: boolean;
  pdfx?: boolean;
  pdfa?: boolean;
}

/** `bulletin verify <file.pdf>`: the preflight a print shop would run, on a finished PDF. */
export function verifyCommand(): Command {
  return new Command('verify')
    .description('preflight a built PDF: A4 boxes, embedded subset fonts, 目录 numbers and links, page numbers, bookmarks, nothing lost, PDF/X-1a and PDF/A-2b when claimed')
    .argument('<file.pdf>', 'the PDF to check')
    .option('--source <file.md>', 'the bulletin source: also check that every heading and paragraph reached the PDF')
    .option('--json', 'print {file, facts, problems} as JSON on stdout', false)
    .option('--booklet', 'the PDF is to be printed as a booklet: its page count must be a multiple of 4', false)
    .addOption(new Option('--print', 'print output: odd page numbers on odd physical pages (default)').conflicts('screen'))
    .addOption(new Option('--screen', 'screen output: no page-parity check'))
    .option('--pdfx', 'check PDF/X-1a:2001 even if the file does not claim it')
    .option('--pdfa', 'check PDF/A-2b even if the file does not claim it')
    // Usage errors (a missing argument, an unknown option) exit 2 through main(), not 1.
    .exitOverride()
    .action(async (file: string, flags: VerifyFlags, command: Command) => {
      command.setOptionValue('exitCode', await runVerify(file, flags));
    });
}

/** Exit code: 0 clean (warnings allowed), 1 errors found, 2 usage error (no such file, not a PDF). */
export async function runVerify(file: string, flags: VerifyFlags): Promise<number> {
  const report = (d: Diagnostic) => process.stderr.write(`${formatDiagnostic(d)}\n`);
  const usage = (message: string, where = file) => {
    report({ file: where, severity: 'error', message });
    return 2;
  };
  let bytes: Uint8Array;
  try {
    if (statSync(file).isDirectory()) return usage('is a directory, expected a PDF file');
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return usage(code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`);
  }
  if (!Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) return usage('is not a PDF (no %PDF- header)');
  const options: PreflightOptions = { booklet: flags.booklet, mode: flags.screen ? 'screen' : 'print', pdfx: !!flags.pdfx, pdfa: !!flags.pdfa };
  if (flags.source) {
    try {
      options.source = readSourceFile(flags.source);
    } catch (error) {
      if (error instanceof BulletinError) error.diagnostics.forEach(report);
      else usage(`cannot read: ${(error as Error).message}`, flags.source);
      return 2;
    }
  }
  let result;
  try {
    // Loaded first so that the time the preflight reports is the checking alone.
    const { loadPdfjs, preflight } = await import('../../verify/index.ts');
    await loadPdfjs();
    result = await preflight(file, bytes, options);
  } catch (error) {
    if (error instanceof BulletinError) {
      // The source does not parse (front matter…): a usage problem, not a fault of the PDF.
      error.diagnostics.forEach(report);
      return 2;
    }
    // A finding, not a usage error: PDF/A and PDF/X forbid encryption, and a print shop cannot use it.
    if ((error as Error).constructor?.name === 'EncryptedPDFError' || /is encrypted/.test((error as Error).message)) {
      report({ file, severity: 'error', message: 'the PDF is encrypted: the preflight cannot read it, and PDF/A and PDF/X forbid it', rule: 'encrypted' });
      return 1;
    }
    return usage(`cannot read the PDF: ${(error as Error).message.split('\n')[0]}`);
  }
  const { facts, problems } = result;
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ file, facts, problems }, null, 2)}\n`);
  } else {
    problems.forEach(report);
    const warnings = problems.length - errors;
    const verdict = errors || warnings ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}` : 'no problems';
    const { summarize } = await import('../../verify/index.ts');
    process.stdout.write(`${[...summarize(file, facts), `  ${verdict}`].join('\n')}\n`);
  }
  return errors ? 1 : 0;
}
