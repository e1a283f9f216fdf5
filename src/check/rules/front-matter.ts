// The masthead contract, exactly as the build enforces it: src/parse/front-matter.ts throws its
// diagnostics, which become findings here so the other rules still run.
import { BulletinError } from '../../diagnostics.ts';
import { parseFrontMatter } from '../../parse/front-matter.ts';
import type { Rule } from '../types.ts';

export const frontMatter: Rule = {
  id: 'front-matter',
  description: 'the file starts with a `---` front matter block with exactly the masthead keys, valid YAML',
  severity: 'error',
  check(ctx) {
    if (!ctx.yaml) {
      const opened = /^---[ \t]*$/m.test(ctx.text.split('\n', 1)[0] ?? '');
      return [
        {
          offset: 0,
          message: opened
            ? 'front matter is not closed: the `---` block needs a closing `---` line'
            : 'missing front matter: the file must start with a `---` block (organization, publication, issue, issuers, date)',
        },
      ];
    }
    const firstLine = (ctx.yaml.position?.start.line ?? 1) + 1;
    try {
      parseFrontMatter(ctx.file, ctx.yaml.value, firstLine);
      return [];
    } catch (error) {
      if (!(error instanceof BulletinError)) throw error;
      // The parser reports lines; findings carry offsets, so map each line back to its start.
      const starts = lineStarts(ctx.text);
      return error.diagnostics.map((d) => {
        const line = Math.max(1, Math.min(d.line ?? firstLine, starts.length));
        return { offset: starts[line - 1]! + Math.max(0, (d.column ?? 1) - 1), message: d.message };
      });
    }
  },
};

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

