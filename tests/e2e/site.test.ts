// Issue 23: `bulletin site` makes an archive a secretary can read on a phone. One site build (the
// repository's issue and a second one); a real Chromium walks it as a reader does, at phone and
// desktop sizes, served from 127.0.0.1 and opened from file://. What the pages must hold is read
// from the Markdown sources by this test, not from the site code; the PDFs are compared with the
// ones `bulletin build` made (tests/global-setup.ts) and read back with pdftotext.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/paginate/find-browser.ts';
import { OUT, ROOT, VARIANTS, BUILT, bulletin } from '../helpers/build.ts';
import { squash } from '../helpers/pdf.ts';

const SITE = join(OUT, 'site');
const SHOTS = join(OUT, 'site-shots');
const SOURCES = [join(ROOT, 'source/2025-12.md'), join(ROOT, 'tests/fixtures/long-issue.md')];

interface SourceArticle {
  title: string;
  paragraphs: string[];
}
interface SourceIssue {
  issue: string;
  date: string;
  articles: SourceArticle[];
}

/** The issue as its Markdown says: front matter keys, `#` titles, the lines under them. */
function readSource(path: string): SourceIssue {
  const text = readFileSync(path, 'utf8');
  const [, front, body] = /^---\n([^]*?)\n---\n([^]*)$/.exec(text)!;
  const key = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(front!)![1]!.trim();
  const articles = body!
    .split(/^# /m)
    .slice(1)
    .map((part) => {
      const [title, ...rest] = part.split('\n');
      return { title: title!.trim(), paragraphs: rest.map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) };
    });
  return { issue: key('issue'), date: key('date'), articles };
}

const ISSUES = SOURCES.map(readSource);
/** Newest first, by the year and month of `date` (2026年1月), as a reader would sort them. */
const NEWEST_FIRST = [...ISSUES].sort((a, b) => {
  const ym = (d: string) => {
    const m = /(\d{4})年(\d{1,2})月/.exec(d)!;
    return Number(m[1]) * 100 + Number(m[2]);
  };
  return ym(b.date) - ym(a.date);
});

let server: Server;
let httpRoot = '';
/** What the pages asked the server for that the site does not have. */
const notFound: string[] = [];
let browser: Browser;
let siteSeconds = 0;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png', '.pdf': 'application/pdf', '.ttf': 'font/ttf' };

