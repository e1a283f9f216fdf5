// The four contenders. Each gets a fresh output path; a stale PDF must never count as a result.
// Also the inputs they are run on: 2025-12 itself and stress issues made of it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BULLETIN, CHROMIUM, PAGEDJS_CLI, ROOT, SOURCE, WORK } from './paths.ts';
import { type Measured, RUN_TIMEOUT_MS, measure } from './process-tree.ts';

export type Tool = 'floor' | 'peer' | 'ours' | 'ours-no-cache';
export const TOOLS: Tool[] = ['floor', 'peer', 'ours', 'ours-no-cache'];
export const TOOL_LABEL: Record<Tool, string> = {
  floor: 'floor: Chromium --print-to-pdf',
  peer: 'peer: pagedjs-cli',
  ours: 'ours: bulletin build (Markdown → verified PDF)',
  'ours-no-cache': 'ours, no font cache: the same with BULLETIN_NO_CACHE=1',
};

export interface Run {
  ms: number;
  peakMb: number;
  /** Peak of the PSS sum, for comparison: see treeMemory. */
  peakPssMb: number;
  pages: number;
  timings?: Record<string, number>;
}

export interface Cell {
  /** Timed runs (memory not sampled). */
  runs: Run[];
  /** The run whose memory was sampled (its time is not counted). */
  memory?: Run;
  error?: string;
}

export interface Input {
  size: number;
  label: string;
  markdown: string;
  html: string;
  cells: Record<Tool, Cell>;
}

function pdfPages(pdf: string): number {
  if (!existsSync(pdf)) return 0;
  try {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Whether `bulletin build` has `--timings`: asked once, by checkTimings, before any run. */
export let timingsSupported = false;

/** Asks `bulletin build --help` whether it has `--timings` yet; every later run follows the answer. */
export function checkTimings(): boolean {
  const help = execFileSync(process.execPath, [BULLETIN, 'build', '--help'], { cwd: ROOT, encoding: 'utf8' });
  timingsSupported = help.includes('--timings');
  return timingsSupported;
}

/** Our build's environment: the subset font cache on or off, whatever the calling shell has set. */
export function oursEnv(fontCache: boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.BULLETIN_NO_CACHE;
  if (!fontCache) env.BULLETIN_NO_CACHE = '1';
  return env;
}

/** One run of `tool`; `sample`: sample its memory (and do not trust its time). */
export async function runOnce(tool: Tool, input: Input, sample = false): Promise<Run> {
  const dir = join(WORK, 'runs', tool);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let pdf = join(dir, 'out.pdf');
  let result: Measured;
  if (tool === 'floor') {
    // Chromium's own printing; Paged.js scripts do not run here, @page rules print natively.
    const profile = mkdtempSync(join(WORK, 'profile-'));
    try {
      result = await measure(CHROMIUM, [
        '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`, pathToFileURL(input.html).href,
      ], process.env, sample);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  } else if (tool === 'peer') {
    // pagedjs-cli's own option passes --no-sandbox (needed as root); its defaults otherwise.
    result = await measure(process.execPath, [PAGEDJS_CLI, input.html, '-o', pdf, '--browserArgs=--no-sandbox'], {
      ...process.env,
      PUPPETEER_EXECUTABLE_PATH: CHROMIUM,
      PUPPETEER_SKIP_DOWNLOAD: '1',
    }, sample);
  } else {
    pdf = join(dir, `${basename(input.markdown, '.md')}.pdf`);
    result = await measure(
      process.execPath,
      [BULLETIN, 'build', input.markdown, '-q', '--out-dir', dir, ...(timingsSupported ? ['--timings'] : [])],
      oursEnv(tool === 'ours'),
      sample,
    );
  }
  const pages = pdfPages(pdf);
  if (result.code !== 0 || pages === 0) {
    const why = result.code !== 0 ? `exit code ${result.code}` : 'no PDF or no pages';
    throw new Error(`${tool} on ${input.label}: ${why}\n${result.stderr.trim().split('\n').slice(-15).join('\n')}`);
  }
  return { ms: result.ms, peakMb: result.peakBytes / 1024 / 1024, peakPssMb: result.peakPssBytes / 1024 / 1024, pages, timings: timingsLine(result.stderr) };
}

/** The lead's `--timings` prints `timings {"stage": ms, …}` on stderr, one line per file. */
export function timingsLine(stderr: string): Record<string, number> | undefined {
  const line = stderr.split('\n').find((l) => l.startsWith('timings '));
  if (!line) return undefined;
  try {
    // Keep the stage → ms pairs; the line also names the file.
    const parsed = JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** The articles of 2025-12 `size` times over, titles made distinct, same front matter but the issue. */
function stressIssue(size: number): string {
  const text = readFileSync(SOURCE, 'utf8');
  const match = /^---\n[\s\S]*?\n---\n/.exec(text);
  if (!match) throw new Error(`${SOURCE}: no front matter`);
  const frontMatter = match[0].replace(/^issue: .*$/m, `issue: 2025年第12期（${size}倍压力测试）`);
  const body = text.slice(match[0].length);
  const groups = Array.from({ length: size }, (_, i) => body.replace(/^# (.+)$/gm, `# $1（第${i + 1}组）`));
  return frontMatter + groups.join('\n');
}

/** The exact HTML our build hands to Paged.js, from `build --html`. */
export function prepareInput(size: number): Input {
  const name = size === 1 ? '2025-12' : `2025-12-x${size}`;
  let markdown = SOURCE;
  if (size !== 1) {
    markdown = join(WORK, `${name}.md`);
    writeFileSync(markdown, stressIssue(size));
  }
  const dir = join(WORK, 'html', name);
  rmSync(dir, { recursive: true, force: true });
  execFileSync(process.execPath, [BULLETIN, 'build', markdown, '--html', '--out-dir', dir, '-q'], { cwd: ROOT, stdio: 'inherit', timeout: RUN_TIMEOUT_MS });
  const html = join(dir, `${name}.html`);
  if (!existsSync(html)) throw new Error(`build --html wrote no ${html}`);
  const label = size === 1 ? '2025年第12期 (source/2025-12.md)' : `stress ×${size} (bench/.work/${name}.md)`;
  return { size, label, markdown, html, cells: Object.fromEntries(TOOLS.map((tool): [Tool, Cell] => [tool, { runs: [] }])) as Record<Tool, Cell> };
}
