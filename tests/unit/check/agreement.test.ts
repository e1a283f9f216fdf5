// Issue 19: inputs a fuzz run found where `check` passed and `build` then failed (or crashed), each
// at its root. What the build refuses before layout (parse, front matter, fonts) the checker reports
// first, with its line; no rule "fails and is skipped".
import { describe, expect, it } from 'vitest';
import { checkSource, fixSource } from '../../../src/check/index.ts';
import { BulletinError } from '../../../src/diagnostics.ts';
import { parseBulletin } from '../../../src/parse/index.ts';
import { decodeSourceFile, firstInvalidUtf8 } from '../../../src/parse/source-file.ts';
import { FRONT } from './helpers.ts';

const HEAD = FRONT.replace(/---\n$/, '');
const errors = (text: string) => checkSource('x.md', text).filter((d) => d.severity === 'error');
const skipped = (text: string) => checkSource('x.md', text).filter((d) => /failed and was skipped/.test(d.message));

/** What parseBulletin (the build's own front matter reading) says, as one BulletinError. */
function parseError(text: string): BulletinError | undefined {
  try {
    parseBulletin({ path: 'x.md', text });
    return undefined;
  } catch (error) {
    if (error instanceof BulletinError) return error;
    throw error;
  }
}

describe('check and build agree', () => {
  it('a YAML alias bomb in the front matter is refused by both at its first alias, never crashes', () => {
    const bomb = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)];
    const text = `${HEAD}${bomb.join('\n')}\n---\n\n# 标题\n\n正文。\n`;
    const lineOfAlias = text.split('\n').findIndex((l) => l.includes('*a0')) + 1;
    const found = errors(text).filter((d) => d.rule === 'front-matter');
    expect(found.map((d) => d.line)).toEqual([lineOfAlias]);
    expect(skipped(text)).toEqual([]);
    const refused = parseError(text);
    expect(refused?.diagnostics.map((d) => d.line)).toEqual([lineOfAlias]);
  });

  it('a topic tag `#话题一二三# 讨论` is a paragraph, not a heading without its space, and no rule fails', () => {
    const text = `${FRONT}\n# 标题\n\n#话题一二三# 讨论\n\n##一、主要做法\n`;
    expect(skipped(text)).toEqual([]);
    const spaces = checkSource('x.md', text, { coverage: false, rules: ['heading-space'] });
    // Line 13 is the real heading written without its space; the topic tag on line 11 is not one.
    expect(spaces.map((d) => d.line)).toEqual([13]);
  });

  it('characters written as references or YAML escapes are checked as the characters they stand for', () => {
    const emoji = errors(`${FRONT}\n# 标题\n\n正文&#x1F600;一段。\n`);
    expect(emoji.map((d) => [d.rule, d.line])).toEqual([['undrawable-char', 11]]);
    expect(emoji[0]!.message).toContain('U+1F600');
    const surrogateRef = errors(`${FRONT}\n# 标题\n\n正文。\n\n又一段&#55296;。\n`);
    expect(surrogateRef.map((d) => [d.rule, d.line])).toEqual([['undrawable-char', 13]]);
    const escaped = `${HEAD.replace('date: 2025年12月', 'date: "2025年12月\\uD800"')}---\n\n# 标题\n\n正文。\n`;
    const dateLine = escaped.split('\n').findIndex((l) => l.startsWith('date:')) + 1;
    expect(errors(escaped).map((d) => [d.rule, d.line])).toEqual([['front-matter', dateLine]]);
    expect(parseError(escaped)?.diagnostics.map((d) => d.line)).toEqual([dateLine]);
    const astral = `${HEAD.replace('date: 2025年12月', 'date: "2025年12月\\U0001F600"')}---\n\n# 标题\n\n正文。\n`;
    expect(errors(astral).map((d) => [d.rule, d.line])).toEqual([['undrawable-char', dateLine]]);
  });

  it('an undecodable file is reported at its first bad byte, not at a U+FFFD written in it', () => {
    const good = new TextEncoder().encode(`${FRONT}\n# 标题\n\n有\uFFFD字\n\n第二段。\n`);
    const bytes = new Uint8Array([...good, 0xff, 0xfe, 0x0a]);
    expect(firstInvalidUtf8(bytes)).toBe(good.length);
    let line: number | undefined;
    try {
      decodeSourceFile('x.md', bytes);
    } catch (error) {
      line = (error as BulletinError).diagnostics[0]!.line;
    }
    expect(line).toBe(new TextDecoder().decode(good).split('\n').length);
    // Each kind of bad sequence: a stray continuation, an overlong form, a surrogate, a cut-off end.
    for (const bad of [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xb8]]) expect(firstInvalidUtf8(new Uint8Array([0x61, ...bad]))).toBe(1);
    expect(firstInvalidUtf8(new TextEncoder().encode('正文\u{20BB7}'))).toBe(10);
  });

  it('a bidi control is refused at its place with a certain repair; other invisible format characters pass', async () => {
    const text = `${FRONT}\n# 标题\u202e反向\n\n正文\u200b一\u00ad段。\n`;
    expect(errors(text).map((d) => [d.rule, d.line, d.column])).toEqual([['bidi-control', 9, 5]]);
    const fixed = await fixSource('x.md', text);
    expect(fixed.text).toBe(text.replace('\u202e', ''));
  });

  it('a title too long for its 目录 page is refused by check at its line (a long headline only warned)', () => {
    const title = (n: number) => `${FRONT}\n# ${'长标题文字关于'.repeat(200).slice(0, n)}\n\n正文。\n`;
    expect(checkSource('x.md', title(1000), { rules: ['title-too-long'] }).map((d) => [d.severity, d.line])).toEqual([['error', 9]]);
    expect(checkSource('x.md', title(120), { rules: ['title-too-long'] }).map((d) => d.severity)).toEqual(['warning']);
  });
});
