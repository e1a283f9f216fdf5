// One browser page that lays out one document with Paged.js and prints it. The page is opened and
// Paged.js loaded into it before the document exists (paged-pitfalls §2: what pagedjs-cli's
// Printer does in between — a page load that lays out the whole unpaginated text, the script
// injection, `page.content()`, a fixed network-idle wait — costs seconds and is skipped):
//   open:   a fresh folder with an empty shell page that loads Paged.js and our page script;
//   render: the document is parsed inert (DOMParser) and its body put straight into the template
//           Paged.js lays out from, its fonts loaded, the pages laid out, the PDF printed.
// The page may read files below its own folder and nothing else: no other local file, no network.
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core/internal/api/api.js';
import { projectRoot } from '../paths.ts';
import { mark } from '../trace.ts';

/** pagedjs-cli's browser bundle: Paged.js 0.4.3. */
const PAGED_BUNDLE = join(projectRoot, 'node_modules/pagedjs-cli/dist/browser.js');
const PAGE_SCRIPT = join(projectRoot, 'src/paginate/browser/bulletin-pages.js');
const SCRIPTS = ['paged.js', 'bulletin-pages.js'];

const SHELL = `<!doctype html>
<html><head><meta charset="utf-8">
<script>window.PagedConfig = { auto: false };</script>
<script src="../scripts/paged.js"></script>
<script src="../scripts/bulletin-pages.js"></script>
</head><body></body></html>
`;

/** A bookmark: an article title and where it stands. */
export interface Bookmark {
  title: string;
  /** 0-based page index in the PDF. */
  pageIndex: number;
  /** Distance of the title's top from the page's top edge (pt). */
  top: number;
}

export interface PageRender {
  bytes: Uint8Array;
  pageCount: number;
  bookmarks: Bookmark[];
  /** Milliseconds: document into the page, its fonts loaded, Paged.js layout, printing. */
  loadMs: number;
  fontMs: number;
  layoutMs: number;
  printMs: number;
}

export interface PageFile {
  name: string;
  data: Uint8Array;
}

