// Reads an XMP packet for the conformance checks: properties of any rdf:Description, by namespace
// URI and local name, whether written as elements or as attributes (both forms are legal XMP, and
// a file made elsewhere may use either). Namespace-aware, so a packet that binds the PDF/A
// namespace to another prefix reads the same.
import { DOMParser, type Element } from '@xmldom/xmldom';

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  pdf: 'http://ns.adobe.com/pdf/1.3/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  pdfaid: 'http://www.aiim.org/pdfa/ns/id/',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

export interface XmpProperty {
  /** Simple value, or the x-default (else first) item of an Alt, or the items of a Seq/Bag. */
  value: string;
  items: string[];
}

export interface Xmp {
  get(ns: string, name: string): XmpProperty | undefined;
  /** The `<?xpacket begin=… ?>` processing instruction's text, if any. */
  packetHeader?: string;
}

export class XmpError extends Error {
  override name = 'XmpError';
}

const elements = (parent: Element): Element[] => {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
};

function readProperty(el: Element): XmpProperty {
  const container = elements(el).find((c) => c.namespaceURI === NS.rdf && ['Alt', 'Seq', 'Bag'].includes(c.localName ?? ''));
  if (!container) return { value: (el.textContent ?? '').trim(), items: [(el.textContent ?? '').trim()] };
  const lis = elements(container).filter((c) => c.namespaceURI === NS.rdf && c.localName === 'li');
  const items = lis.map((li) => li.textContent ?? '');
  if (container.localName === 'Alt') {
    const preferred = lis.find((li) => li.getAttributeNS(NS.xml, 'lang') === 'x-default') ?? lis[0];
    return { value: preferred?.textContent ?? '', items };
  }
  return { value: items.join(', '), items };
}

export function parseXmp(text: string): Xmp {
  const errors: string[] = [];
  let doc;
  try {
    doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
  } catch (error) {
    throw new XmpError(`the XMP packet is not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (errors.length || !doc?.documentElement) throw new XmpError(`the XMP packet is not well-formed XML: ${errors[0]?.split('\n')[0] ?? 'no root element'}`);
  const descriptions = Array.from(doc.getElementsByTagNameNS(NS.rdf, 'Description')) as Element[];
  if (!descriptions.length) throw new XmpError('the XMP packet has no rdf:Description');
  const packetHeader = /<\?xpacket\s+begin=[^?]*\?>/.exec(text)?.[0];
  return {
    packetHeader,
    get(ns, name) {
      for (const d of descriptions) {
        const attr = d.getAttributeNodeNS(ns, name);
        if (attr) return { value: attr.value, items: [attr.value] };
        const el = elements(d).find((c) => c.namespaceURI === ns && c.localName === name);
        if (el) return readProperty(el);
      }
      return undefined;
    },
  };
}
