// A news page saved from a browser: decoded by its own charset (UTF-8, or GBK/GB2312 as older
// 人民网 pages are), parsed by a real HTML parser (linkedom), what the page's CSS hides taken out
// (hidden.ts), and its article found the way reader modes find it (Mozilla's Readability). What
// Readability leaves of the page's furniture inside the article (furniture.ts) is dropped here;
// the title is chosen on evidence (title.ts), or given with `--title`.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ImportError, type ImportBlock, type ImportedArticle } from './article.ts';
import { rawBlocks, toBlock, type RawBlock } from './blocks.ts';
import { isFurnitureText } from './furniture.ts';
import { removeHidden } from './hidden.ts';
import { chooseTitle, fold } from './title.ts';

const GB = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'gb_2312-80', 'csgb2312', 'chinese', 'euc-cn']);

/** The page's own charset: a BOM, else `<meta charset>` or `<meta http-equiv=Content-Type>` near the top. */
export function pageCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

/**
 * The page's text. Bytes that are valid UTF-8 are UTF-8 whatever the meta says (a browser may save
 * a GBK page re-encoded but keep its old meta; GBK text is practically never valid UTF-8); other
 * bytes are decoded by the declared charset, GB2312 and GBK as their superset GB18030.
 */
export function decodePage(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: the declared charset, or else GB18030
  }
  const declared = pageCharset(bytes);
  const label = !declared || GB.has(declared) || declared === 'utf-8' || declared === 'utf8' ? 'gb18030' : declared;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    throw new ImportError(file, `declares the charset "${declared}", which cannot be decoded here`);
  }
}

const squeeze = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');

/** A picture's caption ends with its credit: `新华社记者 张三 摄`, `（图片来源：…）`, `供图`. */
const PHOTO_CREDIT = /(?:摄|供图|图片来源[:：].{0,20}|资料图)[)）]?$/;
/** A heading over the related links at the end: it and everything after it go. */
const RELATED = /^[【[]?(?:相关(?:新闻|阅读|链接|报道|文章|稿件|专题|推荐)|延伸阅读|推荐阅读|媒体报道|为你推荐|热点推荐|热门推荐|更多精彩|往期回顾|猜你喜欢|热门文章|精彩推荐)[】\]]?[:：]?$/;

function isFurniture(block: RawBlock): boolean {
  if (block.image) return true; // remote or page-relative pictures: not brought along
  if (block.table) return false;
  if (block.linked) return true; // share buttons, related links, breadcrumbs
  return isFurnitureText(block.text);
}

/** A link at a paragraph's end back to the site (`返回腾讯网首页>>`, `返回…，查看更多`): not the article's. */
const LINK_TAIL = /[\s\u00a0]*(?:返回[^。！？\s]{0,12}(?:首页|顶部|列表|频道)|(?:返回[^。！？\s]{0,8}[，,]\s*)?(?:点击)?(?:查看|阅读)更多)[\s\u00a0]*(?:>>|》》|>|»)?$/;

function withoutLinkTail(block: RawBlock): RawBlock {
  const m = LINK_TAIL.exec(block.text);
  if (!m || block.image || block.table || m.index === 0) return block;
  const text = block.text.slice(0, m.index).trimEnd();
  let left = text.length;
  const spans = block.spans
    ?.map((span) => {
      const kept = span.text.slice(0, Math.max(0, left));
      left -= span.text.length;
      return { ...span, text: kept };
    })
    .filter((span) => span.text);
  return { ...block, text, ...(spans ? { spans } : {}) };
}

