import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { BulletinError, formatDiagnostic } from '../../diagnostics.ts';

interface NewFlags {
  from: string;
  issue?: string;
  date?: string;
}

/** `bulletin new`: the next issue's file, its front matter carried over from the previous one. */
export function newCommand(): Command {
  return new Command('new')
    .description('start the next issue: the front matter of --from with the issue number and the date moved on')
    .argument('<out>', 'the new issue (.md); never overwritten')
    .requiredOption('--from <previous>', 'the previous issue (.md)')
    .option('--issue <issue>', 'the issue line instead of the next number, e.g. 2026年第1期')
    .option('--date <date>', 'the date instead of one month on, e.g. 2026年1月')
    .action(async (out: string, flags: NewFlags, command: Command) => {
      command.setOptionValue('exitCode', await runNew(out, flags));
    });
}

async function runNew(out: string, flags: NewFlags): Promise<number> {
  const { scaffoldIssue } = await import('../../import/new-issue.ts');
  const { createFile } = await import('../../import/write.ts');
  try {
    let previous: string;
    try {
      previous = readFileSync(flags.from, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new BulletinError({ file: flags.from, severity: 'error', message: code === 'ENOENT' ? 'no such file' : (error as Error).message });
    }
    const text = scaffoldIssue(flags.from, previous, { issue: flags.issue, date: flags.date });
    try {
      createFile(out, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'EEXIST' ? 'already exists: not overwritten (choose another name or remove it first)' : code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message;
      throw new BulletinError({ file: out, severity: 'error', message: reason });
    }
    const issue = /^issue:\s*(.*)$/m.exec(text)?.[1];
    const date = /^date:\s*(.*)$/m.exec(text)?.[1];
    process.stdout.write(`${out}: ${issue}, ${date}; next: bulletin import <files>... --into ${out}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BulletinError)) throw error;
    for (const d of error.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    return 1;
  }
}
