// Medians and the seconds format the console lines and the report share.
import type { Run } from './tools.ts';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The run whose wall time is the median (the lower middle one for an even count). */
export function medianRun(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor((runs.length - 1) / 2)]!;
}

export const sec = (ms: number) => (ms / 1000).toFixed(2);
