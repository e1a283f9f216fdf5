// The cover thumbnail: the print PDF's first page drawn by poppler's pdftoppm. Same PDF, same
// poppler → the same PNG (pdftoppm writes no date or other varying chunk).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BulletinError } from '../diagnostics.ts';

const run = promisify(execFile);

/** Width of the thumbnail, px: sharp at twice the size the index shows it on a phone. */
export const THUMB_WIDTH = 360;

export async function coverThumbnail(pdf: string, pngStem: string): Promise<string> {
  try {
    await run('pdftoppm', ['-f', '1', '-l', '1', '-singlefile', '-png', '-scale-to-x', String(THUMB_WIDTH), '-scale-to-y', '-1', pdf, pngStem]);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BulletinError({ file: pdf, severity: 'error', message: missing ? 'pdftoppm (poppler-utils) is needed for the cover thumbnails: run `npm run setup`' : `pdftoppm failed: ${(error as Error).message.split('\n')[0]}` });
  }
  return `${pngStem}.png`;
}
