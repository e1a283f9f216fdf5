// Issue 23: a checker finding in the two CI annotation formats, with GitHub's escaping. The
// expected strings are written from GitHub's and GitLab's documentation, by hand.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeGithubData, escapeGithubProperty, githubAnnotation, gitlabCodeQuality } from '../../../src/cli/annotations.ts';

const ROOT = join(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'bulletin-annotations-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('GitHub workflow commands', () => {
  it('escape %, CR and LF in the message, and : and , too in properties', () => {
    expect(escapeGithubData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeGithubProperty('dir:x/a,b%\n.md')).toBe('dir%3Ax/a%2Cb%25%0A.md');
  });

  it('give the file, line and column, error or warning', () => {
    expect(githubAnnotation({ file: 'source/a,b.md', line: 3, column: 7, severity: 'error', message: 'bad: 100%\nsecond line', rule: 'front-matter' })).toBe(
      '::error file=source/a%2Cb.md,line=3,col=7,title=bulletin check [front-matter]::bad: 100%25%0Asecond line',
    );
    expect(githubAnnotation({ file: 'x.md', severity: 'warning', message: 'whole file' })).toBe('::warning file=x.md,title=bulletin check::whole file');
  });
});

describe('GitLab Code Quality', () => {
  it('one issue per finding, with a stable fingerprint of its own', () => {
    const d = { file: 'source/x.md', line: 4, column: 2, severity: 'warning' as const, message: 'twice', rule: 'doubled-punct' };
    const [a, b, c] = gitlabCodeQuality([d, d, { ...d, severity: 'error', line: undefined, column: undefined }]);
    expect(a).toMatchObject({ description: 'twice', check_name: 'doubled-punct', severity: 'minor', location: { path: 'source/x.md', lines: { begin: 4 }, positions: { begin: { line: 4, column: 2 } } } });
    expect(c).toMatchObject({ severity: 'critical', location: { path: 'source/x.md', lines: { begin: 1 } } });
    expect(new Set([a!.fingerprint, b!.fingerprint, c!.fingerprint]).size).toBe(3);
    expect(gitlabCodeQuality([d])[0]!.fingerprint).toBe(a!.fingerprint);
  });
});

describe('bulletin check --format', () => {
  // A planted fault: a doubled comma at line 11, column 3 (counted by hand).
  const source = join(work, 'issue.md');
  writeFileSync(source, '---\norganization: 广州市社会组织党组织\npublication: 学习资料\nissue: 2025年第1期\ndate: 2025年1月\nissuers: [中共广州市社会组织委员会]\n---\n\n# 标题\n\n正文，，有问题。\n');
  const run = (format: string) => spawnSync(process.execPath, [join(ROOT, 'bin/bulletin.js'), 'check', '--format', format, 'issue.md'], { cwd: work, encoding: 'utf8' });

  it('github: the finding as a workflow command on its line', () => {
    const result = run('github');
    expect(result.stdout).toContain('::warning file=issue.md,line=11,col=3,title=bulletin check [doubled-punct]::');
  });

  it('gitlab: stdout is only the report, the summary goes to stderr', () => {
    const result = run('gitlab');
    const report = JSON.parse(result.stdout) as Array<{ check_name: string; location: { path: string; lines: { begin: number } } }>;
    expect(report).toContainEqual(expect.objectContaining({ check_name: 'doubled-punct', location: expect.objectContaining({ path: 'issue.md', lines: { begin: 11 } }) }));
    expect(result.stderr).toMatch(/\d+ errors?, \d+ warnings? in 1 file/);
  });

  it('exits non-zero on an error in both formats', () => {
    writeFileSync(join(work, 'broken.md'), '---\norganization: x\n---\n\n# 标题\n\n正文。\n');
    for (const format of ['github', 'gitlab']) {
      const result = spawnSync(process.execPath, [join(ROOT, 'bin/bulletin.js'), 'check', '--format', format, 'broken.md'], { cwd: work, encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(format === 'github' ? '::error file=broken.md,line=' : '"severity": "critical"');
    }
  });
});
