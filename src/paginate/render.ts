// The paginate stage: HTML → PDF bytes with Paged.js in Debian's Chromium. One browser serves every
// render of a run (pages side by side for a batch, one after another for watch); it is always
// stopped, also on timeouts, crashes and signals, and its temporary profile removed.
//
// pagedjs-cli supplies Paged.js (its browser bundle) and is the benchmark's peer; its Printer class
// is not used: importing it loads all of puppeteer and its browser downloader (about 0.5 s before
// Chromium could even be started), and most of what it does per render is skipped anyway
// (paged-page.ts). puppeteer-core's connection classes drive the browser over a pipe.
import { isStopping } from '../cleanup.ts';
import { BulletinError } from '../diagnostics.ts';
import { startBrowser, type BrowserProcess } from './browser-process.ts';
import { PagedPage, type Bookmark, type PageFile } from './paged-page.ts';
import type { Browser } from 'puppeteer-core/internal/api/api.js';
import { mark } from '../trace.ts';

export type { Bookmark, PageFile } from './paged-page.ts';

export interface RendererOptions {
  timeoutMs: number;
  /** Called as pages are laid out, for progress. */
  onPage?: (count: number) => void;
  /**
   * Open the next page (Paged.js loaded, this document's fonts too) as soon as a render has printed
   * (watch, batches): it loads while this build is post-processed and verified.
   */
  warm?: boolean;
  /**
   * Keep the page of the last render and, when the next document differs from it only inside
   * articles (or in its font files), lay out only the articles that changed (watch: one source,
   * rendered again and again, one render at a time). The PDF is the same as a full layout's.
   */
  reuse?: boolean;
}

export interface RenderInput {
  html: string;
  /** Files the document refers to by relative URL (fonts): the only files its page may read. */
  files?: PageFile[];
  /**
   * Called when the document has gone to its page and Chromium lays it out: work on the caller's
   * thread from then on no longer holds up the browser (before, every message of opening the page
   * waits for that thread).
   */
  onLayout?: () => void;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pageCount: number;
  bookmarks: Bookmark[];
  /** Milliseconds: waiting for a page with Paged.js loaded, document in, fonts, layout, print. */
  pageMs: number;
  loadMs: number;
  fontMs: number;
  layoutMs: number;
  printMs: number;
  /** Articles laid out again in the last render's page (`reuse`); undefined after a full layout. */
  relaid?: number;
}

/** Chromium starts in about a second; a busy CI machine gets far more before we give up. */
const START_TIMEOUT_MS = 60_000;

export class Renderer {
  private closed = false;
  private spare?: Promise<PagedPage>;
  /** The page of the last render, kept with its layout (`reuse`). */
  private current?: PagedPage;
  private pageCount = 0;

  private constructor(
    private readonly process: BrowserProcess,
    private readonly browser: Browser,
    private readonly options: RendererOptions,
  ) {}

  get browserPath(): string {
    return this.process.executable;
  }

