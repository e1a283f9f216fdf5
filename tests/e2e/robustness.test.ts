// Issue 7: bad input and browser faults. Each case: one precise message, a non-zero exit well
// under a minute, the PDF that was already there left untouched, and nothing left behind — no
// Chromium process, no temporary profile or file. Every run gets its own TMPDIR so that what it
// leaves (or its browser processes) can be told apart from other tests running at the same time.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT, OUT, ROOT, bulletin } from '../helpers/build.ts';
import { FRONT } from '../helpers/source.ts';
import { findBrowser } from '../../src/paginate/find-browser.ts';

const DIR = join(OUT, 'robust');
mkdirSync(DIR, { recursive: true });
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function freshTmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-robust-'));
  temps.push(dir);
  return dir;
}

/** What a run left in its TMPDIR, less tsx's compile cache (kept on purpose, reused by every run). */
function leftIn(tmp: string): string[] {
  return readdirSync(tmp).filter((name) => !name.startsWith('tsx-'));
}

/** Chromium processes whose command line names this folder (their profile lives there). */
function browsersUnder(dir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((line) => line.includes(dir) && /chrom/i.test(line));
}

function write(name: string, data: string | Uint8Array): string {
  const path = join(DIR, name);
  writeFileSync(path, data);
  return path;
}

