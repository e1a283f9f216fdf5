// Heading levels come from the numbering the editor wrote, not from how many `#` they typed:
// 一、 → level 1 (黑体), a bare 三 → level 1 centred, （一） → level 2 (楷体), 1. → level 3,
// （1） → level 4. Article titles (`#`) get their line-break points and running-header text.
import type { Heading, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { BLOCK_PT, headerTitle, headingLines, titleLayout } from '../linebreak/index.ts';
import type { BulletinArticle } from './types.ts';

/** Ems of the text block at the title size (2号, 22 pt) and at the header size (5号, 10.5 pt). */
const TITLE_EMS = Math.floor(BLOCK_PT / 22);
const HEADER_EMS = Math.floor(BLOCK_PT / 10.5) - 2;

const CN = '[一二三四五六七八九十百零〇]+';
const LEVELS: Array<{ test: RegExp; level: number; className: string[] }> = [
  { test: new RegExp(`^${CN}、`), level: 1, className: ['section', 'level-1'] },
  { test: new RegExp(`^${CN}$`), level: 1, className: ['section', 'level-1', 'numeral'] },
  { test: new RegExp(`^（${CN}）`), level: 2, className: ['section', 'level-2'] },
  { test: /^\d+[.．]/, level: 3, className: ['section', 'level-3'] },
  { test: /^（\d+）/, level: 4, className: ['section', 'level-4'] },
];

export function headingLevel(text: string): { level: number; className: string[] } {
  const trimmed = text.trim();
  const match = LEVELS.find((l) => l.test.test(trimmed));
  return match ? { level: match.level, className: match.className } : { level: 1, className: ['section', 'level-1', 'unnumbered'] };
}

// The title's lines are chosen here, before layout (src/linebreak): the PDF, the --html output, the
// preview and the watch all get the same breaks. One block per line; no text between them, so the
// title copies out of the PDF without spaces the editor did not type.
function titleLines(heading: Heading, title: string): PhrasingContent[] {
  if (heading.children.some((c) => c.type !== 'text')) return heading.children;
  // The editor's spaces are preferred breaks (a line may hold a space where two parts fit on it).
  return titleLayout(title, TITLE_EMS).flatMap(({ text: line, space }) => [
    // The editor's space stays in the text (bookmarks and copied text read it).
    ...(space ? [{ type: 'text', value: ' ' } as PhrasingContent] : []),
    { type: 'emphasis', children: [{ type: 'text', value: line }], data: { hName: 'span', hProperties: { className: ['title-line'] } } } as PhrasingContent,
  ]);
}

/** Characters on a section heading's lines: 28 to the line, the first indented two. */
const SECTION_FIRST = 26;
const SECTION_REST = 28;

// A section heading that wraps breaks where src/linebreak says (at a phrase boundary, the editor's
// space first), with a line break between its lines; the browser would break inside a word.
function sectionLines(heading: Heading): PhrasingContent[] {
  if (heading.children.some((c) => c.type !== 'text')) return heading.children;
  const lines = headingLines(toString(heading), SECTION_FIRST, SECTION_REST);
  if (lines.length < 2) return heading.children;
  return lines.flatMap((line, i): PhrasingContent[] => {
    if (i === 0) return [{ type: 'text', value: line }];
    // The editor's space stays in the text, before the break (copied text reads it).
    const space = line.startsWith(' ');
    return [...(space ? [{ type: 'text', value: ' ' } as PhrasingContent] : []), { type: 'break' }, { type: 'text', value: line.trimStart() }];
  });
}

export default function remarkHeadingLevels() {
  return (tree: Root) => {
    visit(tree, 'bulletinArticle', (article: BulletinArticle) => {
      for (const node of article.children) {
        if (node.type !== 'heading') continue;
        if (node.depth === 1) {
          node.children = titleLines(node, article.data.title);
          node.data = {
            hName: 'h1',
            hProperties: {
              id: `art-${article.data.index}`,
              className: ['article-title'],
              dataTitle: article.data.title,
              dataRunningTitle: headerTitle(article.data.title, HEADER_EMS),
            },
          };
          continue;
        }
        const { level, className } = headingLevel(toString(node));
        node.children = sectionLines(node);
        node.data = { hName: `h${level + 1}`, hProperties: { className } };
      }
    });
  };
}
