// A small PDF content-stream lexer, enough to find colour operators safely: strings, hex strings,
// names, comments, arrays, dictionaries and inline image data are skipped as whole tokens, so bytes
// inside text or images can never be mistaken for an operator. Works on latin1 strings (one char per
// byte), so slices go back to the same bytes.
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

export interface Token {
  /** `op` = operator; `operand` = number, name, string, array/dict delimiter, boolean; `raw` = inline image data. */
  kind: 'op' | 'operand' | 'raw';
  text: string;
  start: number;
  end: number;
}

const WHITE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIM = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

export function* tokenize(s: string): Generator<Token> {
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i]!;
    if (WHITE.has(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && s[i] !== '\n' && s[i] !== '\r') i++;
    } else if (c === '(') {
      const start = i++;
      let depth = 1;
      while (i < n && depth > 0) {
        const d = s[i++];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')') depth--;
      }
      yield { kind: 'operand', text: s.slice(start, i), start, end: i };
    } else if (c === '<' || c === '>') {
      const start = i;
      if (s[i + 1] === c) i += 2; // << or >>
      else if (c === '<') i = s.indexOf('>', i) < 0 ? n : s.indexOf('>', i) + 1; // hex string
      else i++;
      yield { kind: 'operand', text: s.slice(start, i), start, end: i };
    } else if (c === '[' || c === ']' || c === '{' || c === '}') {
      yield { kind: 'operand', text: c, start: i, end: ++i };
    } else {
      const start = i;
      i++;
      while (i < n && !WHITE.has(s[i]!) && !DELIM.has(s[i]!)) i++;
      const text = s.slice(start, i);
      const operand = c === '/' || /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) || text === 'true' || text === 'false' || text === 'null';
      yield { kind: operand ? 'operand' : 'op', text, start, end: i };
      if (text === 'ID') {
        // Inline image data: binary, up to whitespace + EI + whitespace (or end).
        const dataStart = i + 1;
        const re = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;
        re.lastIndex = dataStart;
        const m = re.exec(s);
        const dataEnd = m ? m.index + 1 : n;
        yield { kind: 'raw', text: s.slice(dataStart, dataEnd), start: dataStart, end: dataEnd };
        i = dataEnd;
      }
    }
  }
}

/** An operator with its operands (operand tokens since the previous operator). */
export interface Operation {
  op: string;
  operands: Token[];
  /** Source range covering the operands and the operator. */
  start: number;
  end: number;
}

export function* operations(s: string): Generator<Operation> {
  let operands: Token[] = [];
  for (const t of tokenize(s)) {
    if (t.kind === 'op') {
      yield { op: t.text, operands, start: operands[0]?.start ?? t.start, end: t.end };
      operands = [];
    } else if (t.kind === 'operand') operands.push(t);
  }
}

/**
 * Rewrites operations: `replace` returns new source text for an operation, or undefined to keep it.
 * Everything else (whitespace, comments, inline images) is copied byte for byte.
 */
export function rewriteOperations(s: string, replace: (o: Operation) => string | undefined): { text: string; changed: number } {
  let out = '';
  let at = 0;
  let changed = 0;
  for (const o of operations(s)) {
    const next = replace(o);
    if (next === undefined) continue;
    out += s.slice(at, o.start) + next;
    at = o.end;
    changed++;
  }
  return { text: out + s.slice(at), changed };
}

/** Content streams drawn together: a page's contents, or one form XObject or tiling pattern. */
export interface ContentGroup {
  refs: PDFRef[];
  /** The 1-based page where it is first drawn. */
  page: number;
}

/** Every content stream that draws: page contents, form XObjects and tiling patterns, recursively. */
export function contentStreams(doc: PDFDocument): ContentGroup[] {
  const groups: ContentGroup[] = [];
  const seen = new Set<string>();
  const lookup = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const visitResources = (resources: PDFObject | undefined, page: number) => {
    const res = lookup(resources);
    if (!(res instanceof PDFDict)) return;
    for (const key of ['XObject', 'Pattern']) {
      const dict = lookup(res.get(PDFName.of(key)));
      if (!(dict instanceof PDFDict)) continue;
      for (const [, ref] of dict.entries()) {
        if (!(ref instanceof PDFRef) || seen.has(ref.toString())) continue;
        seen.add(ref.toString());
        const stream = doc.context.lookup(ref);
        if (!(stream instanceof PDFRawStream)) continue;
        const subtype = stream.dict.get(PDFName.of('Subtype'));
        const isForm = subtype === PDFName.of('Form');
        const isTiling = key === 'Pattern' && String(stream.dict.get(PDFName.of('PatternType'))) === '1';
        if (!isForm && !isTiling) continue;
        groups.push({ refs: [ref], page });
        visitResources(stream.dict.get(PDFName.of('Resources')), page);
      }
    }
  };
  doc.getPages().forEach((page, i) => {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFRef ? (lookup(contents) instanceof PDFArray ? (lookup(contents) as PDFArray).asArray() : [contents]) : contents instanceof PDFArray ? contents.asArray() : [];
    groups.push({ refs: refs.filter((r): r is PDFRef => r instanceof PDFRef), page: i + 1 });
    visitResources(page.node.get(PDFName.of('Resources')), i + 1);
  });
  return groups;
}
