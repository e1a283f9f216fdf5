// A character no configured face can draw prints as tofu (or stops the build): name each one with
// its code point and first position.
import { loadManifest } from '../../fonts/manifest.ts';
import type { Coverage } from '../../fonts/cmap.ts';
import { fontCoverage } from '../../fonts/prepare.ts';
import type { Finding, Rule } from '../types.ts';

let cached: Coverage | undefined;

/** The union of every face named by a role in fonts/fonts.json; loaded once per process. */
export function configuredCoverage(): Coverage {
  cached ??= fontCoverage(loadManifest());
  return cached;
}

export const undrawableChar: Rule = {
  id: 'undrawable-char',
  description: 'characters that none of the fonts in fonts/fonts.json can draw',
  severity: 'error',
  check(ctx) {
    if (ctx.options.coverage === false) return [];
    let coverage: Coverage;
    try {
      coverage = ctx.options.coverage ?? configuredCoverage();
    } catch (error) {
      return [{ offset: 0, severity: 'warning', message: `fonts not checked: ${(error as Error).message}` }];
    }
    const seen = new Map<string, { offset: number; lines: number[] }>();
    let line = 1;
    let i = 0;
    for (const ch of ctx.text) {
      if (ch === '\n') line++;
      else if (!/[\s\p{Cc}\p{Cf}]/u.test(ch) && !coverage.has(ch.codePointAt(0)!)) {
        const entry = seen.get(ch);
        if (entry) entry.lines.push(line);
        else seen.set(ch, { offset: i, lines: [] });
      }
      i += ch.length;
    }
    return [...seen].map(([ch, { offset, lines }]): Finding => {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const more = lines.length ? `; also on line${lines.length > 1 ? 's' : ''} ${[...new Set(lines)].slice(0, 8).join(', ')}${new Set(lines).size > 8 ? ', …' : ''}` : '';
      return { offset, message: `${code} "${ch}" cannot be drawn by any font in fonts/fonts.json${more}` };
    });
  },
};
