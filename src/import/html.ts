// A news page saved from a browser: decoded by its own charset (UTF-8, or GBK/GB2312 as older
// 人民网 pages are), parsed by a real HTML parser (linkedom), and its article found the way
// reader modes find it (Mozilla's Readability). What Readability leaves of the page's furniture
// inside the article (责任编辑, share and print links, related links, copyright) is dropped here.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ImportError, type ImportBlock, type ImportedArticle } from './article.ts';
import { rawBlocks, toBlock, type RawBlock } from './blocks.ts';

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

/** Lines that belong to the page, not to the article. */
const FURNITURE = [
  /^[【[(（]?\s*(?:责任编辑|责编|编辑|值班编辑|校对|审核|审校|监制|编审|终审)\s*[:：]/,
  /^[【[]?(?:纠错|打印|打印本页|关闭|关闭窗口|返回顶部|收藏|我要纠错)[】\]]?$/,
  /^(?:分享到?(?:[:：].{0,20})?|扫一扫.{0,15}|【?字号.{0,12}|字体[:：].{0,12})$/,
  /^(?:上一篇|下一篇)[:：]/,
  /(?:Copyright|©|ICP备|ICP证|违法和不良信息举报)/i,
  /^.{0,20}版权所有.{0,20}$/,
  /^.{0,20}未经.{0,10}授权.{0,6}(?:不得|禁止)/,
  /^\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}日?\s*\d{1,2}:\d{2}/, // the page's time stamp and source bar
  /^(?:来源|作者|发布时间|浏览次数|点击数)[:：].{0,30}(?:\d{1,2}:\d{2}|浏览|点击)/,
];
/** A picture's caption ends with its credit: `新华社记者 张三 摄`, `（图片来源：…）`, `供图`. */
const PHOTO_CREDIT = /(?:摄|供图|图片来源[:：].{0,20}|资料图)[)）]?$/;
/** A heading over the related links at the end: it and everything after it go. */
const RELATED = /^[【[]?(?:相关(?:新闻|阅读|链接|报道|文章|稿件|专题)|延伸阅读|推荐阅读|热点推荐|热门推荐|更多精彩|往期回顾)[】\]]?[:：]?$/;

function isFurniture(block: RawBlock): boolean {
  if (block.image) return true; // remote or page-relative pictures: not brought along
  if (block.linked) return true; // share buttons, related links, breadcrumbs
  return FURNITURE.some((re) => re.test(block.text)) && [...block.text].length <= 120;
}

/**
 * The page title: the longest `<h1>` that the `<title>` names (a site's logo may be an `<h1>` too),
 * else an `<h1>` long enough to be a headline, else the `<title>` as Readability reads it.
 */
function pageTitle(head: string, h1s: string[], fromReadability: string | undefined): string | undefined {
  const named = h1s.filter((t) => squeeze(head).includes(squeeze(t))).sort((a, b) => b.length - a.length)[0];
  // Chinese sites end their titles with `_栏目_网站`, `--频道--网站` or `|网站`.
  const site = fromReadability?.split(/_|--|[|｜]|\s-\s/)[0]?.trim();
  const longest = [...h1s].sort((a, b) => b.length - a.length)[0];
  const title = named ?? (longest && [...squeeze(longest)].length >= 6 ? longest : undefined) ?? (site || undefined) ?? longest;
  return title?.replace(/[\s\u00a0\u3000]+/g, ' ').trim() || undefined;
}

export function importHtml(file: string, bytes: Uint8Array, _title?: string): ImportedArticle[] {
  const html = decodePage(file, bytes);
  const { document } = parseHTML(html);
  // Read before Readability, which takes the document apart.
  const head = document.querySelector('title')?.textContent ?? '';
  const h1s = [...document.querySelectorAll('h1')].map((h) => (h.textContent ?? '').trim()).filter(Boolean);
  let article: ReturnType<Readability['parse']>;
  try {
    article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  } catch (error) {
    throw new ImportError(file, `cannot read the page: ${(error as Error).message}`);
  }
  const title = pageTitle(head, h1s, article?.title ?? undefined);
  if (!article?.content || !title) throw new ImportError(file, 'has no article in it (no body text a reader mode would show)');
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const raw = rawBlocks(content.body as never, { breakSplits: true });
  const cut = raw.findIndex((b) => RELATED.test(squeeze(b.text)));
  const blocks: ImportBlock[] = (cut >= 0 ? raw.slice(0, cut) : raw)
    // A photo's caption goes with the photo, which is not brought along.
    .filter((b, i, all) => !(all[i - 1]?.image && PHOTO_CREDIT.test(b.text)))
    .filter((b) => !isFurniture(b) && squeeze(b.text) !== squeeze(title))
    .map(toBlock);
  const chars = blocks.reduce((n, b) => n + (b.type === 'image' ? 0 : squeeze(b.text).length), 0);
  if (!blocks.some((b) => b.type === 'paragraph') || chars < 20) throw new ImportError(file, 'has no article in it (no body text a reader mode would show)');
  return [{ title, blocks }];
}
