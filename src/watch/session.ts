// `bulletin watch`: build once, then again after every save, in one warm browser, one line per
// build. A broken source is reported and the watch goes on; the last good PDF stays in place (the
// build writes atomically and only after the preflight passed).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import type { BuildOptions } from '../pipeline/build.ts';
import { WarmBuilder, type BuildOutcome } from './warm-build.ts';
import { watchFile } from './watch-file.ts';

export interface WatchSessionOptions {
  timeoutMs: number;
  /** Also print each build's stage timings (ms) as one JSON line. */
  timings?: boolean;
  write?: (line: string) => void;
}

export interface WatchSession {
  /** Settles when the first build is done (whatever its outcome). */
  first: Promise<BuildOutcome | undefined>;
  /** Stops watching and closes the browser (`kill`: at once, for signals). */
  close(how?: 'close' | 'kill'): Promise<void>;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function watchSource(source: string, options: BuildOptions, session: WatchSessionOptions): WatchSession {
  const write = session.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const builder = new WarmBuilder(source, options, session.timeoutMs);
  builder.warmUp();
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  // What the last good build was made from: a save that changes nothing is not rebuilt.
  let builtFrom: Buffer | undefined;
  // Warnings are printed when they change, not after every save.
  let shownWarnings = '';

  const report = (outcome: BuildOutcome) => {
    if (outcome.restarted) write('bulletin: the browser had stopped; started a new one');
    if (outcome.ok) {
      const { result } = outcome;
      const warnings = result.warnings.map(formatDiagnostic).join('\n');
      if (warnings !== shownWarnings && warnings) write(warnings);
      shownWarnings = warnings;
      if (session.timings) write(`timings ${JSON.stringify({ file: source, ...result.timings.toJSON() })}`);
      write(`✓ ${basename(result.pdf)} ${plural(result.pages, 'page')} ${seconds(outcome.ms)}`);
    } else {
      outcome.diagnostics.forEach((d: Diagnostic) => write(formatDiagnostic(d)));
      shownWarnings = '';
      const errors = outcome.diagnostics.filter((d) => d.severity === 'error').length;
      write(`✗ ${basename(source)}: ${plural(errors, 'error')}, the PDF was not replaced ${seconds(outcome.ms)}`);
    }
  };

  const buildOnce = async (): Promise<BuildOutcome | undefined> => {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(source);
    } catch {
      // Mid-save (removed, not yet renamed back): the next event brings the new file. The build
      // itself reports a file that stays missing.
    }
    if (bytes && builtFrom?.equals(bytes)) return undefined;
    const outcome = await builder.build();
    if (closed) return outcome;
    builtFrom = outcome.ok ? bytes : undefined;
    report(outcome);
    return outcome;
  };

  // One build at a time; saves during a build are merged into one more build after it.
  const schedule = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await buildOnce();
      } while (again && !closed);
    })().finally(() => (running = undefined));
  };

  const first = buildOnce();
  running = first.then(
    () => undefined,
    () => undefined,
  );
  const watcher = watchFile(source, schedule);
  void running.finally(() => {
    running = undefined;
    // Saves during the first build.
    if (again) schedule();
  });

  return {
    first,
    async close(how = 'close') {
      closed = true;
      watcher.close();
      await builder.close(how);
    },
  };
}
