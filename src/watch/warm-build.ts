// One source rebuilt again and again in one warm browser: the engine of `bulletin watch`. The
// browser starts once; pdfjs (for the preflight) is loaded while it starts; subset fonts are reused
// while the character set stays the same. A browser that died is replaced, and the build retried.
import { BulletinError, type Diagnostic } from '../diagnostics.ts';
import { Renderer } from '../paginate/render.ts';
import { prepareBuild, renderBuild, type BuildCache, type BuildOptions, type BuildResult } from '../pipeline/build.ts';
import { loadPdfjs } from '../verify/text.ts';
import { cachedFonts } from './font-cache.ts';

export type BuildOutcome = { ok: true; result: BuildResult; ms: number; restarted: boolean } | { ok: false; diagnostics: Diagnostic[]; ms: number; restarted: boolean };

const died = (error: unknown) => error instanceof BulletinError && error.diagnostics.some((d) => /the browser stopped|browser has disconnected/i.test(d.message));

export class WarmBuilder {
  private renderer?: Renderer;
  private launching?: Promise<Renderer>;
  private readonly cache: BuildCache = { fonts: cachedFonts() };
  /** A dead browser was replaced during the current build. */
  private restarted = false;

  constructor(
    readonly source: string,
    readonly options: BuildOptions,
    private readonly timeoutMs: number,
  ) {}

  /** Starts the browser and loads pdfjs now, so that the first build does not wait for them. */
  warmUp(): void {
    this.browser().catch(() => undefined);
    loadPdfjs().catch(() => undefined);
  }

  private async browser(): Promise<Renderer> {
    // Stopped by a timeout: its successor starts on demand. Crashed or killed while idle: a page
    // cannot be opened in it, so it is replaced before the build, not after a failure.
    if (this.renderer?.isClosed()) this.forget();
    else if (this.renderer && !this.renderer.isAlive()) {
      await this.replaceBrowser();
      this.restarted = true;
    }
    this.launching ??= Renderer.launch({ timeoutMs: this.timeoutMs, warm: true, reuse: true }).then(
      (r) => (this.renderer = r),
      (error: unknown) => {
        this.launching = undefined;
        throw error;
      },
    );
    return this.launching;
  }

  private forget(): void {
    this.renderer = undefined;
    this.launching = undefined;
  }

  private async replaceBrowser(): Promise<void> {
    const dead = this.renderer;
    this.forget();
    await dead?.kill();
  }

  async build(): Promise<BuildOutcome> {
    const started = performance.now();
    this.restarted = false;
    try {
      const prepared = await prepareBuild(this.source, this.options, this.cache);
      let result: BuildResult;
      try {
        result = await renderBuild(prepared, await this.browser());
      } catch (error) {
        // Crashed or killed since the last build: once more in a fresh browser.
        if (!died(error)) throw error;
        await this.replaceBrowser();
        this.restarted = true;
        result = await renderBuild(prepared, await this.browser());
      }
      return { ok: true, result, ms: performance.now() - started, restarted: this.restarted };
    } catch (error) {
      if (died(error)) await this.replaceBrowser();
      const diagnostics: Diagnostic[] =
        error instanceof BulletinError ? error.diagnostics : [{ file: this.source, severity: 'error', message: (error as Error).stack ?? String(error) }];
      return { ok: false, diagnostics, ms: performance.now() - started, restarted: this.restarted };
    }
  }

  /** Closes the browser; `kill` for signals, where waiting for a polite close is not wanted. */
  async close(how: 'close' | 'kill' = 'close'): Promise<void> {
    const renderer = this.renderer ?? (await this.launching?.catch(() => undefined));
    this.forget();
    await (how === 'kill' ? renderer?.kill() : renderer?.close());
  }
}