/** The editor's line closes an article on Chinese news pages: what follows it in the article's container (a teaser of another story, the paper's name) is not the article's. */
const EDITOR_LINE = /^[【[(（]?\s*(?:责任编辑|责编)\s*[:：]/;

function beforeEditorLine(raw: RawBlock[]): RawBlock[] {
  let at = raw.length - 1;
  while (at >= 0 && !EDITOR_LINE.test(raw[at]!.text.trim())) at--;
  if (at < 0) return raw;
  const size = (bs: RawBlock[]) => bs.filter((b) => !b.image && !isFurniture(b)).reduce((n, b) => n + squeeze(b.text).length, 0);
  // Only near the end: a 责任编辑 line in the meta bar at the top leaves the text after it; what
  // follows must be a few blocks, less than the text before it.
  const before = size(raw.slice(0, at));
  return before > size(raw.slice(at + 1)) && raw.length - at - 1 <= 6 ? raw.slice(0, at + 1) : raw;
}

/** A page with no text of an article (an index, a search page) is no article, whatever its title. */
const NO_ARTICLE = 'has no article in it (no body text a reader mode would show)';

/** Titles the page gives in its meta data. */
const META_TITLES = ['og:title', 'twitter:title', 'ArticleTitle', 'articletitle', 'title', 'headline', 'Title'];

/** A fragment saved without `<html>`/`<body>` is still a page: it is given them. */
function wholePage(html: string): string {
  return /<body[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
}

/** The page's DOM. */
function pageDocument(html: string) {
  const { document } = parseHTML(wholePage(html));
  return document;
}

export function importHtml(file: string, bytes: Uint8Array, givenTitle?: string): ImportedArticle[] {
  const html = decodePage(file, bytes);
  // Two copies: Readability takes one apart; the other is read for the title's evidence.
  const document = pageDocument(html);
  const evidenceDoc = pageDocument(html);
  const tab = (evidenceDoc.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const metas = [...evidenceDoc.querySelectorAll('meta')]
    .filter((m) => META_TITLES.includes(m.getAttribute('property') ?? m.getAttribute('name') ?? ''))
    .map((m) => m.getAttribute('content') ?? '');
  removeHidden(document as never);
  removeHidden(evidenceDoc as never);
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  } catch (error) {
    throw new ImportError(file, `cannot read the page: ${(error as Error).message}`);
  }
  if (!article?.content) throw new ImportError(file, NO_ARTICLE);
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  let raw = rawBlocks(content.body as never, { breakSplits: true });
  const cut = raw.findIndex((b) => RELATED.test(squeeze(b.text)));
  if (cut >= 0) raw = raw.slice(0, cut);
  raw = raw.map(withoutLinkTail);
  raw = beforeEditorLine(raw);

  if (raw.filter((b) => !isFurniture(b)).reduce((n, b) => n + squeeze(b.text).length, 0) < 20) throw new ImportError(file, NO_ARTICLE);
  const page = rawBlocks(evidenceDoc as never, { breakSplits: true });
  // Where the article starts on the page: its first block found there (or, failing that, one of the next).
  const keys = raw
    .filter((b) => !b.image && !isFurniture(b) && [...squeeze(b.text)].length >= 2)
    .slice(0, 5)
    .map((b) => fold(b.text).slice(0, 20));
  let bodyStart = -1;
  for (const key of keys) {
    bodyStart = page.findIndex((b) => fold(b.text).startsWith(key));
    if (bodyStart >= 0) break;
  }
  const chosen = givenTitle?.trim() ? { text: givenTitle.trim() } : chooseTitle({ tab, metas, page, bodyStart });
  if (!chosen) {
    throw new ImportError(file, 'names no title with confidence (its <title>, meta data and headings do not agree on one): give it with --title "…"');
  }
  const title = chosen.text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

  // The headline's own lines never come again as paragraphs: one block that is the title, or the
  // lines it was set over, among the first blocks.
  const folded = fold(title);
  const drop = new Set<number>();
  for (let i = 0; i < Math.min(raw.length, 8); i++) {
    let joined = '';
    for (let k = i; k < Math.min(raw.length, i + 4); k++) {
      joined += fold(raw[k]!.text);
      if (!folded.startsWith(joined)) break;
      if (joined === folded) for (let d = i; d <= k; d++) drop.add(d);
    }
  }
  const blocks: ImportBlock[] = raw
    .filter((_, i) => !drop.has(i))
    // A photo's caption goes with the photo, which is not brought along.
    .filter((b, i, all) => !(all[i - 1]?.image && PHOTO_CREDIT.test(b.text)))
    .filter((b) => !isFurniture(b) && fold(b.text) !== folded)
    // A bare numeral on a line of its own (`1`, `2`, `3` set large between parts) marks a part of the
    // article: a page has no page numbers, so it is a section heading, not a printed page's folio.
    .map((b): ImportBlock => (!b.image && !b.table && /^\d{1,2}$/.test(b.text.trim()) ? { type: 'heading', text: b.text.trim() } : toBlock(b)));
  const chars = blocks.reduce((n, b) => n + (b.type === 'image' ? 0 : squeeze(b.type === 'table' ? b.rows.flat().join('') : b.text).length), 0);
  if (!blocks.some((b) => b.type === 'paragraph') || chars < 20) throw new ImportError(file, NO_ARTICLE);
  return [{ title, blocks }];
}
