import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import remarkArticles from './articles.ts';
import remarkCjkSoftBreaks from './cjk-soft-breaks.ts';
import remarkElementLines from './element-lines.ts';
import remarkElements from './elements.ts';
import remarkEmbedImages from './embed-images.ts';
import remarkHeadingLevels from './headings.ts';
import remarkParagraphRoles from './paragraph-roles.ts';
import remarkRawHtml, { type RawHtmlMode } from './raw-html.ts';
import remarkSafeLinks from './safe-links.ts';

export type { BulletinArticle } from './types.ts';

export interface TransformOptions {
  /** Front matter `raw_html`: drop raw HTML (default) or pass it through the allow-list. */
  rawHtml?: RawHtmlMode;
}

/** The mdast stage: one small plugin per concern, in this order. */
export function bulletinTransforms(options: TransformOptions = {}) {
  return unified()
    .use(remarkElementLines)
    .use(remarkCjkSoftBreaks)
    .use(remarkRawHtml, { mode: options.rawHtml })
    .use(remarkSafeLinks)
    .use(remarkEmbedImages)
    .use(remarkArticles)
    .use(remarkHeadingLevels)
    .use(remarkParagraphRoles)
    .use(remarkElements);
}

export async function transformBulletin(tree: Root, file: VFile, options: TransformOptions = {}): Promise<Root> {
  return (await bulletinTransforms(options).run(tree, file)) as Root;
}
