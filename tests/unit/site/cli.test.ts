// Issue 23: `bulletin site` refuses what it must not do before any PDF is made: a folder it did not
// make is never replaced, and a broken source is named with its line, with nothing written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'bulletin-site-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const site = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/bulletin.js'), 'site', '-q', ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });

describe('bulletin site refuses', () => {
  it('to replace a folder it did not make', () => {
    const mine = join(work, 'documents');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    const result = site(join(ROOT, 'source/2025-12.md'), '--out', mine);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${mine}: error: the folder is not empty and was not made by \`bulletin site\``);
    expect(readdirSync(mine)).toEqual(['notes.txt']);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('a source with a broken front matter, naming its line, and writes nothing', () => {
    const source = join(work, 'broken.md');
    writeFileSync(source, '---\norganization: 广州市社会组织党组织\npublication: 学习资料\nissue: 2025年第1期\nissuers: [中共广州市社会组织委员会]\ndate: 2025年1月\ncolour: red\n---\n\n# 标题\n\n正文。\n');
    const out = join(work, 'public');
    const result = site(source, '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken\.md:7:1: error: front matter: unknown key "colour"/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('two sources of the same issue', () => {
    const a = join(work, 'a.md');
    const b = join(work, 'b.md');
    const text = '---\norganization: 广州市社会组织党组织\npublication: 学习资料\nissue: 2025年第1期\nissuers: [中共广州市社会组织委员会]\ndate: 2025年1月\n---\n\n# 标题\n\n正文。\n';
    writeFileSync(a, text);
    writeFileSync(b, text);
    const result = site(a, b, '--out', join(work, 'twice'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('b.md: error: issue "2025年第1期" is also used by');
    expect(existsSync(join(work, 'twice'))).toBe(false);
  });
});
