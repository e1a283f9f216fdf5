import { Command, CommanderError } from 'commander';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { discardEarlyBrowser } from './early.ts';
import { buildCommand } from './commands/build.ts';
import { checkCommand } from './commands/check.ts';
import { doctorCommand } from './commands/doctor.ts';
import { verifyCommand } from './commands/verify.ts';
import { watchCommand } from './commands/watch.ts';
import { previewCommand } from './commands/preview.ts';
import { newCommand } from './commands/new.ts';
import { importCommand } from './commands/import.ts';
import { siteCommand } from './commands/site.ts';

export function program(): Command {
  return new Command(TOOL_NAME)
    .description('Typesets 《广州市社会组织党组织学习资料》 from Markdown into a print-ready A4 PDF')
    .version(TOOL_VERSION)
    .addCommand(buildCommand())
    .addCommand(checkCommand())
    .addCommand(doctorCommand())
    .addCommand(verifyCommand())
    .addCommand(watchCommand())
    .addCommand(previewCommand())
    .addCommand(newCommand())
    .addCommand(importCommand())
    .addCommand(siteCommand())
    .showHelpAfterError()
    .exitOverride();
}

/**
 * A browser that was killed (timeout, crash, Ctrl-C) leaves puppeteer calls in flight inside
 * pagedjs-cli that nobody awaits; their "session closed" rejections are expected then and must not
 * crash the process before it has cleaned up. Anything else unhandled is a bug: say so and fail.
 */
function guardUnhandledRejections(): void {
  process.on('unhandledRejection', (reason) => {
    const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    if (/TargetCloseError|Session closed|Target closed|Connection closed|browser has disconnected/i.test(text)) return;
    process.stderr.write(`bulletin: error: internal error: ${reason instanceof Error ? (reason.stack ?? text) : text}\n`);
    process.exitCode = 1;
  });
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  guardUnhandledRejections();
  const cli = program();
  try {
    await cli.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  } finally {
    await discardEarlyBrowser();
  }
  const sub = cli.commands.find((c) => c.getOptionValue('exitCode') !== undefined);
  return (sub?.getOptionValue('exitCode') as number | undefined) ?? 0;
}
