// checkSource is called by the build on whatever a user saved: it must return findings, never throw.
import { describe, expect, it } from 'vitest';
import { checkSource, fixSource } from '../../../src/check/index.ts';
import { read } from './helpers.ts';

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const PIECES = ['# ', '## ', '### —、', '---\n', '\n', '\n\n', '  \n', ' ', '\u3000', '“', '”', '《', '）', '(', ')', ',', '.', '一、', '（一）', '1. ', '11 月', '升级升级', '的的', '> ', '- ', '```', '`', '*', '[a](b)', '<div>', '\\', '\t12', '.....', '\uFFFD', '\u{20BB7}', '\uD800', '甲', '乙', '丙', '。', 'key: [', ':'];

describe('checkSource on any input', { timeout: 60_000 }, () => {
  it('never throws on random Markdown-ish text or binary garbage', () => {
    const rnd = random(42);
    for (let n = 0; n < 300; n++) {
      const parts = Array.from({ length: Math.floor(rnd() * 60) }, () => PIECES[Math.floor(rnd() * PIECES.length)]!);
      const text = parts.join('');
      expect(() => checkSource('fuzz.md', text)).not.toThrow();
    }
    const bytes = Buffer.from(Array.from({ length: 4000 }, () => Math.floor(rnd() * 256)));
    for (const enc of ['latin1', 'utf8', 'utf16le'] as const) {
      const found = checkSource('bin.md', bytes.toString(enc));
      expect(Array.isArray(found)).toBe(true);
    }
    expect(checkSource('empty.md', '').map((d) => d.rule)).toEqual(['front-matter', 'no-articles']);
    expect(checkSource('deep.md', '>'.repeat(1000) + ' 甲').length).toBeGreaterThan(0);
  });

  it('every finding has a 1-based position inside the text', () => {
    const text = read('tests/fixtures/check/seed.txt');
    const lines = text.split('\n');
    for (const d of checkSource('seed.txt', text)) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.line).toBeLessThanOrEqual(lines.length);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeLessThanOrEqual(lines[d.line! - 1]!.length + 1);
    }
  });

  it('fixes never change wording, on random input either', async () => {
    const rnd = random(7);
    for (let n = 0; n < 100; n++) {
      const text = Array.from({ length: 40 }, () => PIECES[Math.floor(rnd() * PIECES.length)]!).join('');
      const { text: fixed } = await fixSource('f.md', text);
      // Width of punctuation, digits and letters, quote shapes, ellipsis and dash spellings aside.
      const dots = (s: string) => s.replace(/\.{3,}|。{3,}|…+/g, '…').replace(/-{2,}|—+/g, '—');
      const words = (s: string) =>
        dots(dots(s).replace(/[\s#]/g, ''))
          .replace(/[,;:?!().]/g, (c) => ({ ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' })[c]!)
          .replace(/[“”]/g, '"')
          .normalize('NFKC');
      expect(words(fixed)).toBe(words(text));
    }
  });
});