function within(pathname: string, dir: string): boolean {
  const rel = relative(dir, pathname);
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/**
 * Only file:// below the page's folder or the two scripts of the shell, and what needs no request
 * at all (data:, blob:, about:).
 */
function allowed(url: string, dir: string): boolean {
  const { protocol, pathname, host } = new URL(url);
  if (protocol === 'file:') {
    const path = safeDecode(pathname);
    return !host && (within(path, dir) || SCRIPTS.some((name) => path === join(dirname(dir), 'scripts', name)));
  }
  return protocol === 'data:' || protocol === 'blob:' || protocol === 'about:';
}

declare const window: {
  PagedPolyfill: { on(event: string, listener: (arg: never) => void): void; preview(): Promise<{ total: number }> };
  bulletinPage(count: number): void;
  bulletinRemember(doc: Document): void;
  bulletinRelayout(source: string): Promise<number>;
};

/**
 * A tab opened on `url` behind the one in front, so that it stays hidden: a hidden page draws no
 * frames, and Paged.js's layout does not pay for painting the pages it has already made 60 times
 * a second (a 288-page issue lays out about a fifth faster). Nothing of what is printed depends on
 * it. The tab in front is a blank one the renderer opens at start (render.ts).
 */
async function openInBackground(browser: Browser, url: string): Promise<Page> {
  const session = await browser.target().createCDPSession();
  try {
    const { targetId } = await session.send('Target.createTarget', { url, background: true });
    const target = await browser.waitForTarget((t) => (t as unknown as { _targetId: string })._targetId === targetId);
    const page = await target.page();
    if (!page) throw new Error('the new tab has no page');
    return page;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/**
 * Waits for `work` (an evaluation in the page), calling `onLayout` once its message has left:
 * Chromium is then busy on its own, and the caller's thread is free for other work.
 */
async function laidOutWith<T>(work: Promise<T>, onLayout?: () => void): Promise<T> {
  if (onLayout) setImmediate(onLayout);
  return work;
}

export class PagedPage {
  private constructor(
    readonly page: Page,
    readonly dir: string,
    private readonly progress: boolean,
  ) {}

  /**
   * Writes a page's folder with the shell. The scripts sit once beside the pages' folders, under
   * one URL for every page: the browser then compiles Paged.js once per session, not per page.
   * Returns the shell's URL.
   */
  static writeShell(dir: string): string {
    mkdirSync(dir, { recursive: true });
    const scripts = join(dirname(dir), 'scripts');
    if (!existsSync(join(scripts, 'bulletin-pages.js'))) {
      mkdirSync(scripts, { recursive: true });
      copyFileSync(PAGED_BUNDLE, join(scripts, 'paged.js'));
      copyFileSync(PAGE_SCRIPT, join(scripts, 'bulletin-pages.js'));
    }
    writeFileSync(join(dir, 'index.html'), SHELL);
    return pathToFileURL(join(dir, 'index.html')).href;
  }

  /**
   * Opens a page in its own folder below `parentDir`, with Paged.js loaded and waiting. `existing`:
   * a tab the browser opened on a shell at start-up (see browser-process.ts), taken over instead.
   */
  static async open(browser: Browser, parentDir: string, name: string, timeoutMs: number, onPage?: (count: number) => void, existing?: Page): Promise<PagedPage> {
    const dir = join(parentDir, name);
    const page = existing ?? (await openInBackground(browser, PagedPage.writeShell(dir)));
    const paged = new PagedPage(page, dir, !!onPage);
    try {
      page.setDefaultTimeout(timeoutMs);
      page.on('request', (request: HTTPRequest) => {
        void (allowed(request.url(), dir) ? request.continue() : request.abort()).catch(() => undefined);
      });
      // Side by side, not one round trip after another (each waits for a browser still busy
      // starting): all are in place before a document goes in, which is all that matters.
      await Promise.all([
        page.setRequestInterception(true),
        onPage ? page.exposeFunction('bulletinPage', (count: number) => onPage(count)) : undefined,
        page.emulateMediaType('print'),
        // The shell loaded, Paged.js with it. (Not waitForFunction: it first injects puppeteer's
        // helper script into the page, about half a second while Chromium is still busy starting.)
        page.evaluate(
          () =>
            new Promise<void>((resolve) => {
              if (document.readyState === 'complete' && 'PagedPolyfill' in window) resolve();
              else addEventListener('load', () => resolve());
            }),
        ),
      ]);
      return paged;
    } catch (error) {
      await paged.close();
      throw error;
    }
  }

  /**
   * Loads the fonts of a document expected next (watch: the last one; its fonts rarely change) while
   * the page waits: its font style goes in now, and `render` leaves out a style it already has.
   */
  async preload(html: string, files: PageFile[]): Promise<void> {
    this.writeFiles(files);
    await this.page.evaluate(async (source: string) => {
      const parsed = new DOMParser().parseFromString(source, 'text/html');
      for (const style of parsed.head.querySelectorAll('style')) {
        if (!style.textContent?.includes('@font-face')) continue;
        style.dataset.bulletinPreload = '';
        document.head.append(style);
      }
      await Promise.all([...document.fonts].map((face) => face.load().catch(() => undefined)));
    }, html);
  }

  /** Writes `files` beside the shell (fonts, images: relative URLs in `html` find them), lays out, prints. */
  async render(html: string, files: PageFile[] = [], onLayout?: () => void): Promise<PageRender> {
    this.writeFiles(files);
    // BULLETIN_PROFILE_PAGE=<file>: a CPU profile of the page's scripts during layout (Paged.js and
    // our handlers), to be opened in Chromium's DevTools. For developers; the PDF is the same.
    const profileTo = process.env.BULLETIN_PROFILE_PAGE;
    const profiler = profileTo ? await this.page.target().createCDPSession() : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    const laying = this.page.evaluate(async (source: string, progress: boolean) => {
      const t0 = performance.now();
      const parsed = new DOMParser().parseFromString(source, 'text/html');
      window.bulletinRemember(parsed);
      for (const { name, value } of [...parsed.documentElement.attributes]) document.documentElement.setAttribute(name, value);
      for (const { name, value } of [...parsed.body.attributes]) document.body.setAttribute(name, value);
      const preloaded = new Set([...document.head.querySelectorAll('style[data-bulletin-preload]')].map((style) => style.textContent));
      for (const node of [...parsed.head.childNodes]) {
        if (node instanceof HTMLMetaElement && node.hasAttribute('charset')) continue;
        // The same fonts, already loaded (preload): the style is there.
        if (node instanceof HTMLStyleElement && preloaded.has(node.textContent)) continue;
        document.head.append(node);
      }
      // Fonts preloaded for another document are not this one's.
      for (const style of document.head.querySelectorAll('style[data-bulletin-preload]')) if (!source.includes(style.textContent ?? '\u0000')) style.remove();
      // Paged.js lays out from this template; text inside a template is never laid out itself.
      const template = document.createElement('template');
      template.dataset.ref = 'pagedjs-content';
      template.content.append(...parsed.body.childNodes);
      document.body.append(template);
      const t1 = performance.now();
      await Promise.all([...document.fonts].map((face) => face.load().catch(() => undefined)));
      const t2 = performance.now();
      if (progress) window.PagedPolyfill.on('page', () => window.bulletinPage(document.querySelectorAll('.pagedjs_page').length));
      await window.PagedPolyfill.preview();
      const t3 = performance.now();
      return { loadMs: t1 - t0, fontMs: t2 - t1, layoutMs: t3 - t2 };
    }, html, this.progress);
    const times = await laidOutWith(laying, onLayout);
    mark('laidOut');
    if (profiler && profileTo) {
      writeFileSync(profileTo, JSON.stringify((await profiler.send('Profiler.stop')).profile));
      await profiler.detach();
    }
    return { ...(await this.print()), ...times };
  }

  /**
   * The page's last document replaced by `html`, laid out again only where it changed (see
   * bulletinRelayout in bulletin-pages.js), and printed. Undefined when that cannot be done: the
   * document must then be laid out whole in a fresh page, and this page is of no further use.
   */
  async update(html: string, files: PageFile[] = [], onLayout?: () => void): Promise<(PageRender & { relaid: number }) | undefined> {
    this.writeFiles(files);
    const started = performance.now();
    const relaid = await laidOutWith(this.page.evaluate((source: string) => window.bulletinRelayout(source), html), onLayout);
    if (relaid < 0) return undefined;
    const layoutMs = performance.now() - started;
    return { ...(await this.print()), loadMs: 0, fontMs: 0, layoutMs, relaid };
  }

  /** The laid-out pages: where the article titles stand, and the PDF. */
  private async print(): Promise<Omit<PageRender, 'loadMs' | 'fontMs' | 'layoutMs'>> {
    const info = await this.page.evaluate(() => {
      const pages = [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')];
      const bookmarks = [...document.querySelectorAll('.pagedjs_page h1:not([data-split-from])')].map((h) => {
        const page = h.closest('.pagedjs_page')!;
        return {
          // The title as written (its lines were chosen for the page, not for the bookmark).
          title: ((h as HTMLElement).dataset.title ?? (h as HTMLElement).innerText).replace(/\s+/g, ' ').trim(),
          pageIndex: pages.indexOf(page),
          top: (h.getBoundingClientRect().top - page.getBoundingClientRect().top) * 0.75,
        };
      });
      return { pageCount: pages.length, bookmarks };
    });
    const printStart = performance.now();
    // One message with the whole PDF; untagged: Chromium's tagging (and the outline built from it)
    // doubles the print time of a long issue, and the bookmarks are written by the post-process.
    const { data } = await (this.page as unknown as { _client(): { send(method: 'Page.printToPDF', params: object): Promise<{ data: string }> } })._client().send('Page.printToPDF', {
      transferMode: 'ReturnAsBase64',
      printBackground: true,
      preferCSSPageSize: true,
      marginTop: 0,
      marginBottom: 0,
      marginLeft: 0,
      marginRight: 0,
      // Not in puppeteer 20's protocol types; Chromium's default is to tag.
      ...{ generateTaggedPDF: false, generateDocumentOutline: false },
    } as object);
    const bytes = Buffer.from(data, 'base64');
    return { bytes, ...info, printMs: performance.now() - printStart };
  }

  private readonly written = new Map<string, Uint8Array>();

  /** Into the page's folder; a file preloaded with the same bytes is not written again. */
  private writeFiles(files: PageFile[]): void {
    for (const file of files) {
      const before = this.written.get(file.name);
      if (before && Buffer.from(before).equals(Buffer.from(file.data))) continue;
      writeFileSync(join(this.dir, file.name), file.data);
      this.written.set(file.name, file.data);
    }
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
