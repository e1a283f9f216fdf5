// Subset fonts for a warm session (watch, preview): cutting the faces is the costliest step before
// layout, and a one-character edit rarely brings a new character. The subsets depend only on the
// set of characters, so they are kept by that set.
import type { FontManifest } from '../fonts/manifest.ts';
import { pageCharacters, prepareFonts, type PreparedFonts } from '../fonts/prepare.ts';

/** A drop-in for prepareFonts that remembers the last few character sets. */
export function cachedFonts(keep = 4): (manifest: FontManifest, text: string) => Promise<PreparedFonts> {
  const cache = new Map<string, Promise<PreparedFonts>>();
  return (manifest, text) => {
    const key = pageCharacters(text).join('');
    let entry = cache.get(key);
    if (entry) {
      // Most recently used last, so the oldest is the one dropped.
      cache.delete(key);
    } else {
      entry = prepareFonts(manifest, text);
      // A failure is not worth keeping.
      entry.catch(() => cache.delete(key));
    }
    cache.set(key, entry);
    while (cache.size > keep) cache.delete(cache.keys().next().value!);
    return entry;
  };
}
