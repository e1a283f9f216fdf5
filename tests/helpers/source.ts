import { toString } from 'mdast-util-to-string';
import { parseBulletin, readSourceFile } from '../../src/parse/index.ts';

/** The text blocks of a source (headings and paragraphs), in reading order. */
export function sourceBlocks(path: string): Array<{ kind: string; depth?: number; text: string; line: number }> {
  const { tree } = parseBulletin(readSourceFile(path));
  return tree.children
    .filter((n) => n.type === 'heading' || n.type === 'paragraph')
    .map((n) => ({ kind: n.type, depth: n.type === 'heading' ? n.depth : undefined, text: toString(n), line: n.position!.start.line }));
}

/** A complete front matter with one issuing body, for sources written by tests. */
export const FRONT = `---
organization: 广州市社会组织党组织
publication: 学习资料
issue: 2025年第12期
issuers: [中共广州市社会组织委员会]
date: 2025年12月
---
`;
