// PDF/X-1a:2001 and PDF/A-2b conformance, checked from the standards' requirements with pdf-lib
// (objects) and our content-stream lexer (operators) — no full validator (veraPDF, Acrobat) is
// available here. Runs when the file claims a standard (Info GTS_PDFXVersion or a GTS_PDFX output
// intent; XMP pdfaid or a GTS_PDFA1 output intent) or when asked (`--pdfx`, `--pdfa`). Fonts
// (embedded, subset, no Type 3) are the preflight's own font check, run on every file.
// Requirement list: README, "Standard files".
import { loadPdf } from '../postprocess/pdf-io.ts';
import { decodePDFRawStream, PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, type PDFObject } from 'pdf-lib';
import type { Diagnostic } from '../diagnostics.ts';
import { contentStreams, decodeContent, forEachOperation } from '../postprocess/content-stream.ts';
import { ICC_CHANNELS, readIccHeader } from '../postprocess/icc.ts';
import { PDFA } from '../postprocess/pdfa.ts';
import { PDFX, REGISTERED_CONDITIONS } from '../postprocess/pdfx.ts';
import { NS, parseXmp, type Xmp } from './xmp.ts';

export interface ConformanceOptions {
  /** Check PDF/X-1a:2001 even when the file does not claim it. */
  pdfx?: boolean;
  /** Check PDF/A-2b even when the file does not claim it. */
  pdfa?: boolean;
}

export interface ConformanceFacts {
  /** `%PDF-1.n` of the header. */
  version?: string;
  /** The standards checked (claimed or asked for), e.g. ['PDF/A-2b']. */
  checked: string[];
  /** OutputConditionIdentifier of each output intent, with its subtype. */
  outputIntents: Array<{ s: string; identifier: string; profile?: string }>;
}

type Lookup = (o: PDFObject | undefined) => PDFObject | undefined;

const name = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : undefined);
const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
const num = (o: PDFObject | undefined) => (o instanceof PDFNumber ? o.asNumber() : undefined);

/** `D:20251201000000Z`, `D:20251201080000+08'00'` → the instant; undefined if unreadable. */
export function pdfDate(s: string | undefined): number | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(s ?? '');
  if (!m) return undefined;
  const [y, mo = '01', d = '01', h = '00', mi = '00', sec = '00'] = m.slice(1, 7);
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  return utc - offset * 60_000;
}

/** Every dictionary in the file (indirect, stream dictionaries and nested direct ones), with the key it sits under. */
function eachDict(doc: PDFDocument, visit: (dict: PDFDict, key: string | undefined, stream?: PDFStream, ref?: PDFRef) => void): void {
  const walk = (o: PDFObject, key: string | undefined, depth: number) => {
    if (depth > 64) return;
    if (o instanceof PDFDict) {
      visit(o, key);
      for (const [k, v] of o.entries()) if (!(v instanceof PDFRef)) walk(v, k.decodeText(), depth + 1);
    } else if (o instanceof PDFArray) {
      for (const v of o.asArray()) if (!(v instanceof PDFRef)) walk(v, key, depth + 1);
    }
  };
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFStream) {
      visit(obj.dict, undefined, obj, ref);
      for (const [k, v] of obj.dict.entries()) if (!(v instanceof PDFRef)) walk(v, k.decodeText(), 1);
    } else if (obj instanceof PDFDict) {
      visit(obj, undefined, undefined, ref);
      for (const [k, v] of obj.entries()) if (!(v instanceof PDFRef)) walk(v, k.decodeText(), 1);
    } else if (obj instanceof PDFArray) walk(obj, undefined, 0);
  }
}

/** The device families a colour space uses, alternates and bases included (`ICCBased`, `Lab`… as themselves). */
function families(cs: PDFObject | undefined, lookup: Lookup, depth = 0): string[] {
  const o = lookup(cs);
  if (depth > 8 || o === undefined) return [];
  if (o instanceof PDFName) return [o.decodeText()];
  if (!(o instanceof PDFArray) || !o.size()) return [];
  const family = name(lookup(o.get(0)));
  switch (family) {
    case 'Indexed':
    case 'I':
      return ['Indexed', ...families(o.get(1), lookup, depth + 1)];
    case 'Separation':
    case 'DeviceN':
      return [family, ...families(o.get(2), lookup, depth + 1)]; // the alternate space
    case 'Pattern':
      return ['Pattern', ...(o.size() > 1 ? families(o.get(1), lookup, depth + 1) : [])];
    case 'ICCBased': {
      const stream = lookup(o.get(1));
      const n = stream instanceof PDFStream ? num(lookup(stream.dict.get(PDFName.of('N')))) : undefined;
      return [`ICCBased${n ? `/${n}` : ''}`];
    }
    default:
      return family ? [family] : [];
  }
}

