// PDF/A-2b (finalizePdf's default) and PDF/X-1a:2001 (toPdfX) on small synthetic PDFs, read back
// with poppler, qpdf and Ghostscript rather than with pdf-lib.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { finalizePdf, resolveOutputIntent, toCmyk, toPdfX, type PdfMetadata } from '../../../src/postprocess/index.ts';
import { srgbProfile } from '../../../src/postprocess/icc.ts';
import { flattenImageAlpha, removeAnnotationsInBleed, removeInertTransparency } from '../../../src/postprocess/pdfx.ts';
import { synthetic, tmp } from './helpers.ts';

const GS_ICC = '/usr/share/color/icc/ghostscript';
const meta: PdfMetadata = { title: '学习资料 & <测试>', author: '甲委员会、乙委员会', subject: '学习资料（测试）', keywords: ['甲', '乙'], creator: 'bulletin test', lang: 'zh-CN', date: new Date(Date.UTC(2025, 11, 1)) };

function withFiles<T>(files: Record<string, Uint8Array>, fn: (dir: string) => T): T {
  const dir = tmp();
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
/** qpdf's JSON of the whole file: objects by "obj:N 0 R", plus "trailer". */
const qpdfObjects = (pdf: Uint8Array): Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }> =>
  withFiles({ 'x.pdf': pdf }, (dir) => JSON.parse(sh('qpdf', ['--json', '--json-key=qpdf', join(dir, 'x.pdf')])).qpdf[1]);
const objectsOfType = (pdf: Uint8Array, type: string) =>
  Object.values(qpdfObjects(pdf))
    .map((o) => o.value ?? o.stream?.dict)
    .filter((d): d is Record<string, unknown> => !!d && d['/Type'] === type);

describe('the sRGB profile the tool writes', () => {
  it('converts colours exactly as Ghostscript\'s own sRGB profile does (and a different profile does not)', () => {
    const cmyk = (profile: string, pdf: Uint8Array) =>
      withFiles({ 'c.pdf': pdf, 'ours.icc': srgbProfile() }, (dir) => {
        const out = join(dir, 'o.pam');
        const file = profile === 'ours' ? join(dir, 'ours.icc') : profile;
        sh('gs', ['-q', '-dSAFER', '-dBATCH', '-dNOPAUSE', '-sDEVICE=pamcmyk32', '-r72', `--permit-file-read=${dir}/`, `--permit-file-read=${GS_ICC}/`, `-sDefaultRGBProfile=${file}`, `-sOutputFile=${out}`, join(dir, 'c.pdf')]);
        const pam = readFileSync(out);
        const data = pam.subarray(pam.indexOf('ENDHDR\n') + 7);
        // The three swatches' centres, 10 pt apart.
        return [5, 15, 25].map((x) => [...data.subarray(x * 4, x * 4 + 4)]);
      });
    const swatches = async () => {
      const doc = await PDFDocument.create();
      const page = doc.addPage([30, 10]);
      const { rgb } = await import('pdf-lib');
      page.drawRectangle({ x: 0, y: 0, width: 10, height: 10, color: rgb(1, 0.2, 0.2) });
      page.drawRectangle({ x: 10, y: 0, width: 10, height: 10, color: rgb(0.5, 0.5, 0.5) });
      page.drawRectangle({ x: 20, y: 0, width: 10, height: 10, color: rgb(0.1, 0.6, 0.9) });
      return doc.save();
    };
    return swatches().then((pdf) => {
      const ours = cmyk('ours', pdf);
      expect(ours).toEqual(cmyk(join(GS_ICC, 'srgb.icc'), pdf));
      expect(ours).not.toEqual(cmyk(join(GS_ICC, 'a98.icc'), pdf));
    });
  });

  it('has a valid ICC v2 display-profile header (read byte by byte)', () => {
    const p = Buffer.from(srgbProfile());
    expect(p.readUInt32BE(0)).toBe(p.length);
    expect(p.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(p.subarray(12, 24).toString('latin1')).toBe('mntrRGB XYZ ');
    expect(p[8]).toBe(2);
  });
});

describe('PDF/A-2b by default (finalizePdf)', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await finalizePdf(await synthetic({ pages: 2 }), meta);
  });

  it('carries XMP metadata that says part 2, level B and the same title, author and dates as the Info (read by poppler)', () => {
    const xmp = withFiles({ 'x.pdf': pdf }, (dir) => sh('pdfinfo', ['-meta', join(dir, 'x.pdf')]));
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">学习资料 &amp; &lt;测试&gt;</rdf:li>');
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>甲委员会、乙委员会</rdf:li></rdf:Seq></dc:creator>');
    expect(xmp).toContain('<pdf:Keywords>甲 乙</pdf:Keywords>');
    expect(xmp).toContain('<xmp:CreateDate>2025-12-01T00:00:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2025-12-01T00:00:00Z</xmp:ModifyDate>');
    const info = withFiles({ 'x.pdf': pdf }, (dir) => sh('pdfinfo', ['-isodates', join(dir, 'x.pdf')]));
    expect(info).toMatch(/Title:\s+学习资料 & <测试>\n/);
    expect(info).toMatch(/CreationDate:\s+2025-12-01T00:00:00Z/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
  });

  it('has one GTS_PDFA1 output intent with an embedded 3-channel profile, and an uncompressed metadata stream (read by qpdf)', () => {
    const intents = objectsOfType(pdf, '/OutputIntent');
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ '/S': '/GTS_PDFA1', '/OutputConditionIdentifier': 'u:sRGB IEC61966-2.1' });
    const objects = qpdfObjects(pdf);
    const profile = objects[`obj:${intents[0]!['/DestOutputProfile']}`]!;
    expect(profile.stream!.dict['/N']).toBe(3);
    const metadata = objectsOfType(pdf, '/Metadata');
    expect(metadata).toHaveLength(1);
    expect(metadata[0]).toMatchObject({ '/Subtype': '/XML' });
    expect(metadata[0]!['/Filter']).toBeUndefined();
  });

  it('is byte-identical on a second run, and toCmyk drops the PDF/A claim (its colours are CMYK)', async () => {
    const again = await finalizePdf(await synthetic({ pages: 2 }), meta);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const cmyk = await toCmyk(pdf);
    expect(objectsOfType(cmyk, '/OutputIntent')).toEqual([]);
    expect(objectsOfType(cmyk, '/Metadata')).toEqual([]);
  }, 30_000);
});

