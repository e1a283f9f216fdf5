// `bulletin watch`: build once, then again after every save, in one warm browser, one line per
// build. A broken source is reported and the watch goes on; the last good PDF stays in place (the
// build writes atomically and only after the preflight passed).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.ts';
import type { BuildOptions } from '../pipeline/build.ts';
import { WarmBuilder, type BuildOutcome } from './warm-build.ts';
import { oneAtATime } from './coalesce.ts';
import { watchFile } from './watch-file.ts';

export interface WatchSessionOptions {
  timeoutMs: number;
  /** Also print each build's stage timings (ms) as one JSON line. */
  timings?: boolean;
  write?: (line: string) => void;
}

export interface WatchSession {
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
      // `relaid`: articles laid out again in the kept page (absent: the whole document).
      if (session.timings) write(`timings ${JSON.stringify({ file: source, ...result.timings.toJSON(), ...(result.relaid === undefined ? {} : { relaid: result.relaid }) })}`);
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

  // One build at a time (the first one included); saves during a build are merged into one more
  // build after it.
  const builds = oneAtATime(buildOnce, () => closed);
  builds.request();
  const watcher = watchFile(source, builds.request);

  return {
    async close(how = 'close') {
      closed = true;
      watcher.close();
      await builder.close(how);
    },
  };
}
