// Raw HTML in a bulletin is almost always pasted debris, and it would run inside a browser. By
// default it never reaches the page: each piece is dropped with a warning. A source that opts in
// (`raw_html: sanitize` in its front matter) keeps it, cut down to an allow-list — inline emphasis,
// lists, tables, web links: nothing that loads, runs, styles or names anything. Only the blocks
// that hold raw HTML go through the sanitizer, so the ids and classes the pipeline adds elsewhere
// stay untouched.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize, type Schema } from 'hast-util-sanitize';
import type { Html, Parent, Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export type RawHtmlMode = 'drop' | 'sanitize';

export const rawHtmlSchema: Schema = {
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'textarea', 'select'],
  tagNames: ['b', 'strong', 'i', 'em', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'span', 'br', 'p', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'a'],
  attributes: { a: ['href'], td: ['colSpan', 'rowSpan'], th: ['colSpan', 'rowSpan'] },
  protocols: { href: ['http', 'https', 'mailto'] },
  ancestors: {},
  allowComments: false,
  allowDoctypes: false,
};

/** Raw HTML (with the Markdown around it) → the hast the allow-list lets through. */
export function sanitizedHast(node: Parent | Html): ElementContent[] {
  const tree = toHast(node as Root, { allowDangerousHtml: true });
  const root: HastRoot = tree.type === 'root' ? tree : { type: 'root', children: [tree as ElementContent] };
  const clean = sanitize(raw(root) as HastRoot, rawHtmlSchema) as HastRoot;
  const children = clean.children as ElementContent[];
  // The block's own wrapper (a paragraph's <p>) is rebuilt by the pipeline with its classes.
  if (node.type !== 'html' && children.length === 1 && children[0]!.type === 'element') return (children[0] as Element).children;
  return children;
}

export default function remarkRawHtml(options: { mode?: RawHtmlMode } = {}) {
  return (tree: Root, file: VFile) => {
    const sanitizeMode = options.mode === 'sanitize';
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (sanitizeMode) {
        if (parent.type === 'root' || parent.type === 'blockquote' || parent.type === 'listItem') {
          // A block of raw HTML becomes a plain container of its sanitized content.
          parent.children[index] = { type: 'paragraph', children: [], position: node.position, data: { hName: 'div', hProperties: { className: ['raw-html'] }, hChildren: sanitizedHast(node) } };
        } else {
          // Inline HTML: the whole enclosing block (a paragraph, heading, cell) is rebuilt once.
          const block = parent as Parent & { data?: { hChildren?: ElementContent[] } };
          if (!block.data?.hChildren) block.data = { ...block.data, hChildren: sanitizedHast(block) };
        }
        return SKIP;
      }
      const snippet = node.value.trim().split('\n')[0]!.slice(0, 40);
      const message = file.message(`raw HTML is not passed through; dropped \`${snippet}\` (set \`raw_html: sanitize\` in the front matter to keep safe tags)`, node);
      message.ruleId = 'raw-html';
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
