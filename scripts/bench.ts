// `npm run bench`: how long and how much memory our build needs, next to what the browser needs
// just to print the same HTML (the floor) and what raw pagedjs-cli needs for it (the peer).
// Every measured run is a cold process, timed from spawn to exit, with the peak memory of its
// whole process tree; our build is timed with its font cache and without. Then `bulletin watch`
// is timed rebuilding after one-character edits. Writes bench/results.md; scratch files go to
// bench/.work/ (git-ignored).
// Not part of `npm test`: it takes minutes and its numbers depend on the machine.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS, WORK } from './bench/paths.ts';
import { machine, report } from './bench/report.ts';
import { sec } from './bench/stats.ts';
import { type Input, TOOLS, checkTimings, prepareInput, runOnce } from './bench/tools.ts';
import { type WatchResult, measureWatch } from './bench/watch.ts';

// ---------------------------------------------------------------------------------------------
// Command line

const USAGE = 'usage: npm run bench -- [--sizes 1,10] [--runs N] [--watch-edits N] [--quick]';
let flags: { sizes?: string; runs?: string; 'watch-edits'?: string; quick?: boolean };
try {
  // (A negative number, `--runs -1`, reads as an unknown option and lands here too.)
  ({ values: flags } = parseArgs({
    options: {
      sizes: { type: 'string' },
      runs: { type: 'string' },
      'watch-edits': { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`bench: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const sizes = (flags.sizes ?? (flags.quick ? '1' : '1,10')).split(',').map(Number);
const runCount = Number(flags.runs ?? (flags.quick ? 3 : 5));
const watchEdits = Number(flags['watch-edits'] ?? (flags.quick ? 5 : 9));
if (!sizes.every((n) => Number.isInteger(n) && n >= 1) || !Number.isInteger(runCount) || runCount < 1 || !Number.isInteger(watchEdits) || watchEdits < 0) {
  console.error(USAGE);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadStart = os.loadavg();
  mkdirSync(WORK, { recursive: true });
  const machineLines = machine();
  const timingsSupported = checkTimings();
  console.error(`bench: sizes ${sizes.join(',')}, ${runCount} runs, ${watchEdits} watch edits, --timings ${timingsSupported ? 'supported' : 'not supported yet'}`);

  const inputs: Input[] = [];
  for (const size of sizes) {
    console.error(`bench: preparing ${size}× (build --html)`);
    try {
      inputs.push(prepareInput(size));
    } catch (error) {
      console.error(`bench: our build failed while preparing ${size}×: ${(error as Error).message}`);
      return 1;
    }
  }

  for (const input of inputs) {
    // Round 0 is the warm-up (page cache, fontconfig cache, JIT caches on disk): not recorded.
    // Rounds 1…runCount are timed; the last round samples memory and is not timed (sampling loads
    // the machine: see measure()).
    for (let round = 0; round <= runCount + 1; round++) {
      const memoryRound = round === runCount + 1;
      for (const tool of TOOLS) {
        const cell = input.cells[tool];
        if (cell.error) continue; // a failing command is reported once, not retried
        try {
          const run = await runOnce(tool, input, memoryRound);
          if (memoryRound) cell.memory = run;
          else if (round > 0) cell.runs.push(run);
          const label = round === 0 ? 'warm-up' : memoryRound ? 'memory run' : `run ${round}/${runCount}`;
          console.error(`bench: ${input.label} ${tool} ${label}: ${sec(run.ms)} s${memoryRound ? `, RSS ${run.peakMb.toFixed(0)} MB, PSS ${run.peakPssMb.toFixed(0)} MB` : ''}, ${run.pages} pages`);
        } catch (error) {
          cell.error = (error as Error).message;
          console.error(`bench: FAILED ${cell.error}`);
        }
      }
    }
  }

  let watch: WatchResult | undefined;
  if (watchEdits > 0) {
    console.error(`bench: watch, ${watchEdits} one-character edits`);
    watch = await measureWatch(watchEdits);
    if (watch.error) console.error(`bench: watch FAILED ${watch.error}`);
  }

  const text = report(inputs, startedAt, machineLines, [loadStart, os.loadavg()], watch, { runCount, watchEdits });
  writeFileSync(RESULTS, text + '\n');
  console.log(text);
  console.error(`bench: wrote ${RESULTS}`);
  rmSync(join(WORK, 'runs'), { recursive: true, force: true });
  const watchFailed = watch !== undefined && (watch.error !== undefined || watch.exit !== 'exit code 130' || watch.leftovers.length > 0 || watch.profileLeft);
  const failed = watchFailed || inputs.some((input) => TOOLS.some((tool) => input.cells[tool].error));
  return failed ? 1 : 0;
}

process.exitCode = await main();