/** Builds with a guard PDF at the output path and checks everything a failure must leave alone. */
function failingBuild(source: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const out = join(DIR, `out-${Math.random().toString(36).slice(2)}`);
  mkdirSync(out);
  const name = source.replace(/^.*\//, '').replace(/\.[^.]*$/, '') || 'x';
  const guard = join(out, `${name}.pdf`);
  writeFileSync(guard, 'the good PDF from yesterday');
  const mtime = statSync(guard).mtimeMs;
  const tmp = freshTmp();
  const started = Date.now();
  const result = bulletin(['build', source, '--out-dir', out, ...extra], { env: { TMPDIR: tmp, ...env }, timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;
  expect(result.status, result.stderr).toBe(1);
  expect(seconds).toBeLessThan(60);
  expect(readFileSync(guard, 'utf8')).toBe('the good PDF from yesterday');
  expect(statSync(guard).mtimeMs).toBe(mtime);
  expect(readdirSync(out)).toEqual([`${name}.pdf`]);
  expect(leftIn(tmp)).toEqual([]);
  expect(browsersUnder(tmp)).toEqual([]);
  const errors = result.stderr.split('\n').filter((l) => /: error: /.test(l));
  expect(errors.length, result.stderr).toBeGreaterThanOrEqual(1);
  return { ...result, errors };
}

describe('bad input gives one precise error and loses nothing', () => {
  it.each([
    ['an empty file', 'empty.md', '', /empty\.md:1:1: error: is empty/],
    ['no front matter', 'nofront.md', '# 标题\n\n正文。\n', /nofront\.md:1:1: error: missing front matter/],
    ['broken YAML', 'yaml.md', FRONT.replace('date: 2025年12月', 'date: [2025年12月'), /yaml\.md:\d+:\d+: error: front matter: /],
    ['an unknown key', 'key.md', FRONT.replace('date:', 'editor: 张三\ndate:') + '\n# 标题\n\n正文。\n', /key\.md:6:1: error: front matter: unknown key "editor"/],
    ['a missing key', 'missing.md', FRONT.replace(/issue: .*\n/, '') + '\n# 标题\n\n正文。\n', /missing\.md:\d+:\d+: error: front matter: missing required key "issue"/],
    ['no articles', 'noart.md', FRONT + '\n', /noart\.md:\d+:\d+: error: no articles/],
    ['text before the first article', 'before.md', FRONT + '\n开头。\n\n# 标题\n\n正文。\n', /before\.md:9:1: error: text before the first article/],
    ['a missing image', 'img.md', FRONT + '\n# 标题\n\n正文。\n\n![图](missing.png)\n', /img\.md:13:1: error: image `missing\.png` not found/],
    ['an image outside the folder', 'escape.md', FRONT + '\n# 标题\n\n![图](../../package.json)\n', /escape\.md:11:1: error: image `\.\.\/\.\.\/package\.json` lies outside/],
    ['a remote image', 'remote.md', FRONT + '\n# 标题\n\n![图](https://example.org/a.png)\n', /remote\.md:11:1: error: image `https:\/\/example\.org\/a\.png` is not in the source's folder/],
  ])('%s', (_what, name, text, message) => {
    const { errors } = failingBuild(write(name, text));
    expect(errors.join('\n')).toMatch(message);
  });

  it('refuses a binary file', () => {
    const { errors } = failingBuild(write('binary.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])));
    expect(errors[0]).toMatch(/binary\.md: error: is a binary file/);
  });

  it('refuses text in an encoding it cannot be sure of, at its line', () => {
    const { errors } = failingBuild(write('latin1.md', Uint8Array.from([...Buffer.from(FRONT), 0x63, 0x61, 0x66, 0xe9, 0x0a])));
    expect(errors[0]).toMatch(/latin1\.md:8:4: error: is neither UTF-8 nor GBK\/GB18030/);
  });

  it('refuses a 10 MB source at once', () => {
    const path = write('huge.md', FRONT + '\n# 标题\n\n' + '很长的正文。'.repeat(600_000) + '\n');
    expect(statSync(path).size).toBeGreaterThan(10 * 1024 * 1024);
    const { errors } = failingBuild(path);
    expect(errors[0]).toMatch(/huge\.md: error: is 10\.\d MB; a bulletin source may be at most 2 MB/);
  });

  it('names a path that does not exist, or is a folder', () => {
    expect(failingBuild(join(DIR, 'nope.md')).errors[0]).toMatch(/nope\.md: error: no such file/);
    const folder = join(DIR, 'folder.md');
    mkdirSync(folder, { recursive: true });
    expect(failingBuild(folder).errors[0]).toMatch(/folder\.md: error: is a directory/);
  });

  it('names an output folder it cannot write to, before starting the browser', () => {
    const source = write('ok.md', FRONT + '\n# 标题\n\n正文。\n');
    const file = write('not-a-folder', 'x');
    const tmp = freshTmp();
    const result = bulletin(['build', source, '--out-dir', join(file, 'sub')], { env: { TMPDIR: tmp } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ok\.md: error: cannot write to the output folder .*not-a-folder\/sub/);
    expect(leftIn(tmp)).toEqual([]);
  });

  it('accepts a UTF-8 BOM with CRLF line ends, and GBK with a warning naming it', () => {
    const bom = write('bom.md', '\uFEFF' + (FRONT + '\n# 标题\n\n正文第一行\n接着写。\n').replace(/\n/g, '\r\n'));
    // The whole file in GBK (a Word export): 中 D6D0, 文 CEC4, 。 A1A3; an ASCII masthead.
    const asciiFront = '---\norganization: GZ\npublication: XX\nissue: 2025-12\nissuers: [GZ]\ndate: 2025-12\n---\n';
    const gbkText = Buffer.concat([Buffer.from(asciiFront + '\n# '), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('\n\n'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xa1, 0xa3]), Buffer.from('\n')]);
    const gbk = write('gbk.md', gbkText);
    const tmp = freshTmp();
    const result = bulletin(['build', '-q', bom, gbk, '--out-dir', join(DIR, 'ok')], { env: { TMPDIR: tmp } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/gbk\.md:1:1: warning: decoded as GB18030/);
    expect(existsSync(join(DIR, 'ok', 'bom.pdf'))).toBe(true);
    const text = spawnSync('pdftotext', [join(DIR, 'ok', 'gbk.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('中文');
    const bomText = spawnSync('pdftotext', [join(DIR, 'ok', 'bom.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    // The CRLF inside the paragraph joins the two halves without a space.
    expect(bomText).toContain('正文第一行接着写。');
    expect(leftIn(tmp)).toEqual([]);
  });
});

describe('browser faults', () => {
  it('says so when the browser cannot start', () => {
    const { errors } = failingBuild(write('nobrowser.md', FRONT + '\n# 标题\n\n正文。\n'), [], { CHROME_PATH: '/bin/false' });
    expect(errors[0]).toMatch(/error: the browser could not start/);
  });

  it('starts the browser once more when it crashes while starting, and only once', () => {
    // A browser that exits at its first start and works at the second (Chromium, as a single
    // process, was seen to die while starting once on a busy machine).
    const mark = join(freshTmp(), 'started-once');
    const flaky = write('flaky-chromium.sh', `#!/bin/sh\nif [ ! -e '${mark}' ]; then touch '${mark}'; exit 1; fi\nexec '${findBrowser()}' "$@"\n`);
    chmodSync(flaky, 0o755);
    const tmp = freshTmp();
    const out = join(DIR, 'flaky');
    const result = bulletin(['build', '-q', write('flaky.md', FRONT + '\n# 标题\n\n正文。\n'), '--out-dir', out], { env: { TMPDIR: tmp, CHROME_PATH: flaky, PUPPETEER_EXECUTABLE_PATH: flaky } });
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(mark)).toBe(true);
    expect(existsSync(join(out, 'flaky.pdf'))).toBe(true);
    expect(leftIn(tmp)).toEqual([]);
    // One that never starts is tried twice and reported (the case above, with /bin/false).
  });

  it('stops a render that exceeds --timeout, and cleans up', () => {
    const { errors } = failingBuild(BUILT.long.source, ['--timeout', '0.3']);
    expect(errors.join('\n')).toMatch(/took longer than 0\.3 s \(--timeout\)/);
  });

  /** Starts a build in the background and waits until its browser is up. */
  async function buildWithBrowser(source: string) {
    const tmp = freshTmp();
    const out = join(DIR, `bg-${Math.random().toString(36).slice(2)}`);
    mkdirSync(out);
    const guard = join(out, 'long-issue.pdf');
    writeFileSync(guard, 'the good PDF from yesterday');
    const child = spawn(process.execPath, [join(ROOT, 'bin/bulletin.js'), 'build', source, '--out-dir', out], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 200 && browsersUnder(tmp).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    // Let the layout get going before the fault.
    await new Promise((r) => setTimeout(r, 700));
    return { child, tmp, guard, exited, stderr: () => stderr };
  }

  it('reports a browser killed mid-render, and leaves nothing behind', async () => {
    const run = await buildWithBrowser(BUILT.long.source);
    const main = browsersUnder(run.tmp).find((l) => !/--type=/.test(l));
    expect(main).toBeDefined();
    process.kill(Number(main!.trim().split(/\s+/)[0]), 'SIGKILL');
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/error: (rendering failed|the browser)/);
    expect(readFileSync(run.guard, 'utf8')).toBe('the good PDF from yesterday');
    await new Promise((r) => setTimeout(r, 300));
    expect(browsersUnder(run.tmp)).toEqual([]);
    expect(leftIn(run.tmp)).toEqual([]);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('stops cleanly on %s during a build', async (signal, code) => {
    const run = await buildWithBrowser(BUILT.long.source);
    run.child.kill(signal);
    expect(await run.exited).toBe(code);
    expect(run.stderr()).toContain(`stopped by ${signal}`);
    expect(readFileSync(run.guard, 'utf8')).toBe('the good PDF from yesterday');
    await new Promise((r) => setTimeout(r, 300));
    expect(browsersUnder(run.tmp)).toEqual([]);
    expect(leftIn(run.tmp)).toEqual([]);
  });
});
