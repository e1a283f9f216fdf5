// The full-text search index: every article's text with the places a word starts or ends, from
// the project's segmenter (jieba with the bulletin's terms). The page's search (browser/search.js)
// finds a phrase as a substring and prefers the hits that start and end on word boundaries, so
// 大学 is not found in 扩大学习. Written as a script that sets a global, not JSON to fetch:
// browsers refuse fetch() over file://.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SegmentCache } from '../linebreak/cache.ts';
import { jieba } from '../linebreak/segment.ts';
import { projectRoot } from '../paths.ts';

/**
 * Offsets (UTF-16, as the page's strings count) where a word starts or ends. A long word also
 * breaks where its own parts do (全面振兴 → 全面|振兴), so a search for one part finds it.
 */
export function wordBoundaries(text: string): number[] {
  const j = jieba();
  const marks = new Set<number>([0, text.length]);
  let at = 0;
  for (const word of j.cut(text, true)) {
    const start = text.indexOf(word, at);
    if (start < 0) continue;
    marks.add(start);
    marks.add(start + word.length);
    if ([...word].length > 2) {
      let inner = 0;
      for (const part of j.cutForSearch(word, true)) {
        const p = word.indexOf(part, inner);
        if (p < 0 || part === word) continue;
        marks.add(start + p);
        marks.add(start + p + part.length);
        inner = p;
      }
    }
    at = start + word.length;
  }
  return [...marks].sort((a, b) => a - b);
}

export interface SearchDoc {
  /** Issue, as written (2025年第12期). */
  issue: string;
  title: string;
  /** The reading page, relative to the site's root. */
  url: string;
  /** The article's blocks, one per line. */
  text: string;
}

let cache: SegmentCache<number[]> | undefined;

/**
 * Boundaries kept on disk between runs, like the title breaks' (linebreak/cache.ts: keyed by the
 * segmenter, the terms and jieba's version; here also by this file): jieba's dictionary takes
 * longer to load than a whole archive takes to cut, and most articles were seen before.
 */
function cachedBoundaries(text: string): number[] {
  cache ??= new SegmentCache<number[]>(join(projectRoot, 'node_modules/.cache/bulletin/search', createHash('sha256').update(readFileSync(join(projectRoot, 'src/site/search-index.ts'))).digest('hex').slice(0, 16)));
  let bounds = cache.get(text);
  if (!bounds) {
    bounds = wordBoundaries(text);
    cache.set(text, bounds);
  }
  return bounds;
}

/** The index as a script; boundaries are stored as differences to keep it small. */
export function searchIndexScript(docs: SearchDoc[]): string {
  const rows = docs.map((d) => {
    const bounds = cachedBoundaries(d.text);
    const deltas = bounds.map((b, i) => b - (i ? bounds[i - 1]! : 0));
    return { i: d.issue, t: d.title, u: d.url, x: d.text, b: deltas };
  });
  return `// The archive's search index (bulletin site): articles and their word boundaries.\nwindow.BULLETIN_SEARCH = ${JSON.stringify({ version: 1, docs: rows })};\n`;
}
