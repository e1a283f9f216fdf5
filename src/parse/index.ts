import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { fail } from '../diagnostics.ts';
import { parseFrontMatter, type FrontMatter } from './front-matter.ts';
import type { SourceFile } from './source-file.ts';

export { readSourceFile, decodeSource, type SourceFile } from './source-file.ts';
export type { FrontMatter } from './front-matter.ts';

export interface ParsedBulletin {
  source: SourceFile;
  meta: FrontMatter;
  /** The Markdown tree after the front matter, with source positions. */
  tree: Root;
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

export function parseBulletin(source: SourceFile): ParsedBulletin {
  const { path, text } = source;
  if (!text.trim()) fail(path, 'is empty: expected front matter and at least one `#` article', { line: 1, column: 1 });
  const tree = parseMarkdown(text);
  const first = tree.children[0];
  if (first?.type !== 'yaml') {
    fail(path, 'missing front matter: the file must start with a `---` block (organization, publication, issue, issuers, date)', { line: 1, column: 1 }, 'front-matter');
  }
  const meta = parseFrontMatter(path, first.value, (first.position?.start.line ?? 1) + 1);
  tree.children.shift();
  return { source, meta, tree };
}
