// Scores the title and 目录 line breaks of a PDF built from a headline corpus (tests/helpers/titles.ts):
//   node --import tsx scripts/title-score.ts <corpus.jsonl> <built.pdf>   (build it from `--markdown`)
//   node --import tsx scripts/title-score.ts <corpus.jsonl> --markdown > out.md
import { loadCorpus, corpusMarkdown, printedTitles, printedToc, readBack, score } from '../tests/helpers/titles.ts';

const [corpus, pdf] = process.argv.slice(2);
if (!corpus || !pdf) {
  process.stderr.write('usage: title-score.ts <corpus.jsonl> (<built.pdf> | --markdown)\n');
  process.exit(2);
}
const headlines = loadCorpus(corpus);
if (pdf === '--markdown') {
  process.stdout.write(corpusMarkdown(headlines));
} else {
  const models = await readBack(pdf);
  const s = score(headlines, printedTitles(models, headlines), printedToc(models));
  const list = (name: string, faults: typeof s.badBreak) => {
    const titles = new Set(faults.map((f) => f.title)).size;
    process.stdout.write(`${name}: ${titles} titles (${faults.length} faults)\n`);
    for (const f of faults) process.stdout.write(`  ${f.what}: ${f.lines.join(' / ')}\n`);
  };
  process.stdout.write(`${s.titles} titles\n`);
  list('titles with a break inside a kept span', s.badBreak);
  list('titles with a line of one or two characters', s.shortLine);
  list('titles in a wrong shape', s.shape);
  list('目录 entries with a bad break', s.tocBadBreak);
}
