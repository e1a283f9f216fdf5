// The checker's findings in the formats CI systems put on the source lines of a change: GitHub
// Actions workflow commands (`::error file=…,line=…,col=…::message`) and a GitLab Code Quality
// report (a JSON array the merge request widget and the diff show).
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.ts';

/** A workflow command's message: %, CR and LF would end or garble the command. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`, which separate the properties. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One line per finding: `::error file=source/2025-12.md,line=3,col=5,title=…::message`. */
export function githubAnnotation(d: Diagnostic): string {
  const props = [`file=${escapeGithubProperty(d.file)}`];
  if (d.line) props.push(`line=${d.line}`);
  if (d.line && d.column) props.push(`col=${d.column}`);
  props.push(`title=${escapeGithubProperty(`bulletin check${d.rule ? ` [${d.rule}]` : ''}`)}`);
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeGithubData(d.message)}`;
}

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number }; positions?: { begin: { line: number; column: number } } };
}

/** GitLab Code Quality: errors stop the build (critical), warnings are for the editor (minor). */
export function gitlabCodeQuality(diagnostics: Diagnostic[]): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const line = d.line ?? 1;
    const key = `${d.file}\0${line}\0${d.column ?? ''}\0${d.rule ?? ''}\0${d.message}`;
    // The same finding twice on a line still needs two fingerprints, each stable between runs.
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      description: d.message,
      check_name: d.rule ?? 'bulletin',
      fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
      severity: d.severity === 'error' ? 'critical' : 'minor',
      location: { path: d.file, lines: { begin: line }, ...(d.line && d.column ? { positions: { begin: { line: d.line, column: d.column } } } : {}) },
    };
  });
}
