// The HTML stage: mdast → hast (remark-rehype) → one self-contained document: cover with masthead
// and 目录, the articles, inlined styles and subset fonts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { h } from 'hastscript';
import type { Root } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { FrontMatter } from '../parse/index.ts';
import { projectRoot } from '../paths.ts';
import { masthead } from './masthead.ts';
import { toc, type TocEntry } from './toc.ts';

export type OutputMode = 'print' | 'screen';

export interface HtmlOptions {
  meta: FrontMatter;
  mode: OutputMode;
  /** @font-face rules and role variables from the fonts stage. */
  fontCss: string;
  generator: string;
  /** Characters of text in the articles (for the 目录's number room); counted when not given. */
  textLength?: number;
}

export function documentTitle(meta: FrontMatter): string {
  return `${meta.organization}${meta.publication}（${meta.issue}）`;
}

export function runningHeader(meta: FrontMatter): string {
  return `${meta.organization}${meta.publication} · ${meta.issue}`;
}

/** The house style, then the body elements' own sheet (emphasis, lead-ins, tables, notes…). */
const STYLESHEETS = ['styles/bulletin.css', 'styles/elements.css'];

export function loadStylesheet(): string {
  return STYLESHEETS.map((file) => readFileSync(join(projectRoot, file), 'utf8')).join('\n');
}

/** The articles as hast, before the document shell is added. */
export async function articlesToHast(tree: Root): Promise<HastRoot> {
  return (await unified().use(remarkRehype).run(tree)) as HastRoot;
}

export function tocEntries(body: HastRoot): TocEntry[] {
  const entries: TocEntry[] = [];
  visit(body, 'element', (node: Element) => {
    if (node.tagName === 'h1' && typeof node.properties.id === 'string') {
      entries.push({ id: node.properties.id, title: String(node.properties.dataTitle ?? hastToString(node)) });
    }
  });
  return entries;
}

/**
 * How many digits the 目录's page numbers may need, known before layout only roughly: a page holds
 * at most 22 × 28 characters and every article starts a page; with half as much again for
 * headings, short lines and blank pages, an estimate that errs high.
 */
export function folioDigits(body: HastRoot, textLength = hastToString(body).length): number {
  const articles = body.children.filter((n) => n.type === 'element' && n.tagName === 'article').length;
  const pages = articles + Math.ceil(textLength / 616);
  return String(Math.ceil(pages * 1.5) + 1).length;
}

/** Wraps the articles into the full document: head, cover (masthead + 目录), main. */
export function bulletinDocument(body: HastRoot, options: HtmlOptions): HastRoot {
  const { meta, mode } = options;
  const articles = body.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'article');
  // In print output the first article opens on a right-hand page (Paged.js inserts the blank).
  if (mode === 'print' && articles[0]) {
    const cls = articles[0].properties.className;
    articles[0].properties.className = [...(Array.isArray(cls) ? cls : []), 'recto'];
  }
  const variables = `:root { --bulletin-running-text: ${JSON.stringify(runningHeader(meta))}; }`;
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'zh-CN', dataHeader: meta.header ? 'on' : 'off', dataMode: mode }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('title', documentTitle(meta)),
          h('meta', { name: 'author', content: meta.issuers.join('、') }),
          h('meta', { name: 'subject', content: meta.subject ?? `${meta.publication}（${meta.issue}）` }),
          h('meta', { name: 'keywords', content: (meta.keywords ?? [meta.organization, meta.publication, meta.issue]).join(',') }),
          h('meta', { name: 'generator', content: options.generator }),
          // Fonts and variables are not page rules: Paged.js may leave this sheet alone.
          h('style', { dataPagedjsIgnore: '' }, `${options.fontCss}\n${variables}`),
          h('style', loadStylesheet()),
        ]),
        h('body', [h('section.cover', [masthead(meta), toc(tocEntries(body), folioDigits(body, options.textLength))]), h('main.articles', articles)]),
      ]),
    ],
  };
}

export function stringifyHtml(tree: HastRoot): string {
  return unified().use(rehypeStringify).stringify(tree);
}
