// The archive's pages as hast: the index of all issues, one page per issue, one reading page per
// article, the search page. Every link is relative (`root` is the way back to the site's top), so
// the site works from any host, a subfolder or file://.
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { SiteIssue } from './issue.ts';

export interface IssueFiles {
  issue: SiteIssue;
  /** 1-based PDF pages of the articles' titles. */
  printPages: number[];
  screenPages: number[];
  printFolios: Array<number | undefined>;
  screenFolios: Array<number | undefined>;
  printBytes: number;
  screenBytes: number;
}

export interface SitePage {
  /** Path inside the site, '/'-separated. */
  path: string;
  tree: HastRoot;
}

/** One path segment as a link: CJK names percent-encoded, as every host and file:// expect. */
const seg = (name: string) => encodeURIComponent(name);
export const issueDir = (issue: SiteIssue) => issue.slug;
export const articleFile = (n: number) => `article-${n}.html`;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What the red band says: the organisation and publication of the newest issue. */
export interface Brand {
  organization: string;
  publication: string;
}

function shell(brand: Brand, title: string, root: string, content: ElementContent[], scripts: string[] = []): HastRoot {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'zh-CN' }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title),
          h('link', { rel: 'stylesheet', href: `${root}assets/site.css` }),
          // No icon to fetch: browsers would otherwise ask the host for /favicon.ico.
          h('link', { rel: 'icon', href: 'data:,' }),
        ]),
        h('body', [
          h('header.band', [
            h('p.band-org', brand.organization),
            h('p.band-title', [h('a', { href: `${root}index.html` }, brand.publication)]),
          ]),
          h('main.page', content),
          h('footer.site-foot', [h('p', [`各期${brand.publication}的网页版与 PDF 下载。 `, h('a', { href: `${root}search.html` }, '全文搜索')])]),
          ...scripts.map((src) => h('script', { src: `${root}${src}` })),
        ]),
      ]),
    ],
  };
}

function searchForm(root: string, id?: string): Element {
  return h('form.search-box', { action: `${root}search.html`, method: 'get', role: 'search', id }, [
    h('input', { type: 'search', name: 'q', placeholder: '搜索各期文章', ariaLabel: '搜索各期文章', id: id ? 'search-input' : undefined }),
    h('button', { type: 'submit' }, '搜索'),
  ]);
}

function downloads(files: IssueFiles, root: string): Element {
  const { issue } = files;
  const dir = `${root}${seg(issueDir(issue))}/`;
  return h('ul.downloads', [
    h('li', [h('a.pdf-print', { href: `${dir}${seg(issue.printPdf)}`, download: issue.printPdf }, `印刷版 PDF（${megabytes(files.printBytes)}）`)]),
    h('li', [h('a.pdf-screen', { href: `${dir}${seg(issue.screenPdf)}`, download: issue.screenPdf }, `屏幕版 PDF（${megabytes(files.screenBytes)}）`)]),
  ]);
}

/**
 * A page as the reader finds it: by the number printed on it, as the PDF's own 目录 gives it (the
 * link opens the PDF at its physical page, which counts the cover and the 目录 too).
 */
const pageLabel = (folio: number | undefined, physical: number) => (folio !== undefined ? `第${folio}页` : `PDF第${physical}页`);

function tocList(files: IssueFiles, root: string): Element {
  const dir = `${root}${seg(issueDir(files.issue))}/`;
  return h(
    'ol.toc',
    files.issue.articles.map((article, i) =>
      h('li', [h('a', { href: `${dir}${articleFile(article.index)}` }, article.title), ' ', h('span.toc-page', pageLabel(files.printFolios[i], files.printPages[i]!))]),
    ),
  );
}

function cover(files: IssueFiles, root: string, link: boolean): Element {
  const dir = `${root}${seg(issueDir(files.issue))}/`;
  const img = h('img', { src: `${dir}cover.png`, alt: `${files.issue.meta.issue}封面`, width: 360, height: 509 });
  return h('div.issue-cover', link ? [h('a', { href: `${dir}index.html` }, img)] : [img]);
}

