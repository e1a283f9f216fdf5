// Debian's Chromium as a child process, spoken to over a pipe (--remote-debugging-pipe: no port
// that a page could reach). This module loads nothing heavy, so that the CLI can start the browser
// first thing and let it come up while Node loads the pipeline and typesets the source. The
// connection (puppeteer) is made later, in render.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { onCleanup } from '../cleanup.ts';
import { faceFiles } from '../fonts/face-file.ts';
import { projectRoot } from '../paths.ts';
import { findBrowser } from './find-browser.ts';
import { PagedPage } from './paged-page.ts';

const FLAGS = [
  '--headless',
  '--remote-debugging-pipe',
  // We run as root in CI and containers, where Chromium's sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  // Renderer, GPU and network in the browser process: 4 processes instead of 11, half the memory
  // of the process tree (RSS sum 0.68 GB instead of 1.2 GB for 2025年第12期), nothing slower. A
  // crash of a page then ends the browser, which a build reports as a crash either way.
  '--single-process',
  '--no-zygote',
  '--font-render-hinting=none',
  '--hide-scrollbars',
  '--mute-audio',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-sync',
  '--disable-component-update',
  '--disable-background-networking',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--disable-client-side-phishing-detection',
  '--disable-features=Translate,MediaRouter,OptimizationHints,AcceptCHFrame,InterestFeedContentSuggestions,CalculateNativeWinOcclusion,AutofillServerCommunication',
  // A background tab must lay out at full speed.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-ipc-flooding-protection',
  '--disable-quic',
  '--dns-prefetch-disable',
  // A second wall behind the request interception (paged-page.ts): any request that escaped it (a
  // WebSocket, a prefetch) goes to a proxy on the discard port, loopback included.
  '--proxy-server=127.0.0.1:9',
  // gc() in the page: the page script collects dead Ranges every 30 pages (bulletin-pages.js).
  '--js-flags=--expose-gc',
  '--proxy-bypass-list=<-loopback>',
];

/**
 * Chromium's single-instance socket lives in a folder it makes in its TMPDIR (the profile's `tmp`):
 * a Unix socket path may have at most 107 bytes, so a long system temporary folder (CI runners
 * have them) would stop the browser at start. Then the profile goes to a short temporary folder.
 */
const SOCKET_TAIL = '/bulletin-browser-XXXXXX/tmp/org.chromium.Chromium.XXXXXX/SingletonSocket';
const SOCKET_MAX = 107;

export function profileBase(candidates = [tmpdir(), '/tmp', '/var/tmp', '/dev/shm']): string {
  for (const base of candidates) {
    if (Buffer.byteLength(base + SOCKET_TAIL) > SOCKET_MAX) continue;
    try {
      accessSync(base, constants.W_OK);
      return base;
    } catch {
      // not writable here: the next one
    }
  }
  throw new Error(`no temporary folder with a path short enough for Chromium's socket (at most ${SOCKET_MAX - SOCKET_TAIL.length} bytes; TMPDIR is ${tmpdir()}): set TMPDIR to a shorter folder`);
}

export interface BrowserProcess {
  readonly executable: string;
  /** The page the browser opened at start-up: a shell that loads Paged.js (paged-page.ts). */
  readonly firstPage: { name: string; url: string };
  /** Temporary folder: Chromium's profile, its temporary files, the pages' folders. */
  readonly profileDir: string;
  readonly child: ChildProcess;
  /** The pipe ends: we write commands to `input`, Chromium answers on `output`. */
  readonly input: Writable;
  readonly output: Readable;
  /** Resolves once the process has exited (with its code or signal). */
  readonly exited: Promise<string>;
  isRunning(): boolean;
  /** The end of what Chromium wrote to stderr: the reason when it fails to start. */
  stderrTail(): string;
  /** SIGKILL to the browser and its helpers, wait until gone, remove the profile. Idempotent. */
  kill(): Promise<void>;
}

/**
 * Starts Chromium now; returns at once. Only the project's own font files are visible to its
 * fontconfig, so whatever the machine has installed can never be drawn and the PDF is the same on
 * every machine (Chromium fails to load web fonts when fontconfig knows no font at all, so the
 * pinned faces are listed). Its temporary files go inside the profile folder, so a killed browser
 * leaves nothing in the system's temporary folder either.
 */
export function startBrowser(executable = findBrowser()): BrowserProcess {
  const profileDir = mkdtempSync(join(profileBase(), 'bulletin-browser-'));
  const fontsConf = join(profileDir, 'fonts.conf');
  const fontDirs = [...new Set(faceFiles().map((file) => dirname(file)))];
  writeFileSync(
    fontsConf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${fontDirs.map((d) => `  <dir>${d}</dir>\n`).join('')}  <cachedir>${join(projectRoot, 'node_modules/.cache/bulletin-fontconfig')}</cachedir>\n</fontconfig>\n`,
  );
  const chromeTmp = join(profileDir, 'tmp');
  mkdirSync(chromeTmp);
  // The first tab opens the shell at once: Paged.js is loaded while Node still connects and
  // typesets. It reads only our own files; request interception is on before a document goes in.
  const firstPage = { name: 'page-0', url: PagedPage.writeShell(join(profileDir, 'page-0')) };
  let tail = '';
  let child: ChildProcess;
  try {
    // BULLETIN_CHROMIUM_FLAGS: extra switches for an unusual machine (space-separated).
    const extra = (process.env.BULLETIN_CHROMIUM_FLAGS ?? '').split(/\s+/).filter(Boolean);
    child = spawn(executable, [...FLAGS, ...extra, `--user-data-dir=${join(profileDir, 'profile')}`, firstPage.url], {
      // Its own process group: one signal stops it and every helper process it started.
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, FONTCONFIG_FILE: fontsConf, TMPDIR: chromeTmp },
    });
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => (tail = (tail + text).slice(-4000)));
  let exitCode: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve((exitCode = signal ?? `code ${code}`)));
    // A binary that cannot be executed at all: no 'exit' follows.
    child.once('error', (error) => resolve((exitCode = error.message)));
  });
  let killing: Promise<void> | undefined;
  const kill = () =>
    (killing ??= (async () => {
      if (exitCode === undefined && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
      }
      // A dying Chromium may still be writing into its profile: try a few times. Off this thread
      // (a build stops the browser while it post-processes and verifies its PDF); registered for
      // clean-up until done, so a signal meanwhile still waits for it.
      try {
        for (let attempt = 0; attempt < 5; attempt++) {
          try {
            await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
            return;
          } catch {
            // a file appeared while removing: again
          }
        }
      } finally {
        forget();
      }
    })());
  const forget = onCleanup(kill);
  const [, , , input, output] = child.stdio as [unknown, unknown, unknown, Writable, Readable];
  // The pipes must not keep Node alive on their own, nor crash it when the browser is gone.
  input.on('error', () => undefined);
  output.on('error', () => undefined);
  return {
    executable,
    firstPage,
    profileDir,
    child,
    input,
    output,
    exited,
    isRunning: () => exitCode === undefined,
    stderrTail: () => tail.trim(),
    kill,
  };
}
