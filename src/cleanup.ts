// What must not outlive the process, even when Ctrl-C or SIGTERM ends it in the middle of a build:
// browsers to kill, temporary folders to remove. Each owner registers its clean-up and forgets it
// once it has cleaned up by itself.
type Task = () => void | Promise<void>;

const tasks = new Set<Task>();
let stopping = false;

/** The process is on its way out (a signal): nothing new should be started. */
export function isStopping(): boolean {
  return stopping;
}

/** Registers a clean-up; returns the function that unregisters it. */
export function onCleanup(task: Task): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

/** Runs every registered clean-up (each at most once), whatever each of them throws. */
export async function runCleanups(): Promise<void> {
  stopping = true;
  const pending = [...tasks];
  tasks.clear();
  await Promise.all(
    pending.map(async (task) => {
      try {
        await task();
      } catch {
        // best effort: the others still run
      }
    }),
  );
}