// Inline image abbreviations (PDF 32000-1, table 93).
const INLINE_CS: Record<string, string> = { G: 'DeviceGray', RGB: 'DeviceRGB', CMYK: 'DeviceCMYK', I: 'Indexed' };

interface ColourUse {
  family: string;
  where: string;
}

/** Colour spaces used by operators and inline images in every content stream, by page. */
function contentColours(doc: PDFDocument, lookup: Lookup): { uses: ColourUse[]; ops: Map<string, { count: number; page: number }> } {
  const uses: ColourUse[] = [];
  const ops = new Map<string, { count: number; page: number }>();
  const decode = (ref: PDFObject) => {
    const stream = lookup(ref);
    return stream instanceof PDFRawStream ? decodeContent(stream) : undefined;
  };
  const scan = (content: string, page: number) => {
    forEachOperation(content, (op, operands) => {
      switch (op) {
        case 'rg':
        case 'RG':
        case 'k':
        case 'K':
        case 'g':
        case 'G': {
          const entry = ops.get(op) ?? { count: 0, page };
          entry.count++;
          ops.set(op, entry);
          break;
        }
        case 'cs':
        case 'CS': {
          const n = operands()[0]?.slice(1);
          if (n && /^Device(RGB|CMYK|Gray)$/.test(n)) uses.push({ family: n, where: `page ${page}: /${n} ${op}` });
          break;
        }
        case 'ID': {
          const t = operands();
          const at = t.findIndex((x) => x === '/CS' || x === '/ColorSpace');
          const value = at >= 0 ? t[at + 1]?.slice(1) : undefined;
          if (value) uses.push({ family: INLINE_CS[value] ?? value, where: `page ${page}: an inline image in /${value}` });
          break;
        }
      }
    });
  };
  for (const group of contentStreams(doc)) {
    const content = group.refs.map(decode).filter((c) => c !== undefined).join('\n');
    scan(content, group.page);
  }
  return { uses, ops };
}

const OPERATOR_SPACE: Record<string, string> = { rg: 'DeviceRGB', RG: 'DeviceRGB', k: 'DeviceCMYK', K: 'DeviceCMYK', g: 'DeviceGray', G: 'DeviceGray' };

interface Scan {
  colours: ColourUse[];
  transparency: string[];
  annotations: Array<{ page: number; subtype: string; rect?: number[]; flags: number; hasAppearance: boolean }>;
  actions: Array<{ s: string; n?: string; where: string }>;
  additionalActions: string[];
  forbidden: string[];
  interpolate: number;
  javascript: boolean;
}

const BLEND_MODES = new Set(['Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn', 'HardLight', 'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity']);

