// Links that make sense in a printed bulletin's PDF: web and mail addresses and the document's own
// anchors. `javascript:`, `data:`, `file:` and links to local files are dropped (their text stays),
// each with a warning: a PDF reader would run or open them on the reader's machine.
import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

const SAFE = /^(?:https?:\/\/|mailto:|#)/i;

export function isSafeHref(url: string): boolean {
  return SAFE.test(url.trim());
}

export default function remarkSafeLinks() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'link' && node.type !== 'linkReference') return;
      if (!parent || index === undefined) return;
      const url = node.type === 'link' ? node.url : (tree.children.find((d) => d.type === 'definition' && d.identifier === node.identifier) as { url?: string } | undefined)?.url;
      if (url === undefined || isSafeHref(url)) return;
      const message = file.message(`link to \`${url.slice(0, 60)}\` dropped (only http(s), mailto and # links reach the PDF); its text is kept`, node);
      message.ruleId = 'unsafe-link';
      parent.children.splice(index, 1, ...node.children);
      return [SKIP, index];
    });
  };
}
