import { Command, CommanderError } from 'commander';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { doctorCommand } from './commands/doctor.ts';
import { verifyCommand } from './commands/verify.ts';

export function program(): Command {
  return new Command(TOOL_NAME)
    .description('Typesets 《广州市社会组织党组织学习资料》 from Markdown into a print-ready A4 PDF')
    .version(TOOL_VERSION)
    .addCommand(buildCommand())
    .addCommand(checkCommand())
    .addCommand(doctorCommand())
    .addCommand(verifyCommand())
    .showHelpAfterError()
    .exitOverride();
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const cli = program();
  try {
    await cli.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  const sub = cli.commands.find((c) => c.getOptionValue('exitCode') !== undefined);
  return (sub?.getOptionValue('exitCode') as number | undefined) ?? 0;
}
