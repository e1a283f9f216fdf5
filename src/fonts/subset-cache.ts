// Subsets kept on disk between runs. Cutting the five faces (HarfBuzz over files of up to 15 MB) is
// the costliest thing a build does in Node, and the result depends only on the face file and the
// set of characters, which most edits do not change. HarfBuzz is deterministic, so a cached subset
// is byte for byte the one that would be made; the PDF does not depend on the cache.
// BULLETIN_NO_CACHE=1 turns it off.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';

const CACHE_DIR = join(projectRoot, 'node_modules/.cache/bulletin/subsets');
/** Enough for the last few dozen character sets; the oldest go first. */
const KEEP = 120;

let recipe: string | undefined;
/** The subsetter's version is part of every key: a new HarfBuzz may cut differently. */
function subsetterVersion(): string {
  recipe ??= ['subset-font', 'harfbuzzjs']
    .map((name) => {
      try {
        return `${name}@${(JSON.parse(readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`;
      } catch {
        return `${name}@?`;
      }
    })
    .join(' ');
  return recipe;
}

const isTrueType = (data: Uint8Array) => data.length > 12 && data[0] === 0 && data[1] === 1 && data[2] === 0 && data[3] === 0;

/** The subset of `face` for `text`, from the cache or made by `make` (and then kept). */
export async function cachedSubset(face: string, text: string, make: () => Promise<Uint8Array>, dir = CACHE_DIR): Promise<Uint8Array> {
  if (process.env.BULLETIN_NO_CACHE) return make();
  let key: string;
  try {
    // The face by path, size and time: hashing 15 MB files would cost what the cache saves.
    const { size, mtimeMs } = statSync(face);
    key = createHash('sha256').update(`${subsetterVersion()}\0${face}\0${size}\0${mtimeMs}\0${text}`).digest('hex').slice(0, 32);
  } catch {
    return make();
  }
  const path = join(dir, `${key}.ttf`);
  try {
    const data = readFileSync(path);
    if (isTrueType(data)) {
      const now = new Date();
      utimesSync(path, now, now);
      return data;
    }
  } catch {
    // not cached yet
  }
  const data = await make();
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, path);
    prune(dir);
  } catch {
    // A read-only checkout builds without the cache.
  }
  return data;
}

function prune(dir: string): void {
  const entries = readdirSync(dir).filter((name) => name.endsWith('.ttf'));
  if (entries.length <= KEEP) return;
  const byAge = entries.map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs })).sort((a, b) => a.mtime - b.mtime);
  for (const { name } of byAge.slice(0, entries.length - KEEP)) rmSync(join(dir, name), { force: true });
}