describe('PDF/X-1a:2001 (toPdfX)', () => {
  let cmyk: Uint8Array;
  let pdfx: Uint8Array;
  beforeAll(async () => {
    const finalized = await finalizePdf(await synthetic({ pages: 2 }), meta);
    // A link inside the page, one in the margin outside the bleed box, as Chromium and marks would leave.
    const doc = await PDFDocument.load(await toCmyk(finalized), { updateMetadata: false });
    const page = doc.getPage(0);
    page.setMediaBox(-40, -40, 595.28 + 80, 841.89 + 80);
    page.setBleedBox(-8.5, -8.5, 595.28 + 17, 841.89 + 17);
    const link = (rect: number[]) => doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, F: 4, Border: [0, 0, 0], Dest: [page.ref, 'XYZ', 0, 800, null] }));
    page.node.set(PDFName.of('Annots'), doc.context.obj([link([100, 700, 300, 720]), link([-35, -35, -20, -20])]));
    cmyk = await doc.save();
    pdfx = await toPdfX(cmyk);
  }, 60_000);

  it('is PDF 1.3 with a classic cross-reference table and no object stream (read by qpdf)', () => {
    expect(Buffer.from(pdfx.subarray(0, 9)).toString('latin1')).toBe('%PDF-1.3\n');
    const xref = withFiles({ 'x.pdf': pdfx }, (dir) => sh('qpdf', ['--show-xref', join(dir, 'x.pdf')]));
    expect(xref).not.toMatch(/: compressed/);
    expect(xref).toMatch(/^1\/0: uncompressed/);
    expect(Buffer.from(pdfx).toString('latin1')).toMatch(/\nxref\n0 \d+\n/);
    expect(withFiles({ 'x.pdf': pdfx }, (dir) => sh('qpdf', ['--check', join(dir, 'x.pdf')]))).toMatch(/No syntax or stream encoding errors/);
  });

  it('has the PDF/X Info keys, Trapped /False, the unmangled Chinese title, the dates and a trailer ID', () => {
    const objects = qpdfObjects(pdfx);
    const trailer = (objects.trailer as { value: Record<string, unknown> }).value;
    expect(trailer['/ID']).toEqual([expect.stringMatching(/^b:[0-9a-f]{32}$/), expect.stringMatching(/^b:[0-9a-f]{32}$/)]);
    const info = objects[`obj:${trailer['/Info']}`]!.value!;
    expect(info).toMatchObject({ '/GTS_PDFXVersion': 'u:PDF/X-1:2001', '/GTS_PDFXConformance': 'u:PDF/X-1a:2001', '/Trapped': '/False', '/Title': 'u:学习资料 & <测试>', '/CreationDate': 'u:D:20251201000000Z' });
  });

  it('has one GTS_PDFX output intent naming Japan Color 2001 Coated (JC200103) by default, no XMP', () => {
    expect(objectsOfType(pdfx, '/OutputIntent')).toEqual([{ '/Type': '/OutputIntent', '/S': '/GTS_PDFX', '/OutputConditionIdentifier': 'u:JC200103', '/Info': 'u:Japan Color 2001 Coated', '/RegistryName': 'u:http://www.color.org' }]);
    expect(objectsOfType(pdfx, '/Metadata')).toEqual([]);
  });

  it('removes the link inside the bleed box and keeps the one outside it', async () => {
    const doc = await PDFDocument.load(pdfx);
    const annots = doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray);
    expect(annots.size()).toBe(1);
    expect(String(annots.lookup(0))).toContain('/Rect [ -35 -35 -20 -20 ]');
  });

  it('embeds the shop\'s own CMYK profile with /N 4, and refuses one that is not a v2 CMYK output profile', async () => {
    const intent = resolveOutputIntent(join(GS_ICC, 'default_cmyk.icc'));
    const withProfile = await toPdfX(cmyk, intent);
    const [dict] = objectsOfType(withProfile, '/OutputIntent');
    const profile = qpdfObjects(withProfile)[`obj:${dict!['/DestOutputProfile']}`]!;
    expect(profile.stream!.dict['/N']).toBe(4);
    expect(dict!['/RegistryName']).toBeUndefined();
    expect(resolveOutputIntent('fogra39')).toMatchObject({ identifier: 'FOGRA39', registry: 'http://www.color.org' });
    expect(() => resolveOutputIntent(join(GS_ICC, 'ps_cmyk.icc'))).toThrow(/ICC version 4\.2; PDF\/X-1a:2001 takes version 2/);
    expect(() => resolveOutputIntent(join(GS_ICC, 'srgb.icc'))).toThrow(/colour space is RGB/);
    expect(() => resolveOutputIntent('FOGRA99')).toThrow(/neither an ICC profile file nor a registered characterization/);
    expect(() => resolveOutputIntent('/nonexistent/shop.icc')).toThrow(/no such file/);
  }, 30_000);

  it('gives the same bytes on a second run', async () => {
    expect(Buffer.from(await toPdfX(cmyk)).equals(Buffer.from(pdfx))).toBe(true);
  });
});

