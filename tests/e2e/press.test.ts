// Issue 5 through the real CLI: what the print shop receives with --bleed 3mm --marks crop
// --impose a3 --pdfx (CMYK, and PDF/X-1a: see standards.test.ts), read back with poppler and qpdf (not with our own reader), and two fresh
// builds compared byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT, VARIANTS, bulletin } from '../helpers/build.ts';

const MM = 72 / 25.4;
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

/** pdfinfo -box for every page: { Media: [x0,y0,x1,y1], … } per page. */
function boxes(pdf: string): Array<Record<string, number[]>> {
  const pages: Array<Record<string, number[]>> = [];
  for (const line of run('pdfinfo', ['-box', '-f', '1', '-l', '9999', pdf]).split('\n')) {
    const m = /^Page\s+(\d+)\s+(Media|Crop|Bleed|Trim|Art)Box:\s+(.*)$/.exec(line);
    if (!m) continue;
    (pages[Number(m[1]) - 1] ??= {})[m[2]!] = m[3]!.trim().split(/\s+/).map(Number);
  }
  return pages;
}

const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))![1]);
/** Text of one page, optionally of a region (pt from the top left of the MediaBox). */
const textOf = (pdf: string, page: number, area?: [number, number, number, number]) =>
  run('pdftotext', ['-f', String(page), '-l', String(page), ...(area ? ['-r', '72', ...['-x', '-y', '-W', '-H'].flatMap((flag, i) => [flag, String(Math.round(area[i]!))])] : []), '-layout', pdf, '-']).replace(/\s+/g, '');
const folio = (text: string) => /—(\d+)—/.exec(text)?.[1];

describe('print-shop output (--bleed 3mm --marks crop --impose a3 --pdfx)', () => {
  const pdf = VARIANTS.press.pdf;

  it('keeps every TrimBox exactly A4 and grows Bleed by 3 mm and Media further for the marks', () => {
    const all = boxes(pdf);
    expect(all.length).toBe(pageCount(pdf));
    const b = 3 * MM;
    for (const [i, page] of all.entries()) {
      expect(page.Trim, `page ${i + 1}`).toEqual([0, 0, 595.28, 841.89]);
      page.Bleed!.forEach((v, k) => expect(v).toBeCloseTo([-b, -b, 595.28 + b, 841.89 + b][k]!, 1));
      // Marks sit outside the bleed: the media box is larger still on every side.
      expect(page.Media![0]).toBeLessThan(page.Bleed![0]! - 5 * MM);
      expect(page.Media![3]).toBeGreaterThan(page.Bleed![3]! + 5 * MM);
    }
  });

  it('pads to a multiple of 4 with blank, unnumbered pages at the end', () => {
    const n = pageCount(pdf);
    const plain = pageCount(BUILT.seed.pdf);
    expect(n % 4).toBe(0);
    expect(n - plain).toBeGreaterThanOrEqual(0);
    expect(n - plain).toBeLessThan(4);
    for (let p = plain + 1; p <= n; p++) expect(textOf(pdf, p), `page ${p}`).toBe('');
  });

  it('imposes the pages two-up on A3 sheets in saddle-stitch order', () => {
    const sheets = VARIANTS.press.booklet;
    const n = pageCount(pdf);
    expect(pageCount(sheets)).toBe(n / 2);
    const trim = boxes(sheets)[0]!.Trim!;
    expect(trim).toEqual([0, 0, 1190.55, 841.89]);
    const media = boxes(sheets)[0]!.Media!;
    // pdftotext measures from the media box's top left corner.
    const left: [number, number, number, number] = [-media[0]!, media[3]! - 841.89, 595.28, 841.89];
    const right: [number, number, number, number] = [-media[0]! + 595.28, media[3]! - 841.89, 595.28, 841.89];
    // The printed number of each page of the booklet, and what must face what on each side.
    const folios = Array.from({ length: n }, (_, i) => folio(textOf(pdf, i + 1)));
    for (let side = 0; side < n / 2; side++) {
      const sheet = Math.floor(side / 2);
      const [l, r] = side % 2 === 0 ? [n - 2 * sheet, 2 * sheet + 1] : [2 * sheet + 2, n - 2 * sheet - 1];
      expect(folio(textOf(sheets, side + 1, left)), `side ${side + 1} left = page ${l}`).toBe(folios[l - 1]);
      expect(folio(textOf(sheets, side + 1, right)), `side ${side + 1} right = page ${r}`).toBe(folios[r - 1]);
    }
    // The cover (page 1) sits on the right of the first side.
    expect(textOf(sheets, 1, right)).toContain('学习资料');
  });

  it('is CMYK: the red is 0/80/80/0, black text is K only, no RGB operator is left', () => {
    const qdfDir = mkdtempSync(join(tmpdir(), 'bulletin-qdf-'));
    const qdf = join(qdfDir, 'x.pdf');
    run('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
    // qpdf's QDF form labels each page's content stream: read those, not font or image data.
    const content = [...readFileSync(qdf, 'latin1').matchAll(/%% Contents for page \d+[\s\S]*?stream\n([\s\S]*?)endstream/g)].map((m) => m[1]).join('\n');
    expect(content.length).toBeGreaterThan(1000);
    rmSync(qdfDir, { recursive: true, force: true });
    const ops = (re: RegExp) => new Set([...content.matchAll(re)].map((m) => m[0].replace(/\s+/g, ' ').trim()));
    expect(ops(/(?:^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+(?:rg|RG)(?=\s)/g)).toEqual(new Set());
    expect(ops(/(?:^|\s)[\d.]+\s+(?:g|G)(?=\s)/g)).toEqual(new Set());
    const cmyk = ops(/(?:^|\s)[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+k(?=\s)/g);
    expect(cmyk).toContain('0 0 0 1 k');
    expect(cmyk).toContain('0 0.8 0.8 0 k');
    expect([...cmyk].filter((op) => !['0 0 0 1 k', '0 0.8 0.8 0 k', '0 0 0 0 k'].includes(op))).toEqual([]);
  });

  it('keeps fonts embedded TrueType subsets and the text correct Chinese', () => {
    const fonts = run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(textOf(pdf, 3)).toContain('新华社广州11月8日电');
  });
});

describe('reproducible output', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('gives byte-identical PDFs for the same source, in fresh processes, and dates from SOURCE_DATE_EPOCH', () => {
    const built = [1, 2].map(() => {
      const dir = mkdtempSync(join(tmpdir(), 'bulletin-repro-'));
      dirs.push(dir);
      const r = bulletin(['build', '-q', BUILT.seed.source, '--out-dir', dir], { env: { SOURCE_DATE_EPOCH: '1764547200' } });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(dir, '2025-12.pdf'));
    });
    expect(built[0]!.equals(built[1]!)).toBe(true);
    const info = run('pdfinfo', ['-isodates', join(dirs[0]!, '2025-12.pdf')]);
    expect(info).toMatch(/CreationDate:\s+2025-12-01T00:00:00/);
    expect(info).toMatch(/Creator:\s+bulletin \d+\.\d+\.\d+/);
    expect(info).not.toMatch(/Chrome/);
  });
});
