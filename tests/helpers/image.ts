// A page as pixels, through poppler's pdftoppm: the colours a reader sees on screen or paper.
import { spawnSync } from 'node:child_process';

export interface PageImage {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number];
}

export function renderPage(pdf: string, page: number, dpi: number): PageImage {
  const result = spawnSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
  const data = result.stdout;
  // Binary PPM: "P6\n<width> <height>\n<max>\n" then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PPM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  return {
    width,
    height,
    pixel: (x, y) => {
      const i = offset + (y * width + x) * 3;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    },
  };
}
