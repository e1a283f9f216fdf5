// Issue 5 item 6: the preflight. The built fixtures must pass clean; faults injected into them (a
// wrong 目录 number, wrong links, a non-embedded / unknown / Type 3 font, lost text, a wrong page
// size, no bookmarks, a missing page, a booklet page count) must each be reported with their rule.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { Renderer } from '../../src/paginate/render.ts';
import { finalizePdf } from '../../src/postprocess/index.ts';
import { preflight, type PreflightResult } from '../../src/verify/index.ts';
import { BUILT, bulletin } from '../helpers/build.ts';

const source = (path: string) => ({ path, text: readFileSync(path, 'utf8') });
const rules = (problems: Diagnostic[]) => problems.filter((p) => p.severity === 'error').map((p) => p.rule);
const errors = (problems: Diagnostic[]) => problems.filter((p) => p.severity === 'error');

/** Loads a PDF, lets `edit` change it with pdf-lib, returns the saved bytes. */
async function edited(bytes: Uint8Array, edit: (doc: PDFDocument) => void | Promise<void>): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  await edit(doc);
  return doc.save();
}

let tmp: string;
let seed: Uint8Array;
let long: Uint8Array;
/** The clean preflight of the seed bulletin: expectations below derive from it, not from a layout. */
let good: PreflightResult;
/** The seed bulletin rendered with the 目录 slots of entries 2 and 3 swapped, and the links of 4 and 5. */
let wrongToc: Uint8Array;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bulletin-verify-'));
  seed = new Uint8Array(readFileSync(BUILT.seed.pdf));
  long = new Uint8Array(readFileSync(BUILT.long.pdf));
  good = await preflight(BUILT.seed.pdf, seed, { source: source(BUILT.seed.source) });
  // Numbers are filled in after layout from each slot's data-target: swapping two targets prints
  // the other article's number. Swapping two hrefs makes two 目录 links point at the wrong article.
  const html = readFileSync(BUILT.seed.pdf.replace(/\.pdf$/, '.html'), 'utf8');
  const swap = (text: string, a: string, b: string) => {
    expect(text.split(a)).toHaveLength(2);
    expect(text.split(b)).toHaveLength(2);
    return text.replace(a, '\u0000').replace(b, a).replace('\u0000', b);
  };
  let faulty = swap(html, 'data-target="art-2"', 'data-target="art-3"');
  faulty = swap(faulty, 'href="#art-4"', 'href="#art-5"');
  const htmlFile = join(tmp, 'wrong-toc.html');
  writeFileSync(htmlFile, faulty);
  const renderer = await Renderer.launch({ timeoutMs: 120_000 });
  try {
    const { bytes: printed, bookmarks } = await renderer.pdf({ html: readFileSync(htmlFile, 'utf8') });
    wrongToc = await finalizePdf(printed, {
      title: 'test',
      author: 'test',
      subject: 'test',
      keywords: [],
      creator: 'test',
      lang: 'zh-CN',
      date: new Date(0),
    }, bookmarks);
  } finally {
    await renderer.close();
  }
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('good PDFs pass', () => {
  it('2025年第12期: no errors; the one fallback character (祐, which FandolFang lacks) is a warning', async () => {
    const { facts, problems } = good;
    expect(errors(problems)).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', rule: 'font-fallback', message: expect.stringMatching(/"祐" U\+7950 on page \d+ \(— \d+ —\) in FandolFang-Regular text/) })]);
    expect(facts.pageCount).toBeGreaterThan(20);
    const entries = facts.toc!.entries;
    expect(entries).toHaveLength(7);
    expect(entries[0]).toMatchObject({ printed: 1, folio: 1, page: 3, link: 3 });
    for (const e of entries) expect(e.folio === e.printed && e.link === e.page).toBe(true);
    expect(facts.outline.map((o) => o.page)).toEqual(entries.map((e) => e.page));
    // Print output: cover + 目录 on page 1, a blank page 2, body page 1 on the right-hand page 3.
    expect(facts.pages).toMatchObject({ front: [1, 2], blank: [2], firstBody: 3 });
    expect(facts.content).toEqual({ blocks: facts.content!.blocks, found: facts.content!.blocks });
    expect(facts.fonts.every((f) => f.face)).toBe(true);
  });

  it('the long issue (目录 over two pages, two-digit numbers) passes clean', async () => {
    const { facts, problems } = await preflight(BUILT.long.pdf, long, { source: source(BUILT.long.source) });
    expect(errors(problems)).toEqual([]);
    expect(problems.map((p) => p.rule)).toEqual(['font-fallback']);
    expect(facts.toc?.pages).toEqual([1, 2]);
    expect(facts.toc?.entries).toHaveLength(14);
    expect(facts.toc?.entries.every((e) => e.folio === e.printed && e.link === e.page)).toBe(true);
    expect(facts.outline).toHaveLength(14);
  });

  it('passes without the source too (titles from the 目录), in well under a few seconds', async () => {
    await preflight(BUILT.seed.pdf, seed);
    const { facts, problems } = await preflight(BUILT.seed.pdf, seed);
    expect(errors(problems)).toEqual([]);
    expect(facts.articles).toHaveLength(7);
    expect(facts.content).toBeUndefined();
    // Warm (pdfjs loaded): about half a second for the 30 pages on the development machine.
    expect(facts.ms).toBeLessThan(5000);
  });

  it('accepts bleed: media and bleed boxes grown around the unchanged A4 trim box', async () => {
    const bled = await edited(seed, (doc) => {
      for (const page of doc.getPages()) {
        const b = 8.5;
        page.setMediaBox(-b, -b, 595.28 + 2 * b, 841.89 + 2 * b);
        page.setCropBox(-b, -b, 595.28 + 2 * b, 841.89 + 2 * b);
        page.setBleedBox(-b, -b, 595.28 + 2 * b, 841.89 + 2 * b);
      }
    });
    const { facts, problems } = await preflight('bled.pdf', bled, { source: source(BUILT.seed.source) });
    expect(errors(problems)).toEqual([]);
    expect(facts.mediaBoxes).toEqual([[-8.5, -8.5, 612.28, 858.89]]);
  });
});

