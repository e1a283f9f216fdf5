// `npm run bench`: how long and how much memory our build needs, next to what the browser needs
// just to print the same HTML (the floor) and what raw pagedjs-cli needs for it (the peer).
// Every measured run is a cold process, timed from spawn to exit, with the peak memory of its
// whole process tree; our build is timed with its font cache and without. Then `bulletin watch`
// is timed rebuilding after one-character edits. Writes bench/results.md; scratch files go to
// bench/.work/ (git-ignored).
// Not part of `npm test`: it takes minutes and its numbers depend on the machine.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench/.work');
const RESULTS = join(ROOT, 'bench/results.md');
const SOURCE = join(ROOT, 'source/2025-12.md');
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/lib/chromium/chromium';
const BULLETIN = join(ROOT, 'bin/bulletin.js');
const PAGEDJS_CLI = join(ROOT, 'node_modules/pagedjs-cli/src/cli.js');
const RUN_TIMEOUT_MS = 300_000;
const POLL_MS = 50;
/** The issue's targets: ours / floor (median over median) per multiplier, and peak memory at 1×. */
const RATIO_TARGETS: Record<number, number> = { 1: 1.6, 10: 2.5 };
const MEMORY_TARGET_MB = 1024;
/** The issue's target for `bulletin watch`: a rebuild after a small edit, as the tool reports it (median). */
const WATCH_TARGET_MS = 1000;
/** A person typing: the pause before each edit of the watch measurement. */
const WATCH_IDLE_MS = 1500;
/** The longest wait for a build line of the watch, the first build included. */
const WATCH_BUILD_TIMEOUT_MS = 60_000;

type Tool = 'floor' | 'peer' | 'ours' | 'ours-no-cache';
const TOOLS: Tool[] = ['floor', 'peer', 'ours', 'ours-no-cache'];
const TOOL_LABEL: Record<Tool, string> = {
  floor: 'floor: Chromium --print-to-pdf',
  peer: 'peer: pagedjs-cli',
  ours: 'ours: bulletin build (Markdown → verified PDF)',
  'ours-no-cache': 'ours, no font cache: the same with BULLETIN_NO_CACHE=1',
};

interface Run {
  ms: number;
  peakMb: number;
  /** Peak of the PSS sum, for comparison: see treeMemory. */
  peakPssMb: number;
  pages: number;
  timings?: Record<string, number>;
}

interface Cell {
  runs: Run[];
  error?: string;
}