/** One pass over every object: colour spaces, transparency, actions and what both standards forbid. */
function scanObjects(doc: PDFDocument, lookup: Lookup): Scan {
  const scan: Scan = { colours: [], transparency: [], annotations: [], actions: [], additionalActions: [], forbidden: [], interpolate: 0, javascript: false };
  const colour = (cs: PDFObject | undefined, where: string) => families(cs, lookup).forEach((family) => scan.colours.push({ family, where }));
  const action = (a: PDFObject | undefined, where: string, depth = 0) => {
    const dict = lookup(a);
    if (!(dict instanceof PDFDict) || depth > 16) return;
    const s = name(dict.get(PDFName.of('S')));
    if (s) scan.actions.push({ s, n: name(dict.get(PDFName.of('N'))), where });
    const next = lookup(dict.get(PDFName.of('Next')));
    for (const n of next instanceof PDFArray ? next.asArray() : next ? [next] : []) action(n, where, depth + 1);
  };
  eachDict(doc, (dict, key, stream, ref) => {
    const where = ref ? `object ${ref.objectNumber}` : `a /${key ?? '?'} dictionary`;
    const type = name(dict.get(PDFName.of('Type')));
    const subtype = name(dict.get(PDFName.of('Subtype')));
    // Colour spaces: a resource category, an image's, a shading's, a transparency group's.
    const cs = dict.get(PDFName.of('ColorSpace'));
    const csValue = lookup(cs);
    if (csValue instanceof PDFDict && key !== 'Group') for (const [k, v] of csValue.entries()) colour(v, `colour space /${k.decodeText()}`);
    else if (cs !== undefined && (subtype === 'Image' || dict.has(PDFName.of('ShadingType')))) colour(cs, subtype === 'Image' ? `image ${where}` : `shading ${where}`);
    const group = lookup(dict.get(PDFName.of('Group')));
    if (group instanceof PDFDict && name(group.get(PDFName.of('S'))) === 'Transparency') {
      scan.transparency.push(`${type === 'Page' ? 'a page' : `form ${where}`} has a transparency group`);
      if (group.has(PDFName.of('CS'))) colour(group.get(PDFName.of('CS')), `the transparency group of ${where}`);
    }
    if (subtype === 'Image') {
      if (dict.has(PDFName.of('SMask'))) scan.transparency.push(`image ${where} has a soft mask`);
      if ((num(lookup(dict.get(PDFName.of('SMaskInData')))) ?? 0) > 0) scan.transparency.push(`image ${where} has soft-mask data (SMaskInData)`);
      const interpolate = lookup(dict.get(PDFName.of('Interpolate')));
      if (interpolate instanceof PDFBool && interpolate.asBoolean()) scan.interpolate++;
      if (dict.has(PDFName.of('Alternates'))) scan.forbidden.push(`image ${where} has /Alternates`);
      if (dict.has(PDFName.of('OPI'))) scan.forbidden.push(`image ${where} has /OPI`);
    }
    if (subtype === 'PS' || (type === 'XObject' && subtype === 'PS')) scan.forbidden.push(`PostScript XObject ${where}`);
    if (stream) {
      const filters = lookup(dict.get(PDFName.of('Filter')));
      const list = filters instanceof PDFArray ? filters.asArray().map((f) => name(lookup(f))) : [name(filters)];
      if (list.includes('LZWDecode')) scan.forbidden.push(`stream ${where} is LZW-compressed`);
      for (const k of ['F', 'FFilter', 'FDecodeParms']) if (dict.has(PDFName.of(k))) scan.forbidden.push(`stream ${where} refers to an external file (/${k})`);
    }
    // Graphics states: transparency and transfer functions.
    if (subtype !== 'Image' && (type === 'ExtGState' || ['CA', 'ca', 'BM', 'SMask', 'TR', 'TR2'].some((k) => dict.has(PDFName.of(k))))) {
      for (const k of ['CA', 'ca']) {
        const v = num(lookup(dict.get(PDFName.of(k))));
        if (v !== undefined && v !== 1) scan.transparency.push(`graphics state ${where} sets /${k} ${v}`);
      }
      const bm = lookup(dict.get(PDFName.of('BM')));
      for (const m of bm instanceof PDFArray ? bm.asArray() : bm ? [bm] : []) {
        const mode = name(lookup(m));
        if (mode && mode !== 'Normal' && mode !== 'Compatible') scan.transparency.push(`graphics state ${where} sets blend mode /${mode}`);
        if (mode && !BLEND_MODES.has(mode)) scan.forbidden.push(`graphics state ${where} sets the unknown blend mode /${mode}`);
      }
      const smask = lookup(dict.get(PDFName.of('SMask')));
      if (smask !== undefined && name(smask) !== 'None') scan.transparency.push(`graphics state ${where} sets a soft mask`);
      if (dict.has(PDFName.of('TR'))) scan.forbidden.push(`graphics state ${where} sets a transfer function (/TR)`);
      const tr2 = lookup(dict.get(PDFName.of('TR2')));
      if (tr2 !== undefined && name(tr2) !== 'Default') scan.forbidden.push(`graphics state ${where} sets a transfer function (/TR2)`);
    }
    // Actions: the /A of links and outline items, the catalog's /OpenAction, additional actions.
    if (key !== 'A' && key !== 'OpenAction') {
      if (dict.has(PDFName.of('A'))) action(dict.get(PDFName.of('A')), where);
      if (dict.has(PDFName.of('OpenAction'))) action(dict.get(PDFName.of('OpenAction')), 'the catalog /OpenAction');
    }
    const aa = lookup(dict.get(PDFName.of('AA')));
    if (aa instanceof PDFDict) {
      scan.additionalActions.push(type === 'Catalog' ? 'the catalog' : type === 'Page' ? 'a page' : where);
      for (const [, v] of aa.entries()) action(v, `additional actions of ${where}`);
    }
    if (type === 'Catalog') {
      const names = lookup(dict.get(PDFName.of('Names')));
      if (names instanceof PDFDict && names.has(PDFName.of('JavaScript'))) scan.javascript = true;
      if (names instanceof PDFDict && names.has(PDFName.of('EmbeddedFiles'))) scan.forbidden.push('the catalog names embedded files');
      const form = lookup(dict.get(PDFName.of('AcroForm')));
      if (form instanceof PDFDict && form.has(PDFName.of('XFA'))) scan.forbidden.push('the form is an XFA form');
      if (form instanceof PDFDict && lookup(form.get(PDFName.of('NeedAppearances'))) === PDFBool.True) scan.forbidden.push('the form sets /NeedAppearances true');
    }
  });
  doc.getPages().forEach((page, i) => {
    const annots = lookup(page.node.get(PDFName.of('Annots')));
    for (const a of annots instanceof PDFArray ? annots.asArray() : []) {
      const annot = lookup(a);
      if (!(annot instanceof PDFDict)) continue;
      const rect = lookup(annot.get(PDFName.of('Rect')));
      const ap = lookup(annot.get(PDFName.of('AP')));
      scan.annotations.push({
        page: i + 1,
        subtype: name(annot.get(PDFName.of('Subtype'))) ?? '?',
        rect: rect instanceof PDFArray ? rect.asArray().map((x) => num(lookup(x)) ?? NaN) : undefined,
        flags: num(lookup(annot.get(PDFName.of('F')))) ?? 0,
        hasAppearance: ap instanceof PDFDict && ap.has(PDFName.of('N')),
      });
    }
  });
  return scan;
}

