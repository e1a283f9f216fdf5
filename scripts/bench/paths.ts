// Where the benchmark reads and writes, and the commands it runs.
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const WORK = join(ROOT, 'bench/.work');
export const RESULTS = join(ROOT, 'bench/results.md');
export const SOURCE = join(ROOT, 'source/2025-12.md');
export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/lib/chromium/chromium';
export const BULLETIN = join(ROOT, 'bin/bulletin.js');
export const PAGEDJS_CLI = join(ROOT, 'node_modules/pagedjs-cli/src/cli.js');
