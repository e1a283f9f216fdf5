// Elements an editor types one per line inside a paragraph: an attachment list (`附件：1. …` with
// `2. …` on the next line) and the issuer and date closing a letter. Read here, while the line
// breaks are still in the text (the CJK soft-break step removes them next): the attachment list
// becomes its own block (label, numbers and names in columns), the closing lines separate
// paragraphs that the elements step sets as a closing.
import type { List, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { ElementContent } from 'hast';
import { toString } from 'mdast-util-to-string';
import { attachmentList, closingLines, type Attachment } from './element-text.ts';

/** The lines of a paragraph as typed: soft and hard line breaks both end a line. */
export function paragraphLines(node: Paragraph): string[] {
  const lines = [''];
  for (const child of node.children) {
    if (child.type === 'break') lines.push('');
    else if (child.type === 'text') {
      const parts = child.value.split('\n');
      lines[lines.length - 1] = `${lines.at(-1) ?? ''}${parts[0] ?? ''}`;
      lines.push(...parts.slice(1));
    } else lines[lines.length - 1] = `${lines.at(-1) ?? ''}${toString(child)}`;
  }
  return lines.map((l) => l.trim()).filter(Boolean);
}

const span = (className: string, text: string): ElementContent => ({ type: 'element', tagName: 'span', properties: { className: [className] }, children: [{ type: 'text', value: text }] });

/** The attachment list as one block: `附件：` indented two characters, names aligned in a column. */
export function attachmentBlock(node: Paragraph, items: Attachment[]): Paragraph {
  const children: ElementContent[] = [span('attachments-label', '附件：')];
  for (const item of items) {
    if (item.number) children.push(span('attachment-number', item.number));
    children.push(span('attachment-name', item.name));
  }
  return { ...node, data: { ...node.data, hName: 'div', hProperties: { className: ['attachments'] }, hChildren: children } };
}

function lineParagraph(node: Paragraph, text: string, i: number): Paragraph {
  const start = node.position && { ...node.position.start, line: node.position.start.line + i, column: 1, offset: undefined };
  return { type: 'paragraph', children: [{ type: 'text', value: text } as PhrasingContent], position: start && node.position ? { start, end: start } : undefined };
}

export default function remarkElementLines() {
  return (tree: Root) => {
    const out: RootContent[] = [];
    const nodes = tree.children;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.type !== 'paragraph') {
        out.push(node);
        continue;
      }
      const lines = paragraphLines(node);
      // `附件：` alone, then the attachments as a Markdown ordered list.
      const next = nodes[i + 1];
      if (lines.length === 1 && /^附件[：:]$/.test(lines[0]!) && next?.type === 'list' && next.ordered) {
        const list = next as List;
        const names = list.children.map((item) => toString(item).replace(/\s+/g, ' ').trim());
        const items = names.map((name, k) => ({ number: `${(list.start ?? 1) + k}.`, name }));
        out.push(attachmentBlock(node, items));
        i += 1;
        continue;
      }
      const items = attachmentList(lines);
      if (items) {
        out.push(attachmentBlock(node, items));
        continue;
      }
      const closing = lines.length > 1 ? closingLines(lines) : undefined;
      if (closing) {
        [...closing.issuers, closing.date].forEach((line, k) => out.push(lineParagraph(node, line, k)));
        continue;
      }
      out.push(node);
    }
    tree.children = out;
  };
}