interface IntentFacts {
  s: string;
  identifier: string;
  registry?: string;
  profileRef?: string;
  profile?: { channels?: number; error?: string; header?: ReturnType<typeof readIccHeader> };
}

function readIntents(doc: PDFDocument, lookup: Lookup): IntentFacts[] {
  const list = lookup(doc.catalog.get(PDFName.of('OutputIntents')));
  if (!(list instanceof PDFArray)) return [];
  return list.asArray().flatMap((item): IntentFacts[] => {
    const dict = lookup(item);
    if (!(dict instanceof PDFDict)) return [];
    const facts: IntentFacts = {
      s: name(dict.get(PDFName.of('S'))) ?? '?',
      identifier: text(lookup(dict.get(PDFName.of('OutputConditionIdentifier')))) ?? '',
      registry: text(lookup(dict.get(PDFName.of('RegistryName')))),
    };
    const ref = dict.get(PDFName.of('DestOutputProfile'));
    const stream = lookup(ref);
    if (stream !== undefined) {
      facts.profileRef = ref?.toString();
      if (!(stream instanceof PDFRawStream)) facts.profile = { error: 'is not a stream' };
      else {
        const channels = num(lookup(stream.dict.get(PDFName.of('N'))));
        try {
          facts.profile = { channels, header: readIccHeader(decodePDFRawStream(stream).decode()) };
        } catch (error) {
          facts.profile = { channels, error: (error as Error).message };
        }
      }
    }
    return [facts];
  });
}

/** The Info entries PDF/A-2 pairs with XMP properties (ISO 19005-2, 6.6.2.3.1). */
const INFO_XMP: Array<[string, string, string, 'text' | 'date' | 'creator']> = [
  ['Title', NS.dc, 'title', 'text'],
  ['Author', NS.dc, 'creator', 'creator'],
  ['Subject', NS.dc, 'description', 'text'],
  ['Keywords', NS.pdf, 'Keywords', 'text'],
  ['Creator', NS.xmp, 'CreatorTool', 'text'],
  ['Producer', NS.pdf, 'Producer', 'text'],
  ['CreationDate', NS.xmp, 'CreateDate', 'date'],
  ['ModDate', NS.xmp, 'ModifyDate', 'date'],
];
const XMP_PREFIX: Record<string, string> = { [NS.dc]: 'dc', [NS.pdf]: 'pdf', [NS.xmp]: 'xmp', [NS.pdfaid]: 'pdfaid' };

