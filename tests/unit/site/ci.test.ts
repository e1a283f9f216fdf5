// Issue 23: the CI files parse, run on every push and merge request, and every step that runs
// something is a command of the project (npm run setup / npm run ci:*), so the same steps can be
// run by hand in a clean clone. The checker step, run here as CI runs it, puts a finding of the
// repository's own issue on its source line.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const load = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;

/** A shell line of a CI file must be one of the project's own commands. */
function projectCommand(line: string): string | undefined {
  return /^npm run ([\w:-]+)$/.exec(line.trim())?.[1];
}

/** Where the fonts are converted to (fonts/fonts.json "file"): what must be cached between runs. */
const fontDirs = [...new Set(Object.values((JSON.parse(readFileSync(join(ROOT, 'fonts/fonts.json'), 'utf8')) as { faces: Record<string, { file?: string }> }).faces).flatMap((f) => (f.file ? [f.file.slice(0, f.file.lastIndexOf('/'))] : [])))];

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}

describe('GitHub Actions workflow', () => {
  const workflow = load('.github/workflows/bulletin.yml') as { on: Record<string, unknown>; jobs: Record<string, { steps: Step[]; needs?: string; if?: string; permissions?: Record<string, string> }> };
  const steps = workflow.jobs.build!.steps;
  const runs = steps.filter((s) => s.run).map((s) => s.run!);

  it('runs on every push and pull request', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toBeNull();
  });

  it('runs only the project’s own commands: setup, check, build, site', () => {
    const commands = runs.map(projectCommand);
    expect(commands).toEqual(['setup', 'ci:check', 'ci:build', 'ci:site']);
    for (const name of commands) expect(scripts[name!]).toBeDefined();
    expect(scripts['ci:check']).toMatch(/bulletin\.js check --format github source\/\*\.md$/);
    expect(scripts['ci:build']).toMatch(/bulletin\.js build --out-dir dist source\/\*\.md$/);
    expect(scripts['ci:site']).toMatch(/bulletin\.js site --out public source\/\*\.md$/);
  });

  it('caches npm and the fonts, keeps the PDFs, publishes the site from main only', () => {
    const cached = steps.filter((s) => s.uses?.startsWith('actions/cache@')).map((s) => s.with!.path);
    expect(cached).toContain('~/.npm');
    for (const dir of fontDirs) expect(cached).toContain(dir);
    const kept = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(kept.with!.path).toBe('dist/*.pdf');
    const pages = steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!;
    expect(pages.with!.path).toBe('public');
    const main = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
    expect(pages.if).toBe(main);
    expect(steps.find((s) => s.run === 'npm run ci:site')!.if).toBe(main);
    const publish = workflow.jobs.publish!;
    expect(publish.needs).toBe('build');
    expect(publish.if).toBe(main);
    expect(publish.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(publish.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});

describe('GitLab CI file', () => {
  const ci = load('.gitlab-ci.yml') as Record<string, { script?: string[]; stage?: string; artifacts?: Record<string, unknown>; rules?: Array<{ if: string }> }> & {
    default: { before_script: string[]; cache: Array<{ key: { files: string[] }; paths: string[] }> };
    variables: Record<string, string>;
    workflow: { rules: Array<{ if: string; when?: string }> };
  };

  it('runs on pushes and merge requests, with the project’s own commands', () => {
    const conditions = ci.workflow.rules.filter((r) => r.when !== 'never').map((r) => r.if);
    expect(conditions).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', '$CI_COMMIT_BRANCH']);
    expect(ci.default.before_script.map(projectCommand)).toEqual(['setup']);
    expect(ci.check!.script!.map(projectCommand)).toEqual(['ci:check:gitlab']);
    expect(ci.build!.script!.map(projectCommand)).toEqual(['ci:build']);
    expect(ci.pages!.script!.map(projectCommand)).toEqual(['ci:site']);
  });

  it('shows the findings as a Code Quality report, keeps the PDFs, publishes public/ from the default branch', () => {
    const report = /> (\S+)$/.exec(scripts['ci:check:gitlab']!)![1];
    expect(scripts['ci:check:gitlab']).toContain('check --format gitlab source/*.md');
    expect((ci.check!.artifacts!.reports as Record<string, string>).codequality).toBe(report);
    expect(ci.check!.artifacts!.when).toBe('always');
    expect(ci.build!.artifacts!.paths).toEqual(['dist/*.pdf']);
    expect(ci.pages!.artifacts!.paths).toEqual(['public']);
    expect(ci.pages!.rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
    const cached = ci.default.cache.flatMap((c) => c.paths.map((p) => p.replace(/\/$/, '')));
    expect(cached).toContain(ci.variables.npm_config_cache!.replace('$CI_PROJECT_DIR/', ''));
    for (const dir of fontDirs) expect(cached).toContain(dir);
  });
});

describe('the CI check step, run as CI runs it', () => {
  it('annotates the doubled word of 2025年第12期 on its line and column', () => {
    const result = spawnSync('npm', ['run', '--silent', 'ci:check'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    // Where the slip is, found in the source by this test: 升级升级.
    const lines = readFileSync(join(ROOT, 'source/2025-12.md'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('升级升级')) + 1;
    const col = lines[line - 1]!.indexOf('升级升级') + 1;
    expect(line).toBeGreaterThan(0);
    const annotations = result.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toContainEqual(expect.stringMatching(new RegExp(`^::warning file=source/2025-12\\.md,line=${line},col=${col},title=bulletin check \\[doubled-word\\]::.*升级`)));
    expect(annotations.every((a) => /^::(warning|error) file=[^,]+,line=\d+,col=\d+,title=[^:]+::\S/.test(a))).toBe(true);
  });
});
