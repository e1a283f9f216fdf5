// The conformance checks against planted faults: a PDF/A-2b and a PDF/X-1a file are made once from
// a small synthetic PDF, then each test breaks one requirement with pdf-lib (or a byte edit) and
// expects the rule named here, by hand, to fire — and the clean files to pass.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, type SaveOptions } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { finalizePdf, toCmyk, toPdfX, type PdfMetadata } from '../../../src/postprocess/index.ts';
import { withHeader } from '../../../src/postprocess/pdfx.ts';
import { conformanceOf, pdfDate } from '../../../src/verify/conformance.ts';
import { synthetic } from '../postprocess/helpers.ts';

const meta: PdfMetadata = { title: '学习资料', author: '甲、乙', subject: '测试', keywords: ['甲'], creator: 'bulletin test', lang: 'zh-CN', date: new Date(Date.UTC(2025, 11, 1)) };

let pdfa: Uint8Array;
let pdfx: Uint8Array;
beforeAll(async () => {
  pdfa = await finalizePdf(await synthetic({ pages: 2 }), meta);
  pdfx = await toPdfX(await toCmyk(pdfa));
}, 60_000);

async function errors(bytes: Uint8Array, options: { pdfx?: boolean; pdfa?: boolean } = {}) {
  const { facts, problems } = await conformanceOf('t.pdf', bytes, options);
  return { checked: facts.checked, rules: [...new Set(problems.filter((p) => p.severity === 'error').map((p) => p.rule))].sort(), messages: problems.map((p) => p.message) };
}

/** Loads, edits, saves; a PDF/X file is saved as toPdfX saves it (1.3, no object streams), so only the planted fault differs. */
async function plant(base: Uint8Array, edit: (doc: PDFDocument) => void | Promise<void>, save: SaveOptions & { x?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  await edit(doc);
  const x = save.x ?? base === pdfx;
  const bytes = await doc.save({ useObjectStreams: !x, ...save });
  return x ? withHeader(bytes, '1.3') : bytes;
}

const addContent = (doc: PDFDocument, content: string) => {
  const page = doc.getPage(0);
  const ref = doc.context.register(doc.context.stream(content));
  const old = page.node.get(PDFName.of('Contents'));
  page.node.set(PDFName.of('Contents'), doc.context.obj(old instanceof PDFArray ? [...old.asArray(), ref] : [old!, ref]));
};
const info = (doc: PDFDocument) => doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
const setXmp = (doc: PDFDocument, edit: (xml: string) => string, options: { compress?: boolean } = {}) => {
  const ref = doc.catalog.get(PDFName.of('Metadata')) as PDFRef;
  const stream = doc.context.lookup(ref) as PDFRawStream;
  const xml = Buffer.from(edit(Buffer.from(stream.contents).toString('utf8')), 'utf8');
  const dict = { Type: 'Metadata', Subtype: 'XML' };
  doc.context.assign(ref, options.compress ? doc.context.flateStream(xml, dict) : doc.context.stream(new Uint8Array(xml), dict));
};
const link = (doc: PDFDocument, extra: Record<string, unknown> = {}) => {
  const page = doc.getPage(0);
  const annot = doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [100, 100, 200, 120], F: 4, Border: [0, 0, 0], Dest: [page.ref, 'XYZ', 0, 800, null], ...extra }));
  page.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
};

describe('clean files', () => {
  it('the PDF/A-2b file claims PDF/A-2b and passes; so does the PDF/X-1a file as PDF/X', async () => {
    expect(await errors(pdfa)).toEqual({ checked: ['PDF/A-2b'], rules: [], messages: [] });
    expect(await errors(pdfx)).toEqual({ checked: ['PDF/X-1a:2001'], rules: [], messages: [] });
  });

  it('a file that claims nothing is not checked unless asked', async () => {
    const plain = await synthetic();
    expect((await errors(plain)).checked).toEqual([]);
    // pdf-lib writes no trailer ID of its own, and the page's colours are DeviceRGB with no intent.
    expect((await errors(plain, { pdfa: true })).rules).toEqual(['pdfa-colour', 'pdfa-id', 'pdfa-output-intent', 'pdfa-xmp']);
  });
});

