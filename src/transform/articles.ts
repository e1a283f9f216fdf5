// Groups the document into articles: each `#` heading opens one, which runs to the next `#`.
// Articles get ASCII ids (art-1, art-2…): Paged.js cannot resolve percent-encoded CJK hrefs.
import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { BulletinArticle } from './types.ts';

/** The title as written, whitespace runs folded to one space (the line-break points). */
export function articleTitle(heading: Heading): string {
  return toString(heading).replace(/[\s\u3000]+/g, ' ').trim();
}

export default function remarkArticles() {
  return (tree: Root, file: VFile) => {
    const articles: BulletinArticle[] = [];
    for (const node of tree.children) {
      if (node.type === 'heading' && node.depth === 1) {
        const index = articles.length + 1;
        articles.push({
          type: 'bulletinArticle',
          children: [node],
          position: node.position,
          data: { hName: 'article', hProperties: { id: `article-${index}`, className: ['article'] }, title: articleTitle(node), index },
        });
        continue;
      }
      const current = articles.at(-1);
      if (current) {
        current.children.push(node);
        current.position = { start: current.position!.start, end: node.position?.end ?? current.position!.end };
      } else if (node.type !== 'definition') {
        const message = file.message('text before the first article: every article must start with a `#` heading', node);
        message.ruleId = 'text-before-article';
        message.fatal = true;
      }
    }
    if (!articles.length) {
      const message = file.message('no articles: each article must start with a `#` heading', tree.position?.end ?? { line: 1, column: 1 });
      message.ruleId = 'no-articles';
      message.fatal = true;
    }
    for (const article of articles) {
      if (article.children.length === 1) {
        const message = file.message(`article "${article.data.title}" has no text`, article.children[0]);
        message.ruleId = 'empty-article';
      }
    }
    tree.children = articles as RootContent[];
  };
}
