// Builds the fixture bulletins once for all end-to-end tests, through the real CLI.
import { rmSync } from 'node:fs';
import { BUILT, OUT, bulletin, ensureOut } from './helpers/build.ts';

export default function setup(): void {
  rmSync(OUT, { recursive: true, force: true });
  ensureOut();
  const result = bulletin(['build', '--quiet', '--html', '--out-dir', OUT, BUILT.seed.source, BUILT.long.source]);
  if (result.status !== 0) {
    throw new Error(`building the fixtures failed (exit ${result.status}):\n${result.stderr}`);
  }
}