describe('PDF/X-1a faults', () => {
  it('an RGB colour operator', async () => {
    const bad = await plant(pdfx, (doc) => addContent(doc, 'q 1 0 0 rg 0 0 10 10 re f Q'));
    expect((await errors(bad)).rules).toEqual(['pdfx-colour']);
  });

  it('an RGB colour space selected by name, an ICC-based resource, an RGB inline image', async () => {
    const byName = await plant(pdfx, (doc) => addContent(doc, '/DeviceRGB cs 1 0 0 sc 0 0 10 10 re f'));
    expect((await errors(byName)).rules).toEqual(['pdfx-colour']);
    const icc = await plant(pdfx, (doc) => {
      const profile = doc.context.register(doc.context.stream(new Uint8Array(200), { N: 3 }));
      doc.getPage(0).node.set(PDFName.of('Resources'), doc.context.obj({ ColorSpace: { CS0: ['ICCBased', profile] } }));
    });
    expect((await errors(icc)).messages.join('\n')).toMatch(/colour space ICCBased\/3 is used/);
    const inline = await plant(pdfx, (doc) => addContent(doc, 'q 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /RGB ID \xff\x00\x00 EI Q'));
    expect((await errors(inline)).rules).toEqual(['pdfx-colour']);
  });

  it('a transparency group on a page, a graphics state with /ca 0.5, an image with a soft mask', async () => {
    const group = await plant(pdfx, (doc) => doc.getPage(0).node.set(PDFName.of('Group'), doc.context.obj({ S: 'Transparency', CS: 'DeviceCMYK' })));
    expect((await errors(group)).rules).toEqual(['pdfx-transparency']);
    const alpha = await plant(pdfx, (doc) => void doc.context.register(doc.context.obj({ Type: 'ExtGState', ca: 0.5 })));
    expect((await errors(alpha)).rules).toEqual(['pdfx-transparency']);
    const smask = await plant(pdfx, (doc) => {
      const mask = doc.context.register(doc.context.stream(new Uint8Array([0]), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, BitsPerComponent: 8, ColorSpace: 'DeviceGray' }));
      doc.context.register(doc.context.stream(new Uint8Array([0, 0, 0, 255]), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, BitsPerComponent: 8, ColorSpace: 'DeviceCMYK', SMask: mask }));
    });
    expect((await errors(smask)).rules).toEqual(['pdfx-transparency']);
  });

  it('a missing output intent, and a profile that is not CMYK', async () => {
    const none = await plant(pdfx, (doc) => void doc.catalog.delete(PDFName.of('OutputIntents')));
    expect((await errors(none)).rules).toEqual(['pdfx-output-intent']);
    const { srgbProfile } = await import('../../../src/postprocess/icc.ts');
    const rgbProfile = await plant(pdfx, (doc) => {
      const intent = (doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray)).lookup(0, PDFDict);
      intent.set(PDFName.of('DestOutputProfile'), doc.context.register(doc.context.flateStream(srgbProfile(), { N: 3 })));
    });
    expect((await errors(rgbProfile)).messages.join('\n')).toMatch(/profile is RGB, not CMYK/);
  });

  it('a 1.7 header; object and cross-reference streams', async () => {
    const v17 = new Uint8Array(pdfx);
    v17.set(Buffer.from('%PDF-1.7'), 0);
    expect((await errors(v17)).rules).toEqual(['pdfx-version']);
    const streams = await plant(pdfx, () => undefined, { useObjectStreams: true, x: false });
    expect((await errors(streams)).rules).toEqual(['pdfx-streams', 'pdfx-version']);
  });

  it('missing PDF/X Info keys: the version, Trapped, the title', async () => {
    const bad = await plant(pdfx, (doc) => {
      info(doc).delete(PDFName.of('GTS_PDFXVersion'));
      info(doc).set(PDFName.of('Trapped'), PDFName.of('Unknown'));
      info(doc).delete(PDFName.of('Title'));
    });
    const { rules, messages } = await errors(bad);
    expect(rules).toEqual(['pdfx-info']);
    expect(messages).toHaveLength(3);
  });

  it('a page without a TrimBox', async () => {
    const bad = await plant(pdfx, (doc) => void doc.getPage(1).node.delete(PDFName.of('TrimBox')));
    expect(await errors(bad)).toMatchObject({ rules: ['pdfx-boxes'], messages: [expect.stringMatching(/first page 2$/)] });
  });

  it('a link annotation inside the trim', async () => {
    const bad = await plant(pdfx, (doc) => link(doc));
    expect((await errors(bad)).rules).toEqual(['pdfx-annotation']);
  });

  it('a missing trailer ID; a name with neither profile nor registry', async () => {
    const noId = await plant(pdfx, (doc) => void (doc.context.trailerInfo.ID = undefined));
    expect((await errors(noId)).rules).toEqual(['pdfx-id']);
    const custom = await plant(pdfx, (doc) => {
      const intent = (doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray)).lookup(0, PDFDict);
      intent.set(PDFName.of('OutputConditionIdentifier'), PDFString.of('Our press'));
      intent.delete(PDFName.of('RegistryName'));
    });
    expect((await errors(custom)).rules).toEqual(['pdfx-output-intent']);
  });
});

