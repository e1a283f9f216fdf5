// Raw HTML in a bulletin is almost always pasted debris, and it would run inside a browser that
// can read local files: it never reaches the page. Each dropped piece is reported.
import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export default function remarkDropRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const snippet = node.value.trim().split('\n')[0]!.slice(0, 40);
      const message = file.message(`raw HTML is not passed through; dropped \`${snippet}\``, node);
      message.ruleId = 'raw-html';
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