describe('transparency and annotations for PDF/X', () => {
  it('removes inert transparency (a page group, /ca 1, /BM /Normal) and refuses real transparency', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([100, 100]);
    page.node.set(PDFName.of('Group'), doc.context.obj({ S: 'Transparency', CS: 'DeviceCMYK' }));
    const inert = doc.context.register(doc.context.obj({ Type: 'ExtGState', ca: 1, CA: 1, BM: 'Normal' }));
    page.node.set(PDFName.of('Resources'), doc.context.obj({ ExtGState: { G0: inert } }));
    removeInertTransparency(doc);
    expect(page.node.get(PDFName.of('Group'))).toBeUndefined();
    expect(doc.context.lookup(inert)!.toString().replace(/\s+/g, ' ')).toBe('<< /Type /ExtGState >>');
    doc.context.register(doc.context.obj({ Type: 'ExtGState', ca: 0.5 }));
    expect(() => removeInertTransparency(doc)).toThrow(/PDF\/X-1a forbids transparency.*sets \/ca 0\.5/);
  });

  it('keeps printer\'s marks inside the bleed box', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([100, 100]);
    const mark = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'PrinterMark', Rect: [10, 10, 20, 20] }));
    const note = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [50, 50, 60, 60], Contents: PDFString.of('x') }));
    page.node.set(PDFName.of('Annots'), doc.context.obj([mark, note]));
    expect(removeAnnotationsInBleed(doc)).toBe(1);
    expect(page.node.lookup(PDFName.of('Annots'), PDFArray).asArray()).toEqual([mark]);
  });
});

describe('images with alpha for PDF/X (flattenImageAlpha)', () => {
  it('puts a half-transparent #ff3333 image on white (#ff9999) and drops its soft mask', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([100, 100]);
    const mask = doc.context.register(doc.context.flateStream(new Uint8Array(4).fill(128), { Type: 'XObject', Subtype: 'Image', Width: 2, Height: 2, BitsPerComponent: 8, ColorSpace: 'DeviceGray' }));
    const pixels = new Uint8Array(12);
    for (let i = 0; i < 4; i++) pixels.set([255, 51, 51], i * 3);
    const image = doc.context.register(doc.context.flateStream(pixels, { Type: 'XObject', Subtype: 'Image', Width: 2, Height: 2, BitsPerComponent: 8, ColorSpace: 'DeviceRGB', SMask: mask }));
    page.node.set(PDFName.of('Resources'), doc.context.obj({ XObject: { Im0: image } }));
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream('q 50 0 0 50 10 10 cm /Im0 Do Q')));
    const flat = await flattenImageAlpha(await doc.save());
    const list = withFiles({ 'x.pdf': flat }, (dir) => sh('pdfimages', ['-list', join(dir, 'x.pdf')]));
    expect(list).not.toMatch(/smask/);
    const samples = withFiles({ 'x.pdf': flat }, (dir) => execFileSync('qpdf', ['--show-object=' + image.objectNumber, '--filtered-stream-data', join(dir, 'x.pdf')]));
    // 255·a + 255·(1−a) = 255; 51·128/255 + 255·127/255 = 152.6 → 153.
    expect([...samples.subarray(0, 6)]).toEqual([255, 153, 153, 255, 153, 153]);
  });

  it('leaves a file without soft masks as it was', async () => {
    const plain = await synthetic();
    expect(await flattenImageAlpha(plain)).toBe(plain);
  });
});
