// The paginate stage: HTML file → PDF bytes with Paged.js (pagedjs-cli's Printer, in-process) in
// Debian's Chromium. One browser serves every render of a run; it is always closed, also on
// timeouts and signals, and its temporary profile is removed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { onCleanup } from '../cleanup.ts';
import { BulletinError } from '../diagnostics.ts';
import { projectRoot } from '../paths.ts';
import { faceFile, loadManifest } from '../fonts/manifest.ts';
import { fastPrinterClass, type PrinterBase, type RenderInput } from './fast-printer.ts';
import { findBrowser } from './find-browser.ts';

export interface RendererOptions {
  timeoutMs: number;
  /** Called once per laid-out page, for progress. */
  onPage?: (count: number) => void;
}

interface PrinterLike {
  pages: unknown[];
  allowedPaths: string[];
  browser?: { process(): { kill(signal: string): void; pid?: number; exitCode: number | null } | null; close(): Promise<void> };
  on(event: 'page' | 'rendered', listener: () => void): void;
  setup(): Promise<unknown>;
  prepare(): void;
  pdf(input: RenderInput): Promise<Uint8Array>;
  close(): Promise<void>;
}

const PAGE_SCRIPT = join(projectRoot, 'src/paginate/browser/bulletin-pages.js');

export interface RenderedPdf {
  bytes: Uint8Array;
  layoutMs: number;
  printMs: number;
}

/** Chromium starts in about a second; a busy CI machine gets far more before we give up. */
const START_TIMEOUT_MS = 60_000;

export class Renderer {
  private closed = false;
  private starting?: Promise<unknown>;
  private renderedAt = 0;
  private forgetCleanup?: () => void;

  private constructor(
    private readonly printer: PrinterLike,
    private readonly profileDir: string,
    private readonly options: RendererOptions,
    readonly browserPath: string,
  ) {}

