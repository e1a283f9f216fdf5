/** Wall time per stage of one build, for `--timings` and the benchmark. */
export class Timings {
  readonly stages: Record<string, number> = {};
  private readonly started = performance.now();

  add(stage: string, ms: number): void {
    this.stages[stage] = (this.stages[stage] ?? 0) + ms;
  }

  time<T>(stage: string, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  async timeAsync<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - start);
    }
  }

  /** Whole milliseconds per stage, and the total since this build began. */
  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [stage, ms] of Object.entries(this.stages)) out[stage] = Math.round(ms);
    out.total = Math.round(performance.now() - this.started);
    return out;
  }
}