  /**
   * Connects to a browser started with `startBrowser()` (by default one started now) and opens the
   * first page, so that it loads Paged.js while the caller still prepares the document.
   */
  static async launch(options: RendererOptions, started?: BrowserProcess, retried = false): Promise<Renderer> {
    let proc: BrowserProcess;
    try {
      proc = started ?? startBrowser();
    } catch (error) {
      if (error instanceof BulletinError) throw error;
      throw new BulletinError({ file: 'bulletin', severity: 'error', message: `the browser could not start: ${(error as Error).message}` });
    }
    const fail = (reason: string) => new BulletinError({ file: proc.executable, severity: 'error', message: `the browser could not start: ${reason}` });
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    try {
      const connecting = (async () => {
        const [{ Puppeteer }, { PipeTransport }] = await Promise.all([
          import('puppeteer-core/internal/common/Puppeteer.js'),
          import('puppeteer-core/internal/node/PipeTransport.js'),
        ]);
        const transport = new PipeTransport(proc.input, proc.output);
        return new Puppeteer({ isPuppeteerCore: true }).connect({ transport, defaultViewport: null, protocolTimeout: Math.max(START_TIMEOUT_MS, options.timeoutMs) });
      })();
      const exited = proc.exited.then((how) => {
        const tail = proc.stderrTail().split('\n').filter(Boolean).slice(-3).join(' | ');
        throw fail(`it exited (${how})${tail ? `: ${tail}` : ''}`);
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(fail(`no answer after ${START_TIMEOUT_MS / 1000} s`));
        }, Math.max(START_TIMEOUT_MS, options.timeoutMs));
      });
      const browser = await Promise.race([connecting, exited, timeout]);
      connecting.catch(() => undefined);
      exited.catch(() => undefined);
      const renderer = new Renderer(proc, browser, options);
      renderer.adoptFirstPage();
      return renderer;
    } catch (error) {
      // How it ended, if it ended by itself, before the kill below would make it a SIGKILL.
      const how = timedOut ? undefined : await Promise.race([proc.exited, new Promise<undefined>((resolve) => setTimeout(resolve, 200))]);
      await proc.kill();
      // Chromium (single process) can die while starting: seen once in this project's benchmark
      // runs on a busy machine ("Target.setAutoAttach: Target closed"). Such a crash gets one more
      // try with a fresh process; a browser that was killed, that does not answer in time, or that
      // dies while we are stopping on a signal does not.
      const crashed = how !== undefined && !/^SIG(KILL|TERM|INT)$/.test(how);
      if (!retried && crashed && !isStopping()) return Renderer.launch(options, undefined, true);
      if (error instanceof BulletinError) throw error;
      throw fail((error as Error).message.split('\n')[0] ?? String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /** The tab the browser opened on its first shell becomes the first render's page. */
  private adoptFirstPage(): void {
    const { name, url } = this.process.firstPage;
    this.spare = (async () => {
      const target = await this.browser.waitForTarget((t) => t.type() === 'page' && t.url() === url, { timeout: this.options.timeoutMs });
      mark('target');
      // A blank tab in front hides the first one, as every later page is (paged-page.ts,
      // openInBackground): hidden pages draw no frames while Paged.js lays them out.
      // (Not waited for: it would hold up the first page by about 0.15 s.)
      void this.browser.newPage().catch(() => undefined);
      const page = await target.page();
      if (!page) throw new Error('the first tab has no page');
      mark('tab');
      const opened = await PagedPage.open(this.browser, this.process.profileDir, name, this.options.timeoutMs, this.options.onPage, page);
      mark('opened');
      return opened;
    })();
    this.spare.catch(() => undefined);
  }

  /**
   * Opens the next render's page now (its renderer process and Paged.js take a while to load);
   * `expected`: a document like the next one, whose fonts the page loads meanwhile.
   */
  prepare(expected?: RenderInput): void {
    if (this.spare || this.closed) return;
    const opening = PagedPage.open(this.browser, this.process.profileDir, `page-${++this.pageCount}`, this.options.timeoutMs, this.options.onPage);
    this.spare = expected
      ? opening.then(async (page) => {
          // A font that fails to preload is simply loaded again by the render.
          await page.preload(expected.html, expected.files ?? []).catch(() => undefined);
          return page;
        })
      : opening;
    // A failure surfaces when the page is used.
    this.spare.catch(() => undefined);
  }

  /** Lays out the document with Paged.js and prints it (untagged; bookmarks are returned). */
  async pdf(input: RenderInput): Promise<RenderedPdf> {
    if (this.closed) throw new Error('renderer is closed');
    const started = performance.now();
    const kept = this.current;
    this.current = undefined;
    if (kept) {
      const updated = await this.withTimeout(kept.update(input.html, input.files, input.onLayout), 'rendering').catch((error: unknown) => {
        // A page that failed to update is not trusted again: the document is laid out whole in a
        // fresh page, unless the browser itself is gone.
        if (error instanceof BulletinError || !this.isAlive()) throw this.renderError(error);
        return undefined;
      });
      if (updated) {
        this.keep(kept);
        return { ...updated, pageMs: 0 };
      }
      void kept.close();
    }
    this.prepare();
    const opening = this.spare!;
    this.spare = undefined;
    let page: PagedPage | undefined;
    try {
      return await this.withTimeout(
        (async () => {
          page = await opening;
          const pageMs = performance.now() - started;
          const result = await page.render(input.html, input.files, input.onLayout);
          if (this.options.reuse) this.keep(page);
          return { ...result, pageMs };
        })(),
        'rendering',
      );
    } catch (error) {
      throw this.renderError(error);
    } finally {
      // The next document gets a fresh page (Paged.js lays out once per page), most likely with
      // the same fonts (with `reuse`: kept for the first document the kept page cannot take).
      if (this.options.warm && this.isAlive()) this.prepare(input);
      const done = page ?? (await opening.catch(() => undefined));
      if (done && done !== this.current) void done.close();
    }
  }

  /** `page` is the one the next render tries to update; a page kept before is closed. */
  private keep(page: PagedPage): void {
    const before = this.current;
    this.current = page;
    if (before && before !== page) void before.close();
  }

  private renderError(error: unknown): BulletinError {
    if (error instanceof BulletinError) return error;
    const reason = (error as Error).message.split('\n')[0] ?? String(error);
    const gone = !this.process.isRunning() || /disconnected|Target closed|Session closed|crash|Connection closed/i.test(reason);
    return new BulletinError({ file: 'bulletin', severity: 'error', message: gone ? `the browser stopped during rendering (crashed or was killed): ${reason}` : `rendering failed: ${reason}` });
  }

  private async withTimeout<T>(work: Promise<T>, what: string, ms = this.options.timeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let stopped: Promise<void> | undefined;
    const expired = new BulletinError({ file: 'bulletin', severity: 'error', message: `${what} took longer than ${ms / 1000} s${ms === this.options.timeoutMs ? ' (--timeout)' : ''}; the browser was stopped` });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        stopped = this.kill();
        // Report only once the browser is gone and its profile removed.
        void stopped.finally(() => reject(expired));
      }, ms);
    });
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      // Killing the browser also fails the work itself ("disconnected"): the timeout is the news.
      if (stopped) {
        await stopped;
        throw expired;
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** The browser process is still running (a long-lived caller checks before reusing it). */
  isAlive(): boolean {
    return !this.closed && this.process.isRunning() && this.browser.isConnected();
  }

  /**
   * Stops the browser: SIGKILL to its process group, wait until it is gone, remove its profile.
   * Nothing of a browser session is worth keeping, so a polite close would only cost time.
   */
  async kill(): Promise<void> {
    this.closed = true;
    this.spare = undefined;
    this.current = undefined;
    await this.process.kill();
    // The connection learns of the closed pipe by itself; nothing is waiting on it any more.
    this.browser.disconnect();
  }

  async close(): Promise<void> {
    await this.kill();
  }
}