  static async launch(options: RendererOptions): Promise<Renderer> {
    const browserPath = findBrowser();
    const profileDir = mkdtempSync(join(tmpdir(), 'bulletin-browser-'));
    // Only the project's own font files are visible to fontconfig: whatever the machine has
    // installed can never be drawn (and the PDF is the same on every machine). Chromium fails to
    // load web fonts when fontconfig knows no font at all, so the pinned faces are listed here.
    const fontDirs = [...new Set(Object.values(loadManifest().faces).map((face) => dirname(faceFile(face))))];
    const fontsConf = join(profileDir, 'fonts.conf');
    writeFileSync(
      fontsConf,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${fontDirs.map((d) => `  <dir>${d}</dir>\n`).join('')}  <cachedir>${join(projectRoot, 'node_modules/.cache/bulletin-fontconfig')}</cachedir>\n</fontconfig>\n`,
    );
    process.env.FONTCONFIG_FILE = fontsConf;
    // puppeteer reads this when first imported, hence the dynamic import below.
    process.env.PUPPETEER_EXECUTABLE_PATH = browserPath;
    process.env.PUPPETEER_SKIP_DOWNLOAD = '1';
    const { default: Printer } = (await import('pagedjs-cli')) as { default: new (o: object) => PrinterBase };
    const FastPrinter = fastPrinterClass(Printer) as unknown as new (o: object) => PrinterLike;
    const printer = new FastPrinter({
      allowLocal: true,
      allowRemote: false,
      // Turns on request interception: file:// only below these folders, nothing remote.
      allowedPaths: [profileDir],
      additionalScripts: [PAGE_SCRIPT],
      timeout: options.timeoutMs,
      browserArgs: [
        '--no-sandbox',
        `--user-data-dir=${join(profileDir, 'profile')}`,
        '--font-render-hinting=none',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--disable-default-apps',
        '--mute-audio',
        // A second wall behind the request interception: any request that escaped it (a
        // WebSocket, a prefetch) goes to a proxy on the discard port, loopback included.
        '--proxy-server=127.0.0.1:9',
        '--proxy-bypass-list=<-loopback>',
        '--dns-prefetch-disable',
      ],
    });
    const renderer = new Renderer(printer, profileDir, options, browserPath);
    printer.on('page', () => options.onPage?.(printer.pages.length));
    printer.on('rendered', () => (renderer.renderedAt = performance.now()));
    renderer.forgetCleanup = onCleanup(() => renderer.kill());
    // Chromium's own temporary files (shared memory, singleton sockets) go inside the profile
    // folder, so that a killed browser leaves nothing in the system's temporary folder either.
    const chromeTmp = join(profileDir, 'tmp');
    mkdirSync(chromeTmp);
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = chromeTmp;
    // A browser that comes up only after a timeout or a signal must still be stopped.
    renderer.starting = printer.setup();
    renderer.starting.then(
      () => {
        if (renderer.closed) void renderer.kill();
        // The first render's page starts while the caller still prepares the document.
        else printer.prepare();
      },
      () => undefined,
    );
    try {
      await renderer.withTimeout(renderer.starting, 'starting the browser', Math.max(START_TIMEOUT_MS, options.timeoutMs));
    } catch (error) {
      await renderer.close();
      if (error instanceof BulletinError) throw error;
      throw new BulletinError({ file: browserPath, severity: 'error', message: `the browser could not start: ${(error as Error).message.split('\n')[0]}` });
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
    return renderer;
  }

  /**
   * Lays out the HTML file with Paged.js and prints it; one bookmark per article (h1). The page may
   * read files only below `readableDirs` (its own folder is always readable) and nothing remote.
   * Also says how the time split between layout (up to Paged.js's `rendered`) and printing.
   */
  async pdf(htmlFile: string, readableDirs: string[] = []): Promise<RenderedPdf> {
    if (this.closed) throw new Error('renderer is closed');
    // Per render (renders may overlap on one browser); a non-empty list also keeps request
    // interception on.
    const allowedPaths = [dirname(htmlFile), ...readableDirs];
    // pagedjs-cli accumulates pages across renders of one Printer.
    this.printer.pages = [];
    const start = performance.now();
    this.renderedAt = 0;
    try {
      const bytes = await this.withTimeout(this.printer.pdf({ url: pathToFileURL(htmlFile).href, allowedPaths }), 'rendering');
      const end = performance.now();
      const rendered = this.renderedAt || end;
      return { bytes, layoutMs: rendered - start, printMs: end - rendered };
    } catch (error) {
      if (error instanceof BulletinError) throw error;
      const reason = (error as Error).message.split('\n')[0] ?? String(error);
      const gone = /disconnected|Target closed|Session closed|crash/i.test(reason) || !this.printer.browser?.process() || this.printer.browser.process()?.exitCode !== null;
      throw new BulletinError({ file: htmlFile, severity: 'error', message: gone ? `the browser stopped during rendering (crashed or was killed): ${reason}` : `rendering failed: ${reason}` });
    }
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
    const child = this.printer.browser?.process() as { exitCode: number | null; signalCode?: string | null } | null | undefined;
    return !this.closed && !!child && child.exitCode === null && !child.signalCode;
  }

  /**
   * Immediate stop, for timeouts, crashes and signals: SIGKILL the browser, wait (briefly) until it
   * is gone, then remove its profile — a dying Chromium may still be writing into it.
   */
  async kill(): Promise<void> {
    this.closed = true;
    const child = this.printer.browser?.process();
    try {
      child?.kill('SIGKILL');
    } catch {
      // already gone
    }
    if (child && child.exitCode === null && 'once' in child) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        (child as unknown as NodeJS.EventEmitter).once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.removeProfile();
  }

  private removeProfile(): void {
    this.forgetCleanup?.();
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        rmSync(this.profileDir, { recursive: true, force: true, maxRetries: 3 });
        return;
      } catch {
        // a file appeared while removing: try again
      }
    }
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      try {
        // A browser that crashed or was killed cannot be asked to close.
        if (this.printer.browser?.process()?.exitCode === null) {
          await Promise.race([this.printer.close(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
        }
      } catch {
        // fall through to the kill
      }
    }
    await this.kill();
  }
}