describe('PDF/A-2b faults', () => {
  it('a missing pdfaid:part in the XMP (the file still claims PDF/A by its conformance and intent)', async () => {
    const bad = await plant(pdfa, (doc) => setXmp(doc, (xml) => xml.replace(/\s*<pdfaid:part>2<\/pdfaid:part>/, '')));
    const { checked, rules, messages } = await errors(bad);
    expect(checked).toEqual(['PDF/A-2b']);
    expect(rules).toEqual(['pdfa-xmp']);
    expect(messages.join('\n')).toMatch(/pdfaid:part is missing/);
  });

  it('Info and XMP disagreeing: the title, the author, a date', async () => {
    const title = await plant(pdfa, (doc) => info(doc).set(PDFName.of('Title'), PDFHexString.fromText('学习资料（修订）')));
    expect(await errors(title)).toMatchObject({ rules: ['pdfa-info-xmp'], messages: [expect.stringMatching(/Info \/Title "学习资料（修订）" and XMP dc:title "学习资料" disagree/)] });
    const author = await plant(pdfa, (doc) => setXmp(doc, (xml) => xml.replace('<rdf:li>甲、乙</rdf:li>', '<rdf:li>甲</rdf:li><rdf:li>乙</rdf:li>')));
    expect((await errors(author)).rules).toEqual(['pdfa-info-xmp']);
    const date = await plant(pdfa, (doc) => info(doc).set(PDFName.of('ModDate'), PDFString.of("D:20251201080000+08'00'")));
    // The same instant in another zone agrees; a different instant does not.
    expect((await errors(date)).rules).toEqual([]);
    const later = await plant(pdfa, (doc) => info(doc).set(PDFName.of('ModDate'), PDFString.of('D:20251202000000Z')));
    expect((await errors(later)).rules).toEqual(['pdfa-info-xmp']);
  });

  it('a missing output intent (the RGB colours then have none)', async () => {
    const bad = await plant(pdfa, (doc) => void doc.catalog.delete(PDFName.of('OutputIntents')));
    expect((await errors(bad)).rules).toEqual(['pdfa-colour', 'pdfa-output-intent']);
  });

  it('a CMYK operator in a file with an RGB output intent', async () => {
    const bad = await plant(pdfa, (doc) => addContent(doc, '0 0 0 1 k 0 0 10 10 re f'));
    expect(await errors(bad)).toMatchObject({ rules: ['pdfa-colour'], messages: [expect.stringMatching(/DeviceCMYK is used without a CMYK output intent \(it is RGB\)/)] });
  });

  it('a compressed or broken XMP packet; no XMP at all', async () => {
    expect((await errors(await plant(pdfa, (doc) => setXmp(doc, (x) => x, { compress: true })))).rules).toEqual(['pdfa-xmp']);
    expect((await errors(await plant(pdfa, (doc) => setXmp(doc, (x) => x.replace('</rdf:RDF>', ''))))).messages.join('\n')).toMatch(/not well-formed XML/);
    expect((await errors(await plant(pdfa, (doc) => void doc.catalog.delete(PDFName.of('Metadata'))))).rules).toEqual(['pdfa-xmp']);
  });

  it('reads XMP written as attributes, under another prefix', async () => {
    const attrs = await plant(pdfa, (doc) =>
      setXmp(doc, (xml) => xml.replace('xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">', 'xmlns:a="http://www.aiim.org/pdfa/ns/id/" a:part="2" a:conformance="B">').replace(/\s*<pdfaid:[^\n]*/g, '')),
    );
    expect(await errors(attrs)).toMatchObject({ checked: ['PDF/A-2b'], rules: [] });
  });

  it('a link that does not print, a JavaScript action, an interpolated image, encryption keys', async () => {
    expect((await errors(await plant(pdfa, (doc) => link(doc, { F: 0 })))).rules).toEqual(['pdfa-annotation']);
    const js = await plant(pdfa, (doc) => link(doc, { Dest: undefined, A: { S: 'JavaScript', JS: PDFString.of('app.alert(1)') } }));
    expect((await errors(js)).rules).toEqual(['pdfa-action']);
    const image = await plant(pdfa, (doc) => void doc.context.register(doc.context.stream(new Uint8Array([0, 0, 0]), { Type: 'XObject', Subtype: 'Image', Width: 1, Height: 1, BitsPerComponent: 8, ColorSpace: 'DeviceRGB', Interpolate: true })));
    expect((await errors(image)).rules).toEqual(['pdfa-forbidden']);
    const encrypted = await plant(pdfa, (doc) => void (doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 1, R: 2 }))));
    expect((await errors(encrypted)).rules).toEqual(['pdfa-forbidden']);
  });

  it('a header without the binary-marker comment', async () => {
    const text = Buffer.from(pdfa).toString('latin1');
    const bad = Buffer.from(text.replace('%PDF-1.7\n%\x81\x81\x81\x81\n', '%PDF-1.7\n%abcd\n'), 'latin1');
    expect(bad.length).toBe(pdfa.length);
    expect((await errors(new Uint8Array(bad))).rules).toEqual(['pdfa-header']);
  });
});

describe('pdfDate', () => {
  it('reads PDF dates with and without a zone, as instants', () => {
    expect(pdfDate('D:20251201000000Z')).toBe(Date.UTC(2025, 11, 1));
    expect(pdfDate("D:20251201080000+08'00'")).toBe(Date.UTC(2025, 11, 1));
    expect(pdfDate('D:2025')).toBe(Date.UTC(2025, 0, 1));
    expect(pdfDate('2025-12-01')).toBeUndefined();
  });
});