describe('faults are caught', () => {
  it('(a) a wrong 目录 number, and 目录 links to the wrong article', async () => {
    const { problems } = await preflight('wrong-toc.pdf', wrongToc, { source: source(BUILT.seed.source) });
    expect(rules(problems)).toEqual(['toc-page', 'toc-page', 'toc-link', 'toc-link']);
    const [second, third, fourth, fifth] = errors(problems).map((p) => p.message);
    const e = good.facts.toc!.entries;
    expect(second).toBe(`目录 entry "习近平在听取海南自由贸易港建设工作汇报时的重要讲话" says page ${e[2]!.printed}, but the article starts on page ${e[1]!.folio} (— ${e[1]!.folio} —, physical page ${e[1]!.page})`);
    expect(third).toContain(`"习近平对全面依法治国工作作出重要指示" says page ${e[1]!.printed}, but the article starts on page ${e[2]!.folio}`);
    expect(fourth).toContain(`links to physical page ${e[4]!.page}, but the article starts on physical page ${e[3]!.page}`);
    expect(fifth).toContain(`links to physical page ${e[3]!.page}, but the article starts on physical page ${e[4]!.page}`);
  });

  it('(b) a non-embedded standard font, a font that is no configured face, a Type 3 font', async () => {
    const helvetica = await edited(seed, async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.getPage(29).drawText('system font', { x: 100, y: 200, size: 10, font });
    });
    expect(rules((await preflight('helvetica.pdf', helvetica)).problems)).toEqual(['font-embedded', 'font-unknown']);

    const fallback = await edited(seed, (doc) => {
      // As if fontconfig had handed Chromium a machine font: embedded, subset, but none of ours.
      const kai = doc.context.enumerateIndirectObjects().find(([, o]) => o instanceof PDFDict && String(o.get(PDFName.of('BaseFont'))).includes('FandolKai') && String(o.get(PDFName.of('Subtype'))) === '/Type0');
      (kai![1] as PDFDict).set(PDFName.of('BaseFont'), PDFName.of('EAAAAA+DejaVuSans'));
    });
    const unknown = await preflight('fallback.pdf', fallback);
    expect(rules(unknown.problems)).toEqual(['font-unknown']);
    const kaiPages = good.facts.fonts.find((f) => f.name.endsWith('+FandolKai-Regular'))!.pages;
    expect(errors(unknown.problems)[0]!.message).toMatch(new RegExp(`^font EAAAAA\\+DejaVuSans \\(pages ${kaiPages[0]}–${kaiPages.at(-1)}\\) is none of the configured faces`));

    const type3 = await edited(seed, (doc) => {
      const ctx = doc.context;
      const font = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type3', FontBBox: [0, 0, 1000, 1000], FontMatrix: [0.001, 0, 0, 0.001, 0, 0], CharProcs: {}, Encoding: { Type: 'Encoding', Differences: [] }, FirstChar: 0, LastChar: 0, Widths: [0] }));
      doc.getPage(4).node.Resources()!.lookup(PDFName.of('Font'), PDFDict).set(PDFName.of('T3'), font);
    });
    expect(rules((await preflight('type3.pdf', type3)).problems)).toEqual(['font-type3', 'font-unknown']);
  });

  it('(c) lost text: a source paragraph that is not in the PDF, or one that differs', async () => {
    const { path, text } = source(BUILT.seed.source);
    const lines = text.split('\n');
    const at = lines.indexOf('中共中央政治局常委、中央办公厅主任蔡奇陪同考察。');
    expect(at).toBeGreaterThan(0);

    const extra = [...lines.slice(0, at), '这是源文件里多出来的一段，排出的PDF里没有。', '', ...lines.slice(at)].join('\n');
    const lost = await preflight(BUILT.seed.pdf, seed, { source: { path, text: extra } });
    expect(errors(lost.problems)).toEqual([
      expect.objectContaining({ file: path, line: at + 1, column: 1, rule: 'content-lost', message: expect.stringMatching(/^paragraph "这是源文件里多出来的一段，排出的PDF里没有。" is missing from the PDF's text$/) }),
    ]);

    const changed = lines.map((l, i) => (i === at ? l.replace('蔡奇', '蔡琦') : l)).join('\n');
    const differs = await preflight(BUILT.seed.pdf, seed, { source: { path, text: changed } });
    expect(errors(differs.problems)).toEqual([expect.objectContaining({ line: at + 1, rule: 'content-lost' })]);
    expect(errors(differs.problems)[0]!.message).toContain('the PDF agrees for its first 18 characters, then has "奇陪同考察。何立峰及中央" where the source has "琦陪同考察。"');
  });

  it('(d) a wrong page size, and a media box that does not contain the trim box', async () => {
    const letter = await edited(seed, (doc) => {
      const page = doc.getPage(4);
      for (const set of ['setMediaBox', 'setCropBox', 'setBleedBox', 'setTrimBox'] as const) page[set](0, 0, 612, 792);
    });
    const size = await preflight('letter.pdf', letter);
    expect(rules(size.problems)).toContain('page-size');
    expect(errors(size.problems).find((p) => p.rule === 'page-size')!.message).toBe('page 5: trim box is 612 × 792 pt, not A4 (595.28 × 841.89)');

    const cut = await edited(seed, (doc) => doc.getPage(0).setMediaBox(0, 0, 595.28, 800));
    expect(rules((await preflight('cut.pdf', cut)).problems)).toEqual(['page-boxes']);
  });

  it('(e) no bookmarks', async () => {
    const bare = await edited(seed, (doc) => {
      doc.catalog.delete(PDFName.of('Outlines'));
    });
    const { problems } = await preflight('bare.pdf', bare);
    expect(rules(problems)).toEqual(['outline-missing']);
  });

  it('(f) a page count that is not a multiple of 4 for a booklet; padded to one, it passes', async () => {
    const count = good.facts.pageCount;
    const odd = count % 4 ? seed : await edited(seed, (doc) => void doc.addPage([595.28, 841.89]));
    expect(rules((await preflight('odd.pdf', odd, { booklet: true })).problems)).toEqual(['page-count']);
    const extra = (4 - (count % 4)) % 4;
    const padded = await edited(seed, (doc) => {
      for (let i = 0; i < extra; i++) doc.addPage([595.28, 841.89]);
    });
    const ok = await preflight('padded.pdf', padded, { booklet: true });
    expect(rules(ok.problems)).toEqual([]);
    expect(ok.facts.pageCount % 4).toBe(0);
    // Blank pages at the end carry no number: no numbering problem either.
    expect(ok.facts.pages.blank).toEqual([2, ...Array.from({ length: extra }, (_, i) => count + 1 + i)]);
  });

  it('(g) a page lost from the body: a gap in the numbering, parity', async () => {
    const short = await edited(seed, (doc) => doc.removePage(8));
    const { problems } = await preflight('short.pdf', short);
    // The pages keep their printed numbers, links and bookmarks point at page objects: what breaks
    // is the numbering (a gap) and, from there on, the duplex parity; and the pages after it, now on
    // the other side of the sheet, have their text outside the mirrored text block.
    expect(rules(problems)).toEqual(['text-block', 'folio-sequence', 'folio-parity']);
    const lost = good.facts.pages.folios[8]!;
    expect(errors(problems).find((p) => p.rule === 'folio-sequence')!.message).toContain(`page 9 is numbered — ${lost + 1} —, expected — ${lost} —`);
  });
});

describe('bulletin verify', () => {
  const write = (name: string, bytes: Uint8Array) => {
    const file = join(tmp, name);
    writeFileSync(file, bytes);
    return file;
  };

  it('exits 0 on a good PDF and prints the facts', () => {
    const result = bulletin(['verify', BUILT.seed.pdf, '--source', BUILT.seed.source]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${good.facts.pageCount} pages, trim 595.28 × 841.89 pt`);
    expect(result.stdout).toContain(`目录: page 1, 7 entries (${good.facts.toc!.entries.map((e) => e.printed).join(' ')})`);
    expect(result.stdout).toMatch(/0 errors, 1 warning/);
    expect(result.stderr).toMatch(/warning: .*"祐".*\[font-fallback\]/);
  });

  it('exits 1 and names the rule on a faulty PDF; --json prints {file, facts, problems}', () => {
    const file = write('wrong-toc.pdf', wrongToc);
    const text = bulletin(['verify', file]);
    expect(text.status).toBe(1);
    expect(text.stderr).toMatch(/^.*wrong-toc\.pdf: error: 目录 entry "习近平在听取海南自由贸易港建设工作汇报时的重要讲话" says page \d+, .* \[toc-page\]$/m);
    const json = bulletin(['verify', file, '--json']);
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout) as { file: string; facts: { pageCount: number }; problems: Diagnostic[] };
    expect(parsed.file).toBe(file);
    expect(parsed.facts.pageCount).toBe(good.facts.pageCount);
    expect(parsed.problems.map((p) => p.rule)).toContain('toc-page');
  });

  it('checks the booklet page count with --booklet', () => {
    expect(good.facts.pageCount % 4).not.toBe(0);
    const result = bulletin(['verify', BUILT.seed.pdf, '--booklet']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('[page-count]');
  });

  it('exits 2 on a missing file, a file that is not a PDF, a missing source', () => {
    const missing = bulletin(['verify', join(tmp, 'nothing.pdf')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nothing.pdf: error: no such file');
    const notPdf = bulletin(['verify', BUILT.seed.source]);
    expect(notPdf.status).toBe(2);
    expect(notPdf.stderr).toContain('is not a PDF');
    const noSource = bulletin(['verify', BUILT.seed.pdf, '--source', join(tmp, 'nothing.md')]);
    expect(noSource.status).toBe(2);
    expect(noSource.stderr).toContain('nothing.md: error: no such file');
    expect(bulletin(['verify']).status).toBe(2);
  });
});
