import { runCleanups } from '../cleanup.ts';

/**
 * Ctrl-C / SIGTERM during a build: run every registered clean-up (stop the browser and wait for it,
 * remove its profile and the build's temporary folder), then exit with the conventional code.
 * Returns a function that removes the handlers.
 */
export function onInterrupt(): () => void {
  const handler = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nbulletin: stopped by ${signal}\n`);
    const code = signal === 'SIGINT' ? 130 : 143;
    // Never hang on the way out: give the clean-up five seconds at most.
    setTimeout(() => process.exit(code), 5000).unref();
    void runCleanups().finally(() => process.exit(code));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
