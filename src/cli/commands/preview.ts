import { existsSync, statSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { onCleanup } from '../../cleanup.ts';
import { formatDiagnostic } from '../../diagnostics.ts';
import { onInterrupt } from '../signals.ts';

interface PreviewFlags {
  port: number;
  screen?: boolean;
}

function portOption(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 (any free port) to 65535');
  return port;
}

export function previewCommand(): Command {
  return new Command('preview')
    .description('show the paginated bulletin in your browser, with its checker findings; reloads on every save (Ctrl-C stops)')
    .argument('<file>', 'bulletin source (.md)')
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', portOption, 4300)
    .addOption(new Option('--print', 'pages as printed: blank pages where the print output has them (default)').conflicts('screen'))
    .addOption(new Option('--screen', 'pages as in the screen PDF'))
    .action(async (file: string, flags: PreviewFlags, command: Command) => {
      command.setOptionValue('exitCode', await runPreview(file, flags));
    });
}

const say = (line: string) => process.stderr.write(`${line}\n`);

async function runPreview(file: string, flags: PreviewFlags): Promise<number> {
  if (!existsSync(file) || !statSync(file).isFile()) {
    say(formatDiagnostic({ file, severity: 'error', message: existsSync(file) ? 'is not a file' : 'no such file' }));
    return 1;
  }
  onInterrupt();
  let server;
  try {
    const { startPreview } = await import('../../serve/preview-server.ts');
    server = await startPreview({ source: file, mode: flags.screen ? 'screen' : 'print', port: flags.port, log: say });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${flags.port} is in use: choose another with --port (0: any free port)` : (error as Error).message;
    say(formatDiagnostic({ file: 'bulletin', severity: 'error', message: `cannot serve the preview: ${reason}` }));
    return 1;
  }
  onCleanup(() => server.close());
  say(`bulletin: preview of ${file} at ${server.url} (Ctrl-C to stop)`);
  // Runs until a signal ends the process.
  await new Promise<never>(() => undefined);
  return 0;
}
