// Issue 14 through the real CLI, on the PDFs tests/global-setup.ts already built (no build of its
// own): the print-shop variant is PDF/X-1a:2001 (page file and imposed sheets), the plain build is
// PDF/A-2b. Read back with qpdf and poppler against the standards' requirements.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT, VARIANTS, bulletin } from '../helpers/build.ts';

const TITLE = '广州市社会组织党组织学习资料（2025年第12期）';
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

interface QpdfJson {
  pages: Array<{ object: string }>;
  outlines: Array<{ title: string }>;
  qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }>];
}
const qpdf = (pdf: string): QpdfJson => JSON.parse(run('qpdf', ['--json', pdf]));
const dicts = (j: QpdfJson) => Object.values(j.qpdf[1]).map((o) => o.value ?? o.stream?.dict).filter((d): d is Record<string, unknown> => !!d && typeof d === 'object' && !Array.isArray(d));
const trailer = (j: QpdfJson) => (j.qpdf[1].trailer as { value: Record<string, unknown> }).value;
const infoOf = (j: QpdfJson) => j.qpdf[1][`obj:${trailer(j)['/Info']}`]!.value!;
/** Every page's /Annots, resolved to the annotation dictionaries. */
const annotations = (j: QpdfJson) =>
  j.pages.flatMap((p) => {
    let annots = j.qpdf[1][`obj:${p.object}`]!.value!['/Annots'];
    if (typeof annots === 'string') annots = j.qpdf[1][`obj:${annots}`]!.value;
    return ((annots as string[] | undefined) ?? []).map((ref) => j.qpdf[1][`obj:${ref}`]!.value!);
  });

