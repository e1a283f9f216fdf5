// pagedjs-cli's Printer without the work this pipeline does not need (paged-pitfalls §2.3–2.4):
// `render` keeps the flow — the page loaded from its file:// URL with request interception, the
// Paged.js bundle and our page script injected, the page/size/rendered callbacks — but skips
// `page.content()` (a serialisation of the whole multi-MB page, data: fonts included, that nobody
// reads) and the fixed `waitForNetworkIdle` (the page loads nothing: everything is inline and
// every other request is blocked). `pdf` prints through CDP in one message, with Chromium's own
// document outline, instead of page.pdf plus a pdf-lib load/save for outline, trim boxes and
// metadata — finalizePdf sets boxes and metadata anyway; only the outline is cut to the articles.
import { isAbsolute, join, relative } from 'node:path';
import { projectRoot } from '../paths.ts';

/** pagedjs-cli's browser bundle (Paged.js 0.4.3), the script Printer.render injects itself. */
const PAGED_BUNDLE = join(projectRoot, 'node_modules/pagedjs-cli/dist/browser.js');

// Only what is used of puppeteer's Page and of the Printer; pagedjs-cli ships no types.
interface Request {
  url(): string;
  abort(): Promise<void>;
  continue(): Promise<void>;
}
interface Page {
  setDefaultTimeout(ms: number): void;
  emulateMediaType(type: string): Promise<void>;
  setRequestInterception(on: boolean): Promise<void>;
  on(event: 'request', listener: (request: Request) => void): void;
  goto(url: string): Promise<unknown>;
  evaluate<T>(fn: (...args: never[]) => T | Promise<T>): Promise<T>;
  addScriptTag(options: { path: string }): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => void): Promise<void>;
  _client(): { send(method: string, params: object): Promise<{ data: string }> };
  close(): Promise<void>;
}
export interface PrinterBase {
  browser?: { newPage(): Promise<Page> };
  pages: unknown[];
  timeout: number;
  emulateMedia: string;
  allowLocal: boolean;
  allowRemote: boolean;
  additionalScripts: string[];
  setup(): Promise<unknown>;
  emit(event: string, ...args: unknown[]): boolean;
  isAllowedDomain(host: string): boolean;
}
type PrinterClass = new (options: object) => PrinterBase;

interface PagedPage {
  id: string;
  width: number;
  height: number;
  startToken: unknown;
  endToken: unknown;
  breakAfter: unknown;
  breakBefore: unknown;
  position: number;
  element: Element;
  pagebox: Element;
}
declare const window: {
  PagedConfig?: { auto?: boolean; before?: () => Promise<void>; after?: (done: unknown) => Promise<void> };
  PagedPolyfill: { on(event: string, listener: (arg: never) => void): void; preview(): Promise<unknown> };
  onPage(page: object): void;
  onSize(size: unknown): void;
  onRendered(msg: string, width: number, height: number, orientation: unknown): void;
};
declare const CSS: { px(v: number): { to(unit: string): { value: number } } };

export interface RenderInput {
  url: string;
  /** Folders this render's page may read files from (its own folder); nothing else local. */
  allowedPaths: string[];
}

function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** Parent's test (Printer.withinAllowedPath) with the folders of one render. */
function within(pathname: string, allowed: string[]): boolean {
  return allowed.some((parent) => {
    const rel = relative(parent, pathname);
    return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
  });
}

interface OpenPage {
  page: Page;
  /** Set when the render starts: until then the page may read nothing. */
  allowed: string[];
}

