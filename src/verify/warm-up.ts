// pdfjs reads the first PDF of a process about a third slower than the next one of the same kind:
// its worker's code is compiled as it first runs. A build reads the printed pages' text right after
// Chromium has printed them, on the critical path, so the worker reads a small PDF of the same kind
// first, while Chromium lays out (warm-up.pdf: three pages of a one-paragraph bulletin, printed by
// this pipeline, with the text of 2025年第12期's first paragraph, 新华社).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';
import { fetchText, openPdf, pdfPages } from './text.ts';

const WARM_UP_PDF = join(projectRoot, 'src/verify/warm-up.pdf');

let warming: Promise<void> | undefined;

/**
 * Reads the warm-up PDF's text on pdfjs's first thread, once a process (watch builds again and
 * again with the same thread); never fails (it only saves time).
 */
export function warmUpPdfjs(): Promise<void> {
  return (warming ??= readWarmUp());
}

async function readWarmUp(): Promise<void> {
  try {
    const { pdf, close } = await openPdf(new Uint8Array(readFileSync(WARM_UP_PDF)));
    try {
      await fetchText(await pdfPages(pdf));
    } finally {
      await close();
    }
  } catch {
    // a missing or unreadable file: no warm-up
  }
}
