// Issue 6, item 4: `bulletin watch` rebuilds on every save in one warm browser (the same PDF as a
// build from scratch), survives a broken source and a dead browser, and leaves nothing behind on
// Ctrl-C. The child gets its own TMPDIR so its browser processes and temporary folders can be told
// apart from other tests'.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { bulletin, OUT, ROOT } from '../helpers/build.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

const leftIn = (tmp: string) => readdirSync(tmp).filter((name) => !name.startsWith('tsx-'));
const browsersUnder = (dir: string) =>
  spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.includes(dir) && /chrom/i.test(line));
const pdfText = (pdf: string) => spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');

/** Saves the way editors do: a new file renamed over the old one. */
function save(path: string, text: string): void {
  writeFileSync(`${path}.tmp~`, text);
  renameSync(`${path}.tmp~`, path);
}

it('rebuilds on save, keeps the last good PDF through errors and a dead browser, stops cleanly on SIGINT', async () => {
  const dir = join(OUT, `watch-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  temps.push(dir);
  const tmp = mkdtempSync(join(tmpdir(), 'bulletin-watch-'));
  temps.push(tmp);
  const source = join(dir, '2025-12.md');
  copyFileSync(join(ROOT, 'source/2025-12.md'), source);
  const pdf = join(dir, 'out', '2025-12.pdf');

  const child = spawn(process.execPath, [join(ROOT, 'bin/bulletin.js'), 'watch', source, '--out-dir', join(dir, 'out')], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const lines = () => stderr.split('\n');
  /** Waits until `pattern` has matched `count` lines. */
  async function until(pattern: RegExp, count: number, seconds = 120): Promise<string> {
    for (let i = 0; i < seconds * 10; i++) {
      const hits = lines().filter((l) => pattern.test(l));
      if (hits.length >= count) return hits[count - 1]!;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${count}× ${pattern} in:\n${stderr}`);
  }
  const built = /^✓ 2025-12\.pdf \d+ pages \d+\.\d\d s$/;

  try {
    await until(built, 1, 180);
    const first = readFileSync(pdf);
    const original = readFileSync(source, 'utf8');
    expect(original).toContain('不断取得现代化建设新成效。');

    // A one-character edit.
    save(source, original.replace('不断取得现代化建设新成效。', '不断取得现代化建设新成效好。'));
    await until(built, 2);
    expect(pdfText(pdf)).toContain('现代化建设新成效好。');
    expect(readFileSync(pdf).equals(first)).toBe(false);

    // A character the issue did not use yet: the page kept warm with the last build's fonts must
    // take the new subsets, so the new character comes from the same five embedded faces.
    expect(original).not.toContain('鑫');
    save(source, original.replace('不断取得现代化建设新成效。', '不断取得现代化建设新成效鑫。'));
    await until(built, 3);
    expect(pdfText(pdf)).toContain('现代化建设新成效鑫。');
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['FandolFang-Regular', 'FandolKai-Regular', 'NotoSansSC-Medium', 'NotoSerifSC-Black', 'NotoSerifSC-Regular']);
    const good = readFileSync(pdf);
    // The watch lays out again only the article an edit touched, in the page of the last build:
    // what it wrote is byte for byte what a build from scratch writes.
    const cold = bulletin(['build', source, '--out-dir', join(dir, 'cold')]);
    expect(cold.status).toBe(0);
    expect(readFileSync(join(dir, 'cold', '2025-12.pdf')).equals(good)).toBe(true);

    // A broken source: reported with its position, the watch goes on, the PDF stays.
    save(source, original.replace(/^issue: .*\n/m, ''));
    await until(/^✗ 2025-12\.md: 1 error, the PDF was not replaced/, 1);
    expect(stderr).toMatch(/2025-12\.md:\d+:\d+: error: front matter: missing required key "issue"/);
    expect(readFileSync(pdf).equals(good)).toBe(true);

    // The browser dies between builds: the next save starts a new one and still builds.
    const main = browsersUnder(tmp).find((l) => !/--type=/.test(l));
    expect(main).toBeDefined();
    process.kill(Number(main!.trim().split(/\s+/)[0]), 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    save(source, original.replace('不断取得现代化建设新成效。', '不断取得现代化建设新成效了。'));
    await until(built, 4);
    expect(stderr).toContain('the browser had stopped; started a new one');
    expect(pdfText(pdf)).toContain('现代化建设新成效了。');
    // One line per build, each with its time.
    console.log(lines().filter((l) => /^[✓✗] /.test(l)).join('\n'));
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(130);
  expect(stderr).toContain('stopped by SIGINT');
  await new Promise((r) => setTimeout(r, 300));
  expect(browsersUnder(tmp)).toEqual([]);
  expect(leftIn(tmp)).toEqual([]);
  expect(readdirSync(join(dir, 'out'))).toEqual(['2025-12.pdf']);
}, 600_000);

it('refuses a file that is not there, at once', () => {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/bulletin.js'), 'watch', join(OUT, 'no-such-file.md')], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/no-such-file\.md: error: no such file/);
});
