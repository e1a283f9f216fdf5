import type { Root } from 'mdast';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
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

// The one Markdown reader: build, check (and import's repairs), preview, watch and verify all parse
// through here, so they agree on what is emphasis, a table or a footnote. GFM for tables and
// footnotes (single `~` is no strikethrough: `3~5年` is a range); remark-cjk-friendly so that
// `**加强政治引领。**各级…` is emphasis next to CJK punctuation, where CommonMark prints the asterisks.
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm, { singleTilde: false }).use(remarkCjkFriendly);

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
