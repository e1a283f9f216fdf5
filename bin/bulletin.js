#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step that could go stale.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv);
process.exitCode = code;
// The command is done and has stopped its browser; if a library still holds the event loop (a
// puppeteer socket to a browser that died), leave anyway, after stdout and stderr have drained.
setTimeout(() => process.exit(code), 1000).unref();
