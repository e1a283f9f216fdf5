// Builds the fixture bulletins once for all end-to-end tests, through the real CLI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUILT, OUT, PRESS_FLAGS, VARIANTS, bulletin, ensureOut } from './helpers/build.ts';
import { CORPUS, corpusMarkdown, LONG_TITLE, loadCorpus } from './helpers/titles.ts';

export default function setup(): void {
  // Not emptied first: every fixture is rebuilt, and builds replace their outputs atomically, so
  // two test runs at once (or a reader of an older PDF) never see a missing or partial file.
  ensureOut();
  mkdirSync(dirname(BUILT.titles.source), { recursive: true });
  writeFileSync(BUILT.titles.source, corpusMarkdown([...loadCorpus(CORPUS), LONG_TITLE]));
  const runs = [
    ['build', '--quiet', '--html', '--out-dir', dirname(BUILT.titles.pdf), BUILT.titles.source],
    ['build', '--quiet', '--html', '--out-dir', OUT, BUILT.seed.source, BUILT.long.source, VARIANTS.noHeader.source],
    ['build', '--quiet', '--screen', '--out-dir', dirname(VARIANTS.screen.pdf), VARIANTS.screen.source],
    ['build', '--quiet', ...PRESS_FLAGS, '--out-dir', dirname(VARIANTS.press.pdf), VARIANTS.press.source],
  ];
  for (const args of runs) {
    const result = bulletin(args);
    if (result.status !== 0) throw new Error(`building the fixtures failed (exit ${result.status}):\n${result.stderr}`);
  }
}
