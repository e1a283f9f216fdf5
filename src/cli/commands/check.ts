import { copyFileSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import { BulletinError, formatDiagnostic, type Diagnostic } from '../../diagnostics.ts';
import { readSourceFile, type SourceFile } from '../../parse/source-file.ts';
import { githubAnnotation, gitlabCodeQuality } from '../annotations.ts';

const FORMATS = ['text', 'json', 'github', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

interface CheckFlags {
  json?: boolean;
  format?: Format;
  strict?: boolean;
  fix?: boolean;
  rules?: boolean;
}

export function checkCommand(): Command {
  return new Command('check')
    .description('report problems in bulletin sources (front matter, structure, extraction artifacts, punctuation, fonts)')
    .argument('[files...]', 'bulletin sources (.md)')
    .option('--json', 'print the findings as JSON: [{file, line, column, severity, rule, message, fix?}] (= --format json)')
    .addOption(new Option('--format <format>', 'text; json; github: workflow commands that annotate the lines in GitHub Actions; gitlab: a Code Quality report (JSON)').choices(FORMATS))
    .option('--strict', 'exit non-zero on warnings too')
    .option('--fix', 'rewrite the files in place with the certain repairs (the original is kept as <file>.bak)')
    .option('--rules', 'list the rules and exit')
    .action(async (files: string[], flags: CheckFlags, command: Command) => {
      command.setOptionValue('exitCode', await runCheck(files, flags));
    });
}

export async function runCheck(files: string[], flags: CheckFlags): Promise<number> {
  // The checker (unified, remark, yaml, zod) loads only when a command needs it.
  const { checkSource, fixSource, RULES } = await import('../../check/index.ts');
  if (flags.rules) {
    const width = Math.max(...RULES.map((r) => r.id.length));
    for (const r of RULES) process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}\n`);
    return 0;
  }
  if (!files.length) {
    process.stderr.write('bulletin: error: check needs at least one file (or --rules)\n');
    return 2;
  }
  const format: Format = flags.format ?? (flags.json ? 'json' : 'text');
  // With JSON formats stdout is only JSON; what --fix did goes to stderr.
  const say = (line: string) => (format === 'json' || format === 'gitlab' ? process.stderr : process.stdout).write(`${line}\n`);
  const all: Diagnostic[] = [];
  for (const file of files) {
    let source: SourceFile;
    try {
      source = readSourceFile(file);
    } catch (error) {
      if (!(error instanceof BulletinError)) throw error;
      all.push(...error.diagnostics);
      continue;
    }
    const encoding = (source as SourceFile & { encoding?: string }).encoding;
    if (encoding) all.push({ file, line: 1, column: 1, severity: 'warning', message: `decoded as ${encoding}, not UTF-8: re-save the file as UTF-8${flags.fix ? ' (--fix leaves it alone until then)' : ''}`, rule: 'encoding' });
    let text = source.text;
    if (flags.fix && !encoding) {
      const result = await fixSource(file, text);
      if (result.text !== text) {
        const backup = writeAtomically(file, result.text);
        const counts = new Map<string, number>();
        for (const d of result.fixed) counts.set(d.rule ?? '?', (counts.get(d.rule ?? '?') ?? 0) + 1);
        say(`${file}: fixed ${result.fixed.length} problem${result.fixed.length === 1 ? '' : 's'} (${[...counts].map(([r, n]) => `${r} ×${n}`).join(', ')}); original kept as ${backup}`);
        text = result.text;
      } else say(`${file}: nothing to fix`);
    }
    all.push(...checkSource(file, text));
  }

  if (format === 'gitlab') {
    process.stdout.write(`${JSON.stringify(gitlabCodeQuality(all), null, 2)}\n`);
  } else if (format === 'github') {
    for (const d of all) process.stdout.write(`${githubAnnotation(d)}\n`);
  } else if (format === 'json') {
    const rows = all.map((d) => ({ file: d.file, line: d.line ?? null, column: d.column ?? null, severity: d.severity, rule: d.rule ?? null, message: d.message, ...(d.fix ? { fix: d.fix } : {}) }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    for (const d of all) process.stdout.write(`${formatDiagnostic(d)}\n`);
  }
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  say(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files.length, 'file')}`);
  return errors || (flags.strict && warnings) ? 1 : 0;
}

/**
 * Writes beside the file and renames over it, so a crash never leaves half a file; the original
 * is copied to <file>.bak first. A BOM and CRLF line ends the file had are put back.
 */
function writeAtomically(path: string, text: string): string {
  const original = readFileSync(path);
  const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  const crlf = original.includes('\r\n');
  const data = `${bom ? '\uFEFF' : ''}${crlf ? text.replace(/\n/g, '\r\n') : text}`;
  const backup = `${path}.bak`;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data, { mode: statSync(path).mode });
    copyFileSync(path, backup);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
  return backup;
}
