// Applies the certain repairs: text edits from positions, applied from the end of the file
// backwards so earlier offsets stay valid. Overlapping edits wait for the next pass; passes repeat
// until nothing is left to fix, so a second `--fix` finds nothing.
import type { Diagnostic, DiagnosticFix } from '../diagnostics.ts';

/** Applies non-overlapping fixes; returns the new text and the fixes that were applied. */
export function applyFixes(text: string, fixes: DiagnosticFix[]): { text: string; applied: DiagnosticFix[] } {
  const sorted = [...fixes].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  const applied: DiagnosticFix[] = [];
  let out = text;
  let limit = Infinity;
  for (const fix of sorted) {
    const [start, end] = fix.range;
    if (start < 0 || end > text.length || start > end || end > limit) continue;
    // Two zero-width edits at one place would also conflict.
    if (end === limit && start === end) continue;
    out = out.slice(0, start) + fix.text + out.slice(end);
    applied.push(fix);
    limit = start;
  }
  return { text: out, applied };
}

const WIDE_OF: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' };

/**
 * What a fix may never change: the text without whitespace and `#`, the width of punctuation,
 * digits and Latin letters folded, straight and curly double quotes alike.
 * A fix that alters this would be changing wording, which is never certain.
 */
export function wording(text: string): string {
  // Ellipses and dashes folded before and after the spaces go (`1. .....` is not `1......`).
  const runs = (s: string) => s.replace(/\.{3,}|。{3,}|…+/g, '…').replace(/-{2,}|—+/g, '—');
  // Bidi and other controls are invisible, not wording: deleting them is a certain repair.
  return runs(runs(text).replace(/[\s#\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''))
    .replace(/[,;:?!().]/g, (c) => WIDE_OF[c]!)
    .replace(/["“”]/g, '"')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export interface FixResult {
  text: string;
  /** Every finding whose fix was applied, with its position in the text it was found in. */
  fixed: Diagnostic[];
}

/** Repeats check + apply until no fixable finding is left (at most a few passes). */
export async function fixText(text: string, check: (text: string) => Promise<Diagnostic[]> | Diagnostic[]): Promise<FixResult> {
  const fixed: Diagnostic[] = [];
  let current = text;
  for (let pass = 0; pass < 8; pass++) {
    const findings = (await check(current)).filter((d) => d.fix);
    if (!findings.length) break;
    const { text: next, applied } = applyFixes(current, findings.map((d) => d.fix!));
    if (!applied.length || next === current) break;
    if (wording(next) !== wording(current)) throw new Error('internal error: a fix would change wording; nothing was written');
    const done = new Set(applied);
    fixed.push(...findings.filter((d) => done.has(d.fix!)));
    current = next;
  }
  return { text: current, fixed };
}
