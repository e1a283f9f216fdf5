// One run at a time of work that a burst of events asks for (saves): a request during a run is
// merged with any others into one more run after it.

export interface OneAtATime {
  /** Runs the work now, or once more after the current run. */
  request(): void;
  /** Settles when no run is going on. */
  settled(): Promise<void>;
}

/** `stopped`: once true, no run starts and none is repeated. Failures of the work are its own to report. */
export function oneAtATime(work: () => Promise<unknown>, stopped: () => boolean = () => false): OneAtATime {
  let running: Promise<void> | undefined;
  let again = false;
  return {
    request() {
      if (stopped()) return;
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          await work().catch(() => undefined);
        } while (again && !stopped());
      })().finally(() => (running = undefined));
    },
    settled: () => running ?? Promise.resolve(),
  };
}
