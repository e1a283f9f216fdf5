import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: styles/, fonts/ and node_modules/ are found from here, not from the cwd. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
