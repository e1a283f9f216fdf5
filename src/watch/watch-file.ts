// Calls back when a file's content changes. Editors save by writing a new file and renaming it over
// the old one, which ends a watch on the file itself; so the folder is watched and events are
// filtered by name. Bursts (write, rename, chmod) are merged into one call after a quiet spell.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface FileWatcher {
  close(): void;
}

export function watchFile(path: string, onChange: () => void, quietMs = 100): FileWatcher {
  const file = resolve(path);
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const fire = () => {
    timer = undefined;
    if (!closed) onChange();
  };
  const watcher: FSWatcher = watch(dirname(file), { persistent: true }, (_event, changed) => {
    // Some platforms do not name the file: then any change in the folder may be ours.
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(fire, quietMs);
  });
  // A folder that disappears (unmounted, removed) ends the watch; the session keeps its last output.
  watcher.on('error', () => undefined);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