export function indexPage(brand: Brand, all: IssueFiles[]): SitePage {
  const content: ElementContent[] = [
    searchForm(''),
    h(
      'ol.issues',
      all.map((files) =>
        h('li.issue-card', [
          cover(files, '', true),
          h('div.issue-info', [
            h('h2.issue-heading', [h('a', { href: `${seg(issueDir(files.issue))}/index.html` }, files.issue.meta.issue)]),
            h('p.issue-date', files.issue.meta.date),
            downloads(files, ''),
          ]),
          tocList(files, ''),
        ]),
      ),
    ),
  ];
  return { path: 'index.html', tree: shell(brand, `${brand.publication} · 各期`, '', content) };
}

export function issuePage(brand: Brand, files: IssueFiles): SitePage {
  const { issue } = files;
  const root = '../';
  const content: ElementContent[] = [
    h('p.crumbs', [h('a', { href: `${root}index.html` }, '各期'), ' › ', issue.meta.issue]),
    h('div.issue-masthead', [
      cover(files, root, false),
      h('h1.issue-heading', `${issue.meta.publication}（${issue.meta.issue}）`),
      h('p.issuers', issue.meta.issuers.join('　')),
      h('p.issue-date', issue.meta.date),
      downloads(files, root),
    ]),
    h('p.toc-heading', '目录'),
    tocList(files, root),
  ];
  return { path: `${issueDir(issue)}/index.html`, tree: shell(brand, `${issue.meta.publication}（${issue.meta.issue}）`, root, content) };
}

/** The article as the PDF has it, with wide tables given a box of their own to scroll in. */
function readingArticle(element: Element): Element {
  const copy = structuredClone(element);
  visit(copy, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'table' || !parent || index === undefined) return;
    parent.children[index] = h('div.table-wrap', [node]);
  });
  return copy;
}

export function articlePage(brand: Brand, files: IssueFiles, i: number): SitePage {
  const { issue } = files;
  const article = issue.articles[i]!;
  const root = '../';
  const prev = issue.articles[i - 1];
  const next = issue.articles[i + 1];
  const printAt = files.printPages[i]!;
  const screenAt = files.screenPages[i]!;
  const content: ElementContent[] = [
    h('p.crumbs', [h('a', { href: `${root}index.html` }, '各期'), ' › ', h('a', { href: 'index.html' }, issue.meta.issue), ' › ', `第${article.index}篇`]),
    h('p.pdf-link', [
      'PDF 中的这篇：',
      h('a.pdf-print', { href: `${seg(issue.printPdf)}#page=${printAt}` }, `印刷版${pageLabel(files.printFolios[i], printAt)}`),
      '　',
      h('a.pdf-screen', { href: `${seg(issue.screenPdf)}#page=${screenAt}` }, `屏幕版${pageLabel(files.screenFolios[i], screenAt)}`),
    ]),
    readingArticle(article.element),
    h('nav.pager', { ariaLabel: '上一篇和下一篇' }, [
      prev ? h('a.prev', { href: articleFile(prev.index), rel: 'prev' }, [h('span', '上一篇'), prev.title]) : h('a.prev', { href: 'index.html' }, [h('span', '本期'), '目录']),
      next ? h('a.next', { href: articleFile(next.index), rel: 'next' }, [h('span', '下一篇'), next.title]) : h('a.next', { href: 'index.html' }, [h('span', '本期'), '目录']),
    ]),
  ];
  return { path: `${issueDir(issue)}/${articleFile(article.index)}`, tree: shell(brand, `${article.title} · ${issue.meta.issue}`, root, content) };
}

export function searchPage(brand: Brand): SitePage {
  const content: ElementContent[] = [
    h('p.crumbs', [h('a', { href: 'index.html' }, '各期'), ' › ', '搜索']),
    searchForm('', 'search-form'),
    h('p#search-status', { ariaLive: 'polite' }),
    h('ol.search-results#search-results'),
    h('noscript', '搜索需要开启浏览器的 JavaScript。'),
  ];
  return { path: 'search.html', tree: shell(brand, `搜索 · ${brand.publication}`, '', content, ['assets/search-index.js', 'assets/search.js']) };
}
