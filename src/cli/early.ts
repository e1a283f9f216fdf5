// The first thing a `build` run does, before the CLI and the pipeline load (about 0.1 s of module
// loading): start Chromium, which needs nothing from the sources and takes longest to come up.
// bin/bulletin.js loads this small module on its own and calls startEarly; the build command then
// takes the browser with takeEarlyBrowser. A browser nobody took (a usage error, --help) is
// stopped by discardEarlyBrowser when the command is done, or by the signal handler set here.
import { mark } from '../trace.ts';
import { startBrowser, type BrowserProcess } from '../paginate/browser-process.ts';
import { onInterrupt } from './signals.ts';

let early: BrowserProcess | Error | undefined;
let stopSignals: (() => void) | undefined;

/** Commands whose every successful run starts a browser at once. */
const EARLY_COMMANDS = new Set(['build']);

export function startEarly(argv: string[]): void {
  const [command, ...rest] = argv.slice(2);
  if (!command || !EARLY_COMMANDS.has(command) || rest.some((a) => a === '-h' || a === '--help' || a === '-V' || a === '--version')) return;
  // A signal before the command sets its own handlers must still stop the browser.
  stopSignals = onInterrupt();
  try {
    mark('spawn');
    early = startBrowser();
  } catch (error) {
    // Reported when a file needs the browser: bad sources are still named first.
    early = error as Error;
  }
}

/** The browser started by startEarly (or the error it met), once; undefined if none was started. */
export function takeEarlyBrowser(): BrowserProcess | Error | undefined {
  const taken = early;
  early = undefined;
  stopSignals?.();
  stopSignals = undefined;
  return taken;
}

/** Stops a browser that was started early and never taken. */
export async function discardEarlyBrowser(): Promise<void> {
  const left = takeEarlyBrowser();
  if (left && !(left instanceof Error)) await left.kill();
}
