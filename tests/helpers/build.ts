import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const OUT = join(ROOT, 'tests/.out');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI, as a user would. */
export function bulletin(args: string[], options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/bulletin.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: options.timeout ?? 180_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The PDFs the end-to-end tests read; built once by tests/global-setup.ts. */
export const BUILT = {
  seed: { source: join(ROOT, 'source/2025-12.md'), pdf: join(OUT, '2025-12.pdf') },
  long: { source: join(ROOT, 'tests/fixtures/long-issue.md'), pdf: join(OUT, 'long-issue.pdf') },
  /** The headline corpus (tests/fixtures/titles/headlines.jsonl) as one bulletin, written by the setup. */
  titles: { source: join(OUT, 'titles/headlines.md'), pdf: join(OUT, 'titles/headlines.pdf') },
};

/** Built once too, for the options they show: `header: false`, and `--screen` output. */
export const VARIANTS = {
  noHeader: { source: join(ROOT, 'tests/fixtures/no-header.md'), pdf: join(OUT, 'no-header.pdf') },
  screen: { source: join(ROOT, 'source/2025-12.md'), pdf: join(OUT, 'screen/2025-12.pdf') },
  /** Everything the print shop can ask for at once. */
  press: { source: join(ROOT, 'source/2025-12.md'), pdf: join(OUT, 'press/2025-12.pdf'), booklet: join(OUT, 'press/2025-12.booklet.pdf') },
};

/** `--pdfx` implies `--cmyk`: the press variant is the PDF/X-1a file the print shop receives. */
export const PRESS_FLAGS = ['--bleed', '3mm', '--marks', 'crop', '--impose', 'a3', '--pdfx'];

export function ensureOut(): void {
  if (!existsSync(OUT)) mkdirSync(OUT, { recursive: true });
}