export function fastPrinterClass(Printer: PrinterClass) {
  return class FastPrinter extends Printer {
    private spare?: Promise<OpenPage>;

    override async setup(): Promise<unknown> {
      // puppeteer answers Ctrl-C/SIGTERM/SIGHUP by killing the browser and exiting at once, which
      // would cut short the caller's own clean-up (src/cli/signals.ts with src/cleanup.ts: stop the
      // browser, remove its profile and the temporary files, then exit). Its handlers go.
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
      const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
      const browser = await super.setup();
      for (const signal of signals) {
        for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
      }
      return browser;
    }

    /**
     * Opens the next render's page now (its renderer process takes a while to start), e.g. right
     * after the browser is up, while the document is still being prepared.
     */
    prepare(): void {
      if (this.spare || !this.browser) return;
      this.spare = this.openPage();
      // A failure surfaces when the page is used.
      this.spare.catch(() => undefined);
    }

    private async openPage(): Promise<OpenPage> {
      const page = await this.browser!.newPage();
      const open: OpenPage = { page, allowed: [] };
      try {
        page.setDefaultTimeout(this.timeout);
        await page.emulateMediaType(this.emulateMedia);
        await page.setRequestInterception(true);
        // The rules of Printer.render: file:// only below this render's folders, remote hosts
        // only when allowed (never, here).
        page.on('request', (request) => {
          const { host, protocol, pathname } = new URL(request.url());
          const local = protocol === 'file:';
          // Compared decoded: a folder named in Chinese is percent-encoded in the URL.
          const denied = (local && (!within(safeDecode(pathname), open.allowed) || !this.allowLocal)) || (host && (!this.isAllowedDomain(host) || !this.allowRemote));
          void (denied ? request.abort() : request.continue()).catch(() => undefined);
        });
        return open;
      } catch (error) {
        void page.close().catch(() => undefined);
        throw error;
      }
    }

    async render(input: RenderInput): Promise<Page> {
      if (!this.browser) await this.setup();
      const spare = this.spare;
      this.spare = undefined;
      const open = await (spare ?? this.openPage());
      const { page } = open;
      try {
        open.allowed = [...input.allowedPaths];
        await page.goto(input.url);
        await page.evaluate(() => {
          window.PagedConfig = window.PagedConfig || {};
          window.PagedConfig.auto = false;
        });
        await page.addScriptTag({ path: PAGED_BUNDLE });
        for (const script of this.additionalScripts) await page.addScriptTag({ path: script });

        let resolveRendered!: () => void;
        const rendered = new Promise<void>((resolve) => (resolveRendered = resolve));
        await page.exposeFunction('onSize', (size: unknown) => this.emit('size', size));
        await page.exposeFunction('onPage', (info: unknown) => {
          this.pages.push(info);
          this.emit('page', info);
        });
        await page.exposeFunction('onRendered', (msg: string, width: number, height: number, orientation: unknown) => {
          this.emit('rendered', msg, width, height, orientation);
          resolveRendered();
        });
        await page.evaluate(async () => {
          const points = (value: number) => Math.round(CSS.px(value).to('pt').value * 100) / 100;
          window.PagedPolyfill.on('page', (p: PagedPage) => {
            const { id, width, height, startToken, endToken, breakAfter, breakBefore, position } = p;
            const media = p.element.getBoundingClientRect();
            const crop = p.pagebox.getBoundingClientRect();
            const boxes = {
              media: { width: points(media.width), height: points(media.height), x: 0, y: 0 },
              crop: { width: points(crop.width), height: points(crop.height), x: points(crop.x) - points(media.x), y: points(crop.y) - points(media.y) },
            };
            window.onPage({ id, width, height, startToken, endToken, breakAfter, breakBefore, position, boxes });
          });
          window.PagedPolyfill.on('size', (size: never) => window.onSize(size));
          window.PagedPolyfill.on('rendered', (flow: { total: number; performance: number; width: number; height: number; orientation: unknown }) => {
            window.onRendered(`Rendering ${flow.total} pages took ${flow.performance} milliseconds.`, flow.width, flow.height, flow.orientation);
          });
          if (window.PagedConfig?.before) await window.PagedConfig.before();
          const done = await window.PagedPolyfill.preview();
          if (window.PagedConfig?.after) await window.PagedConfig.after(done);
        });
        await rendered;
        return page;
      } catch (error) {
        // Only this page: the browser may be serving other renders.
        void page.close().catch(() => undefined);
        throw error;
      }
    }

    async pdf(input: RenderInput): Promise<Uint8Array> {
      const page = await this.render(input);
      let printed: Uint8Array;
      let titles: string[];
      try {
        // Bookmark titles as pagedjs-cli wrote them: the heading's rendered text (a title broken
        // into lines reads with a space where Chromium's own outline joins the lines).
        titles = await page.evaluate(() => [...document.querySelectorAll('h1')].map((h) => (h as HTMLElement).innerText.trim()));
        // puppeteer's page.pdf with these settings, plus what it cannot ask for: Chromium's own
        // outline (from the h1–h6 of the tagged structure) and the PDF in one base64 message
        // instead of a stream read in chunks.
        const { data } = await page._client().send('Page.printToPDF', {
          transferMode: 'ReturnAsBase64',
          landscape: false,
          displayHeaderFooter: false,
          printBackground: true,
          scale: 1,
          paperWidth: 8.5,
          paperHeight: 11,
          marginTop: 0,
          marginBottom: 0,
          marginLeft: 0,
          marginRight: 0,
          pageRanges: '',
          preferCSSPageSize: true,
          generateTaggedPDF: true,
          generateDocumentOutline: true,
        });
        printed = Buffer.from(data, 'base64');
      } finally {
        void page.close().catch(() => undefined);
      }
      // One bookmark per article (h1), as pagedjs-cli's outlineTags: ['h1'] gave. Imported here:
      // pdf-lib is not needed to start the CLI.
      const { topLevelOutline } = await import('./outline.ts');
      return topLevelOutline(printed, titles);
    }
  };
}
