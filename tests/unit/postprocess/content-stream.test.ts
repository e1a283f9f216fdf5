// forEachOperation (the preflight's fast lexer) against operations (the token-by-token reference):
// the same operators with the same operands, on content written to trip a lexer.
import { describe, expect, it } from 'vitest';
import { forEachOperation, operations } from '../../../src/postprocess/content-stream.ts';

const fast = (s: string) => {
  const out: Array<{ op: string; operands: string[] }> = [];
  forEachOperation(s, (op, operands) => out.push({ op, operands: operands() }));
  return out;
};
const reference = (s: string) => [...operations(s)].map((o) => ({ op: o.op, operands: o.operands.map((t) => t.text) }));

const CASES: Record<string, string> = {
  'Skia text and fills': '.24 0 0 -.24 0 841.92 cm\nq\n0 0 0 RG 0 0 0 rg\n/G3 gs\n106 112 589 1 re\nf\nBT\n/F17 14 Tf\n1 0 0 -1 155.6 101 Tm\n<0083> Tj\n13.99 0 Td <03e2> Tj\nET\nQ',
  'operators inside strings and comments': '(1 0 0 rg \\) (nested (k) K) g) Tj % 0 0 1 RG in a comment\n[(a) -250 (b)] TJ 0.5 g',
  'dictionaries, names and hex strings': '/Span <</MCID 0 /ActualText <FEFF0031>>> BDC /CS0 cs 1 0 0 sc EMC <</A [1 2 {3}]>> gs',
  'signs, points and odd numbers': '+.5 -3. 4 1.2.3 rg -0 .0 G true false null d0',
  'an inline image': 'q BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00\xffEI\x01\x02\x03 EI Q 1 g',
  'an inline image at the end': 'BI /CS /G ID abc',
  'stray delimiters': '> ) ] } 1 0 0 RG <unterminated',
  'ending inside a string': '0 g (never closed 1 g',
};

describe('forEachOperation', () => {
  for (const [name, s] of Object.entries(CASES)) {
    it(`lexes ${name} as operations does`, () => {
      const expected = reference(s);
      expect(expected.length).toBeGreaterThan(0);
      expect(fast(s)).toEqual(expected);
    });
  }

  it('cuts operands only for the operators that ask', () => {
    let asked = 0;
    forEachOperation('1 0 0 rg /DeviceRGB cs 0 g', (op, operands) => {
      if (op === 'cs') {
        asked++;
        expect(operands()).toEqual(['/DeviceRGB']);
      }
    });
    expect(asked).toBe(1);
  });
});
