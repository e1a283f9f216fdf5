// Paragraphs whose role shows in their text: a byline under the title (习近平), a source note in
// full-width parentheses on its own line, a closing note starting with ※, a paragraph that is
// only an image (set as a centred figure, not indented text).
import type { Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { BulletinArticle } from './types.ts';

const PUNCTUATION = /[，。、；：？！“”‘’（）《》…—,.;:?!()]/;

export function isByline(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 12 && !PUNCTUATION.test(t);
}

/** The whole paragraph is one parenthesised aside: （2024年1月31日在…的讲话）. */
export function isSourceNote(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('（') || !t.endsWith('）')) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '（') depth++;
    else if (t[i] === '）') depth--;
    if (depth === 0 && i < t.length - 1) return false;
  }
  return depth === 0;
}

export function isClosingNote(text: string): boolean {
  return text.trim().startsWith('※');
}

function tag(node: Paragraph, className: string): void {
  node.data = { ...node.data, hProperties: { ...node.data?.hProperties, className: [className] } };
}

export default function remarkParagraphRoles() {
  return (tree: Root) => {
    visit(tree, 'bulletinArticle', (article: BulletinArticle) => {
      article.children.forEach((node, i) => {
        if (node.type !== 'paragraph') return;
        const text = toString(node);
        if (node.children.length > 0 && node.children.every((c) => c.type === 'image' || (c.type === 'text' && !c.value.trim()))) tag(node, 'figure');
        else if (i === 1 && isByline(text)) tag(node, 'byline');
        else if (isSourceNote(text)) tag(node, 'source-note');
        else if (isClosingNote(text)) tag(node, 'closing-note');
      });
    });
  };
}
