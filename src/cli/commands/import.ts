import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { BulletinError, formatDiagnostic, type Diagnostic } from '../../diagnostics.ts';

interface ImportFlags {
  into: string;
  dryRun?: boolean;
  title?: string;
}

/** `bulletin import`: Word files, saved web pages and PDF text appended to an issue as articles. */
export function importCommand(): Command {
  return new Command('import')
    .description('append Word files (.docx), saved web pages (.html) and PDF text (.txt, .pdf) to an issue as articles')
    .argument('<files...>', 'the articles, in the order they go in')
    .requiredOption('--into <issue>', 'the issue (.md) to append to; written atomically')
    .option('--dry-run', 'print the Markdown instead of writing the issue')
    .option('--title <title>', 'the article\'s title, for an input that names none with confidence (one input file only)')
    .action(async (files: string[], flags: ImportFlags, command: Command) => {
      command.setOptionValue('exitCode', await runImport(files, flags));
    });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function runImport(files: string[], flags: ImportFlags): Promise<number> {
  const { importFile, importedMarkdown, ImportError } = await import('../../import/index.ts');
  const { readSourceFile } = await import('../../parse/source-file.ts');
  const report = (d: Diagnostic) => process.stderr.write(`${formatDiagnostic(d)}\n`);
  let issue: { text: string; encoding?: string };
  try {
    issue = readSourceFile(flags.into);
  } catch (error) {
    if (!(error instanceof BulletinError)) throw error;
    for (const d of error.diagnostics) report(d.message === 'no such file' ? { ...d, message: 'no such file (start the issue with `bulletin new`)' } : d);
    return 1;
  }
  if (issue.encoding) {
    report({ file: flags.into, severity: 'error', message: `is ${issue.encoding}, not UTF-8: re-save it as UTF-8 before importing into it` });
    return 1;
  }

  if (flags.title !== undefined && files.length !== 1) {
    report({ file: flags.into, severity: 'error', message: '--title names the title of one input: import that file on its own' });
    return 2;
  }
  // Every input is read before anything is written: one bad file leaves the issue as it was.
  const folder = dirname(flags.into);
  const taken = new Set(readdirSync(folder));
  const results = [];
  for (const file of files) {
    try {
      results.push(await importFile(file, { taken, title: flags.title?.trim() || undefined }));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      report({ file: error.file, severity: 'error', message: `${error.message}; ${flags.dryRun ? 'nothing printed' : `${flags.into} was not changed`}` });
      return 1;
    }
  }
  for (const r of results) for (const warning of r.warnings ?? []) report({ file: r.file, severity: 'warning', message: warning });
  const markdown = await importedMarkdown(results);
  if (flags.dryRun) {
    process.stdout.write(markdown);
    return 0;
  }

  const { createFile, replaceFile } = await import('../../import/write.ts');
  const { checkSource } = await import('../../check/index.ts');
  const head = issue.text.replace(/\s+$/, '');
  const text = `${head}\n\n${markdown}`;
  const firstLine = head.split('\n').length + 2;
  const original = readFileSync(flags.into);
  const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  const crlf = original.includes('\r\n');
  // Pictures first, so the issue never links one that is missing; gone again if the issue cannot be written.
  const written: string[] = [];
  try {
    for (const image of results.flatMap((r) => r.images)) {
      createFile(join(folder, image.name), image.data);
      written.push(join(folder, image.name));
    }
    replaceFile(flags.into, `${bom ? '\uFEFF' : ''}${crlf ? text.replace(/\n/g, '\r\n') : text}`);
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    report({ file: flags.into, severity: 'error', message: `cannot be written (${(error as Error).message}); it was not changed` });
    return 1;
  }

  const articles = results.reduce((n, r) => n + r.articles.length, 0);
  const images = results.reduce((n, r) => n + r.images.length, 0);
  process.stdout.write(`${flags.into}: imported ${plural(articles, 'article')} from ${plural(files.length, 'file')} (line ${firstLine} on)${images ? `, ${plural(images, 'image')} saved beside it` : ''}\n`);
  // What is left to do: the checker's findings in the imported text, and any error anywhere.
  const left = checkSource(flags.into, text).filter((d) => (d.line ?? 0) >= firstLine || d.severity === 'error');
  for (const d of left) process.stdout.write(`${formatDiagnostic(d)}\n`);
  const errors = left.filter((d) => d.severity === 'error').length;
  process.stdout.write(left.length ? `left to do: ${plural(errors, 'error')}, ${plural(left.length - errors, 'warning')}\n` : 'bulletin check finds nothing left to do\n');
  return 0;
}
