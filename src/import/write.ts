// Writes that never leave half a file: the text goes to a temporary file beside the target, which
// is then renamed over it (replace) or hard-linked to its name (create: fails if the name exists,
// atomically, so an existing file is never overwritten even by a race).
import { linkSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Creates `path` with `data`; throws EEXIST (nothing written) if it exists. */
export function createFile(path: string, data: string | Uint8Array): void {
  const temp = tempBeside(path);
  try {
    writeFileSync(temp, data);
    linkSync(temp, path);
  } finally {
    removeQuietly(temp);
  }
}

/** Replaces the content of an existing file, keeping its mode. */
export function replaceFile(path: string, data: string): void {
  const temp = tempBeside(path);
  try {
    writeFileSync(temp, data, { mode: statSync(path).mode });
    renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}
