// One issue as the site shows it: its front matter, its articles as the same hast the PDF is made
// from (transform stage + remark-rehype), and the names its files get in the archive.
import { basename, extname } from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { VFile } from 'vfile';
import { BulletinError } from '../diagnostics.ts';
import { articlesToHast } from '../html/index.ts';
import { parseBulletin, readSourceFile, type FrontMatter } from '../parse/index.ts';
import { vfileDiagnostics } from '../pipeline/build.ts';
import { transformBulletin } from '../transform/index.ts';

export interface SiteArticle {
  /** 1-based, in the order of the issue. */
  index: number;
  title: string;
  /** The `<article>` element the PDF lays out. */
  element: Element;
  /** Paragraph-level text blocks, for the search index. */
  blocks: string[];
}

export interface SiteIssue {
  source: string;
  meta: FrontMatter;
  articles: SiteArticle[];
  /** Folder of the issue's pages: the source file's name (2025-12). */
  slug: string;
  /** Download names that say which issue they are. */
  printPdf: string;
  screenPdf: string;
  /** Sort key, newest first: [year, number]. */
  order: [number, number];
}

/** Safe as a folder name on any static host: the source's name with anything odd replaced. */
export function slugOf(source: string): string {
  return basename(source, extname(source)).replace(/[^\p{L}\p{N}_-]+/gu, '-') || 'issue';
}

/** 2025年第12期 → [2025, 12]; else the date's year and month; else nothing known. */
export function issueOrder(meta: Pick<FrontMatter, 'issue' | 'date'>): [number, number] {
  const issue = /(\d{4})\s*年\s*第\s*(\d+)\s*期/.exec(meta.issue);
  if (issue) return [Number(issue[1]), Number(issue[2])];
  const date = /(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?/.exec(meta.date);
  if (date) return [Number(date[1]), Number(date[2] ?? 0)];
  return [0, 0];
}

/** A download name: the issue as written, without characters file systems refuse. */
export function fileStem(meta: Pick<FrontMatter, 'issue'>): string {
  return meta.issue.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^[.-]+/, '') || 'issue';
}

function blocksOf(element: Element): string[] {
  const blocks: string[] = [];
  const walk = (node: Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      // A paragraph, heading, list item or table cell is a block; containers are walked into.
      if (/^(p|h[1-6]|li|td|th|figcaption|dt|dd)$/.test(child.tagName)) {
        const text = hastToString(child).trim();
        if (text) blocks.push(text);
      } else walk(child);
    }
  };
  walk(element);
  return blocks;
}

export async function loadIssue(sourcePath: string): Promise<SiteIssue> {
  const source = readSourceFile(sourcePath);
  const parsed = parseBulletin(source);
  const file = new VFile({ path: source.path, value: source.text });
  const tree = await transformBulletin(parsed.tree, file, { rawHtml: parsed.meta.raw_html });
  const errors = vfileDiagnostics(file).filter((d) => d.severity === 'error');
  if (errors.length) throw new BulletinError(errors);
  const body: HastRoot = await articlesToHast(tree);
  const elements = body.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'article');
  const articles = elements.map((element, i) => {
    const h1 = element.children.find((c): c is Element => c.type === 'element' && c.tagName === 'h1');
    const title = String(h1?.properties.dataTitle ?? (h1 ? hastToString(h1) : `第${i + 1}篇`));
    return { index: i + 1, title, element, blocks: blocksOf(element) };
  });
  const stem = fileStem(parsed.meta);
  return {
    source: sourcePath,
    meta: parsed.meta,
    articles,
    slug: slugOf(sourcePath),
    printPdf: `${stem}.pdf`,
    screenPdf: `${stem}-屏幕版.pdf`,
    order: issueOrder(parsed.meta),
  };
}

/** Newest first; the same issue number twice is a mistake worth stopping for. */
export function sortIssues(issues: SiteIssue[]): SiteIssue[] {
  const seen = new Map<string, string>();
  const problems = [];
  for (const issue of issues) {
    for (const key of [`pdf:${issue.printPdf}`, `dir:${issue.slug}`]) {
      const other = seen.get(key);
      if (other) problems.push({ file: issue.source, severity: 'error' as const, message: `${key.startsWith('pdf') ? `issue "${issue.meta.issue}"` : `file name "${issue.slug}"`} is also used by ${other}: each issue needs its own`, rule: 'site-duplicate' });
      seen.set(key, issue.source);
    }
  }
  if (problems.length) throw new BulletinError(problems);
  return [...issues].sort((a, b) => b.order[0] - a.order[0] || b.order[1] - a.order[1] || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
