// Parses the source once and lays out what the rules read: the front matter node, the articles
// (same grouping as src/transform/articles.ts), every paragraph and heading, and raw prose runs.
import type { Heading, Paragraph, Parent, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { parseMarkdown } from '../parse/index.ts';
import type { Article, Block, CheckContext, CheckOptions, Run } from './types.ts';

export function createContext(file: string, text: string, options: CheckOptions = {}): CheckContext {
  const tree = parseMarkdown(text);
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  const before: RootContent[] = [];
  const articles: Article[] = [];
  for (const node of tree.children) {
    if (node === yaml) continue;
    if (node.type === 'heading' && node.depth === 1) {
      articles.push({ heading: node, title: toString(node).replace(/[\s\u3000]+/g, ' ').trim(), nodes: [] });
    } else if (articles.length) articles.at(-1)!.nodes.push(node);
    else before.push(node);
  }

  const articleOf = new Map<RootContent, Article>();
  for (const article of articles) {
    articleOf.set(article.heading, article);
    for (const node of article.nodes) articleOf.set(node, article);
  }
  const blocks: Block[] = [];
  for (const [index, top] of tree.children.entries()) {
    const article = articleOf.get(top);
    visit(top, (node, i, parent) => {
      if (node.type !== 'paragraph' && node.type !== 'heading') return;
      blocks.push({ node, parent: (parent ?? tree) as Parent, index: parent ? i! : index, article });
    });
  }

  const runCache = new Map<Paragraph | Heading, Run[]>();
  const memo = new Map<string, unknown>();
  return {
    file,
    text,
    tree,
    options,
    yaml,
    before,
    articles,
    blocks,
    runs(node) {
      let runs = runCache.get(node);
      if (!runs) {
        runs = [];
        visit(node, 'text', (t: Text) => {
          const start = t.position?.start.offset;
          const end = t.position?.end.offset;
          if (start !== undefined && end !== undefined) runs!.push({ start, end, value: text.slice(start, end) });
        });
        runCache.set(node, runs);
      }
      return runs;
    },
    plain: (node) => toString(node),
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
  };
}

/** Start and end offsets of a node (0 when unknown: generated nodes have no position). */
export function span(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}
