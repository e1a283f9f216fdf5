// Segmentations kept on disk between runs: loading jieba's dictionary costs about 0.2 s, far more
// than cutting and choosing the breaks of a whole issue (a few ms), and most builds see titles they
// have seen before. The key of the file names everything the atoms depend on (the segmenter's
// code, the bulletin's terms, jieba's version), so a cached segmentation is exactly the one that
// would be made. BULLETIN_NO_CACHE=1 turns it off.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';

const CACHE_DIR = join(projectRoot, 'node_modules/.cache/bulletin/linebreak');
/** Texts kept per file; beyond it the file starts again (titles of the last many issues). */
const LIMIT = 5000;

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of ['src/linebreak/segment.ts', 'src/linebreak/terms.txt', 'node_modules/@node-rs/jieba/package.json']) {
    try {
      hash.update(readFileSync(join(projectRoot, file)));
    } catch {
      hash.update(`missing ${file}`);
    }
  }
  return hash.digest('hex').slice(0, 24);
}

export class SegmentCache<T> {
  private entries: Record<string, T> | undefined;
  private readonly path: string | undefined;
  private pending = false;

  constructor(dir = CACHE_DIR) {
    this.path = process.env.BULLETIN_NO_CACHE ? undefined : join(dir, `${fingerprint()}.json`);
  }

  private load(): Record<string, T> {
    if (this.entries) return this.entries;
    this.entries = {};
    if (!this.path) return this.entries;
    try {
      const data = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data)) this.entries = data as Record<string, T>;
    } catch {
      // none yet, or unreadable: made again
    }
    return this.entries;
  }

  get(text: string): T | undefined {
    const entries = this.load();
    return Object.hasOwn(entries, text) ? entries[text] : undefined;
  }

  set(text: string, value: T): void {
    let entries = this.load();
    if (Object.keys(entries).length >= LIMIT) entries = this.entries = {};
    entries[text] = value;
    // One write for all the titles a build segments in one go, not one per title.
    if (this.path && !this.pending) {
      this.pending = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.pending = false;
    if (!this.path || !this.entries) return;
    try {
      const dir = join(this.path, '..');
      mkdirSync(dir, { recursive: true });
      const temp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(this.entries));
      renameSync(temp, this.path);
      // Files of older segmenters are of no further use.
      for (const name of readdirSync(dir)) if (name.endsWith('.json') && join(dir, name) !== this.path) rmSync(join(dir, name), { force: true });
    } catch {
      // a read-only tree: the cache is only an optimisation
    }
  }
}
