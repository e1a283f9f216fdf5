import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { faceFile, loadManifest } from '../../../src/fonts/manifest.ts';
import { checkBoxes, type PageBoxes } from '../../../src/verify/boxes.ts';
import { checkFonts, configuredFaces, readFonts } from '../../../src/verify/fonts.ts';
import { preflight } from '../../../src/verify/index.ts';
import { postScriptName, postScriptNameFromTable } from '../../../src/verify/sfnt.ts';

const A4: [number, number, number, number] = [0, 0, 595.28, 841.89];
const boxes = (over: Partial<PageBoxes> = {}): PageBoxes => ({ media: A4, crop: A4, bleed: A4, trim: A4, hasTrim: true, ...over });

describe('page boxes', () => {
  it('accepts exact A4, and a bleed that grows media and bleed box around the A4 trim', () => {
    const b = 8.5;
    const grown: [number, number, number, number] = [-b, -b, 595.28 + 2 * b, 841.89 + 2 * b];
    expect(checkBoxes('x.pdf', [boxes(), boxes({ media: grown, crop: grown, bleed: grown })])).toEqual([]);
  });

  it('reports a trim box that is not A4, folding equal pages into one message', () => {
    const letter: [number, number, number, number] = [0, 0, 612, 792];
    const problems = checkBoxes('x.pdf', [boxes(), boxes({ trim: letter, media: letter, bleed: letter }), boxes({ trim: letter, media: letter, bleed: letter })]);
    expect(problems).toEqual([expect.objectContaining({ rule: 'page-size', severity: 'error', message: expect.stringMatching(/^pages 2–3: trim box is 612 × 792 pt, not A4/) })]);
  });

  it('reports a media box smaller than the bleed box, a bleed box smaller than the trim box, a missing TrimBox', () => {
    const small: [number, number, number, number] = [10, 10, 500, 800];
    expect(checkBoxes('x.pdf', [boxes({ media: small })]).map((p) => p.rule)).toEqual(['page-boxes']);
    expect(checkBoxes('x.pdf', [boxes({ bleed: small })])).toEqual([expect.objectContaining({ rule: 'page-boxes', message: expect.stringContaining('bleed box [10 10 500 800] does not contain the trim box') })]);
    expect(checkBoxes('x.pdf', [boxes({ hasTrim: false })])).toEqual([expect.objectContaining({ rule: 'page-boxes', severity: 'warning' })]);
  });
});

describe('fonts', () => {
  it('reads the PostScript name of each configured face from its file', () => {
    const manifest = loadManifest();
    expect(postScriptName(faceFile(manifest.faces['noto-serif-sc-400']!))).toBe('NotoSerifSC-Regular');
    const faces = configuredFaces(manifest);
    expect(faces.unreadable).toEqual([]);
    expect([...faces.byName.keys()].sort()).toEqual(['FandolFang-Regular', 'FandolKai-Regular', 'NotoSansSC-Medium', 'NotoSerifSC-Black', 'NotoSerifSC-Regular']);
    expect([...faces.fallbackOnly]).toEqual(['noto-serif-sc-400']);
  });

  it('decodes Windows (UTF-16BE) and Mac name records', () => {
    const table = (platform: number, bytes: Buffer) => {
      const head = Buffer.alloc(6 + 12);
      head.writeUInt16BE(0, 0);
      head.writeUInt16BE(1, 2);
      head.writeUInt16BE(18, 4);
      head.writeUInt16BE(platform, 6);
      head.writeUInt16BE(6, 12);
      head.writeUInt16BE(bytes.length, 14);
      head.writeUInt16BE(0, 16);
      return Buffer.concat([head, bytes]);
    };
    expect(postScriptNameFromTable(table(3, Buffer.from('\u0000A\u0000b', 'latin1')))).toBe('Ab');
    expect(postScriptNameFromTable(table(1, Buffer.from('Mac-Name', 'latin1')))).toBe('Mac-Name');
  });

  it('reports a standard font as not embedded and not configured, and a Type 3 font', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('Hello', { x: 100, y: 700, font: await doc.embedFont(StandardFonts.Helvetica) });
    const ctx = doc.context;
    const type3 = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type3', FontBBox: [0, 0, 1000, 1000], FontMatrix: [0.001, 0, 0, 0.001, 0, 0], CharProcs: {}, Encoding: { Type: 'Encoding', Differences: [] }, FirstChar: 0, LastChar: 0, Widths: [0] }));
    page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).set(PDFName.of('T3'), type3);
    const fonts = readFonts(await PDFDocument.load(await doc.save()));
    expect(fonts.map((f) => [f.name, f.subtype, f.embedded, f.pages])).toEqual([
      ['Helvetica', 'Type1', false, [1]],
      ['(unnamed)', 'Type3', true, [1]],
    ]);
    const rules = checkFonts('x.pdf', fonts, configuredFaces()).map((p) => p.rule);
    expect(rules).toEqual(['font-embedded', 'font-unknown', 'font-type3', 'font-unknown']);
  });

  it('skips the configured-face comparison, with a warning, when a face file cannot be read', () => {
    const problems = checkFonts('x.pdf', [{ name: 'ABCDEF+Other', subtype: 'CIDFontType2', embedded: true, pages: [1] }], { byName: new Map(), fallbackOnly: new Set(), unreadable: ['fandol-fang'] });
    expect(problems).toEqual([expect.objectContaining({ rule: 'font-unknown', severity: 'warning' })]);
  });
});

describe('preflight on a PDF that is no bulletin', () => {
  const make = async (pages: number) => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < pages; i++) doc.addPage([595.28, 841.89]);
    return doc.save();
  };

  it('reports a page count that is not a multiple of 4 for a booklet', async () => {
    const six = await preflight('six.pdf', await make(6), { booklet: true });
    expect(six.problems.filter((p) => p.rule === 'page-count')).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('6 pages: a booklet needs a multiple of 4 (8 pages') }),
    ]);
    const eight = await preflight('eight.pdf', await make(8), { booklet: true });
    expect(eight.problems.filter((p) => p.rule === 'page-count')).toEqual([]);
    expect(eight.facts.pageCount).toBe(8);
    // No 目录 at all.
    expect(eight.problems.map((p) => p.rule)).toContain('toc-missing');
  });

  it('leaves the caller\'s bytes usable', async () => {
    const bytes = await make(1);
    await preflight('one.pdf', bytes);
    expect(bytes.length).toBeGreaterThan(0);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });
});
