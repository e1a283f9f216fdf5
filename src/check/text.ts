// Character classes the rules share. Offsets are UTF-16 units, as in mdast positions.

export const HAN = '\\p{Script=Han}';
/** Hanzi plus the full-width punctuation that sits between them (the same set the soft-break join uses). */
export const WIDE = `${HAN}\\u3000-\\u303F\\uFF00-\\uFFEF\\u2014\\u2018-\\u201D\\u2026`;

const han = new RegExp(`^${HAN}$`, 'u');
const wide = new RegExp(`^[${WIDE}]$`, 'u');

export const isHan = (ch: string | undefined): boolean => !!ch && han.test(ch);
export const isWide = (ch: string | undefined): boolean => !!ch && wide.test(ch);
export const isDigit = (ch: string | undefined): boolean => !!ch && ch >= '0' && ch <= '9';

/** Marks that may end a paragraph: a sentence end, a closing bracket or quote, an ellipsis. */
export const CLOSING = new Set([...'。！？!?…）)》〉」』】”’；;：:—.']);

/** Line starts, for turning offsets into 1-based line and column. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十三 → 13, 二十 → 20, 一百零五 → 105; undefined when it is not a numeral. */
export function chineseNumber(s: string): number | undefined {
  if (!s) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '十' || ch === '百') {
      total += (current || 1) * (ch === '十' ? 10 : 100);
      current = 0;
    } else if (ch in CN_DIGIT) current = current * 10 + CN_DIGIT[ch]!;
    else return undefined;
  }
  return total + current;
}

export function chineseNumeral(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n]!;
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  return String(n);
}

/**
 * A photo caption or a credit line: `图为…。 王舒悦 供图`, `…画作 梁奡 摄`, `（职工通讯员 李琴雯 刘会）`,
 * `通讯员：梁奡`. Short lines that are not sentences (no closing mark, names apart by spaces).
 */
const CAPTION_END = /(?:供图|摄|摄影|制图|供稿|翻拍|图片来源[:：]\S{1,20})[）)]?$/u;
const CAPTION_START = /^(?:图为|图片为|图[:：]|上图|下图|左图|右图)/u;
// `《棱镜》作者 周纯`, `采写：南都记者 张三 李四`: a publication's name may come first; 采写 is a credit too.
const CREDIT_START = /^[（(]?(?:[《〈][^》〉]{1,12}[》〉])?(?:\p{Script=Han}{0,4}(?:记者|通讯员)|执笔|作者|撰稿|编辑|责任编辑|审核|审校|校对|供稿|摄影|整理|采写|文\/图|文图|图\/文)[：:\s\u3000]/u;

export function isCaptionOrCredit(text: string): boolean {
  const t = text.trim();
  if (!t) return false;
  // A caption ends in its credit however long it runs; a credit or `图为…` opening is short.
  if (CAPTION_END.test(t)) return true;
  return [...t].length <= 80 && (CREDIT_START.test(t) || (CAPTION_START.test(t) && [...t].length <= 50));
}

/** A list item's own label: `1）`, `2)`, `a）` (Word's numbering as text): not a bracket to close. */
export const ITEM_LABEL = /^(?:\d{1,3}|[a-zA-Z])[）)]/;
