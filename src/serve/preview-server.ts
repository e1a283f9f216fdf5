// `bulletin preview`: the paginated HTML in the user's own browser, with live reload. The page is
// the document the PDF is made from, plus the Paged.js bundle pagedjs-cli injects for the PDF (so
// both lay out alike) and our page script (page numbers, 目录 numbers), a small interface
// stylesheet (sheets on grey) and a panel with the checker's findings. Served on 127.0.0.1 only;
// the page loads nothing but what this server gives it.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { checkSource } from '../check/index.ts';
import { BulletinError, type Diagnostic } from '../diagnostics.ts';
import type { OutputMode } from '../html/index.ts';
import { parseBulletin, readSourceFile } from '../parse/index.ts';
import { encodingWarning } from '../parse/source-file.ts';
import { inlineFonts } from '../fonts/prepare.ts';
import { projectRoot } from '../paths.ts';
import { bulletinHtml, type BuildCache } from '../pipeline/build.ts';
import { cachedFonts } from '../watch/font-cache.ts';
import { oneAtATime } from '../watch/coalesce.ts';
import { watchFile } from '../watch/watch-file.ts';

export const HOST = '127.0.0.1';

export interface PreviewOptions {
  source: string;
  mode: OutputMode;
  /** 0: any free port. */
  port: number;
  /** One line per refresh. */
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  /** Stops watching, ends the event streams and closes the server. */
  close(): Promise<void>;
}

/** What the page script reads: which version it shows, and the findings to list. */
interface PageState {
  version: number;
  file: string;
  /** False while the source has never built: the page shows only the findings. */
  pages: boolean;
  /** The pages are older than the findings (the source has errors now). */
  stale: boolean;
  findings: Pick<Diagnostic, 'line' | 'column' | 'severity' | 'message' | 'rule'>[];
}

// pagedjs-cli's own bundle (Paged.js 0.4.3), exactly what the PDF renderer injects; the package
// exports only its entry point, so the file is found beside it.
const pagedBundle = join(dirname(createRequire(import.meta.url).resolve('pagedjs-cli')), '../dist/browser.js');
const ASSETS: Record<string, { file: string; type: string }> = {
  '/_preview/paged.js': { file: pagedBundle, type: 'text/javascript' },
  '/_preview/bulletin-pages.js': { file: join(projectRoot, 'src/paginate/browser/bulletin-pages.js'), type: 'text/javascript' },
  '/_preview/preview.js': { file: join(projectRoot, 'src/serve/browser/preview.js'), type: 'text/javascript' },
  '/_preview/preview.css': { file: join(projectRoot, 'src/serve/browser/preview.css'), type: 'text/css' },
};

// Fonts and images are data: URLs inside the document, so the page needs nothing from elsewhere;
// the policy makes sure of it (and keeps a sanitized source's links from loading anything).
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src data:; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function pageHtml(documentHtml: string | undefined, state: PageState): string {
  const head = [
    '<link rel="stylesheet" href="/_preview/preview.css" data-pagedjs-ignore>',
    `<script type="application/json" id="bulletin-preview">${json(state)}</script>`,
    // Order matters: the settings before Paged.js reads them, our handler before it lays out.
    '<script src="/_preview/preview.js"></script>',
    ...(documentHtml ? ['<script src="/_preview/paged.js"></script>', '<script src="/_preview/bulletin-pages.js"></script>'] : []),
  ].join('\n');
  const doc = documentHtml ?? `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${state.file}</title></head><body></body></html>`;
  return doc.replace('</head>', `${head}\n</head>`);
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const log = options.log ?? (() => undefined);
  const cache: BuildCache = { fonts: cachedFonts() };
  const clients = new Set<ServerResponse>();
  let version = 0;
  let documentHtml: string | undefined;
  let state: PageState = { version, file: basename(options.source), pages: false, stale: false, findings: [] };

  const refresh = async () => {
    const started = performance.now();
    const findings: Diagnostic[] = [];
    let html: string | undefined;
    try {
      const source = readSourceFile(options.source);
      const encoding = encodingWarning(source);
      if (encoding) findings.push(encoding);
      findings.push(...checkSource(source.path, source.text));
      if (!findings.some((d) => d.severity === 'error')) {
        const built = await bulletinHtml(parseBulletin(source), options.mode, cache);
        // One self-contained document: the fonts as data: URLs.
        html = inlineFonts(built.html, built.files);
        // The transform repeats some of the checker's warnings.
        const seen = new Set(findings.map((d) => `${d.line}:${d.column}:${d.message}`));
        findings.push(...built.warnings.filter((d) => !seen.has(`${d.line}:${d.column}:${d.message}`)));
      }
    } catch (error) {
      if (error instanceof BulletinError) findings.push(...error.diagnostics);
      else findings.push({ file: options.source, severity: 'error', message: (error as Error).message });
    }
    if (html) documentHtml = html;
    version += 1;
    state = {
      version,
      file: basename(options.source),
      pages: !!documentHtml,
      stale: !html && !!documentHtml,
      findings: findings.map(({ line, column, severity, message, rule }) => ({ line, column, severity, message, rule })),
    };
    for (const client of clients) client.write(`event: reload\ndata: ${version}\n\n`);
    const errors = findings.filter((d) => d.severity === 'error').length;
    log(`↻ ${state.file}: ${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'} ${((performance.now() - started) / 1000).toFixed(2)} s`);
  };

  // One refresh at a time; saves during one are merged into one more.
  const refreshes = oneAtATime(refresh);

  const server = createServer((req, res) => handle(req, res));
  let port = options.port;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // A page elsewhere on the web could reach a loopback server through a rebound host name: only
    // requests addressed to this server by its own name are answered.
    const host = req.headers.host ?? '';
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', `http://${host}`).pathname;
    const common = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      res.end(pageHtml(documentHtml, state));
      return;
    }
    if (path === '/events') {
      res.writeHead(200, { ...common, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      // The version now: a page that missed a reload while it connected catches up at once.
      res.write(`retry: 1000\nevent: hello\ndata: ${version}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const asset = ASSETS[path];
    if (asset) {
      // Read per request: an edited stylesheet or page script shows on the next reload.
      res.writeHead(200, { ...common, 'content-type': `${asset.type}; charset=utf-8` });
      res.end(readFileSync(asset.file));
      return;
    }
    res.writeHead(404, { ...common, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  };

  // Proxies and idle connections must not close the event stream.
  const heartbeat = setInterval(() => clients.forEach((c) => c.write(': still here\n\n')), 15_000);
  heartbeat.unref();

  await refresh();
  const watcher = watchFile(options.source, refreshes.request);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, HOST, () => resolve());
    });
  } catch (error) {
    watcher.close();
    clearInterval(heartbeat);
    throw error;
  }
  port = (server.address() as { port: number }).port;

  return {
    url: `http://${HOST}:${port}/`,
    port,
    async close() {
      watcher.close();
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await refreshes.settled();
    },
  };
}
