// Loads pdfjs-dist and runs its worker side (parsing, text extraction) in a worker thread: while it
// reads a PDF, this thread parses the same PDF with pdf-lib and the Markdown source. Falls back to
// pdfjs's in-process worker when no thread can be started. (A second thread, each reading half of
// the pages, made the 30-page issue slower on two cores: fonts parsed twice, two cold compilers.)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const WORKER_MODULE = join(pdfjsDir, 'legacy/build/pdf.worker.mjs');

// pdfjs's legacy build replaces Array.prototype.push and JSON.parse/stringify with core-js versions
// meant for old engines. Node's own are correct, and push is hot in every library: the polyfilled
// one made the preflight about a third slower. Both threads put the native ones back.

// Runs in the thread (plain JavaScript: no loader hooks needed there). Without DecompressionStream
// pdfjs inflates with its own code, as it does whenever that stream fails: about 15 % faster here
// than Node's web streams around zlib.
const THREAD = `const natives = [Array.prototype.push, JSON.parse, JSON.stringify];
delete globalThis.DecompressionStream;
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then(({ WorkerMessageHandler }) => {
  [Array.prototype.push, JSON.parse, JSON.stringify] = natives;
  WorkerMessageHandler.initializeFromPort(workerData.port);
  parentPort.postMessage('ready');
});`;

interface Thread {
  worker: PDFWorker;
  /** Rejects when the thread dies: requests pending on it would never be answered. */
  lost: Promise<never>;
  /** Keeps the process alive while a document is open on the thread. */
  hold(): void;
  release(): void;
}

let pdfjs: Promise<Pdfjs> | undefined;
/**
 * The threads by lane; undefined: pdfjs's worker runs in this thread. Lane 0 serves every document
 * unless asked otherwise; the build's preflight opens the written file on lane 1 while lane 0 is
 * still reading the printed pages' text (a thread takes a document's messages in turn, so its
 * outline and links would wait for every page's text).
 */
const threads: Array<Promise<Thread | undefined> | undefined> = [];

function startThread(lib: Pdfjs, lane: number): Promise<Thread | undefined> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    let worker: Worker;
    try {
      worker = new Worker(THREAD, { eval: true, execArgv: [], workerData: { url: pathToFileURL(WORKER_MODULE).href, port: port2 }, transferList: [port2] });
    } catch {
      resolve(undefined);
      return;
    }
    worker.unref();
    let fail: (error: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => (fail = reject));
    lost.catch(() => undefined);
    let ready = false;
    const died = (error: Error) => {
      fail(new Error(`the pdfjs thread stopped: ${error.message}`));
      // The next document gets a new thread.
      if (ready) threads[lane] = undefined;
      else resolve(undefined);
    };
    worker.once('error', died);
    worker.once('exit', (code) => died(new Error(`exit code ${code}`)));
    worker.once('message', () => {
      ready = true;
      // Quiet, as every document is opened: the worker takes its level from here, not from them.
      const pdfWorker = new lib.PDFWorker({ port: port1 as never, verbosity: 0 });
      let users = 0;
      resolve({
        worker: pdfWorker,
        lost,
        hold() {
          if (users++ === 0) worker.ref();
        },
        release() {
          if (--users > 0) return;
          // Every message listener refs the port again (pdfjs adds one per document).
          port1.unref();
          worker.unref();
        },
      });
      port1.unref();
    });
  });
}

/**
 * pdfjs's display side, in Node, loads the native canvas package as it is imported, for the
 * DOMMatrix, ImageData and Path2D it needs to draw pages (about 0.1 s of this thread, each run).
 * We only read text, links and the outline: while pdfjs is imported, that package is an empty
 * stand-in whose three classes exist (one DOMMatrix is made at import) and draw nothing.
 */
async function importWithoutCanvas(): Promise<Pdfjs> {
  const Module = createRequire(import.meta.url)('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = Module._load;
  class Inert {}
  const globals = globalThis as Record<string, unknown>;
  const missing = ['DOMMatrix', 'ImageData', 'Path2D'].filter((name) => !(name in globals));
  Module._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === '@napi-rs/canvas' ? { DOMMatrix: Inert, ImageData: Inert, Path2D: Inert } : load.call(this, request, ...rest);
  };
  try {
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    Module._load = load;
    // The stand-ins must not pass for the real classes anywhere else.
    for (const name of missing) if (globals[name] === Inert) delete globals[name];
  }
}

/** pdfjs, and the thread of a lane. */
function ready(lane = 0): Promise<[Pdfjs, Thread | undefined]> {
  pdfjs ??= (async () => {
    const natives = [Array.prototype.push, JSON.parse, JSON.stringify] as const;
    const lib = await importWithoutCanvas();
    [Array.prototype.push, JSON.parse, JSON.stringify] = natives;
    return lib;
  })();
  const thread = (threads[lane] ??= pdfjs.then(async (lib) => {
    const started = await startThread(lib, lane);
    if (!started && !(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker) {
      // In process: the fake worker finds its handler here instead of importing the worker file.
      const natives = [Array.prototype.push, JSON.parse, JSON.stringify] as const;
      const workerModule: unknown = await import(pathToFileURL(WORKER_MODULE).href);
      [Array.prototype.push, JSON.parse, JSON.stringify] = natives;
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= workerModule;
    }
    return started;
  }));
  return Promise.all([pdfjs, thread]);
}

/**
 * Loads pdfjs and starts its thread. Imported on first use, not with this module: it is large, and
 * every CLI command imports the verify stage. A caller may start it early (e.g. while the browser
 * renders).
 */
export const loadPdfjs = (lanes = 1): Promise<Pdfjs> => Promise.all(Array.from({ length: lanes }, (_, lane) => ready(lane))).then((all) => all[0]![0]);

export interface OpenedPdf {
  pdf: PDFDocumentProxy;
  /** Rejects if pdfjs's thread dies before the document is closed. */
  lost: Promise<never>;
  close(): Promise<void>;
}

const never = new Promise<never>(() => undefined);

/** `lane`: the thread to open it on (see `threads`). */
export async function openPdf(bytes: Uint8Array, lane = 0): Promise<OpenedPdf> {
  const [lib, running] = await ready(lane);
  running?.hold();
  try {
    // pdfjs takes the buffer over: give it a copy (a plain Uint8Array: it refuses a Buffer), the
    // caller still writes its bytes.
    const task = lib.getDocument({
      data: new Uint8Array(bytes),
      worker: running?.worker,
      useSystemFonts: false,
      disableFontFace: true,
      isEvalSupported: false,
      verbosity: 0,
      cMapUrl: `${join(pdfjsDir, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/`,
    });
    const lost = running?.lost ?? never;
    const pdf = await Promise.race([task.promise, lost]).catch(async (error: unknown) => {
      await Promise.race([task.destroy(), lost]).catch(() => undefined);
      throw error;
    });
    let closed = false;
    return {
      pdf,
      lost,
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await Promise.race([pdf.destroy(), lost]).catch(() => undefined);
        } finally {
          running?.release();
        }
      },
    };
  } catch (error) {
    running?.release();
    throw error;
  }
}
