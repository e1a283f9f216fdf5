// The XMP metadata packet of the PDF/A file: the same facts as the Info dictionary (PDF/A-2 asks
// that the two agree), written with the standard schemas only, so no extension schema is needed.
// Elements rather than attributes, UTF-8, and an xpacket header without `bytes` or `encoding`.

export interface XmpFields {
  title: string;
  /** Info /Author: one dc:creator entry holding the whole string. */
  author: string;
  subject: string;
  /** Info /Keywords, as written there (pdf-lib joins the list with spaces). */
  keywords: string;
  creatorTool: string;
  producer: string;
  created: Date;
  modified: Date;
  lang: string;
  /** pdfaid:part and pdfaid:conformance, e.g. 2 and 'B'. */
  pdfa?: { part: number; conformance: string };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `2025-12-01T00:00:00Z`: the instant Info's `D:20251201000000Z` names (whole seconds, UTC). */
export const xmpDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function xmpPacket(f: XmpFields): string {
  const alt = (s: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escape(s)}</rdf:li></rdf:Alt>`;
  const props = [
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(f.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escape(f.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(f.subject)}</dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${escape(f.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${escape(f.keywords)}</pdf:Keywords>`,
    `<pdf:Producer>${escape(f.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${escape(f.creatorTool)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${xmpDate(f.created)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${xmpDate(f.modified)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${xmpDate(f.modified)}</xmp:MetadataDate>`,
    ...(f.pdfa ? [`<pdfaid:part>${f.pdfa.part}</pdfaid:part>`, `<pdfaid:conformance>${escape(f.pdfa.conformance)}</pdfaid:conformance>`] : []),
  ];
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    '  xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '  xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '  xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '  xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    ...props.map((p) => `  ${p}`),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}
