// Watch: `bulletin watch` on a copy of 2025-12, rebuilding after one-character edits.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BULLETIN, ROOT, SOURCE, WORK } from './paths.ts';
import { commandLine, processTable, treeMemory, treePids } from './process-tree.ts';
import { sec } from './stats.ts';
import { oursEnv, timingsLine, timingsSupported } from './tools.ts';

/** A person typing: the pause before each edit of the watch measurement. */
export const WATCH_IDLE_MS = 1500;
/** How often the watch's memory is sampled. */
export const WATCH_POLL_MS = 1000;
/** The longest wait for a build line of the watch, the first build included. */
export const WATCH_BUILD_TIMEOUT_MS = 60_000;

export interface WatchEdit {
  /** The build time the watch prints on its ✓ line (change detected → PDF written and verified). */
  reportedMs: number;
  /** From the write returning to the ✓ line arriving here: adds the watcher's quiet spell. */
  wallMs: number;
  timings?: Record<string, number>;
}

export interface WatchResult {
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

export async function measureWatch(edits: number): Promise<WatchResult> {
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
  // Sparse: sampling loads the machine (see measure()), and the edits are what is timed here.
  const poll = setInterval(() => {
    const memory = treeMemory(pid);
    result.peakMb = Math.max(result.peakMb, memory.rss / 1024 / 1024);
    result.peakPssMb = Math.max(result.peakPssMb, memory.pss / 1024 / 1024);
  }, WATCH_POLL_MS);
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