export function checkConformance(file: string, bytes: Uint8Array, doc: PDFDocument, options: ConformanceOptions = {}): { facts: ConformanceFacts; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const error = (message: string, rule: string) => problems.push({ file, severity: 'error', message, rule });
  const warning = (message: string, rule: string) => problems.push({ file, severity: 'warning', message, rule });
  const lookup: Lookup = (o) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const version = /^%PDF-(\d\.\d)/.exec(head)?.[1];
  const info = lookup(doc.context.trailerInfo.Info);
  const infoDict = info instanceof PDFDict ? info : undefined;
  const infoText = (k: string) => text(lookup(infoDict?.get(PDFName.of(k))));
  const intents = readIntents(doc, lookup);

  // The XMP packet, when the catalog has one.
  const metadata = lookup(doc.catalog.get(PDFName.of('Metadata')));
  let xmp: Xmp | undefined;
  let xmpError: string | undefined;
  if (metadata instanceof PDFRawStream) {
    try {
      xmp = parseXmp(Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8'));
    } catch (e) {
      xmpError = (e as Error).message;
    }
  }
  const claimsX = options.pdfx || infoText('GTS_PDFXVersion') !== undefined || infoText('GTS_PDFXConformance') !== undefined || intents.some((i) => i.s === 'GTS_PDFX');
  const claimsA = options.pdfa || !!xmp?.get(NS.pdfaid, 'part') || !!xmp?.get(NS.pdfaid, 'conformance') || intents.some((i) => i.s === 'GTS_PDFA1');
  const facts: ConformanceFacts = {
    version,
    checked: [...(claimsX ? [PDFX.conformance] : []), ...(claimsA ? ['PDF/A-2b'] : [])],
    outputIntents: intents.map((i) => ({ s: i.s, identifier: i.identifier, profile: i.profile?.header?.description })),
  };
  if (!claimsX && !claimsA) return { facts, problems };

  const scan = scanObjects(doc, lookup);
  const content = contentColours(doc, lookup);
  const colours: ColourUse[] = [...scan.colours, ...content.uses, ...[...content.ops].map(([op, { count, page }]) => ({ family: OPERATOR_SPACE[op]!, where: `${count} "${op}" operator${count === 1 ? '' : 's'} (first on page ${page})` }))];
  const hasId = (() => {
    const id = lookup(doc.context.trailerInfo.ID);
    return id instanceof PDFArray && id.size() === 2;
  })();
  const encrypted = doc.context.trailerInfo.Encrypt !== undefined;
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const forbiddenActions = ['Launch', 'Sound', 'Movie', 'ResetForm', 'ImportData', 'JavaScript', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView'];
  const listed = (items: string[]) => `${items.slice(0, 3).join('; ')}${items.length > 3 ? ` (and ${items.length - 3} more)` : ''}`;

  if (claimsX) {
    const x = (message: string, rule: string) => error(`PDF/X-1a: ${message}`, rule);
    if (!version || Number(version) > 1.4) x(`the header says PDF ${version ?? '(none)'}; PDF/X-1a:2001 is PDF 1.3 (1.4 at most)`, 'pdfx-version');
    const objStm = /\/Type\s*\/ObjStm\b/.test(raw);
    const lastXref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    const xrefStream = /\/Type\s*\/XRef\b/.test(raw) || (!!lastXref && !raw.startsWith('xref', Number(lastXref[1])));
    if (objStm || xrefStream) x(`the file uses ${[objStm && 'object streams', xrefStream && 'a cross-reference stream'].filter(Boolean).join(' and ')} (PDF 1.5), which PDF 1.3 readers cannot read`, 'pdfx-streams');
    const got = (k: string) => infoText(k);
    if (got('GTS_PDFXVersion') !== PDFX.version) x(`Info /GTS_PDFXVersion is ${got('GTS_PDFXVersion') === undefined ? 'missing' : `"${got('GTS_PDFXVersion')}"`}, expected "${PDFX.version}"`, 'pdfx-info');
    if (got('GTS_PDFXConformance') !== PDFX.conformance) x(`Info /GTS_PDFXConformance is ${got('GTS_PDFXConformance') === undefined ? 'missing' : `"${got('GTS_PDFXConformance')}"`}, expected "${PDFX.conformance}"`, 'pdfx-info');
    if (!got('Title')?.trim()) x('Info has no /Title', 'pdfx-info');
    for (const k of ['CreationDate', 'ModDate']) if (pdfDate(got(k)) === undefined) x(`Info /${k} is ${got(k) === undefined ? 'missing' : `unreadable ("${got(k)}")`}`, 'pdfx-info');
    const trapped = name(lookup(infoDict?.get(PDFName.of('Trapped'))));
    if (trapped !== 'True' && trapped !== 'False') x(`Info /Trapped is ${trapped ? `/${trapped}` : 'missing'}; it must be /True or /False`, 'pdfx-info');
    if (!hasId) x('the trailer has no /ID', 'pdfx-id');
    const xIntents = intents.filter((i) => i.s === 'GTS_PDFX');
    if (xIntents.length !== 1) x(`${xIntents.length ? `${xIntents.length} GTS_PDFX output intents` : 'no GTS_PDFX output intent'}; exactly one is required`, 'pdfx-output-intent');
    for (const intent of xIntents) {
      if (!intent.identifier) x('the output intent has no /OutputConditionIdentifier', 'pdfx-output-intent');
      if (intent.profile) {
        const p = intent.profile;
        if (p.error || !p.header) x(`the output intent's profile is unreadable: ${p.error}`, 'pdfx-output-intent');
        else {
          if (p.header.colorSpace !== 'CMYK') x(`the output intent's profile is ${p.header.colorSpace}, not CMYK`, 'pdfx-output-intent');
          if (p.header.deviceClass !== 'prtr') x(`the output intent's profile is a "${p.header.deviceClass}" profile, not an output ("prtr") profile`, 'pdfx-output-intent');
          if (p.header.version >= 4) x(`the output intent's profile is ICC version ${p.header.version}; PDF/X-1a:2001 takes version 2`, 'pdfx-output-intent');
          if (p.channels !== ICC_CHANNELS[p.header.colorSpace]) x(`the output intent's profile stream says /N ${p.channels}, its profile has ${ICC_CHANNELS[p.header.colorSpace]} channels`, 'pdfx-output-intent');
        }
      } else if (intent.identifier && !REGISTERED_CONDITIONS[intent.identifier]) {
        if (intent.registry) warning(`PDF/X-1a: the output intent names "${intent.identifier}" without a profile; it is not one of the registered characterizations this tool knows (${Object.keys(REGISTERED_CONDITIONS).join(', ')})`, 'pdfx-output-intent');
        else x(`the output intent names "${intent.identifier}" with neither an embedded profile nor a /RegistryName`, 'pdfx-output-intent');
      }
    }
    const notCmyk = colours.filter((c) => !['DeviceCMYK', 'DeviceGray', 'Pattern', 'Separation', 'DeviceN', 'Indexed'].includes(c.family));
    const byFamily = new Map<string, string[]>();
    for (const c of notCmyk) byFamily.set(c.family, [...(byFamily.get(c.family) ?? []), c.where]);
    for (const [family, where] of byFamily) x(`colour space ${family} is used (only CMYK, gray and spot colours are allowed): ${listed(where)}`, 'pdfx-colour');
    if (scan.transparency.length) x(`transparency is used: ${listed(scan.transparency)}`, 'pdfx-transparency');
    const inBleed = scan.annotations.filter((a) => {
      if (a.subtype === 'PrinterMark' || a.subtype === 'TrapNet') return false;
      const b = doc.getPage(a.page - 1).getBleedBox();
      const r = a.rect;
      if (!r || r.length !== 4 || r.some((v) => !Number.isFinite(v))) return true;
      return Math.min(r[0]!, r[2]!) < b.x + b.width && Math.max(r[0]!, r[2]!) > b.x && Math.min(r[1]!, r[3]!) < b.y + b.height && Math.max(r[1]!, r[3]!) > b.y;
    });
    if (inBleed.length) x(`${inBleed.length} annotation${inBleed.length === 1 ? ' lies' : 's lie'} inside the bleed box, first a ${inBleed[0]!.subtype} on page ${inBleed[0]!.page} (only printer's marks and trap networks may)`, 'pdfx-annotation');
    const noTrim = doc.getPages().flatMap((page, i) => (page.node.get(PDFName.of('TrimBox')) || page.node.get(PDFName.of('ArtBox')) ? [] : [i + 1]));
    if (noTrim.length) x(`${noTrim.length} page${noTrim.length === 1 ? ' has' : 's have'} neither a TrimBox nor an ArtBox, first page ${noTrim[0]}`, 'pdfx-boxes');
    if (encrypted) x('the file is encrypted', 'pdfx-forbidden');
    const js = scan.javascript || scan.actions.some((a) => a.s === 'JavaScript');
    if (js) x('the file contains JavaScript', 'pdfx-forbidden');
    const xForbidden = scan.forbidden.filter((f) => /PostScript|transfer function|external file|embedded files/.test(f));
    if (xForbidden.length) x(listed(xForbidden), 'pdfx-forbidden');
  }

  if (claimsA) {
    const a = (message: string, rule: string) => error(`PDF/A-2b: ${message}`, rule);
    const second = head.split(/\r\n|\r|\n/)[1] ?? '';
    if (!version || !/^1\.[0-7]$/.test(version)) a(`the header says PDF ${version ?? '(none)'}; PDF/A-2 is based on PDF 1.7 (1.0–1.7)`, 'pdfa-header');
    else if (!/^%/.test(second) || [...second.slice(1)].filter((c) => c.charCodeAt(0) > 127).length < 4) a('the header is not followed by a comment of at least four bytes above 127 (the binary marker)', 'pdfa-header');
    if (!hasId) a('the trailer has no /ID', 'pdfa-id');
    if (encrypted) a('the file is encrypted', 'pdfa-forbidden');

    // XMP: present, well-formed, claims part 2 level B, and agrees with the Info dictionary.
    if (!(metadata instanceof PDFRawStream)) a('the catalog has no XMP /Metadata stream', 'pdfa-xmp');
    else if (xmpError || !xmp) a(xmpError ?? 'unreadable XMP', 'pdfa-xmp');
    else {
      if (name(metadata.dict.get(PDFName.of('Type'))) !== 'Metadata' || name(metadata.dict.get(PDFName.of('Subtype'))) !== 'XML') a('the /Metadata stream is not /Type /Metadata /Subtype /XML', 'pdfa-xmp');
      if (metadata.dict.has(PDFName.of('Filter'))) a('the /Metadata stream is compressed; it must be readable without decoding', 'pdfa-xmp');
      if (xmp.packetHeader && /\b(bytes|encoding)\s*=/.test(xmp.packetHeader)) a('the xpacket header has a "bytes" or "encoding" attribute', 'pdfa-xmp');
      const part = xmp.get(NS.pdfaid, 'part')?.value.trim();
      const conformance = xmp.get(NS.pdfaid, 'conformance')?.value.trim();
      if (part !== String(PDFA.part)) a(`XMP pdfaid:part is ${part === undefined ? 'missing' : `"${part}"`}, expected "${PDFA.part}"`, 'pdfa-xmp');
      if (conformance === undefined) a('XMP pdfaid:conformance is missing', 'pdfa-xmp');
      else if (!['A', 'B', 'U'].includes(conformance)) a(`XMP pdfaid:conformance is "${conformance}", expected "${PDFA.conformance}"`, 'pdfa-xmp');
      else if (conformance !== PDFA.conformance) warning(`PDF/A-2b: the file claims level ${conformance}; only level B's requirements were checked`, 'pdfa-xmp');
      for (const [key, ns, prop, kind] of INFO_XMP) {
        const raw = infoDict?.get(PDFName.of(key));
        if (raw === undefined) continue;
        const value = infoText(key);
        const label = `${XMP_PREFIX[ns]}:${prop}`;
        const found = xmp.get(ns, prop);
        if (!found) {
          a(`Info /${key} is set but XMP ${label} is missing`, 'pdfa-info-xmp');
          continue;
        }
        if (kind === 'date') {
          const i = pdfDate(value);
          const x = Date.parse(found.value);
          if (i === undefined || Number.isNaN(x) || i !== x) a(`Info /${key} (${value}) and XMP ${label} (${found.value}) disagree`, 'pdfa-info-xmp');
        } else if (kind === 'creator' ? found.items.length !== 1 || found.items[0] !== value : found.value !== value) {
          a(`Info /${key} "${value}" and XMP ${label} "${kind === 'creator' ? found.items.join('", "') : found.value}" disagree`, 'pdfa-info-xmp');
        }
      }
    }

    // The output intent: one profile for all, readable, of a kind PDF/A allows.
    const aIntents = intents.filter((i) => i.s === 'GTS_PDFA1');
    const withProfile = intents.filter((i) => i.profile);
    let intentSpace: string | undefined;
    if (!aIntents.length) a('no GTS_PDFA1 output intent', 'pdfa-output-intent');
    for (const intent of aIntents) {
      const p = intent.profile;
      if (!p) a(`the output intent "${intent.identifier}" has no /DestOutputProfile`, 'pdfa-output-intent');
      else if (p.error || !p.header) a(`the output intent's profile is unreadable: ${p.error}`, 'pdfa-output-intent');
      else {
        intentSpace = p.header.colorSpace;
        if (!['prtr', 'mntr'].includes(p.header.deviceClass)) a(`the output intent's profile is a "${p.header.deviceClass}" profile (an output or display profile is required)`, 'pdfa-output-intent');
        if (!['RGB', 'CMYK', 'GRAY'].includes(p.header.colorSpace)) a(`the output intent's profile is ${p.header.colorSpace}`, 'pdfa-output-intent');
        if (p.header.version >= 5) a(`the output intent's profile is ICC version ${p.header.version}`, 'pdfa-output-intent');
        if (p.channels !== ICC_CHANNELS[p.header.colorSpace]) a(`the output intent's profile stream says /N ${p.channels}, its profile has ${ICC_CHANNELS[p.header.colorSpace]} channels`, 'pdfa-output-intent');
      }
      if (!intent.identifier) a('the output intent has no /OutputConditionIdentifier', 'pdfa-output-intent');
    }
    if (new Set(withProfile.map((i) => i.profileRef)).size > 1) a('the output intents carry different profiles', 'pdfa-output-intent');

    // Device colours need an output intent of the same kind (gray goes with any).
    for (const [family, needs] of [['DeviceRGB', 'RGB'], ['DeviceCMYK', 'CMYK']] as const) {
      const where = colours.filter((c) => c.family === family).map((c) => c.where);
      if (where.length && intentSpace !== needs) a(`${family} is used without ${needs === "RGB" ? "an" : "a"} ${needs} output intent${intentSpace ? ` (it is ${intentSpace})` : ''}: ${listed(where)}`, 'pdfa-colour');
    }
    if (colours.some((c) => c.family === 'DeviceGray') && !aIntents.some((i) => i.profile?.header)) a('DeviceGray is used without an output intent', 'pdfa-colour');

    // Annotations: printed and shown, of allowed types, with an appearance where one is required.
    const bad = scan.annotations.filter((x) => x.subtype !== 'Popup' && (!(x.flags & 4) || x.flags & (1 | 2 | 32 | 256)));
    if (bad.length) a(`${bad.length} annotation${bad.length === 1 ? ' is' : 's are'} not set to print or are hidden (the F flags), first a ${bad[0]!.subtype} on page ${bad[0]!.page}`, 'pdfa-annotation');
    const kinds = scan.annotations.filter((x) => ['3D', 'Sound', 'Screen', 'Movie'].includes(x.subtype));
    if (kinds.length) a(`annotations of a forbidden type: ${[...new Set(kinds.map((k) => k.subtype))].join(', ')}`, 'pdfa-annotation');
    const noAp = scan.annotations.filter((x) => !['Link', 'Popup'].includes(x.subtype) && !x.hasAppearance && x.rect && Math.abs((x.rect[2]! - x.rect[0]!) * (x.rect[3]! - x.rect[1]!)) > 0);
    if (noAp.length) a(`${noAp.length} annotation${noAp.length === 1 ? ' has' : 's have'} no normal appearance (/AP /N), first a ${noAp[0]!.subtype} on page ${noAp[0]!.page}`, 'pdfa-annotation');

    // Actions and scripts.
    const badActions = scan.actions.filter((x) => forbiddenActions.includes(x.s) || (x.s === 'Named' && !['NextPage', 'PrevPage', 'FirstPage', 'LastPage'].includes(x.n ?? '')));
    if (badActions.length) a(`forbidden action${badActions.length === 1 ? '' : 's'}: ${listed(badActions.map((x) => `${x.s}${x.n ? ` /${x.n}` : ''} in ${x.where}`))}`, 'pdfa-action');
    if (scan.javascript) a('the catalog names JavaScript', 'pdfa-action');
    if (scan.additionalActions.length) a(`additional actions (/AA) on ${listed(scan.additionalActions)}`, 'pdfa-action');

    // Everything else both standards share or PDF/A adds.
    if (scan.interpolate) a(`${scan.interpolate} image${scan.interpolate === 1 ? ' asks' : 's ask'} for /Interpolate true`, 'pdfa-forbidden');
    if (scan.forbidden.length) a(listed(scan.forbidden), 'pdfa-forbidden');
  }
  return { facts, problems };
}

/** The conformance checks alone, for a file the preflight does not read (the imposed sheets). */
export async function conformanceOf(file: string, bytes: Uint8Array, options: ConformanceOptions = {}): Promise<{ facts: ConformanceFacts; problems: Diagnostic[] }> {
  return checkConformance(file, bytes, await loadPdf(bytes, { ignoreEncryption: true }), options);
}
