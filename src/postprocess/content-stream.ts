// A small PDF content-stream lexer, enough to find colour operators safely: strings, hex strings,
// names, comments, arrays, dictionaries and inline image data are skipped as whole tokens, so bytes
// inside text or images can never be mistaken for an operator. Works on latin1 strings (one char per
// byte), so slices go back to the same bytes.
import { inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

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

// The same lexing as `tokenize`, for the preflight, which runs it over every page of every build:
// character codes instead of strings, and no object per token (operands are kept as positions and
// cut out only for an operator that asks for them). `operations` stays the reference: a unit test
// holds the two to the same operators and operands.
const isWhite = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
// ( ) < > [ ] { } / %
const isDelim = (c: number) => c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37;
const INLINE_END = /[\0\t\n\f\r ]EI(?=[\0\t\n\f\r ]|$)/g;

/** Calls `visit` for every operator in order; `operands()` gives its operands' texts, as `operations` does. */
export function forEachOperation(s: string, visit: (op: string, operands: () => string[]) => void): void {
  const n = s.length;
  // Start and end of each operand since the last operator.
  const at: number[] = [];
  const operands = () => {
    const texts: string[] = [];
    for (let k = 0; k < at.length; k += 2) texts.push(s.slice(at[k], at[k + 1]));
    return texts;
  };
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isWhite(c)) {
      i++;
    } else if (c === 37) {
      // % comment
      while (i < n && s.charCodeAt(i) !== 10 && s.charCodeAt(i) !== 13) i++;
    } else if (c === 40) {
      // ( string ), with escapes and nested parentheses
      const start = i++;
      let depth = 1;
      while (i < n && depth > 0) {
        const d = s.charCodeAt(i++);
        if (d === 92) i++;
        else if (d === 40) depth++;
        else if (d === 41) depth--;
      }
      at.push(start, i);
    } else if (c === 60 || c === 62) {
      const start = i;
      if (s.charCodeAt(i + 1) === c) i += 2;
      else if (c === 60) {
        const close = s.indexOf('>', i);
        i = close < 0 ? n : close + 1;
      } else i++;
      at.push(start, i);
    } else if (c === 91 || c === 93 || c === 123 || c === 125) {
      at.push(i, ++i);
    } else {
      const start = i++;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (isWhite(d) || isDelim(d)) break;
        i++;
      }
      // A name, a number (what `tokenize` takes for one: digits with at most one point, a sign
      // before them), or a keyword that is an operand.
      let operand = c === 47;
      if (!operand && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) operand = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s.slice(start, i));
      if (!operand) {
        const text = s.slice(start, i);
        if (text === 'true' || text === 'false' || text === 'null') operand = true;
        else {
          visit(text, operands);
          at.length = 0;
          if (text === 'ID') {
            INLINE_END.lastIndex = i + 1;
            const m = INLINE_END.exec(s);
            i = m ? m.index + 1 : n;
          }
          continue;
        }
      }
      at.push(start, i);
    }
  }
}

/**
 * A content stream's bytes, decoded, as latin1 text (undefined when they cannot be decoded). A
 * single FlateDecode goes through Node's zlib, several times faster than pdf-lib's inflater in
 * JavaScript; any other filter chain through pdf-lib.
 */
export function decodeContent(stream: PDFRawStream): string | undefined {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const single = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter;
  if (single === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) {
    try {
      return inflateSync(stream.contents).toString('latin1');
    } catch {
      // a damaged stream: pdf-lib's inflater says what it can
    }
  }
  try {
    return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
  } catch {
    return undefined;
  }
}
