// One command measured as a cold process: its wall time and the peak memory of its whole tree.
// Process-tree memory: /proc is the only place that sees Chromium's helpers (zygote, renderers,
// GPU/utility processes), which is where most of the memory is.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { ROOT } from './paths.ts';

export const RUN_TIMEOUT_MS = 300_000;
export const POLL_MS = 50;

const PAGE_SIZE = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;

interface ProcessInfo {
  ppid: number;
  /** Resident set, bytes. */
  rss: number;
  /** One-letter state; Z is a zombie (gone, not yet reaped). */
  state: string;
  /** Start time in clock ticks since boot: with the pid, names a process even if the pid is reused. */
  start: string;
}

/** Every process on the machine, from /proc/<pid>/stat. */
export function processTable(): Map<number, ProcessInfo> {
  const table = new Map<number, ProcessInfo>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited between readdir and read
    }
    // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state), [1] field 4 (ppid), [19] field 22 (start time), [21] field 24 (resident pages).
    table.set(Number(name), { state: fields[0]!, ppid: Number(fields[1]), start: fields[19]!, rss: Number(fields[21]) * PAGE_SIZE });
  }
  return table;
}

/** `root` and all its descendants, by parent pid. */
export function treePids(root: number, table: Map<number, ProcessInfo>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) {
    const siblings = children.get(ppid) ?? [];
    siblings.push(pid);
    children.set(ppid, siblings);
  }
  const pids: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    if (table.has(pid)) pids.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return pids;
}

/**
 * Sum of RSS and of PSS over `root` and all its descendants, in bytes (0 once it is gone). RSS
 * counts a shared page (Chromium's binary, its shared memory) once per process that maps it; PSS
 * splits it among them, so the PSS sum is what the tree really holds.
 */
export function treeMemory(root: number): { rss: number; pss: number } {
  const table = processTable();
  let total = 0;
  let pss = 0;
  for (const pid of treePids(root, table)) {
    total += table.get(pid)!.rss;
    try {
      pss += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // exited meanwhile
    }
  }
  return { rss: total, pss };
}

/** A process's command line, '' once it is gone (or a zombie). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** Kills the process group; the run was started as its leader (detached), so that is the tree. */
function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // nothing left
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface Measured {
  ms: number;
  peakBytes: number;
  peakPssBytes: number;
  code: number | null;
  stderr: string;
}

/**
 * One cold process: wall time from spawn to exit, stderr (tail), and with `sample` the peak memory
 * of its tree. Sampling is not free: reading every process's smaps_rollup each 50 ms took about
 * 0.7 of a core here (Chromium maps terabytes of address space, which the kernel walks), and on
 * two cores that slowed the very commands being timed. So timed runs are not sampled, and memory
 * has runs of its own.
 */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, sample = false): Promise<Measured> {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    // detached: its own process group, so a timeout or a straggler can be killed as a whole.
    const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    const pid = child.pid;
    if (pid === undefined) {
      fail(new Error(`could not start ${command}`));
      return;
    }
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-64 * 1024);
    });
    let peak = 0;
    let peakPss = 0;
    const poll = sample
      ? setInterval(() => {
          const memory = treeMemory(pid);
          peak = Math.max(peak, memory.rss);
          peakPss = Math.max(peakPss, memory.pss);
        }, POLL_MS)
      : undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid);
    }, RUN_TIMEOUT_MS);
    child.on('error', (error) => {
      clearInterval(poll);
      clearTimeout(timer);
      killGroup(pid);
      fail(error);
    });
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      clearInterval(poll);
      clearTimeout(timer);
      // Anything the run left behind (a browser helper) must not eat into the next run.
      if (groupAlive(pid)) killGroup(pid);
      // stderr may still hold the last lines (the timings line): wait for the pipe to close.
      const finish = () => done({ ms, peakBytes: peak, peakPssBytes: peakPss, code: timedOut ? null : code, stderr: timedOut ? `${stderr}\n(timed out after ${RUN_TIMEOUT_MS / 1000} s)` : stderr });
      if (child.stderr.readableEnded) finish();
      else child.stderr.once('close', finish);
    });
  });
}
