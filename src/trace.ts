// BULLETIN_TRACE=1: the milestones of a run in ms since the process started (browser spawned,
// document prepared, printed, verified, written, browser closed, exit), one `trace` line on stderr
// at exit. What --timings cannot show: the time before and after the stages, and what overlaps.
const on = !!process.env.BULLETIN_TRACE;
const marks: Array<[string, number]> = [];

export function mark(name: string): void {
  if (on) marks.push([name, Math.round(performance.now())]);
}

if (on) process.on('exit', () => process.stderr.write(`trace ${marks.map(([n, t]) => `${n}=${t}`).join(' ')} exit=${Math.round(performance.now())}\n`));
