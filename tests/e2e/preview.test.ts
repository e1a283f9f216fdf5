// Issue 6, item 4: `bulletin preview` serves the paginated HTML on 127.0.0.1 with live reload and
// the checker's findings, and stops cleanly on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { get, request } from 'node:http';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { OUT, ROOT } from '../helpers/build.ts';
import { FRONT } from '../helpers/source.ts';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
const leftIn = (tmp: string) => readdirSync(tmp).filter((name) => !name.startsWith('tsx-'));

function fetchText(url: string, host?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('serves the pages with Paged.js, findings and live reload on 127.0.0.1; stops cleanly on SIGINT', async () => {
  const dir = join(OUT, `preview-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  temps.push(dir);
  const tmp = mkdtempSync(join(tmpdir(), 'bulletin-preview-'));
  temps.push(tmp);
  const source = join(dir, 'issue.md');
  // "学习学习": a doubled word, one checker warning.
  writeFileSync(source, `${FRONT}\n# 标题\n\n我们要认真学习学习文件精神。\n`);

  const child = spawn(process.execPath, [join(ROOT, 'bin/bulletin.js'), 'preview', source, '--port', '0'], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = async (pattern: RegExp, seconds = 60) => {
    for (let i = 0; i < seconds * 10 && !pattern.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
    const match = stderr.match(pattern);
    if (!match) throw new Error(`no ${pattern} in:\n${stderr}`);
    return match;
  };

  try {
    const url = (await until(/at (http:\/\/127\.0\.0\.1:\d+\/) /))[1]!;
    const port = Number(new URL(url).port);
    // Bound to the loopback address only.
    const listening = spawnSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(listening).toHaveLength(1);
    expect(listening[0]).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}\\s`));

    const page = await fetchText(url);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    // (Booleans: a failure should not print a page of base64 fonts.)
    expect(page.body.includes('<script src="/_preview/paged.js"></script>')).toBe(true);
    expect(page.body.includes('<script src="/_preview/bulletin-pages.js"></script>')).toBe(true);
    expect(page.body.includes('我们要认真学习学习文件精神。')).toBe(true);
    const state = (html: string) => JSON.parse(html.match(/<script type="application\/json" id="bulletin-preview">(.*?)<\/script>/)![1]!);
    expect(state(page.body).findings).toEqual([{ line: 11, column: 6, severity: 'warning', message: expect.stringMatching(/^"学习" is doubled/), rule: 'doubled-word' }]);
    expect((await fetchText(`${url}_preview/paged.js`)).body).toContain('PagedPolyfill');
    expect((await fetchText(`${url}_preview/bulletin-pages.js`)).body).toContain('registerHandlers');
    // Addressed by another name (DNS rebinding): refused.
    expect((await fetchText(url, 'attacker.example')).status).toBe(403);

    // The event stream greets with the version, then announces a save.
    let events = '';
    const stream = get(`${url}events`, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (d) => (events += d));
    });
    for (let i = 0; i < 100 && !events.includes('event: hello'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(events).toMatch(/event: hello\ndata: 1\n/);
    writeFileSync(`${source}.tmp~`, `${FRONT}\n# 标题\n\n我们要认真学习文件精神呀。\n`);
    renameSync(`${source}.tmp~`, source);
    for (let i = 0; i < 300 && !events.includes('event: reload'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(events).toMatch(/event: reload\ndata: 2\n/);
    stream.destroy();
    const edited = await fetchText(url);
    expect(edited.body.includes('我们要认真学习文件精神呀。')).toBe(true);
    expect(state(edited.body)).toMatchObject({ version: 2, findings: [] });

    // In a real browser: the pages are laid out and numbered, the findings panel lists the warning,
    // and nothing is requested from anywhere but this server (fonts and images are data: URLs).
    writeFileSync(source, `${FRONT}\n# 标题\n\n我们要认真学习学习文件精神。\n`);
    await until(/↻ issue\.md: 0 errors, 1 warning[^\n]*\n[^]*↻ issue\.md: 0 errors, 1 warning/);
    const puppeteer = (await import(createRequire(join(ROOT, 'node_modules/pagedjs-cli/src/index.js')).resolve('puppeteer'))).default;
    const browser = await puppeteer.launch({
      executablePath: '/usr/lib/chromium/chromium',
      headless: 'new',
      args: ['--no-sandbox', '--disable-gpu', `--user-data-dir=${join(tmp, 'test-browser')}`],
      handleSIGINT: false,
    });
    try {
      const tab = await browser.newPage();
      const elsewhere: string[] = [];
      tab.on('request', (r: { url(): string }) => {
        if (!r.url().startsWith(url) && !r.url().startsWith('data:')) elsewhere.push(r.url());
      });
      await tab.goto(url);
      await tab.waitForSelector('#bulletin-findings', { timeout: 60_000 });
      const shown = await tab.evaluate(() => ({
        panel: document.getElementById('bulletin-findings')!.textContent,
        pages: document.querySelectorAll('.pagedjs_page').length,
        folios: [...document.querySelectorAll('.pagedjs_page[data-folio]')].map((p) => (p as HTMLElement).dataset.folio),
        toc: [...document.querySelectorAll('.toc-page')].map((s) => s.textContent),
      }));
      expect(shown.panel).toMatch(/issue\.md: 0 errors, 1 warning/);
      expect(shown.panel).toMatch(/11:6\s*warning\s*"学习" is doubled.*\[doubled-word\]/);
      expect(shown.pages).toBeGreaterThanOrEqual(2);
      expect(shown.folios[0]).toBe('1');
      expect(shown.toc).toEqual(['1']);
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
      rmSync(join(tmp, 'test-browser'), { recursive: true, force: true });
    }
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(130);
  expect(stderr).toContain('stopped by SIGINT');
  expect(leftIn(tmp)).toEqual([]);
}, 180_000);