describe('PDF/X-1a:2001 (--pdfx, with bleed, crop marks and A3 imposition)', () => {
  const files = { pages: VARIANTS.press.pdf, sheets: VARIANTS.press.booklet };

  for (const [label, pdf] of Object.entries(files)) {
    it(`${label}: PDF 1.3 with a cross-reference table, no object or xref stream`, () => {
      expect(readFileSync(pdf).subarray(0, 9).toString('latin1')).toBe('%PDF-1.3\n');
      const xref = run('qpdf', ['--show-xref', pdf]);
      expect(xref).not.toMatch(/: compressed/);
      expect(dicts(qpdf(pdf)).filter((d) => d['/Type'] === '/ObjStm' || d['/Type'] === '/XRef')).toEqual([]);
    });

    it(`${label}: Info with the PDF/X keys, Trapped, the Chinese title, the dates, and a trailer ID`, () => {
      const j = qpdf(pdf);
      expect(infoOf(j)).toMatchObject({ '/GTS_PDFXVersion': 'u:PDF/X-1:2001', '/GTS_PDFXConformance': 'u:PDF/X-1a:2001', '/Trapped': '/False', '/Title': `u:${TITLE}` });
      expect(run('pdfinfo', [pdf])).toContain(`Title:           ${TITLE}`);
      expect(run('pdfinfo', ['-isodates', pdf])).toMatch(/ModDate:\s+\d{4}-\d\d-\d\dT/);
      expect(trailer(j)['/ID']).toHaveLength(2);
    });

    it(`${label}: one GTS_PDFX output intent (JC200103, registered), CMYK and gray only, no transparency, no annotation`, () => {
      const j = qpdf(pdf);
      const all = dicts(j);
      expect(all.filter((d) => d['/Type'] === '/OutputIntent')).toEqual([{ '/Type': '/OutputIntent', '/S': '/GTS_PDFX', '/OutputConditionIdentifier': 'u:JC200103', '/Info': 'u:Japan Color 2001 Coated', '/RegistryName': 'u:http://www.color.org' }]);
      const text = JSON.stringify(j.qpdf[1]);
      for (const forbidden of ['/DeviceRGB', '/ICCBased', '/CalRGB', '/Lab', '/SMask', '/Transparency', '/ca', '/CA', '/BM']) expect(text, forbidden).not.toContain(`"${forbidden}"`);
      expect(annotations(j)).toEqual([]);
      const images = all.filter((d) => d['/Subtype'] === '/Image');
      for (const image of images) expect(['/DeviceCMYK', '/DeviceGray']).toContain(image['/ColorSpace']);
    });
  }

  it('keeps every font an embedded subset, the bookmarks (one per article) and the text', () => {
    for (const line of run('pdffonts', [files.pages]).split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(qpdf(files.pages).outlines.map((o) => o.title)).toHaveLength(7);
    expect(run('pdftotext', ['-f', '3', '-l', '3', files.pages, '-']).replace(/\s+/g, '')).toContain('新华社广州11月8日电');
  });

  it('passes bulletin verify, which says it checked PDF/X-1a', () => {
    const r = bulletin(['verify', files.pages, '--booklet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/conformance: PDF\/X-1a:2001 checked \(PDF 1\.3; output intent GTS_PDFX JC200103\)/);
  });
});

describe('PDF/A-2b (the plain build)', () => {
  const pdf = BUILT.seed.pdf;

  it('has XMP that claims part 2 level B and agrees with the Info (read by poppler)', () => {
    const xmp = run('pdfinfo', ['-meta', pdf]);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${TITLE}</rdf:li>`);
    expect(xmp).toContain('<rdf:li>中共广州市社会组织委员会、中共广州市民政社会组织委员会</rdf:li>');
    const info = run('pdfinfo', ['-isodates', pdf]);
    expect(info).toContain(`Title:           ${TITLE}`);
    const created = /CreationDate:\s+(\S+)/.exec(info)![1]!;
    expect(xmp).toContain(`<xmp:CreateDate>${created}</xmp:CreateDate>`);
    expect(info).toMatch(/JavaScript:\s+no/);
    expect(info).toMatch(/Encrypted:\s+no/);
  });

  it('has an sRGB GTS_PDFA1 output intent with a 3-channel profile, printable links and the bookmarks', () => {
    const j = qpdf(pdf);
    const [intent, ...more] = dicts(j).filter((d) => d['/Type'] === '/OutputIntent');
    expect(more).toEqual([]);
    expect(intent).toMatchObject({ '/S': '/GTS_PDFA1', '/OutputConditionIdentifier': 'u:sRGB IEC61966-2.1' });
    expect(j.qpdf[1][`obj:${intent!['/DestOutputProfile']}`]!.stream!.dict['/N']).toBe(3);
    const annots = annotations(j);
    expect(annots.length).toBeGreaterThanOrEqual(7); // the 目录's links
    for (const a of annots) expect(Number(a['/F']) & 4).toBe(4);
    expect(j.outlines).toHaveLength(7);
    expect(readFileSync(pdf).subarray(0, 15).toString('latin1')).toBe('%PDF-1.7\n%\x81\x81\x81\x81\n');
  });

  it('passes bulletin verify, which says it checked PDF/A-2b; the same file fails --pdfx', () => {
    const ok = bulletin(['verify', pdf]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('conformance: PDF/A-2b checked');
    const x = bulletin(['verify', '--pdfx', pdf]);
    expect(x.status).toBe(1);
    expect(x.stderr).toMatch(/PDF\/X-1a: the header says PDF 1\.7.*\[pdfx-version\]/);
  });

  it('refuses --pdfa with --cmyk, and an output intent that is neither a profile nor a registered name, before building', () => {
    const both = bulletin(['build', BUILT.seed.source, '--pdfa', '--cmyk', '-o', '/nonexistent/x.pdf']);
    expect(both.status).not.toBe(0);
    expect(both.stderr).toMatch(/'--pdfa' cannot be used with option '--cmyk'/);
    const unknown = bulletin(['build', BUILT.seed.source, '--output-intent', 'FOGRA99', '-o', '/nonexistent/x.pdf']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/"FOGRA99" is neither an ICC profile file nor a registered characterization/);
  });
});
