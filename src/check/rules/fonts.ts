// A character no configured face can draw prints as tofu (or stops the build): name each one with
// its code point and first position.
import { loadManifest } from '../../fonts/manifest.ts';
import type { Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { isScalar, parseDocument, visit as visitYaml } from 'yaml';
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
    // Characters the source writes another way: a character reference (`&#x1F600;`; a reference
    // to a surrogate, `&#55296;`, reads as U+FFFD) or a YAML escape (`"\U0001F600"`).
    const written = new Map<string, number>();
    // (A lone surrogate from a YAML escape is the front matter rule's to report.)
    const undrawable = (ch: string) => !/[\s\p{Cc}\p{Cf}\p{Cs}]/u.test(ch) && !coverage.has(ch.codePointAt(0)!);
    visit(ctx.tree, 'text', (node: Text) => {
      for (const ch of node.value) if (!seen.has(ch) && !written.has(ch) && undrawable(ch)) written.set(ch, node.position?.start.offset ?? 0);
    });
    if (ctx.yaml?.position) {
      const base = ctx.text.indexOf('\n', ctx.yaml.position.start.offset ?? 0) + 1;
      visitYaml(parseDocument(ctx.yaml.value), {
        Scalar(_, node) {
          if (!isScalar(node) || typeof node.value !== 'string') return;
          for (const ch of node.value) if (!seen.has(ch) && !written.has(ch) && undrawable(ch)) written.set(ch, base + (node.range?.[0] ?? 0));
        },
      });
    }
    const escaped = [...written].map(([ch, offset]): Finding => {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const what = ch === '\uFFFD' ? 'an invalid character (U+FFFD: a reference to a surrogate or to nothing)' : `${code} "${ch}"`;
      return { offset, message: `${what}, written as a character reference or escape here, cannot be drawn by any font in fonts/fonts.json` };
    });
    return [...escaped, ...[...seen].map(([ch, { offset, lines }]): Finding => {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const more = lines.length ? `; also on line${lines.length > 1 ? 's' : ''} ${[...new Set(lines)].slice(0, 8).join(', ')}${new Set(lines).size > 8 ? ', …' : ''}` : '';
      return { offset, message: `${code} "${ch}" cannot be drawn by any font in fonts/fonts.json${more}` };
    })];
  },
};

/** Bidi embeddings, overrides and isolates (and the marks): nothing a Chinese bulletin needs. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export const bidiControl: Rule = {
  id: 'bidi-control',
  description: 'invisible bidi controls (U+202E and kin, pasted from the web): they reorder the printed text',
  severity: 'error',
  check(ctx) {
    const body = ctx.yaml?.position?.end.offset ?? 0;
    return [...ctx.text.matchAll(BIDI)]
      .filter((m) => m.index >= body)
      .map((m): Finding => ({
        offset: m.index,
        message: `invisible bidi control U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}: it would print the text around it reordered; delete it`,
        fix: { range: [m.index, m.index + m[0].length], text: '' },
      }));
  },
};

/** C0 and C1 controls other than tab and line feed (a form feed from a PDF, a BEL from a paste). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;
const CONTROL_ONE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

export const controlChar: Rule = {
  id: 'control-char',
  description: 'control characters (U+0007, a form feed…) in the text: no face draws them and the PDF cannot give them back',
  severity: 'error',
  check(ctx) {
    const body = ctx.yaml?.position?.end.offset ?? 0;
    const code = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const findings = [...ctx.text.matchAll(CONTROL)]
      .filter((m) => m.index >= body)
      .map((m): Finding => ({
        offset: m.index,
        message: `control character ${code(m[0])} in the text: it prints as a gap or nothing; delete it`,
        fix: { range: [m.index, m.index + m[0].length], text: '' },
      }));
    // Written as a character reference (`&#7;`): the text holds it though the source does not.
    visit(ctx.tree, 'text', (node: Text) => {
      const m = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u.exec(node.value);
      const [start, end] = [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
      if (m && !CONTROL_ONE.test(ctx.text.slice(start, end))) findings.push({ offset: start, message: `control character ${code(m[0])}, written as a character reference here: delete it` });
    });
    return findings;
  },
};
