// Issue 7: no request of any kind leaves the page. A server on 127.0.0.1 counts what reaches it
// while hostile pages and sources are rendered; a secret file outside the page's folder must
// never show up in a PDF.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Renderer } from '../../src/paginate/render.ts';
import { OUT, bulletin } from '../helpers/build.ts';
import { readPdfText, squash } from '../helpers/pdf.ts';

let server: Server;
let base = '';
const requests: string[] = [];
let work = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('SERVED');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  work = mkdtempSync(join(tmpdir(), 'bulletin-net-test-'));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

const FRONT = (extra = '') => `---
organization: 广州市社会组织党组织
publication: 学习资料
issue: 2025年第12期
issuers: [中共广州市社会组织委员会]
date: 2025年12月
${extra}---
`;

describe('the page reaches no network and no file outside its folder', () => {
  /** Renders a page in the real browser; resolves to the PDF's text, or undefined if it failed. */
  async function render(html: string): Promise<string | undefined> {
    const pageDir = mkdtempSync(join(tmpdir(), 'bulletin-page-'));
    const file = join(pageDir, 'page.html');
    writeFileSync(file, html);
    const renderer = await Renderer.launch({ timeoutMs: 60_000 });
    try {
      const { bytes: pdf } = await renderer.pdf({ html: readFileSync(file, 'utf8') });
      writeFileSync(join(pageDir, 'out.pdf'), pdf);
      return squash((await readPdfText(join(pageDir, 'out.pdf'))).flatMap((p) => p.items.map((i) => i.str)).join(''));
    } catch {
      return undefined;
    } finally {
      await renderer.close();
      rmSync(pageDir, { recursive: true, force: true });
      // Give any stray connection time to arrive before the caller counts.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  it('blocks every kind of request in the browser itself, whatever the HTML asks for', async () => {
    const port = base.split(':').at(-1);
    // The page may fail to lay out (Paged.js gives up on a stylesheet it may not load): either
    // way, nothing may reach the server.
    await render(`<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${base}/style.css">
<style>@import url("${base}/import.css"); body { background: url("${base}/bg.png"); } @font-face { font-family: X; src: url("${base}/font.ttf"); } p { font-family: X; }</style>
<link rel="prefetch" href="${base}/prefetch"><link rel="preconnect" href="${base}"><link rel="icon" href="${base}/favicon.ico">
</head><body><p>visible text</p>
<img src="${base}/img.png"><img src="//127.0.0.1:${port}/proto-relative.png"><img srcset="${base}/srcset.png 2x">
<iframe src="${base}/frame"></iframe><object data="${base}/object"></object><video src="${base}/video.mp4" autoplay></video><audio src="${base}/a.mp3" autoplay></audio>
<script src="${base}/script.js"></script>
<script>
  fetch('${base}/fetch').catch(() => {});
  try { new WebSocket('${base.replace('http', 'ws')}/ws'); } catch {}
  navigator.sendBeacon && navigator.sendBeacon('${base}/beacon', 'x');
  const x = new XMLHttpRequest(); try { x.open('GET', '${base}/xhr'); x.send(); } catch {}
  try { new EventSource('${base}/events'); } catch {}
  try { new Worker('${base}/worker.js'); } catch {}
</script></body></html>`);
    expect(requests).toEqual([]);
  });

  it("lets no file outside the page's folder into the PDF", async () => {
    const secretDir = mkdtempSync(join(tmpdir(), 'bulletin-secret-'));
    const secret = join(secretDir, 'secret.txt');
    writeFileSync(secret, 'TOPSECRET-7f3a');
    const text = await render(`<!doctype html><html><head><meta charset="utf-8"></head><body><p>visible text</p>
<iframe src="file://${secret}"></iframe><object data="file://${secret}"></object><img src="file://${secret}"><img src="../${secretDir.split('/').at(-1)}/secret.txt">
<script>
  fetch('file://${secret}').then((r) => r.text()).then((t) => { document.body.insertAdjacentHTML('beforeend', '<p>' + t + '</p>'); }).catch(() => {});
  const x = new XMLHttpRequest(); try { x.open('GET', 'file://${secret}', false); x.send(); document.body.insertAdjacentHTML('beforeend', '<p>' + x.responseText + '</p>'); } catch {}
</script></body></html>`);
    rmSync(secretDir, { recursive: true, force: true });
    expect(text).toBeDefined();
    expect(text).toContain('visibletext');
    expect(text).not.toContain('TOPSECRET');
  });

  it('builds a source that points at the server without a single request reaching it', () => {
    const dir = join(OUT, 'network');
    const source = join(work, 'links.md');
    writeFileSync(
      source,
      `${FRONT()}
# 外部链接

正文里的[链接](${base}/link)只是 PDF 里的链接。<img src="${base}/raw.png"><script>fetch('${base}/raw-script')</script>

<iframe src="${base}/iframe"></iframe>

<link rel="stylesheet" href="${base}/raw.css">

[危险链接](javascript:fetch('${base}/js'))和[数据](data:text/html,<script>alert(1)</script>)。
`,
    );
    const result = bulletin(['build', '-q', source, '--out-dir', dir]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: raw HTML is not passed through/);
    expect(result.stderr).toMatch(/warning: link to `javascript:/);
    expect(result.stderr).toMatch(/warning: link to `data:/);
    expect(requests).toEqual([]);
  });

  it('sanitizes raw HTML only where the source opts in, still without a request', () => {
    const dir = join(OUT, 'network');
    const source = join(work, 'sanitize.md');
    writeFileSync(
      source,
      `${FRONT('raw_html: sanitize\n')}
# 允许的标签

这是<strong>加粗</strong>和<em>强调</em>，<span onclick="fetch('${base}/onclick')" style="background:url(${base}/style)">事件被删</span>。<img src="${base}/img.png"><a href="javascript:alert(1)">坏链接</a>

<table><tr><td>表格单元</td></tr></table>

<script>fetch('${base}/script')</script><iframe src="${base}/iframe"></iframe><object data="${base}/obj"></object><link rel="stylesheet" href="${base}/l.css"><style>body{background:url(${base}/s)}</style><meta http-equiv="refresh" content="0;url=${base}/meta">
`,
    );
    const result = bulletin(['build', '-q', '--html', source, '--out-dir', dir]);
    expect(result.status, result.stderr).toBe(0);
    expect(requests).toEqual([]);
  });
});
