// Scores the title and 目录 line breaks of a headline corpus (tests/helpers/titles.ts):
//   node --import tsx scripts/title-score.ts <corpus.jsonl> <built.pdf>   (build it from `--markdown`)
//   node --import tsx scripts/title-score.ts <corpus.jsonl> --markdown > out.md
//   node --import tsx scripts/title-score.ts <corpus.jsonl> --lines        (the breaker alone, no build)
// `--lines` runs src/linebreak with the widths the build gives it (2号 titles in the 156 mm block,
// 3号 目录 entries with a three-digit page number): the same lines as the PDF, in a second.
import { tocLines, titleLines, BLOCK_PT } from '../src/linebreak/index.ts';
import { loadCorpus, corpusMarkdown, printedTitles, printedToc, readBack, score, type Printed } from '../tests/helpers/titles.ts';

const [corpus, pdf] = process.argv.slice(2);
if (!corpus || !pdf) {
  process.stderr.write('usage: title-score.ts <corpus.jsonl> (<built.pdf> | --markdown | --lines)\n');
  process.exit(2);
}
const headlines = loadCorpus(corpus);
if (pdf === '--markdown') {
  process.stdout.write(corpusMarkdown(headlines));
} else {
  let titles: Printed[];
  let toc: Printed[];
  const started = performance.now();
  if (pdf === '--lines') {
    // The widths of src/transform/headings.ts and src/html/toc.ts.
    const first = BLOCK_PT / 16 - 0.1 - 1.8;
    const squash = (s: string) => s.replace(/\s+/g, '');
    // The whole title, the editor's spaces preferred breaks, as src/transform/headings.ts breaks it.
    titles = headlines.map((h) => ({ title: h.title, lines: titleLines(h.title, Math.floor(BLOCK_PT / 22)).map(squash) }));
    toc = headlines.map((h) => ({ title: h.title, lines: tocLines(h.title, first, first - 2, 3 * 0.55 + 0.8 - 1.8).map(squash) }));
  } else {
    const models = await readBack(pdf);
    titles = printedTitles(models, headlines);
    toc = printedToc(models);
  }
  const elapsed = performance.now() - started;
  const s = score(headlines, titles, toc);
  const list = (name: string, faults: typeof s.badBreak) => {
    const count = new Set(faults.map((f) => f.title)).size;
    process.stdout.write(`${name}: ${count} titles (${faults.length} faults)\n`);
    for (const f of faults) process.stdout.write(`  ${f.what}: ${f.lines.join(' / ')}\n`);
  };
  process.stdout.write(`${s.titles} titles${pdf === '--lines' ? ` (broken in ${elapsed.toFixed(0)} ms)` : ''}\n`);
  list('titles with a break inside a kept span', s.badBreak);
  list('titles with a line of one or two characters', s.shortLine);
  list('titles in a wrong shape', s.shape);
  list('目录 entries with a bad break', s.tocBadBreak);
}
