import { describe, expect, it } from 'vitest';
import { BulletinError } from '../../src/diagnostics.ts';
import { decodeSource, parseBulletin } from '../../src/parse/index.ts';
import { decodeSourceFile, encodingWarning } from '../../src/parse/source-file.ts';

const FRONT = `---
organization: 广州市社会组织党组织
publication: 学习资料
issue: 2025年第12期
issuers: [中共广州市社会组织委员会, 中共广州市民政社会组织委员会]
date: 2025年12月
---
`;

function errorsOf(text: string) {
  try {
    parseBulletin({ path: 'x.md', text });
  } catch (error) {
    if (error instanceof BulletinError) return error.diagnostics;
    throw error;
  }
  return [];
}

describe('parseBulletin', () => {
  it('reads the masthead from the front matter and drops it from the tree', () => {
    const parsed = parseBulletin({ path: 'x.md', text: `${FRONT}\n# 标题\n\n正文。\n` });
    expect(parsed.meta.issuers).toEqual(['中共广州市社会组织委员会', '中共广州市民政社会组织委员会']);
    expect(parsed.meta.header).toBe(true);
    expect(parsed.tree.children.map((n) => n.type)).toEqual(['heading', 'paragraph']);
    expect(parsed.tree.children[0]!.position!.start.line).toBe(9);
  });

  it('names the line of an unknown key', () => {
    const [d] = errorsOf(FRONT.replace('date:', 'colour: red\ndate:') + '\n# 标题\n');
    expect(d).toMatchObject({ line: 6, column: 1, severity: 'error' });
    expect(d!.message).toContain('unknown key "colour"');
  });

  it('names a missing key', () => {
    const diagnostics = errorsOf(FRONT.replace(/^issue:.*\n/m, '') + '\n# 标题\n');
    expect(diagnostics.map((d) => d.message)).toContain('front matter: missing required key "issue"');
  });

  it('rejects an empty value at its line', () => {
    const [d] = errorsOf(FRONT.replace('date: 2025年12月', 'date: ""') + '\n# 标题\n');
    expect(d).toMatchObject({ line: 6 });
    expect(d!.message).toContain('"date"');
  });

  it('reports malformed YAML with its line in the Markdown file', () => {
    const [d] = errorsOf(FRONT.replace('issuers: [', 'issuers: [[') + '\n# 标题\n');
    expect(d!.line).toBeGreaterThanOrEqual(5);
    expect(d!.message).toMatch(/^front matter:/);
  });

  it('requires front matter at the top', () => {
    expect(errorsOf('# 标题\n\n正文。\n')[0]).toMatchObject({ line: 1, column: 1 });
    expect(errorsOf('   \n')[0]!.message).toContain('empty');
  });
});

describe('decodeSource', () => {
  it('accepts a BOM and CRLF line ends', () => {
    const bytes = new TextEncoder().encode('\uFEFF---\r\na: 1\r\n---\r\n');
    expect(decodeSource('x.md', bytes)).toBe('---\na: 1\n---\n');
  });

  it('decodes GBK (GB18030) Chinese text, with a warning naming the encoding', () => {
    const gbk = Uint8Array.from([0x61, 0x0a, 0x62, 0xd6, 0xd0, 0xce, 0xc4, 0xa1, 0xa3]); // "a\nb中文。" in GBK
    const source = decodeSourceFile('x.md', gbk);
    expect(source.text).toBe('a\nb中文。');
    expect(encodingWarning(source)).toMatchObject({ severity: 'warning', rule: 'encoding', line: 1 });
    expect(encodingWarning(source)!.message).toContain('GB18030');
    expect(encodingWarning(decodeSourceFile('y.md', new TextEncoder().encode('中文')))).toBeUndefined();
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x2d, 0x4e, 0x87, 0x65, 0x0a, 0x00]); // "中文\n"
    expect(decodeSourceFile('x.md', utf16)).toMatchObject({ text: '中文\n', encoding: 'UTF-16LE' });
  });

  it('refuses text that is neither UTF-8 nor Chinese GB18030, and says where', () => {
    const latin1 = Uint8Array.from([0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]); // "a\ncafé naïve"
    expect(() => decodeSource('x.md', latin1)).toThrow(/x\.md:2:4: error: is neither UTF-8 nor GBK\/GB18030/);
  });

  it('refuses binary files', () => {
    expect(() => decodeSource('x.md', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toThrow(/binary/);
  });
});
