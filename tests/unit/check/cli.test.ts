// `bulletin check` through the real CLI, as an editor or CI would run it.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../../src/check/index.ts';
import { bulletin } from '../../helpers/build.ts';
import { FIXTURES, ROOT } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'bulletin-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bulletin check', { timeout: 120_000 }, () => {
  it('prints file:line:col findings sorted by position and a summary; errors give exit 1', () => {
    const r = bulletin(['check', join(FIXTURES, 'damaged-other.md')]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    const findings = lines.slice(0, -1);
    expect(findings.every((l) => /^.+damaged-other\.md:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$/.test(l))).toBe(true);
    const positions = findings.map((l) => l.match(/:(\d+):(\d+): /)!.slice(1).map(Number) as [number, number]);
    expect(positions).toEqual([...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const errors = findings.filter((l) => l.includes(': error: ')).length;
    expect(lines.at(-1)).toBe(`${errors} errors, ${findings.length - errors} warnings in 1 file`);
  });

  it('warnings alone exit 0, and 1 with --strict', () => {
    const source = join(ROOT, 'source/2025-12.md');
    const plain = bulletin(['check', source]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('[doubled-word]');
    expect(plain.stdout.trim().split('\n').at(-1)).toBe('0 errors, 1 warning in 1 file');
    expect(bulletin(['check', '--strict', source]).status).toBe(1);
    expect(bulletin(['check', '--strict', join(FIXTURES, 'clean.md')]).status).toBe(0);
  });

  it('--json prints the same findings as [{file, line, column, severity, rule, message, fix?}]', () => {
    const file = join(FIXTURES, 'damaged-fixable.md');
    const text = bulletin(['check', file]).stdout.trim().split('\n').slice(0, -1);
    const r = bulletin(['check', '--json', file]);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(text.length);
    for (const [i, row] of rows.entries()) {
      expect(Object.keys(row).slice(0, 6)).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message']);
      expect(text[i]).toBe(`${row.file}:${row.line}:${row.column}: ${row.severity}: ${row.message} [${row.rule}]`);
    }
    const fix = rows.find((r) => r.rule === 'split-paragraph')!.fix as { range: [number, number]; text: string };
    expect(fix.text).toBe('');
    expect(fix.range[1]).toBeGreaterThan(fix.range[0]);
    expect(r.stderr).toContain('0 errors');
  });

  it('--rules lists every rule id with its severity and description', () => {
    const r = bulletin(['check', '--rules']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(RULES.map((rule) => rule.id));
    for (const [i, rule] of RULES.entries()) expect(lines[i]).toContain(rule.description);
  });

  it('--fix rewrites in place, keeps a .bak, and a second run changes nothing', () => {
    const file = join(dir, 'issue.md');
    copyFileSync(join(FIXTURES, 'damaged-fixable.md'), file);
    const original = readFileSync(file);
    const first = bulletin(['check', '--fix', file]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/issue\.md: fixed \d+ problems .*split-paragraph.*issue\.md\.bak/);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(FIXTURES, 'clean.md'), 'utf8'));
    expect(readFileSync(`${file}.bak`)).toEqual(original);
    const after = readFileSync(file);
    const second = bulletin(['check', '--fix', file]);
    expect(second.stdout).toContain('nothing to fix');
    expect(readFileSync(file)).toEqual(after);
    expect(readFileSync(`${file}.bak`)).toEqual(original);
    expect(existsSync(join(dir, `.issue.md.${process.pid}.tmp`))).toBe(false);
  });

  it('--fix keeps CRLF line ends and a BOM', () => {
    const file = join(dir, 'crlf.md');
    const damaged = readFileSync(join(FIXTURES, 'damaged-fixable.md'), 'utf8');
    writeFileSync(file, `\uFEFF${damaged.replace(/\n/g, '\r\n')}`);
    bulletin(['check', '--fix', file]);
    const clean = readFileSync(join(FIXTURES, 'clean.md'), 'utf8');
    expect(readFileSync(file, 'utf8')).toBe(`\uFEFF${clean.replace(/\n/g, '\r\n')}`);
  });

  it('a missing file is an error; no file at all is a usage error', () => {
    const r = bulletin(['check', join(dir, 'nope.md')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('no such file');
    expect(bulletin(['check']).status).toBe(2);
  });
});
