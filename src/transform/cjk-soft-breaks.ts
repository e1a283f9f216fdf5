// A line break inside a Markdown paragraph becomes a space in HTML. Between two Chinese
// characters that space is visible on paper, so the break is removed there; between Latin words
// it stays a space.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

const WIDE = '\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF\\u3000-\\u303F\\u2014\\u2018-\\u201D\\u2026';
const BREAK_BETWEEN_WIDE = new RegExp(`([${WIDE}])[ \\t]*\\n[ \\t]*(?=[${WIDE}])`, 'gu');

export function joinCjkLines(text: string): string {
  return text.replace(BREAK_BETWEEN_WIDE, '$1');
}

export default function remarkCjkSoftBreaks() {
  return (tree: Root) => {
    visit(tree, 'text', (node) => {
      if (node.value.includes('\n')) node.value = joinCjkLines(node.value);
    });
  };
}
