// A small PDF content-stream lexer, enough to find colour operators safely: strings, hex strings,
// names, comments, arrays, dictionaries and inline image data are skipped as whole tokens, so bytes
// inside text or images can never be mistaken for an operator. Works on latin1 strings (one char per
// byte), so slices go back to the same bytes.

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
