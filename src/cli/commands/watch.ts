import { existsSync, statSync } from 'node:fs';
import { Command } from 'commander';
import { onCleanup } from '../../cleanup.ts';
import { formatDiagnostic } from '../../diagnostics.ts';
import { onInterrupt } from '../signals.ts';
import { addBuildOptions, buildOptions, type BuildFlags } from './build.ts';

type WatchFlags = Omit<BuildFlags, 'quiet'>;

export function watchCommand(): Command {
  const command = new Command('watch')
    .description('build a bulletin, then rebuild it on every save, in one browser kept running (Ctrl-C stops)')
    .argument('<file>', 'bulletin source (.md)')
    .option('-o, --output <file>', 'output PDF path');
  return addBuildOptions(command).action(async (file: string, flags: WatchFlags, command: Command) => {
    command.setOptionValue('exitCode', await runWatch(file, flags));
  });
}

const say = (line: string) => process.stderr.write(`${line}\n`);

async function runWatch(file: string, flags: WatchFlags): Promise<number> {
  const timeoutSeconds = Number(flags.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    say(formatDiagnostic({ file: 'bulletin', severity: 'error', message: `--timeout must be a positive number of seconds, got "${flags.timeout}"` }));
    return 2;
  }
  // A file that is not there at all is a typo, not a save in progress.
  if (!existsSync(file) || !statSync(file).isFile()) {
    say(formatDiagnostic({ file, severity: 'error', message: existsSync(file) ? 'is not a file' : 'no such file' }));
    return 1;
  }
  // Ctrl-C and SIGTERM are the normal way out: the clean-ups below and the renderer's own (kill
  // the browser, remove its profile) run, then the process exits.
  onInterrupt();
  const { watchSource } = await import('../../watch/session.ts');
  const session = watchSource(file, buildOptions({ ...flags, quiet: true }), { timeoutMs: timeoutSeconds * 1000, timings: flags.timings });
  onCleanup(() => session.close('kill'));
  say(`bulletin: watching ${file} (Ctrl-C to stop)`);
  // Runs until a signal ends the process.
  await new Promise<never>(() => undefined);
  return 0;
}