interface Input {
  size: number;
  label: string;
  markdown: string;
  html: string;
  cells: Record<Tool, Cell>;
}

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
// Process-tree memory: /proc is the only place that sees Chromium's helpers (zygote, renderers,
// GPU/utility processes), which is where most of the memory is.

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
function processTable(): Map<number, ProcessInfo> {
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
function treePids(root: number, table: Map<number, ProcessInfo>): number[] {
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
function treeMemory(root: number): { rss: number; pss: number } {
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
function commandLine(pid: number): string {
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

interface Measured {
  ms: number;
  peakBytes: number;
  peakPssBytes: number;
  code: number | null;
  stderr: string;
}

/** One cold process: wall time from spawn to exit, peak RSS of its tree, stderr (tail). */
function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
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
    const poll = setInterval(() => {
      const memory = treeMemory(pid);
      peak = Math.max(peak, memory.rss);
      peakPss = Math.max(peakPss, memory.pss);
    }, POLL_MS);
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

function pdfPages(pdf: string): number {
  if (!existsSync(pdf)) return 0;
  try {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// The four contenders. Each gets a fresh output path; a stale PDF must never count as a result.

let timingsSupported = false;

/** Our build's environment: the subset font cache on or off, whatever the calling shell has set. */
function oursEnv(fontCache: boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.BULLETIN_NO_CACHE;
  if (!fontCache) env.BULLETIN_NO_CACHE = '1';
  return env;
}

async function runOnce(tool: Tool, input: Input): Promise<Run> {
  const dir = join(WORK, 'runs', tool);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let pdf = join(dir, 'out.pdf');
  let result: Measured;
  if (tool === 'floor') {
    // Chromium's own printing; Paged.js scripts do not run here, @page rules print natively.
    const profile = mkdtempSync(join(WORK, 'profile-'));
    try {
      result = await measure(CHROMIUM, [
        '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`, pathToFileURL(input.html).href,
      ]);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  } else if (tool === 'peer') {
    // pagedjs-cli's own option passes --no-sandbox (needed as root); its defaults otherwise.
    result = await measure(process.execPath, [PAGEDJS_CLI, input.html, '-o', pdf, '--browserArgs=--no-sandbox'], {
      ...process.env,
      PUPPETEER_EXECUTABLE_PATH: CHROMIUM,
      PUPPETEER_SKIP_DOWNLOAD: '1',
    });
  } else {
    pdf = join(dir, `${basename(input.markdown, '.md')}.pdf`);
    result = await measure(
      process.execPath,
      [BULLETIN, 'build', input.markdown, '-q', '--out-dir', dir, ...(timingsSupported ? ['--timings'] : [])],
      oursEnv(tool === 'ours'),
    );
  }
  const pages = pdfPages(pdf);
  if (result.code !== 0 || pages === 0) {
    const why = result.code !== 0 ? `exit code ${result.code}` : 'no PDF or no pages';
    throw new Error(`${tool} on ${input.label}: ${why}\n${result.stderr.trim().split('\n').slice(-15).join('\n')}`);
  }
  return { ms: result.ms, peakMb: result.peakBytes / 1024 / 1024, peakPssMb: result.peakPssBytes / 1024 / 1024, pages, timings: timingsLine(result.stderr) };
}

/** The lead's `--timings` prints `timings {"stage": ms, …}` on stderr, one line per file. */
function timingsLine(stderr: string): Record<string, number> | undefined {
  const line = stderr.split('\n').find((l) => l.startsWith('timings '));
  if (!line) return undefined;
  try {
    // Keep the stage → ms pairs; the line also names the file.
    const parsed = JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** The articles of 2025-12 `size` times over, titles made distinct, same front matter but the issue. */
function stressIssue(size: number): string {
  const text = readFileSync(SOURCE, 'utf8');
  const match = /^---\n[\s\S]*?\n---\n/.exec(text);
  if (!match) throw new Error(`${SOURCE}: no front matter`);
  const frontMatter = match[0].replace(/^issue: .*$/m, `issue: 2025年第12期（${size}倍压力测试）`);
  const body = text.slice(match[0].length);
  const groups = Array.from({ length: size }, (_, i) => body.replace(/^# (.+)$/gm, `# $1（第${i + 1}组）`));
  return frontMatter + groups.join('\n');
}

/** The exact HTML our build hands to Paged.js, from `build --html`. */
function prepareInput(size: number): Input {
  const name = size === 1 ? '2025-12' : `2025-12-x${size}`;
  let markdown = SOURCE;
  if (size !== 1) {
    markdown = join(WORK, `${name}.md`);
    writeFileSync(markdown, stressIssue(size));
  }
  const dir = join(WORK, 'html', name);
  rmSync(dir, { recursive: true, force: true });
  execFileSync(process.execPath, [BULLETIN, 'build', markdown, '--html', '--out-dir', dir, '-q'], { cwd: ROOT, stdio: 'inherit', timeout: RUN_TIMEOUT_MS });
  const html = join(dir, `${name}.html`);
  if (!existsSync(html)) throw new Error(`build --html wrote no ${html}`);
  const label = size === 1 ? '2025年第12期 (source/2025-12.md)' : `stress ×${size} (bench/.work/${name}.md)`;
  return { size, label, markdown, html, cells: Object.fromEntries(TOOLS.map((tool): [Tool, Cell] => [tool, { runs: [] }])) as Record<Tool, Cell> };
}

// ---------------------------------------------------------------------------------------------
// Watch: `bulletin watch` on a copy of 2025-12, rebuilding after one-character edits.

interface WatchEdit {
  /** The build time the watch prints on its ✓ line (change detected → PDF written and verified). */
  reportedMs: number;
  /** From the write returning to the ✓ line arriving here: adds the watcher's quiet spell. */
  wallMs: number;
  timings?: Record<string, number>;
}

interface WatchResult {
  edits: WatchEdit[];
  /** Where the toggled character is, for the report. */
  editAt?: string;
  first?: { reportedMs: number; wallMs: number; pages: number };
  peakMb: number;
  peakPssMb: number;
  /** How the watch ended after SIGINT, e.g. 'exit code 130'. */
  exit?: string;
  exitMs?: number;
  /** Processes of the watch's tree, or naming its browser profile, still there after it exited. */
  leftovers: string[];
  /** Left behind and still there 2 s later (then killed by the bench). */
  leftoversLater: string[];
  profileDir?: string;
  profileLeft: boolean;
  /** Other lines the watch printed that are worth a look (browser restarts, ✗ lines). */
  notes: string[];
  error?: string;
}

/**
 * Where to toggle 的 ↔ 地: the first 的 (not at a line's start) in the first ordinary paragraph of
 * the body that has one: no front matter, heading, list, quote, table, fence or HTML.
 */
function watchEditOffset(text: string): { offset: number; line: number; column: number } {
  const frontMatter = /^---\n[\s\S]*?\n---\n/.exec(text);
  let offset = frontMatter ? frontMatter[0].length : 0;
  let line = text.slice(0, offset).split('\n').length;
  let fenced = false;
  for (const content of text.slice(offset).split('\n')) {
    if (/^\s*(```|~~~)/.test(content)) fenced = !fenced;
    else if (!fenced && content.length >= 40 && !/^\s*([#>|<!:\-*+[]|\d+[.)]\s)/.test(content)) {
      const column = content.indexOf('的', 10);
      if (column > 0) return { offset: offset + column, line, column: column + 1 };
    }
    offset += content.length + 1;
    line++;
  }
  throw new Error(`${SOURCE}: no 的 in a body paragraph to toggle`);
}

const sameCharacters = (a: string, b: string) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((c) => y.has(c));
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function measureWatch(edits: number): Promise<WatchResult> {
  const result: WatchResult = { edits: [], peakMb: 0, peakPssMb: 0, leftovers: [], leftoversLater: [], profileLeft: false, notes: [] };
  const dir = join(WORK, 'watch');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, basename(SOURCE));
  const original = readFileSync(SOURCE, 'utf8');
  let at: { offset: number; line: number; column: number };
  try {
    at = watchEditOffset(original);
  } catch (error) {
    result.error = (error as Error).message;
    return result;
  }
  const toggled = original.slice(0, at.offset) + '地' + original.slice(at.offset + 1);
  const context = original.slice(Math.max(0, at.offset - 4), at.offset + 4).replace(/\n/g, ' ');
  result.editAt = `the 的 in “${context}” (line ${at.line}, character ${at.column}, a body paragraph)`;
  if (!sameCharacters(original, toggled)) {
    result.error = `toggling ${result.editAt} to 地 would change the set of characters`;
    return result;
  }
  writeFileSync(copy, original);

  // Not detached: a Ctrl-C on the bench reaches the watch too, which then stops its browser itself.
  const started = performance.now();
  const child = spawn(process.execPath, [BULLETIN, 'watch', copy, '--out-dir', join(dir, 'out'), ...(timingsSupported ? ['--timings'] : [])], {
    cwd: ROOT,
    env: oursEnv(true),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    result.error = 'could not start bulletin watch';
    return result;
  }
  const lines: { text: string; at: number }[] = [];
  let partial = '';
  let wake: (() => void) | undefined;
  let exitedAs: string | undefined;
  const exited = new Promise<string>((done) => {
    child.once('exit', (code, signal) => done((exitedAs = signal ? `signal ${signal}` : `exit code ${code}`)));
    child.once('error', (error) => done((exitedAs = error.message)));
  });
  void exited.then(() => wake?.());
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const now = performance.now();
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    for (const text of parts) lines.push({ text, at: now });
    wake?.();
  });
  const poll = setInterval(() => {
    const memory = treeMemory(pid);
    result.peakMb = Math.max(result.peakMb, memory.rss / 1024 / 1024);
    result.peakPssMb = Math.max(result.peakPssMb, memory.pss / 1024 / 1024);
  }, POLL_MS);
  const tail = (from: number) =>
    lines
      .slice(from)
      .map((l) => l.text)
      .slice(-20)
      .join('\n');

  /** The next ✓ line at or after `from`: its index; throws on a ✗ line, an exit or the timeout. */
  const nextBuild = async (from: number): Promise<number> => {
    const deadline = performance.now() + WATCH_BUILD_TIMEOUT_MS;
    for (let i = from; ; ) {
      for (; i < lines.length; i++) {
        const text = lines[i]!.text;
        if (text.startsWith('bulletin: the browser had stopped')) result.notes.push(text);
        if (text.startsWith('✓ ')) return i;
        if (text.startsWith('✗ ')) {
          result.notes.push(text);
          throw new Error(`the watch reported a failed build:\n${tail(from)}`);
        }
      }
      if (exitedAs) throw new Error(`the watch ended (${exitedAs}) while a build was awaited:\n${tail(from)}`);
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no ✓ line within ${WATCH_BUILD_TIMEOUT_MS / 1000} s:\n${tail(from)}`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, left);
        wake = () => {
          clearTimeout(timer);
          done();
        };
      });
      wake = undefined;
    }
  };
  const parse = (index: number, from: number): { ms: number; pages: number; timings?: Record<string, number> } => {
    const text = lines[index]!.text;
    const match = /(\d+) pages? ([\d.]+) s$/.exec(text);
    if (!match) throw new Error(`cannot read the build time from “${text}”`);
    const timings = [...lines.slice(from, index)].reverse().find((l) => l.text.startsWith('timings '));
    return { ms: Number(match[2]) * 1000, pages: Number(match[1]), timings: timings ? timingsLine(timings.text) : undefined };
  };

  let snapshot = new Map<number, string>();
  try {
    let from = 0;
    let index = await nextBuild(from);
    const first = parse(index, from);
    result.first = { reportedMs: first.ms, wallMs: lines[index]!.at - started, pages: first.pages };
    console.error(`bench: watch first build: ${sec(first.ms)} s reported, ${sec(result.first.wallMs)} s from spawn, ${first.pages} pages`);
    for (let edit = 1; edit <= edits; edit++) {
      await sleep(WATCH_IDLE_MS);
      // Nothing is expected between a build line and the next edit.
      for (const l of lines.slice(index + 1)) result.notes.push(`while idle: ${l.text}`);
      from = lines.length;
      writeFileSync(copy, edit % 2 ? toggled : original);
      const written = performance.now();
      index = await nextBuild(from);
      const build = parse(index, from);
      result.edits.push({ reportedMs: build.ms, wallMs: lines[index]!.at - written, timings: build.timings });
      console.error(`bench: watch edit ${edit}/${edits}: ${sec(build.ms)} s reported, ${sec(lines[index]!.at - written)} s from the write`);
    }
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    // What to look for once it has stopped: its tree as it is now, and its browser's profile.
    const table = processTable();
    const tree = treePids(pid, table);
    snapshot = new Map(tree.map((p) => [p, table.get(p)!.start]));
    for (const p of tree) {
      const profile = /--user-data-dir=(\S+)/.exec(commandLine(p))?.[1];
      if (profile) result.profileDir = dirname(profile);
    }
    const stopAt = performance.now();
    if (!exitedAs) child.kill('SIGINT');
    const how = await Promise.race([exited, sleep(15_000).then(() => undefined)]);
    clearInterval(poll);
    if (how === undefined) {
      result.exit = 'still running 15 s after SIGINT (killed)';
      child.kill('SIGKILL');
      await exited;
    } else {
      result.exit = how;
      result.exitMs = performance.now() - stopAt;
    }
  }
  // Zombies are gone already (waiting to be reaped); anything else of the tree, or naming the
  // profile, is a leftover.
  const leftovers = () => {
    const found: number[] = [];
    for (const [p, info] of processTable()) {
      if (info.state === 'Z' || p === process.pid) continue;
      if (snapshot.get(p) === info.start || (result.profileDir && commandLine(p).includes(result.profileDir))) found.push(p);
    }
    return found;
  };
  const describe = (p: number) => `${p}: ${commandLine(p).slice(0, 160) || '(no command line)'}`;
  const left = leftovers();
  result.leftovers = left.map(describe);
  if (left.length) {
    await sleep(2000);
    const still = leftovers();
    result.leftoversLater = still.map(describe);
    for (const p of still) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
  result.profileLeft = result.profileDir !== undefined && existsSync(result.profileDir);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Statistics and report

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The run whose wall time is the median (the lower middle one for an even count). */
function medianRun(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)]!;
}

const sec = (ms: number) => (ms / 1000).toFixed(2);

function machine(): string[] {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const osName = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.platform();
  const chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const pagedjs = (JSON.parse(readFileSync(join(ROOT, 'node_modules/pagedjs-cli/package.json'), 'utf8')) as { version: string }).version;
  return [
    `- CPU: ${cpu}, ${os.cpus().length} cores; memory ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${osName} (kernel ${os.release()})`,
    `- Node ${process.version}; ${chromium} (${CHROMIUM}); pagedjs-cli ${pagedjs}`,
  ];
}

function watchVerdict(ms: number): string {
  return ms <= WATCH_TARGET_MS
    ? `PASS, ${sec(WATCH_TARGET_MS - ms)} s to spare`
    : `MISS by ${sec(ms - WATCH_TARGET_MS)} s (${(((ms - WATCH_TARGET_MS) / WATCH_TARGET_MS) * 100).toFixed(0)}% over)`;
}

function watchReport(watch: WatchResult): string[] {
  const out: string[] = ['## Watch: rebuild after a one-character edit', ''];
  out.push(
    `\`node bin/bulletin.js watch\` on a copy of \`source/2025-12.md\` in \`bench/.work/watch/\`, font cache on. After its first build, each of ${watchEdits} edits ` +
      `waits ${sec(WATCH_IDLE_MS)} s (a person typing), then turns ${watch.editAt ?? 'one 的 of a body paragraph'} into 地, and back on the next edit, ` +
      'writes the file and waits for the watch\'s ✓ line. 地 occurs elsewhere in the issue, so the set of characters, and with it the subset fonts, stays the same. ' +
      '**Reported** is the build time the watch prints on that line: from noticing the change to the PDF written and verified. ' +
      '**Wall** is from the write to the line arriving here: it adds the file watcher\'s 100 ms quiet spell (a save comes as a burst of events) and passing the line on. ' +
      `A build line that does not come within ${WATCH_BUILD_TIMEOUT_MS / 1000} s, or a ✗ line, ends the section.`,
    '',
  );
  const edits = watch.edits;
  if (edits.length) {
    const reported = edits.map((e) => e.reportedMs);
    const wall = edits.map((e) => e.wallMs);
    out.push('| measure | median s | min–max s |', '|---|--:|--:|');
    out.push(`| build time the watch reports | ${sec(median(reported))} | ${sec(Math.min(...reported))}–${sec(Math.max(...reported))} |`);
    out.push(`| wall time from the write to the ✓ line | ${sec(median(wall))} | ${sec(Math.min(...wall))}–${sec(Math.max(...wall))} |`, '');
    out.push(`Each edit, reported / wall s: ${edits.map((e) => `${sec(e.reportedMs)} / ${sec(e.wallMs)}`).join(', ')}.`, '');
  }
  if (watch.first) {
    out.push(
      `- First build (not a rebuild: it also waits for the browser to start): ${sec(watch.first.reportedMs)} s reported, ` +
        `${sec(watch.first.wallMs)} s from spawning the watch to its ✓ line; ${watch.first.pages} pages.`,
    );
  }
  out.push(
    edits.length
      ? `- Target: a rebuild ≤ ${sec(WATCH_TARGET_MS)} s (reported build time, median of ${edits.length}): ${sec(median(edits.map((e) => e.reportedMs)))} s, ${watchVerdict(median(edits.map((e) => e.reportedMs)))}.`
      : `- Target: a rebuild ≤ ${sec(WATCH_TARGET_MS)} s: not measured.`,
  );
  out.push(`- Peak memory of the watch's process tree over the whole session (first build, edits, pauses; sampled every ${POLL_MS} ms): RSS sum ${watch.peakMb.toFixed(0)} MB, PSS sum ${watch.peakPssMb.toFixed(0)} MB.`);
  const exitOk = watch.exit === 'exit code 130';
  out.push(
    `- Stop: SIGINT; ${exitOk ? 'exit code 130, as expected' : `**${watch.exit ?? 'not stopped'}** (expected exit code 130)`}` +
      `${watch.exitMs !== undefined ? `, ${sec(watch.exitMs)} s after the signal` : ''}.`,
  );
  const profile = watch.profileDir ? `its browser profile (\`${watch.profileDir}\`)` : 'its browser profile (not found: no browser was running when it was stopped)';
  if (!watch.leftovers.length) out.push(`- Left behind: nothing. No process of the watch's tree, nor any naming ${profile}, was running after it exited.`);
  else {
    out.push(`- **Left behind**: ${watch.leftovers.length} process(es) of the watch's tree or naming ${profile} were running after it exited; ${watch.leftoversLater.length} still 2 s later (then killed by the bench):`);
    out.push(...watch.leftovers.map((l) => `  - ${l}`));
  }
  if (watch.profileDir) out.push(watch.profileLeft ? `- **The profile folder \`${watch.profileDir}\` was left on disk.**` : '- The profile folder was removed.');
  if (edits.some((e) => e.timings)) {
    const run = [...edits].sort((a, b) => a.reportedMs - b.reportedMs)[Math.floor((edits.length - 1) / 2)]!;
    if (run.timings) {
      // `relaid` is a count (articles laid out again), not a stage.
      const { relaid, ...stages } = run.timings;
      const again = relaid === undefined ? ' (the whole document laid out)' : `; articles laid out again: ${relaid}`;
      out.push(`- Stages of the median edit (\`--timings\`, ms): ${Object.entries(stages).map(([stage, ms]) => `${stage} ${ms.toFixed(0)}`).join(', ')}${again}.`);
    }
  }
  if (watch.notes.length) {
    out.push('- Worth a look, printed by the watch:');
    out.push(...watch.notes.map((n) => `  - ${n}`));
  }
  out.push('');
  if (watch.error) out.push('### Failure: the watch section', '', '```', watch.error, '```', '');
  return out;
}

/** The ratio target's verdict, e.g. 'PASS, 0.12× to spare'. */
function ratioVerdict(ratio: number, target: number): string {
  return ratio <= target ? `PASS, ${(target - ratio).toFixed(2)}× to spare` : `MISS by ${(ratio - target).toFixed(2)}× (${(((ratio - target) / target) * 100).toFixed(0)}% over)`;
}

function report(inputs: Input[], startedAt: Date, machineLines: string[], loads: [number[], number[]], watch: WatchResult | undefined): string {
  const out: string[] = [];
  out.push('# Benchmark: build time and memory against the browser floor', '');
  out.push(
    `Run ${startedAt.toISOString()} with \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`: 1 warm-up + ${runCount} measured runs per cell` +
      `${watch ? `, then ${watchEdits} edits under \`bulletin watch\`` : ' (the watch measurement was skipped: --watch-edits 0)'}.`,
    '',
  );
  out.push(...machineLines);
  out.push(`- Load average (1 min) at start ${loads[0][0]!.toFixed(2)}, at end ${loads[1][0]!.toFixed(2)}: a shared machine makes the numbers noisy.`, '');
  out.push('## How measured', '');
  out.push(
    'Each input is first built with `bulletin build --html`, which writes the exact HTML our build hands to Paged.js ' +
      '(self-contained, fonts as `data:` URLs). Four commands are then timed, each as a cold process, in rounds ' +
      '(floor, peer, ours, ours without the font cache, floor, …) so that a slow spell on the machine hits all four alike: ' +
      '**floor** is headless Chromium printing that HTML with `--print-to-pdf` (Paged.js does not run there; the CSS `@page` rules print natively), ' +
      'what the browser needs just to print; **peer** is raw `pagedjs-cli` on the same HTML (its defaults, `--browserArgs=--no-sandbox` since we run as root); ' +
      '**ours** is `node bin/bulletin.js build <md> -q` from Markdown to the post-processed, verified PDF. ' +
      'Our build cuts its font files down to the characters the issue uses (font subsetting, the costliest step it does in Node) and keeps the cut fonts on disk ' +
      '(`node_modules/.cache/bulletin/subsets`), found again by font file and set of characters: building the same issue again, or after an edit that brings no new character, ' +
      'takes them from there. **ours** runs with that cache filled (its warm-up run fills it), as on a machine that has built the issue before; ' +
      '**ours, no font cache** is the same command with `BULLETIN_NO_CACHE=1`, which cuts every font anew and keeps nothing, ' +
      'as the first build after `npm ci` in CI or after adding text with new characters. Other caches are warm in both (the bundle in `build/`, fontconfig\'s cache, the system\'s file cache). ' +
      'Time is wall time from spawn to exit. Memory is the peak, sampled every 50 ms from /proc, of the RSS summed over the process and all its descendants ' +
      '(a page shared by several Chromium processes counts once per process, so this overstates what the tree holds), and, for comparison, of the PSS sum ' +
      '(shared pages split among the processes sharing them: closer to what the tree really costs the machine). × floor is median over median.',
    '',
  );
  out.push('## Results', '');
  out.push('| input | command | median s | min–max s | peak RSS MB (median / max) | peak PSS MB (median / max) | × floor | pages |', '|---|---|--:|--:|--:|--:|--:|--:|');
  for (const input of inputs) {
    const floor = input.cells.floor.runs.length ? median(input.cells.floor.runs.map((r) => r.ms)) : NaN;
    for (const tool of TOOLS) {
      const cell = input.cells[tool];
      if (!cell.runs.length) {
        out.push(`| ${input.label} | ${TOOL_LABEL[tool]} | FAILED | | | | | |`);
        continue;
      }
      const ms = cell.runs.map((r) => r.ms);
      const mb = cell.runs.map((r) => r.peakMb);
      const pss = cell.runs.map((r) => r.peakPssMb);
      const pages = [...new Set(cell.runs.map((r) => r.pages))].join('/');
      out.push(
        `| ${input.label} | ${TOOL_LABEL[tool]}${cell.error ? ' (some runs FAILED)' : ''} | ${sec(median(ms))} | ${sec(Math.min(...ms))}–${sec(Math.max(...ms))} | ${median(mb).toFixed(0)} / ${Math.max(...mb).toFixed(0)} | ${median(pss).toFixed(0)} / ${Math.max(...pss).toFixed(0)} | ${(median(ms) / floor).toFixed(2)} | ${pages} |`,
      );
    }
  }
  out.push('', 'The floor prints fewer pages: without Paged.js there are no inserted blank pages and Chromium breaks pages its own way.', '');

  out.push('## Targets (issue 6)', '');
  out.push('| target | measured | verdict |', '|---|---|---|');
  for (const input of inputs) {
    const target = RATIO_TARGETS[input.size];
    const floor = input.cells.floor.runs;
    const ours = input.cells.ours.runs;
    if (target !== undefined) {
      // Judged on ours (cache filled); the cost without the cache is shown beside it.
      for (const [tool, what] of [['ours', 'ours'], ['ours-no-cache', 'ours without the font cache']] as const) {
        const runs = input.cells[tool].runs;
        if (!floor.length || !runs.length) out.push(`| ${input.label}: ${what} ≤ ${target} × floor | — | not measured (a command failed) |`);
        else {
          const ratio = median(runs.map((r) => r.ms)) / median(floor.map((r) => r.ms));
          out.push(`| ${input.label}: ${what} ≤ ${target} × floor | ${ratio.toFixed(2)} × | ${ratioVerdict(ratio, target)} |`);
        }
      }
    }
    if (input.size === 1) {
      if (!ours.length) out.push(`| ${input.label}: peak memory ≤ 1 GB | — | not measured |`);
      else {
        // The issue does not say which measure: both are judged, the worst run of each.
        for (const [measure, peak] of [['RSS sum', Math.max(...ours.map((r) => r.peakMb))], ['PSS sum', Math.max(...ours.map((r) => r.peakPssMb))]] as const) {
          const verdict = peak <= MEMORY_TARGET_MB ? `PASS, ${(MEMORY_TARGET_MB - peak).toFixed(0)} MB to spare` : `MISS by ${(peak - MEMORY_TARGET_MB).toFixed(0)} MB`;
          out.push(`| ${input.label}: peak memory ≤ 1 GB (1024 MB; ${measure}, worst run) | ${peak.toFixed(0)} MB | ${verdict} |`);
        }
      }
    }
  }
  if (watch) {
    const what = `watch: rebuild after a one-character edit ≤ ${sec(WATCH_TARGET_MS)} s (build time the watch reports, median)`;
    if (!watch.edits.length) out.push(`| ${what} | — | not measured (see the watch section) |`);
    else {
      const ms = median(watch.edits.map((e) => e.reportedMs));
      out.push(`| ${what} | ${sec(ms)} s (${watch.edits.length} edits) | ${watchVerdict(ms)}${watch.error ? ' (the section failed before all edits)' : ''} |`);
    }
  }
  out.push('');

  out.push('## Where our time goes (`--timings`)', '');
  if (!timingsSupported) {
    out.push('Not available: `bulletin build` has no `--timings` option yet. Re-run the benchmark once it has.', '');
  } else {
    for (const input of inputs) {
      const runs = input.cells.ours.runs;
      const run = runs.length ? medianRun(runs) : undefined;
      const noCacheRuns = input.cells['ours-no-cache'].runs;
      const noCache = noCacheRuns.length ? medianRun(noCacheRuns) : undefined;
      out.push(`### ${input.label}`, '');
      if (!run?.timings) {
        out.push('No `timings` line found on stderr.', '');
        continue;
      }
      const totalOf = (timings: Record<string, number>) => timings.total ?? Object.values(timings).reduce((a, b) => a + b, 0);
      const total = totalOf(run.timings);
      const other = noCache?.timings;
      out.push(
        `Stages of the median run (wall ${sec(run.ms)} s, of which the process reports ${sec(total)} s; the rest is outside the stages: Node and tsx start-up, module loading, closing the browser, exit)` +
          (other && noCache ? `, and of the median run without the font cache (wall ${sec(noCache.ms)} s, the process reports ${sec(totalOf(other))} s)` : '') +
          ':',
        '',
      );
      const share = (stage: string, ms: number, of: number) => (stage === 'total' ? '' : `${((ms / of) * 100).toFixed(0)}%`);
      out.push('| stage | ms | share | ms, no font cache | share |', '|---|--:|--:|--:|--:|');
      for (const stage of new Set([...Object.keys(run.timings), ...Object.keys(other ?? {})])) {
        const ms = run.timings[stage];
        const msOther = other?.[stage];
        out.push(
          `| ${stage} | ${ms === undefined ? '—' : ms.toFixed(0)} | ${ms === undefined ? '' : share(stage, ms, total)} | ${msOther === undefined ? '—' : msOther.toFixed(0)} | ${msOther === undefined || !other ? '' : share(stage, msOther, totalOf(other))} |`,
        );
      }
      out.push('');
    }
  }
  if (watch) out.push(...watchReport(watch));
  for (const input of inputs) {
    for (const tool of TOOLS) {
      const error = input.cells[tool].error;
      if (error) out.push(`## Failure: ${TOOL_LABEL[tool]} on ${input.label}`, '', '```', error, '```', '');
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadStart = os.loadavg();
  mkdirSync(WORK, { recursive: true });
  const machineLines = machine();
  const help = execFileSync(process.execPath, [BULLETIN, 'build', '--help'], { cwd: ROOT, encoding: 'utf8' });
  timingsSupported = help.includes('--timings');
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
    for (let round = 0; round <= runCount; round++) {
      for (const tool of TOOLS) {
        const cell = input.cells[tool];
        if (cell.error) continue; // a failing command is reported once, not retried
        try {
          const run = await runOnce(tool, input);
          if (round > 0) cell.runs.push(run);
          console.error(`bench: ${input.label} ${tool} ${round === 0 ? 'warm-up' : `run ${round}/${runCount}`}: ${sec(run.ms)} s, RSS ${run.peakMb.toFixed(0)} MB, PSS ${run.peakPssMb.toFixed(0)} MB, ${run.pages} pages`);
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

  const text = report(inputs, startedAt, machineLines, [loadStart, os.loadavg()], watch);
  writeFileSync(RESULTS, text + '\n');
  console.log(text);
  console.error(`bench: wrote ${RESULTS}`);
  rmSync(join(WORK, 'runs'), { recursive: true, force: true });
  const watchFailed = watch !== undefined && (watch.error !== undefined || watch.exit !== 'exit code 130' || watch.leftovers.length > 0 || watch.profileLeft);
  const failed = watchFailed || inputs.some((input) => TOOLS.some((tool) => input.cells[tool].error));
  return failed ? 1 : 0;
}

process.exitCode = await main();
