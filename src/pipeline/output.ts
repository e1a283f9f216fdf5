// Where a build writes: checked before any work is spent, written so that readers never see a
// partial file. Kept apart from build.ts so that the CLI can check the output folder before it
// loads the pipeline and starts the browser.
import { accessSync, constants, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BulletinError } from '../diagnostics.ts';

/** Writes next to the target and renames: readers never see a partial file. */
export function writeAtomically(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The output folder must exist (or be creatable) and be writable before any work is spent. */
export function ensureWritableDir(dir: string, file: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message.split('\n')[0];
    throw new BulletinError({ file, severity: 'error', message: `cannot write to the output folder ${dir}: ${reason}` });
  }
}
