// A typesetter's audit of built bulletins, from glyph positions read back from the PDF:
//   node --import tsx scripts/typo-audit.ts <pdf> <source.md> [--verbose]
// (the same reading as tests/e2e/composition.test.ts; see tests/helpers/composition.ts).
import { auditPdf, summary } from '../tests/helpers/composition.ts';

const [pdf, source, flag] = process.argv.slice(2);
if (!pdf || !source) {
  console.error('usage: typo-audit.ts <pdf> <source.md> [--verbose]');
  process.exit(2);
}
const audit = await auditPdf(pdf, source);
console.log(summary(audit));
if (flag === '--verbose') {
  const { pages: _pages, ...rest } = audit;
  console.log(JSON.stringify(rest, null, 1));
}
