import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import remarkArticles from './articles.ts';
import remarkCjkSoftBreaks from './cjk-soft-breaks.ts';
import remarkDropRawHtml from './drop-raw-html.ts';
import remarkHeadingLevels from './headings.ts';
import remarkParagraphRoles from './paragraph-roles.ts';

export type { BulletinArticle } from './types.ts';

/** The mdast stage: one small plugin per concern, in this order. */
export const bulletinTransforms = unified()
  .use(remarkDropRawHtml)
  .use(remarkCjkSoftBreaks)
  .use(remarkArticles)
  .use(remarkHeadingLevels)
  .use(remarkParagraphRoles);

export async function transformBulletin(tree: Root, file: VFile): Promise<Root> {
  return (await bulletinTransforms.run(tree, file)) as Root;
}
