/**
 * Ctrl-C / SIGTERM during a build: run the cleanup (stop the browser, remove its profile), then
 * exit with the conventional code. Returns a function that removes the handlers.
 */
export function onInterrupt(cleanup: () => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    try {
      cleanup();
    } finally {
      process.stderr.write(`\nbulletin: stopped by ${signal}\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
