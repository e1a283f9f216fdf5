// How the document divides into articles: every article opens with one `#` heading; the masthead
// and the 目录 are generated, so a hand-made copy of either in the body prints twice.
import { dirname, resolve } from 'node:path';
import type { Heading, Image, ImageReference, Paragraph } from 'mdast';
import { visit } from 'unist-util-visit';
import { resolveImage } from '../../transform/embed-images.ts';
import { span } from '../context.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';

export const textBeforeArticle: Rule = {
  id: 'text-before-article',
  description: 'text before the first `#` article heading (the build refuses it)',
  severity: 'error',
  check(ctx) {
    return ctx.before
      .filter((node) => node.type !== 'definition' && node.type !== 'html')
      .map((node) => ({ offset: span(node)[0], message: 'text before the first article: every article must start with a `#` heading' }));
  },
};

export const noArticles: Rule = {
  id: 'no-articles',
  description: 'the document has no `#` article heading at all',
  severity: 'error',
  check(ctx) {
    if (ctx.articles.length) return [];
    return [{ offset: ctx.yaml ? span(ctx.yaml)[1] : 0, message: 'no articles: each article must start with a `#` heading' }];
  },
};

export const emptyArticle: Rule = {
  id: 'empty-article',
  description: 'an article heading with no text under it',
  severity: 'error',
  check(ctx) {
    return ctx.articles
      .filter((a) => !a.nodes.some((n) => n.type !== 'definition' && n.type !== 'html' && n.type !== 'thematicBreak'))
      .map((a) => ({ offset: span(a.heading)[0], message: `article "${a.title}" has no text` }));
  },
};

export const duplicateTitle: Rule = {
  id: 'duplicate-title',
  description: 'two articles with the same title (the 目录 lists both)',
  severity: 'warning',
  check(ctx) {
    const seen = new Map<string, number>();
    const findings: Finding[] = [];
    for (const a of ctx.articles) {
      const key = a.title.replace(/\s/g, '');
      const first = seen.get(key);
      if (first !== undefined) findings.push({ offset: span(a.heading)[0], message: `duplicate article title "${a.title}" (first at line ${first})` });
      else seen.set(key, a.heading.position?.start.line ?? 0);
    }
    return findings;
  },
};

/** Longer titles do not fit one line of the 目录 and are cut short in the running header. */
export const MAX_TITLE = 60;

export const titleNoText: Rule = {
  id: 'title-no-text',
  description: 'an article title with no letters, digits or hanzi (`# ……`): the 目录 and the running header need words',
  severity: 'error',
  check(ctx) {
    return ctx.articles
      .filter((a) => !/[\p{L}\p{N}]/u.test(a.title))
      .map((a) => ({ offset: span(a.heading)[0], message: a.title ? `article title "${a.title}" has no words, only punctuation: the 目录 and the running header need a title` : 'article title is empty: the 目录 and the running header need a title' }));
  },
};

/**
 * Past this a title is refused: its 目录 entry (some 22 characters a line) would take a third of
 * the cover page, and one of 300 no longer fits beneath the masthead (measured). A headline is
 * never near it; a pasted paragraph is.
 */
export const REFUSED_TITLE = 150;

export const titleTooLong: Rule = {
  id: 'title-too-long',
  description: `an article title over ${MAX_TITLE} characters: too long for one 目录 line and the running header`,
  severity: 'warning',
  check(ctx) {
    return ctx.articles
      .map((a) => ({ a, length: [...a.title.replace(/\s/g, '')].length }))
      .filter(({ length }) => length > MAX_TITLE)
      .map(({ a, length }) =>
        length > REFUSED_TITLE
          ? { offset: span(a.heading)[0], severity: 'error' as const, message: `article title of ${length} characters: a 目录 entry must fit its page, and one of more than ${REFUSED_TITLE} characters may not (at most ${MAX_TITLE} fit one 目录 line and the running header): shorten it` }
          : { offset: span(a.heading)[0], message: `article title of ${length} characters (at most ${MAX_TITLE} fit the 目录 and the running header): shorten it` },
      );
  },
};

