// The command line as CI and secretaries meet it: exit codes, messages, nothing lost on failure.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT, bulletin } from '../helpers/build.ts';
import { FRONT } from '../helpers/source.ts';


function source(name: string, text: string): string {
  const dir = join(OUT, 'cli');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('bulletin build', () => {
  it('reports bad input as file:line:col and exits non-zero, leaving an existing PDF alone', () => {
    const path = source('bad.md', `${FRONT}\n开头的一段话。\n\n# 标题\n\n正文。\n`);
    const pdf = join(OUT, 'cli', 'bad.pdf');
    writeFileSync(pdf, 'previous good PDF');
    const before = statSync(pdf).mtimeMs;
    const result = bulletin(['build', path, '--out-dir', join(OUT, 'cli')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${path}:9:1: error: text before the first article`);
    expect(readFileSync(pdf, 'utf8')).toBe('previous good PDF');
    expect(statSync(pdf).mtimeMs).toBe(before);
  });

  it('names the front-matter line of an unknown key', () => {
    const path = source('key.md', FRONT.replace('date:', 'editor: 张三\ndate:') + '\n# 标题\n\n正文。\n');
    const result = bulletin(['build', path, '--out-dir', join(OUT, 'cli')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:1: error: front matter: unknown key "editor"`));
  });

  it('says which file does not exist', () => {
    const result = bulletin(['build', 'source/nope.md']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('source/nope.md: error: no such file');
  });

  it('has help on every command', () => {
    for (const args of [['--help'], ['build', '--help'], ['doctor', '--help']]) {
      const result = bulletin(args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: bulletin');
    }
  });

  it('says how to get a browser when there is none', () => {
    const path = source('ok.md', `${FRONT}\n# 标题\n\n正文。\n`);
    const result = bulletin(['build', path, '--out-dir', join(OUT, 'cli')], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('/nonexistent/chrome is not an executable browser');
  });
});
