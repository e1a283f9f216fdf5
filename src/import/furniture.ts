// Lines that belong to the page around an article, not to the article: labels (图集, +1, 【纠错】),
// the editor's and the source's lines, date/view-count bars, share and QR-code promotions, footers,
// video player controls. They are recognised by their text wherever they sit, and only when short:
// a paragraph that merely starts like one (`来源于群众…`) is text.

const squeeze = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');

/** Labels of the page's own (one line each, compared without spaces). */
const LABELS = /^[【[(（]?(?:图集|组图|纠错|我要纠错|打印|打印本页|打印此页|关闭|关闭窗口|返回顶部|收藏|收藏本页|分享|分享到|举报|评论|发表评论|点赞|订阅|关注|\+1|字号|字体|大中小|默认大超大|放大正常缩小|返回首页|上一页|下一页|下载APP|PlayVideo|播放视频|视频加载中.{0,6}|播放|暂停|全屏|退出全屏|重播|静音|全文|展开全文|阅读全文|查看原文|原文链接|加载更多|更多)[】\])）]?$/i;

const PATTERNS = [
  // the editors: 责任编辑：…, （责编：…）, 【编辑：…】
  /^[【[(（]?\s*(?:责任编辑|责编|编辑|值班编辑|校对|审核|审校|监制|编审|终审|实习编辑)\s*[:：]/,
  // several labels in one bar: 打印 关闭, 【打印本页】【关闭窗口】, 字号：默认 大 超大 | 打印 |
  /^(?:[【[]?(?:打印|关闭|收藏|纠错|分享|字号|字体|返回顶部|打印本页|关闭窗口|默认|大|中|小|超大|放大|正常|缩小)[】\]]?[\s|｜丨:：]*){2,}$/,
  /^(?:分享到?(?:[:：].{0,20})?|扫一扫.{0,20}|扫码.{0,20}|【?字号.{0,12}|字体[:：].{0,12})$/,
  /(?:扫描|扫一扫|扫码|长按).{0,12}二维码|二维码.{0,12}(?:关注|下载|扫)|(?:下载|打开).{0,12}(?:APP|客户端)|客户端下载/i,
  /^(?:上一篇|下一篇)[:：]/,
  /(?:Copyright|©|All Rights Reserved|ICP备|ICP证|公网安备|违法和不良信息举报)/i,
  /^.{0,20}版权所有.{0,20}$/,
  /^.{0,20}未经.{0,10}授权.{0,6}(?:不得|禁止)/,
  // the page's time stamp and source bar
  /^\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}日?\s*\d{1,2}:\d{2}/,
  // 来源：本站原创作者：…, 时间：2019年10月31日23:00浏览：33, 发布日期：… 浏览次数：…
  /^(?:来源|来源于|稿源|作者|浏览|浏览次数|浏览量|阅读量|阅读数|点击|点击数|点击量|字号)\s*[:：]/,
  // a date line is furniture with another label in it, or with nothing but the date and time
  // (`时间：12月5日（星期五）下午2:30` in a notice is text)
  /^(?:时间|发布时间|发布日期|更新时间|日期)\s*[:：](?=.*(?:来源|作者|浏览|点击|阅读|字号))/,
  /^(?:时间|发布时间|发布日期|更新时间|日期)\s*[:：]\s*[\d年月日\s:/.-]+$/,
  /^(?:文章)?来源\s*[:：]/,
  // a bar of short links: 联系我们 | 广告营销 | 网站地图 …, 关于我们 · 联系我们 · 网站地图
  /^(?:[^|｜丨]{1,10}\s*[|｜丨]\s*){2,}[^|｜丨]{0,10}$/,
  /^(?:[^·•\s]{2,8}\s*[·•]\s*){2,}[^·•\s]{2,8}$/,
  /^(?:[^-\s]{2,8}\s+-\s+){2,}[^-\s]{2,8}$/,
  // a video player's leftovers
  /^(?:您的)?浏览器(?:不支持|版本过低).{0,30}$/,
  /^\d{1,2}:\d{2}(?:\s*\/\s*\d{1,2}:\d{2})?$/,
  // the editor in parentheses without a colon: （编辑 张三）
  /^[（(]\s*(?:责任编辑|编辑|责编)\s+[^\s()（）]{2,4}(?:[\s、，,]+[^\s()（）]{2,4})*\s*[)）]$/,
  // a multi-page article's page links: 【1】【2】【3】
  /^(?:[【[]\d{1,2}[】\]]\s*)+$/,
  /^点击(?:进入|查看|阅读|这里|下载).{0,24}$/,
  /(?:>>|》》)$/,
  /^(?:关注|订阅)(?:我们|本站|.{0,10}公众号|.{0,10}微信|.{0,10}微博).{0,12}$/,
  /^(?:本文|本稿)?(?:来自|转自|转载自).{0,30}(?:APP|客户端)/i,
  // the site's disclaimer: 声明：…仅供参考，不构成投资建议…
  /^(?:特别|免责|郑重)?声明[:：].{0,60}(?:仅供参考|不构成|风险自担|不代表本(?:站|网)|未经许可|转载)/,
];

/** How long a line of furniture can be: a paragraph of the article is longer. */
const MAX = 80;

export function isFurnitureText(text: string): boolean {
  const t = text.trim();
  if (LABELS.test(squeeze(t))) return true;
  if ([...t].length > MAX) return false;
  return PATTERNS.some((re) => re.test(t) || re.test(squeeze(t)));
}