const TOC_HEADING = /^目[\s\u3000]*录$/;
/** `标题.....  12`, `标题……12`, `标题\t12`: a title, a leader (dots or a tab), a page number. */
export const TOC_LINE = /(?:(?:\.{3,}|…{2,}|·{3,}|\u00B7{3,}|．{3,}|\t| {3,}|\u3000{2,})[ \t.…·．]*\d{1,4}[ \t]*|\]\(#_Toc[\w-]*\)[ \t]*)$/;
/** A Word 目录 pasted as links to its bookmarks: `[标题\t1](#_Toc2031)`. */
const TOC_PAGE = /(\d+)[ \t]*(?:\]\(#_Toc[\w-]*\))?[ \t]*$/;

export const manualToc: Rule = {
  id: 'manual-toc',
  description: 'a hand-made 目录 in the source (`# 目录`, lines with leaders and page numbers, Word\'s `#_Toc` links): the build generates it',
  severity: 'error',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) {
      if (TOC_HEADING.test(ctx.plain(node).trim()) && (node.type === 'heading' || ctx.plain(node).trim().length <= 4)) {
        findings.push({ offset: span(node)[0], message: 'hand-made 目录 heading: the 目录 is generated with real page numbers; delete this section' });
      } else if (node.type === 'paragraph') {
        findings.push(...tocLines(ctx, node));
      }
    }
    return findings;
  },
};

function tocLines(ctx: CheckContext, node: Paragraph): Finding[] {
  const [start, end] = span(node);
  const findings: Finding[] = [];
  let offset = start;
  for (const line of ctx.text.slice(start, end).split('\n')) {
    // An entry names an article: a row of figures (`1\t2`, a table read back from a PDF) is none.
    if (TOC_LINE.test(line) && [...line.replace(TOC_LINE, '').replace(/[\d\s.,，。%％()（）+-]/g, '')].length >= 2) {
      const page = TOC_PAGE.exec(line)?.[1];
      findings.push({ offset, message: `hand-made 目录 entry${page ? ` (page ${page})` : ''}: the 目录 is generated; delete this line` });
    }
    offset += line.length + 1;
  }
  return findings;
}

/** Lines the masthead is made of: the issue `（2025年第12期）` and the publication name. */
const ISSUE_LINE = /^[（(]?\s*\d{4}\s*年\s*第\s*\d+\s*期\s*[）)]?$/;

export const mastheadInBody: Rule = {
  id: 'masthead-in-body',
  description: 'the masthead (organisation, 学习资料, issue line) written as Markdown headings instead of front matter',
  severity: 'error',
  check(ctx) {
    // Only the opening articles can be a masthead; later ones are real content.
    for (const article of ctx.articles.slice(0, 2)) {
      // Right under the heading: further down, 学习资料 is a running header (page-artifact).
      const lines = [article.heading, ...article.nodes.slice(0, 4)]
        .filter((n): n is Heading | Paragraph => n.type === 'heading' || n.type === 'paragraph')
        .flatMap((n) => ctx.plain(n).split('\n').map((l) => l.trim()));
      if (lines.some((l) => ISSUE_LINE.test(l) || l === '学习资料')) {
        return [{ offset: span(article.heading)[0], message: `the masthead is written as an article ("${article.title}"): put organization, publication, issue, issuers and date in the front matter and delete these lines` }];
      }
    }
    return [];
  },
};

/** The build's own image resolution (src/transform/embed-images.ts), so that check refuses what it refuses. */
export const imageFile: Rule = {
  id: 'image',
  description: 'an image that is missing, remote, outside the source folder, not PNG/JPEG/GIF/WebP/SVG or too large (the build stops there)',
  severity: 'error',
  check(ctx) {
    const findings: Finding[] = [];
    const dir = resolve(dirname(ctx.file || '.'));
    visit(ctx.tree, 'image', (node: Image) => {
      const found = resolveImage(node.url, dir);
      if ('problem' in found) findings.push({ offset: span(node)[0], message: found.problem });
    });
    visit(ctx.tree, 'imageReference', (node: ImageReference) => {
      findings.push({ offset: span(node)[0], message: `image reference \`${node.identifier}\` is not supported: write the image inline as ![text](file.png)` });
    });
    return findings;
  },
};
