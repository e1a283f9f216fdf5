// WordprocessingML as the Word-specific passes read it: elements by local name, on/off values,
// and paragraph and run properties resolved through the style chain (direct formatting, then the
// paragraph's or run's style and its `basedOn` ancestors, then the document defaults), which
// mammoth does not do for bold, size or alignment.
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** An XML part; a damaged one throws (its message names the fault) instead of printing to the console. */
export function parseXml(text: string, part: string): Document {
  let fault: string | undefined;
  const parser = new DOMParser({
    locator: false,
    onError: (level, message) => {
      if (level === 'warning') return;
      fault ??= message.trim();
      throw new Error(fault);
    },
  });
  try {
    return parser.parseFromString(text, 'text/xml') as unknown as Document;
  } catch (error) {
    throw new Error(`its ${part} is damaged: ${fault ?? (error as Error).message}`);
  }
}

/** The element children in the WordprocessingML namespace, of one local name if given. */
export function kids(parent: Element | null | undefined, name?: string): Element[] {
  const out: Element[] = [];
  if (!parent) return out;
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === W && (!name || (n as Element).localName === name)) out.push(n as Element);
  }
  return out;
}

export const kid = (parent: Element | null | undefined, name: string): Element | undefined => kids(parent, name)[0];

/** A `w:` attribute (Word writes them prefixed; the namespace is what counts). */
export const attr = (el: Element | null | undefined, name: string): string | undefined => el?.getAttributeNS(W, name) ?? undefined;

/** An on/off property: present and not `0`/`false`/`off`; undefined where absent. */
export function onOff(el: Element | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = attr(el, 'val');
  return !(v === '0' || v === 'false' || v === 'off');
}

/** Descendants by local name in the WordprocessingML namespace, in document order. */
export function descendants(root: Element | Document, name: string): Element[] {
  return Array.from((root as Element).getElementsByTagNameNS(W, name) as unknown as ArrayLike<Element>);
}

interface Style {
  type: string;
  name: string;
  basedOn?: string;
  pPr?: Element;
  rPr?: Element;
}

/** Word's styles, and the properties a paragraph or run gets from them. */
export class Styles {
  readonly byId = new Map<string, Style>();
  private readonly defaultRPr?: Element;
  private readonly defaultPPr?: Element;
  private readonly defaultParagraph?: string;

  constructor(doc?: Document) {
    const root = doc?.documentElement as Element | undefined;
    const defaults = kid(root, 'docDefaults');
    this.defaultRPr = kid(kid(defaults, 'rPrDefault'), 'rPr');
    this.defaultPPr = kid(kid(defaults, 'pPrDefault'), 'pPr');
    for (const s of kids(root, 'style')) {
      const id = attr(s, 'styleId');
      if (!id) continue;
      const type = attr(s, 'type') ?? 'paragraph';
      this.byId.set(id, { type, name: attr(kid(s, 'name'), 'val') ?? id, basedOn: attr(kid(s, 'basedOn'), 'val'), pPr: kid(s, 'pPr'), rPr: kid(s, 'rPr') });
      if (type === 'paragraph' && ['1', 'true', 'on'].includes(attr(s, 'default') ?? '')) this.defaultParagraph = id;
    }
  }

  /** The style chain from `id` up through `basedOn` (guarded against loops). */
  chain(id: string | undefined): Style[] {
    const out: Style[] = [];
    const seen = new Set<string>();
    for (let s = id; s && !seen.has(s); ) {
      seen.add(s);
      const style = this.byId.get(s);
      if (!style) break;
      out.push(style);
      s = style.basedOn;
    }
    return out;
  }

  name(id: string | undefined): string | undefined {
    return id ? this.byId.get(id)?.name : undefined;
  }

  /** The paragraph's style id (its own, or the default paragraph style). */
  paragraphStyle(p: Element): string | undefined {
    return attr(kid(kid(p, 'pPr'), 'pStyle'), 'val') ?? this.defaultParagraph;
  }

  /** A paragraph property element (`jc`, `numPr`, `ind`…): direct, then from the style chain, then the defaults. */
  paragraphProperty(p: Element, name: string): Element | undefined {
    const direct = kid(kid(p, 'pPr'), name);
    if (direct) return direct;
    for (const s of this.chain(this.paragraphStyle(p))) {
      const found = kid(s.pPr, name);
      if (found) return found;
    }
    return kid(this.defaultPPr, name);
  }

  /** A run property element (`b`, `sz`…): direct, then the run's character style, then the paragraph's style, then the defaults. */
  runProperty(p: Element, r: Element, name: string): Element | undefined {
    const rPr = kid(r, 'rPr');
    const direct = kid(rPr, name);
    if (direct) return direct;
    for (const s of this.chain(attr(kid(rPr, 'rStyle'), 'val'))) {
      const found = kid(s.rPr, name);
      if (found) return found;
    }
    for (const s of this.chain(this.paragraphStyle(p))) {
      const found = kid(s.rPr, name);
      if (found) return found;
    }
    return kid(this.defaultRPr, name);
  }

  /** The run's size in points (Word's own default, 10 pt, where nothing sets it). */
  runSize(p: Element, r: Element): number {
    const v = Number(attr(this.runProperty(p, r, 'sz'), 'val'));
    return Number.isFinite(v) && v > 0 ? v / 2 : 10;
  }

  runBold(p: Element, r: Element): boolean {
    return onOff(this.runProperty(p, r, 'b')) ?? false;
  }
}

/** The text a run shows: `w:t`, tabs and breaks as whitespace; deleted text is not shown. */
export function runText(r: Element): string {
  let out = '';
  for (const c of kids(r)) {
    if (c.localName === 't') out += c.textContent ?? '';
    else if (c.localName === 'tab') out += '\t';
    else if (c.localName === 'br' || c.localName === 'cr') out += '\n';
    else if (c.localName === 'noBreakHyphen') out += '-';
  }
  return out;
}

/** Runs of a paragraph in order, inside hyperlinks, smart tags, fields and insertions, not deletions. */
export function paragraphRuns(p: Element): Element[] {
  const out: Element[] = [];
  const walk = (el: Element) => {
    for (const c of kids(el)) {
      if (c.localName === 'r') out.push(c);
      else if (['hyperlink', 'smartTag', 'fldSimple', 'ins', 'sdt', 'sdtContent', 'customXml', 'moveTo'].includes(c.localName ?? '')) walk(c);
    }
  };
  walk(p);
  return out;
}

/** Does the run hold a picture (a drawing or a VML picture or object)? */
export function hasPicture(r: Element): boolean {
  for (let n = r.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && ['drawing', 'pict', 'object', 'AlternateContent'].includes((n as Element).localName ?? '')) return true;
  return false;
}

export const paragraphText = (p: Element): string => paragraphRuns(p).map(runText).join('');