beforeAll(async () => {
  rmSync(SITE, { recursive: true, force: true });
  const started = performance.now();
  const made = bulletin(['site', ...SOURCES, '--out', SITE, '--quiet']);
  siteSeconds = (performance.now() - started) / 1000;
  if (made.status !== 0) throw new Error(`bulletin site failed (exit ${made.status}):\n${made.stderr}`);
  mkdirSync(SHOTS, { recursive: true });
  server = createServer((req, res) => {
    const path = normalize(join(SITE, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(SITE) || !existsSync(path)) {
      notFound.push(req.url ?? '');
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  httpRoot = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  browser = await puppeteer.launch({ executablePath: findBrowser(), headless: 'new', args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'], handleSIGINT: false });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A tab that notes every request outside `root` and every script error. */
async function openTab(root: string, viewport: { width: number; height: number }): Promise<{ tab: Page; outside: string[]; errors: string[] }> {
  const tab = await browser.newPage();
  await tab.setViewport({ ...viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  const outside: string[] = [];
  const errors: string[] = [];
  tab.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(root) && !url.startsWith('data:')) outside.push(url);
  });
  tab.on('pageerror', (e) => errors.push(String(e)));
  return { tab, outside, errors };
}

async function settle(tab: Page): Promise<void> {
  await tab.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function overflow(tab: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return tab.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}

async function clickTo(tab: Page, selector: string): Promise<void> {
  await Promise.all([tab.waitForNavigation(), tab.click(selector)]);
  await settle(tab);
}

/** The bytes a link of the page leads to: fetched from the server, or read from the disk. */
async function linkedBytes(pageUrl: string, href: string): Promise<Buffer> {
  const url = new URL(href, pageUrl);
  url.hash = '';
  if (url.protocol === 'file:') return readFileSync(fileURLToPath(url));
  return Buffer.from(await (await fetch(url)).arrayBuffer());
}

function pdfPageText(pdf: Buffer, page: number): string {
  const file = join(OUT, `site-link-${process.pid}.pdf`);
  execFileSync('sh', ['-c', 'cat > "$0"', file], { input: pdf });
  try {
    return squash(execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' }));
  } finally {
    rmSync(file, { force: true });
  }
}

const WALKS = [
  { origin: 'http', viewport: { width: 390, height: 844 } },
  { origin: 'http', viewport: { width: 1280, height: 800 } },
  { origin: 'file', viewport: { width: 390, height: 844 } },
  { origin: 'file', viewport: { width: 1280, height: 800 } },
] as const;

describe('bulletin site', () => {
  it('was made in one run (time reported)', () => {
    process.stderr.write(`bulletin site of ${SOURCES.length} issues: ${siteSeconds.toFixed(1)} s\n`);
    expect(existsSync(join(SITE, 'index.html'))).toBe(true);
  });

  for (const { origin, viewport } of WALKS) {
    it(`a reader goes index → issue → article → PDF, searches, goes back (${origin}, ${viewport.width}×${viewport.height})`, async () => {
      const root = origin === 'http' ? httpRoot : `${pathToFileURL(SITE).href}/`;
      const { tab, outside, errors } = await openTab(root, viewport);
      const shot = (name: string) => tab.screenshot({ path: join(SHOTS, `${origin}-${viewport.width}-${name}.png`) });
      const wide: string[] = [];
      const noOverflow = async () => {
        const o = await overflow(tab);
        if (o.scrollWidth > o.innerWidth) wide.push(`${tab.url()}: ${o.scrollWidth} > ${o.innerWidth}`);
      };
      try {
        // The index: every issue, newest first, with its number, date, cover and 目录.
        await tab.goto(`${root}index.html`);
        await settle(tab);
        await shot('index');
        await noOverflow();
        const index = await tab.evaluate(() =>
          [...document.querySelectorAll('.issue-card')].map((card) => ({
            text: (card as HTMLElement).innerText,
            heading: card.querySelector('.issue-heading')!.textContent,
            cover: (card.querySelector('.issue-cover img') as HTMLImageElement).naturalWidth,
            toc: [...card.querySelectorAll('.toc a')].map((a) => a.textContent),
          })),
        );
        expect(index.map((c) => c.heading)).toEqual(NEWEST_FIRST.map((i) => i.issue));
        index.forEach((card, n) => {
          const source = NEWEST_FIRST[n]!;
          expect(card.text).toContain(source.date);
          expect(card.cover).toBeGreaterThan(100);
          expect(card.toc.map((t) => squash(t!))).toEqual(source.articles.map((a) => squash(a.title)));
        });

        // The issue page of 2025年第12期: its downloads are the PDFs `bulletin build` makes.
        const seed = ISSUES[0]!;
        const card = NEWEST_FIRST.indexOf(seed) + 1;
        await clickTo(tab, `.issue-card:nth-child(${card}) .issue-heading a`);
        await shot('issue');
        await noOverflow();
        expect(await tab.evaluate(() => document.querySelector('h1')!.textContent)).toContain(seed.issue);
        const downloads = await tab.evaluate(() => ({
          print: document.querySelector('.downloads .pdf-print')!.getAttribute('href')!,
          screen: document.querySelector('.downloads .pdf-screen')!.getAttribute('href')!,
        }));
        // The 目录 here gives the numbers printed on the pages, as the PDF's own 目录 does.
        const tocPages = await tab.evaluate(() => [...document.querySelectorAll('.toc .toc-page')].map((s) => s.textContent ?? ''));
        expect(decodeURIComponent(downloads.print)).toContain(`${seed.issue}.pdf`);
        expect(decodeURIComponent(downloads.screen)).toMatch(new RegExp(`${seed.issue}.+\\.pdf$`));
        const printPdf = await linkedBytes(tab.url(), downloads.print);
        const screenPdf = await linkedBytes(tab.url(), downloads.screen);
        expect(printPdf.equals(readFileSync(BUILT.seed.pdf))).toBe(true);
        expect(screenPdf.equals(readFileSync(VARIANTS.screen.pdf))).toBe(true);

        // The second article: its text, its neighbours, its page in the PDF.
        await clickTo(tab, '.toc li:nth-child(2) a');
        await shot('article');
        await noOverflow();
        const article = await tab.evaluate(() => ({
          text: (document.querySelector('article') as HTMLElement).innerText,
          prev: document.querySelector('.pager a[rel=prev]')?.textContent ?? '',
          next: document.querySelector('.pager a[rel=next]')?.textContent ?? '',
          pdf: document.querySelector('.pdf-link .pdf-print')!.getAttribute('href')!,
          screen: document.querySelector('.pdf-link .pdf-screen')!.getAttribute('href')!,
          labels: [...document.querySelectorAll('.pdf-link a')].map((a) => a.textContent ?? ''),
        }));
        const second = seed.articles[1]!;
        expect(squash(article.text)).toContain(squash(second.title));
        for (const p of second.paragraphs) expect(squash(article.text)).toContain(squash(p));
        expect(squash(article.prev)).toContain(squash(seed.articles[0]!.title));
        expect(squash(article.next)).toContain(squash(seed.articles[2]!.title));
        for (const href of [article.pdf, article.screen]) {
          const [, page] = /#page=(\d+)$/.exec(href)!;
          const pdf = await linkedBytes(tab.url(), href);
          expect(pdf.equals(href === article.pdf ? printPdf : screenPdf)).toBe(true);
          // The title of the article on the page the link opens (a 目录 entry is not a title: the
          // 目录 shows it with a page number, so only a page whose text starts with the title counts).
          expect(pdfPageText(pdf, Number(page))).toContain(squash(second.title).slice(0, 12));
          expect(pdfPageText(pdf, Number(page))).not.toContain('目录');
          // Its label names the number printed at the foot of that page (`— 3 —`), not the PDF's
          // physical page; for the print version, so does the issue page's 目录.
          const folio = /—(\d+)—$/.exec(pdfPageText(pdf, Number(page)))?.[1];
          expect(folio).toBeDefined();
          const label = article.labels[href === article.pdf ? 0 : 1]!;
          expect(label).toMatch(new RegExp(`^(印刷|屏幕)版第${folio}页$`));
          if (href === article.pdf) {
            expect(tocPages[1]).toBe(`第${folio}页`);
            expect(Number(folio)).not.toBe(Number(page));
          }
        }
        await clickTo(tab, '.pager a[rel=next]');
        expect(squash(await tab.evaluate(() => document.querySelector('h1')!.textContent!))).toBe(squash(seed.articles[2]!.title));
        await tab.goBack();
        await tab.goBack();
        await tab.goBack();
        expect(new URL(tab.url()).pathname).toMatch(/\/index\.html$/);
        await settle(tab);

        // Search from the index for a phrase; every article that holds it, and only those, is listed.
        const phrase = '全岛封关';
        const holders = ISSUES.flatMap((issue) => issue.articles.filter((a) => a.paragraphs.some((p) => p.includes(phrase))).map((a) => squash(a.title)));
        expect(holders.length).toBeGreaterThan(0);
        await tab.type('form.search-box input', phrase);
        await Promise.all([tab.waitForNavigation(), tab.keyboard.press('Enter')]);
        await settle(tab);
        await tab.waitForSelector('.search-result');
        await shot('search');
        await noOverflow();
        const found = await tab.evaluate(() => [...document.querySelectorAll('.search-result > a')].map((a) => a.textContent!));
        expect(found.map(squash).sort()).toEqual([...holders].sort());
        await clickTo(tab, '.search-result > a');
        expect(squash(await tab.evaluate(() => (document.querySelector('article') as HTMLElement).innerText))).toContain(phrase);
        await tab.goBack();
        await tab.waitForSelector('.search-result');
        expect(await tab.evaluate(() => (document.getElementById('search-input') as HTMLInputElement).value)).toBe(phrase);

        // A second search from the search page itself, then back to the first one.
        const again = '志愿服务联合会';
        const againHolders = ISSUES.flatMap((issue) => issue.articles.filter((a) => a.paragraphs.some((p) => p.includes(again))).map((a) => squash(a.title)));
        await tab.evaluate(() => ((document.getElementById('search-input') as HTMLInputElement).value = ''));
        await tab.type('#search-input', again);
        await tab.keyboard.press('Enter');
        await tab.waitForFunction((q) => document.getElementById('search-status')!.textContent!.includes(q), {}, again);
        const results = () => tab.evaluate(() => [...document.querySelectorAll('.search-result > a')].map((a) => a.textContent!));
        expect((await results()).map(squash).sort()).toEqual([...againHolders].sort());
        expect(decodeURIComponent(new URL(tab.url()).search)).toBe(`?q=${again}`);
        await tab.goBack();
        await tab.waitForFunction((q) => document.getElementById('search-status')!.textContent!.includes(q), {}, phrase);
        expect((await results()).map(squash).sort()).toEqual([...holders].sort());

        expect(wide).toEqual([]);
        expect(outside).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await tab.close();
      }
    });
  }

  it('every 目录 entry leads to a page with every paragraph of its article, none wider than 360 px', async () => {
    const { tab, outside, errors } = await openTab(httpRoot, { width: 360, height: 740 });
    try {
      await tab.goto(`${httpRoot}index.html`);
      const links = await tab.evaluate(() => [...document.querySelectorAll('.issue-card')].map((card) => [...card.querySelectorAll('.toc a')].map((a) => (a as HTMLAnchorElement).href)));
      const missing: string[] = [];
      const wide: string[] = [];
      for (const [n, issueLinks] of links.entries()) {
        const source = NEWEST_FIRST[n]!;
        expect(issueLinks.length).toBe(source.articles.length);
        for (const [i, href] of issueLinks.entries()) {
          await tab.goto(href);
          const text = squash(await tab.evaluate(() => (document.querySelector('article') as HTMLElement).innerText));
          for (const p of source.articles[i]!.paragraphs) if (!text.includes(squash(p))) missing.push(`${source.issue} ${i + 1}: ${p.slice(0, 20)}`);
          const o = await overflow(tab);
          if (o.scrollWidth > o.innerWidth) wide.push(href);
        }
      }
      expect(missing).toEqual([]);
      expect(wide).toEqual([]);
      expect(notFound).toEqual([]);
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('finds Chinese words, not characters that happen to stand side by side', async () => {
    const { tab } = await openTab(httpRoot, { width: 1280, height: 800 });
    try {
      // 叶剑英纪念园 is a phrase of both issues' texts; 席习 stands in 主席习近平 across two words.
      for (const [query, whole] of [['叶剑英纪念园', true], ['席习', false]] as const) {
        await tab.goto(`${httpRoot}search.html?q=${encodeURIComponent(query)}`);
        const status = await tab.evaluate(() => document.getElementById('search-status')!.textContent!);
        const holders = ISSUES.flatMap((issue) => issue.articles.filter((a) => a.paragraphs.some((p) => p.includes(query))));
        expect(holders.length).toBeGreaterThan(0);
        if (whole) expect(status).toMatch(/^找到 \d+ 篇/);
        else expect(status).toMatch(/^没有完整词语的结果/);
      }
    } finally {
      await tab.close();
    }
  });
});
