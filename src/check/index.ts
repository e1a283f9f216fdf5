// `bulletin check`: lint a bulletin source before it is typeset. checkSource() is what the build
// calls; it never throws, whatever the input — a broken rule becomes a finding, not a crash.
import type { Diagnostic } from '../diagnostics.ts';
import { createContext } from './context.ts';
import { fixText, type FixResult } from './fix.ts';
import { RULES } from './registry.ts';
import { lineIndex } from './text.ts';
import type { CheckContext, CheckOptions, Rule } from './types.ts';

export { RULES } from './registry.ts';
export { applyFixes, wording, type FixResult } from './fix.ts';
export type { CheckOptions, Rule } from './types.ts';

export interface CheckSourceOptions extends CheckOptions {
  /** Run only these rule ids (default: all). */
  rules?: readonly string[];
}

const order = (a: Diagnostic, b: Diagnostic) =>
  (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.rule ?? '').localeCompare(b.rule ?? '');

/** All findings for one source text (already decoded: no BOM, LF line ends), sorted by position. */
export function checkSource(path: string, text: string, options: CheckSourceOptions = {}): Diagnostic[] {
  const rules = options.rules ? RULES.filter((r) => options.rules!.includes(r.id)) : RULES;
  let ctx: CheckContext;
  try {
    ctx = createContext(path, String(text), options);
  } catch (error) {
    return [{ file: path, line: 1, column: 1, severity: 'error', message: `cannot parse the Markdown: ${(error as Error).message}`, rule: 'parse' }];
  }
  const position = lineIndex(ctx.text);
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    for (const f of runRule(rule, ctx)) {
      const offset = Math.max(0, Math.min(f.offset, ctx.text.length));
      out.push({ file: path, ...position(offset), severity: f.severity ?? rule.severity, message: f.message, rule: rule.id, ...(f.fix ? { fix: f.fix } : {}) });
    }
  }
  return out.sort(order);
}

function runRule(rule: Rule, ctx: CheckContext) {
  try {
    return rule.check(ctx);
  } catch (error) {
    return [{ offset: 0, severity: 'warning' as const, message: `rule ${rule.id} failed and was skipped: ${(error as Error).message}` }];
  }
}

/** The text with every certain repair applied, and the findings that were repaired. */
export function fixSource(path: string, text: string, options: CheckSourceOptions = {}): Promise<FixResult> {
  return fixText(text, (t) => checkSource(path, t, { ...options, coverage: false }));
}
