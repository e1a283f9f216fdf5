// Paragraphs whose role shows in their text: the head under the title (a subtitle `——在…上的讲话`,
// its date in parentheses, a byline 习近平, in any order a speech prints them), a source note in
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

/** A subtitle under the title: a short line led by a dash (`——在全市…会议上的讲话`), no sentence in it. */
export function isSubtitle(text: string): boolean {
  const t = text.trim();
  return /^[—–－]{1,2}\S/.test(t) && [...t].length <= 60 && !/[。！？；]/.test(t);
}

export function isClosingNote(text: string): boolean {
  return text.trim().startsWith('※');
}

function tag(node: Paragraph, ...className: string[]): void {
  node.data = { ...node.data, hProperties: { ...node.data?.hProperties, className } };
}

/** A head line set bold as a whole in Word or on a page takes its role's face, not 黑体. */
function plainHead(node: Paragraph): void {
  const [only] = node.children;
  if (node.children.length === 1 && only?.type === 'strong') node.children = only.children;
}

export default function remarkParagraphRoles() {
  return (tree: Root) => {
    visit(tree, 'bulletinArticle', (article: BulletinArticle) => {
      // Still in the head: only a subtitle, a dated note and a byline stood between here and the title.
      let head = true;
      article.children.forEach((node, i) => {
        if (i === 0) return;
        if (node.type !== 'paragraph') {
          head = false;
          return;
        }
        const text = toString(node);
        if (node.children.length > 0 && node.children.every((c) => c.type === 'image' || (c.type === 'text' && !c.value.trim()))) {
          tag(node, 'figure');
          head = false;
        } else if (head && i === 1 && isSubtitle(text)) {
          plainHead(node);
          tag(node, 'subtitle');
        } else if (head && i <= 3 && isByline(text)) {
          plainHead(node);
          tag(node, 'byline');
        } else if (isSourceNote(text)) {
          if (head) plainHead(node);
          // In the head it dates the speech and is centred with it; below, it closes an excerpt.
          tag(node, ...(head ? ['source-note', 'head-note'] : ['source-note']));
        } else {
          head = false;
          if (isClosingNote(text)) tag(node, 'closing-note');
        }
      });
    });
  };
}
