// One shape for every problem the tool reports, formatted the way compilers and editors expect:
// `file:line:col: error: message [rule]`.
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  file: string;
  line?: number;
  column?: number;
  severity: Severity;
  message: string;
  rule?: string;
  /** A certain repair: replace `range` (offsets into the decoded text: no BOM, LF line ends) with `text`. */
  fix?: DiagnosticFix;
}

export interface DiagnosticFix {
  range: [number, number];
  text: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  return `${where}: ${d.severity}: ${d.message}${d.rule ? ` [${d.rule}]` : ''}`;
}

/** A failure that stops a build; carries the diagnostics that explain it. */
export class BulletinError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[] | Diagnostic) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map(formatDiagnostic).join('\n'));
    this.name = 'BulletinError';
    this.diagnostics = list;
  }
}

export function fail(file: string, message: string, at?: { line?: number; column?: number }, rule?: string): never {
  throw new BulletinError({ file, line: at?.line, column: at?.column, severity: 'error', message, rule });
}
