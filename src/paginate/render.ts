// The paginate stage: HTML file → PDF bytes with Paged.js (pagedjs-cli's Printer, in-process) in
// Debian's Chromium. One browser serves every render of a run; it is always closed, also on
// timeouts and signals, and its temporary profile is removed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BulletinError } from '../diagnostics.ts';
import { projectRoot } from '../paths.ts';
import { faceFile, loadManifest } from '../fonts/manifest.ts';
import { findBrowser } from './find-browser.ts';

export interface RendererOptions {
  timeoutMs: number;
  /** Called once per laid-out page, for progress. */
  onPage?: (count: number) => void;
}

interface PrinterLike {
  pages: unknown[];
  allowedPaths: string[];
  browser?: { process(): { kill(signal: string): void; pid?: number } | null; close(): Promise<void> };
  on(event: 'page', listener: () => void): void;
  setup(): Promise<unknown>;
  pdf(input: { url: string }, options: { outlineTags: string[] }): Promise<Uint8Array>;
  close(): Promise<void>;
}

const PAGE_SCRIPT = join(projectRoot, 'src/paginate/browser/bulletin-pages.js');

export class Renderer {
  private closed = false;

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
    const { default: Printer } = (await import('pagedjs-cli')) as { default: new (o: object) => PrinterLike };
    const printer = new Printer({
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
      ],
    });
    const renderer = new Renderer(printer, profileDir, options, browserPath);
    printer.on('page', () => options.onPage?.(printer.pages.length));
    try {
      await renderer.withTimeout(printer.setup(), 'starting the browser');
    } catch (error) {
      await renderer.close();
      if (error instanceof BulletinError) throw error;
      throw new BulletinError({ file: browserPath, severity: 'error', message: `the browser could not start: ${(error as Error).message.split('\n')[0]}` });
    }
    return renderer;
  }

  /**
   * Lays out the HTML file with Paged.js and prints it; one bookmark per article (h1). The page may
   * read files only below `readableDirs` (its own folder is always readable) and nothing remote.
   */
  async pdf(htmlFile: string, readableDirs: string[] = []): Promise<Uint8Array> {
    if (this.closed) throw new Error('renderer is closed');
    this.printer.allowedPaths = [dirname(htmlFile), ...readableDirs];
    // pagedjs-cli accumulates pages across renders of one Printer.
    this.printer.pages = [];
    try {
      return await this.withTimeout(this.printer.pdf({ url: pathToFileURL(htmlFile).href }, { outlineTags: ['h1'] }), 'rendering');
    } catch (error) {
      if (error instanceof BulletinError) throw error;
      throw new BulletinError({ file: htmlFile, severity: 'error', message: `rendering failed: ${(error as Error).message.split('\n')[0]}` });
    }
  }

  private async withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new BulletinError({ file: 'bulletin', severity: 'error', message: `${what} took longer than ${this.options.timeoutMs / 1000} s (--timeout); the browser was stopped` }));
      }, this.options.timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Immediate stop, for timeouts and signals. */
  kill(): void {
    try {
      this.printer.browser?.process()?.kill('SIGKILL');
    } catch {
      // already gone
    }
    this.closed = true;
    rmSync(this.profileDir, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      try {
        await Promise.race([this.printer.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
      } catch {
        // fall through to the kill
      }
      try {
        this.printer.browser?.process()?.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
