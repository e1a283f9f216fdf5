// Half-width punctuation typed between hanzi, and brackets/quotes that do not pair up within a
// paragraph (a paragraph cut at a page break counts as one).
import type { Heading, Paragraph } from 'mdast';
import { isDigit, isHan, ITEM_LABEL } from '../text.ts';
import type { CheckContext, Finding, Rule, Run } from '../types.ts';
import { findCuts } from './paragraphs.ts';

const WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

export const halfwidthPunct: Rule = {
  id: 'halfwidth-punct',
  description: 'half-width `,.;:?!()"` in Chinese text (full-width `，。；：？！（）“”` belong there), `...` and `--` for `……` and `——`',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) for (const run of ctx.runs(node)) findings.push(...marksIn(run), ...parensIn(run), ...quotesIn(run), ...dotsAndDashes(run));
    return findings;
  },
};

const DOTTED_ITEM = /^\s*(?:[甲乙丙丁戊己庚辛壬癸]|[一二三四五六七八九十]{1,3})$/;

function marksIn(run: Run): Finding[] {
  const findings: Finding[] = [];
  const s = run.value;
  // A web address written out as text keeps its marks, whatever script its parts are in.
  const urls = [...s.matchAll(/(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s，。；、“”（）《》]+/giu)].map((u) => [u.index!, u.index! + u[0].length]);
  for (const m of s.matchAll(/[,;:?!]|(?<!\.)\.(?!\.)/g)) {
    const i = m.index!;
    if (urls.some(([a, b]) => i >= a! && i < b!)) continue;
    const mark = m[0];
    // The `;` that ends a character reference (`&#x30FB;`, `&amp;`) is syntax, not a mark.
    if (mark === ';' && /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31})$/.test(s.slice(0, i))) continue;
    const before = s[i - 1];
    const spaces = /^[ \t]*/.exec(s.slice(i + 1))![0];
    const after = s[i + 1 + spaces.length];
    // A full-width closing mark before (`”,`) or opening mark after (`:“`) sits in Chinese text too.
    const hanBefore = isHan(before) || (mark !== '.' && CLOSE_WIDE.has(before ?? ''));
    const hanAfter = isHan(after) || (mark !== '.' && OPEN_WIDE.has(after ?? ''));
    const endAfter = after === undefined || after === '\n';
    if (mark === '.') {
      // `甲.`, `一.` opening a paragraph: an item's number (Word's list numbering as text), not a sentence's end.
      if (DOTTED_ITEM.test(s.slice(0, i))) continue;
      // `1.4万`, `1. 标题`, `www.x.cn` are fine; only a dot between hanzi is a misplaced 。
      // …and a dot closing a paragraph after hanzi (`通知如下.`).
      if (hanBefore && (hanAfter || (endAfter && !spaces)) && !spaces) findings.push({ offset: run.start + i, message: `half-width "." between hanzi: use "。"`, fix: { range: [run.start + i, run.start + i + 1], text: '。' } });
      continue;
    }
    // A number next to it is Chinese text too (`电话:8312`, `共3个,其中`), but not `10:30` or `1,286`.
    const digitAfter = hanBefore && isDigit(after);
    const digitBefore = isDigit(before) && hanAfter && !spaces;
    if (!((hanBefore && (hanAfter || endAfter || digitAfter)) || digitBefore || (hanAfter && (before === undefined || before === '\n')))) continue;
    findings.push({
      offset: run.start + i,
      message: `half-width "${mark}" in Chinese text: use "${WIDTH[mark]}"`,
      // The full-width mark carries its own space, so spaces typed after it go too.
      fix: { range: [run.start + i, run.start + i + 1 + (hanAfter || digitAfter ? spaces.length : 0)], text: WIDTH[mark]! },
    });
  }
  return findings;
}

/** `...` or `。。。` for an ellipsis and `--` for a dash, next to hanzi: `……` and `——`. */
function dotsAndDashes(run: Run): Finding[] {
  const findings: Finding[] = [];
  for (const m of run.value.matchAll(/\.{3,6}|。{3,6}|-{2,4}/g)) {
    const i = m.index!;
    const before = run.value[i - 1];
    const after = run.value[i + m[0].length];
    const chinese = isHan(before) || CLOSE_WIDE.has(before ?? '') || isHan(after) || OPEN_WIDE.has(after ?? '');
    // A dot leader before a page number is a hand-made 目录 line (manual-toc).
    if (!chinese || /^[.…·\s]*\d{1,4}[ \t]*(?:\n|$)/.test(run.value.slice(i + m[0].length))) continue;
    const wide = m[0][0] === '-' ? '——' : '……';
    findings.push({ offset: run.start + i, message: `"${m[0]}" in Chinese text: use "${wide}"`, fix: { range: [run.start + i, run.start + i + m[0].length], text: wide } });
  }
  return findings;
}

const OPEN_WIDE = new Set([...'“‘（《〈【「『']);
const CLOSE_WIDE = new Set([...'”’）》〉】」』']);

/**
 * Straight double quotes in Chinese text (`"学深悟透"`, or one half of `“…"`): each is read as
 * opening or closing from the quotes before it, curly ones included. When the run ends with its
 * quotes balanced the reading is certain and the fix is made; otherwise only reported.
 */
function quotesIn(run: Run): Finding[] {
  const s = run.value;
  if (!s.includes('"')) return [];
  let open = false;
  // A short pair of straight quotes inside an open “…” (`“…所谓的"张经理"解释…”`), no punctuation
  // between them, is a quote within a quote: “…” as the author typed it, not a ” and a “ turned the
  // wrong way (‘…’ would change the wording, which a fix never does).
  let nested = false;
  const straight: Array<{ i: number; mark: string }> = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '“') open = true;
    else if (ch === '”') open = false;
    else if (ch === '"') {
      if (nested) {
        straight.push({ i, mark: '”' });
        nested = false;
      } else if (open && /^[^”"，。；：？！、]{1,10}"/.test(s.slice(i + 1))) {
        straight.push({ i, mark: '“' });
        nested = true;
      } else {
        straight.push({ i, mark: open ? '”' : '“' });
        open = !open;
      }
    }
  }
  const balanced = !open && !nested;
  return straight
    .filter(({ i }) => isHan(s[i - 1]) || isHan(s[i + 1]) || OPEN_WIDE.has(s[i - 1] ?? '') || CLOSE_WIDE.has(s[i + 1] ?? '') || /[，。、；：？！]/.test(s[i - 1] ?? '') || /[，。、；：？！]/.test(s[i + 1] ?? ''))
    .map(({ i, mark }) => ({
      offset: run.start + i,
      message: `straight quote '"' in Chinese text: use "${mark}"`,
      fix: balanced ? { range: [run.start + i, run.start + i + 1] as [number, number], text: mark } : undefined,
    }));
}

function parensIn(run: Run): Finding[] {
  const s = run.value;
  const findings: Finding[] = [];
  const open: number[] = [];
  const lone: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') open.push(i);
    else if (s[i] === ')') {
      const o = open.pop();
      if (o === undefined) {
        lone.push(i);
        continue;
      }
      const inner = s.slice(o + 1, i);
      if (!/\p{Script=Han}/u.test(inner) && !isHan(s[o - 1]) && !isHan(s[i + 1])) continue;
      findings.push({
        offset: run.start + o,
        message: `half-width parentheses around "${inner.length > 12 ? `${inner.slice(0, 12)}…` : inner}" in Chinese text: use "（…）"`,
        fix: /[()]/.test(inner) ? undefined : { range: [run.start + o, run.start + i + 1], text: `（${inner}）` },
      });
    }
  }
  for (const i of [...open, ...lone]) {
    if (!isHan(s[i - 1]) && !isHan(s[i + 1])) continue;
    findings.push({ offset: run.start + i, message: `half-width "${s[i]}" next to hanzi: use "${WIDTH[s[i]!]}"`, fix: { range: [run.start + i, run.start + i + 1], text: WIDTH[s[i]!]! } });
  }
  return findings;
}


const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '（': '）', '〈': '〉', '【': '】', '「': '」', '『': '』' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([o, c]) => [c, o]));

export const unbalancedPair: Rule = {
  id: 'unbalanced-pair',
  description: 'unbalanced “” ‘’ 《》 （） 〈〉 【】 within a paragraph',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    // A quotation whose “ is in one paragraph and ” in the next is one fault, reported at the “.
    let closedByNext: { offset: number; next: Paragraph } | undefined;
    for (const group of paragraphGroups(ctx)) {
      // `straight`: a " read as an opening quote; left unclosed, halfwidth-punct reports it already.
      const stack: Array<{ ch: string; offset: number; straight?: boolean }> = [];
      const carried = closedByNext?.next === group[0] ? closedByNext : undefined;
      closedByNext = undefined;
      let spared = false;
      // `1）…`: a list item's label (Word's numbering as text) opens nothing to close.
      const first = ctx.runs(group[0]!)[0];
      const label = first && ITEM_LABEL.exec(first.value.trimStart());
      const labelClose = label ? first.start + (first.value.length - first.value.trimStart().length) + label[0].length - 1 : -1;
      for (const run of group.flatMap((n) => ctx.runs(n))) {
        for (let i = 0; i < run.value.length; i++) {
          if (run.start + i === labelClose) continue;
          let ch = run.value[i]!;
          // A straight quote closes an open “, or opens one (halfwidth-punct reports the quote itself).
          const straight = ch === '"';
          if (straight) ch = stack.some((e) => e.ch === '“') ? '”' : '“';
          if (ch in PAIRS) stack.push({ ch, offset: run.start + i, straight });
          const opener = CLOSERS.get(ch);
          if (!opener) continue;
          const at = stack.map((e) => e.ch).lastIndexOf(opener);
          if (at < 0) {
            if (ch === '”' && carried && !spared) spared = true;
            else findings.push({ offset: run.start + i, message: `"${ch}" closes nothing: no "${opener}" before it in this paragraph` });
            continue;
          }
          for (const e of stack.splice(at).slice(1)) if (!e.straight) findings.push({ offset: e.offset, message: `"${e.ch}" is not closed (no "${PAIRS[e.ch]}" before "${ch}")` });
        }
      }
      // A quotation running over several paragraphs opens each with “ and closes only the last.
      const next = nextParagraph(ctx, group.at(-1)!);
      const nextText = next ? ctx.plain(next).trimStart() : '';
      const continues = nextText.startsWith('“');
      const open = stack.filter((e) => !e.straight && !(e.ch === '“' && continues));
      const lastQuote = open.filter((e) => e.ch === '“').at(-1);
      for (const e of open) {
        if (e === lastQuote && next && closesOpenQuote(nextText)) {
          closedByNext = { offset: e.offset, next };
          findings.push({ offset: e.offset, message: `"“" is closed only in the next paragraph: a quotation cut in two (join the paragraphs) or a second paragraph that should open with "“"` });
        } else findings.push({ offset: e.offset, message: `"${e.ch}" is not closed in this paragraph (no "${PAIRS[e.ch]}")` });
      }
    }
    return findings;
  },
};

/** Does this paragraph's text close a quotation opened before it (a ” with no “ before it)? */
function closesOpenQuote(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '“') depth++;
    else if (ch === '”') {
      if (depth === 0) return true;
      depth--;
    }
  }
  return false;
}

/** Headings alone, paragraphs joined with their continuations when cut at a page break. */
function paragraphGroups(ctx: CheckContext): Array<Array<Paragraph | Heading>> {
  const continuation = new Map(findCuts(ctx).map((c) => [c.first, c.second]));
  const joined = new Set(continuation.values());
  const groups: Array<Array<Paragraph | Heading>> = [];
  for (const { node } of ctx.blocks) {
    if (joined.has(node as Paragraph)) continue;
    const group: Array<Paragraph | Heading> = [node];
    for (let n = continuation.get(node as Paragraph); n; n = continuation.get(n)) group.push(n);
    groups.push(group);
  }
  return groups;
}

function nextParagraph(ctx: CheckContext, node: Paragraph | Heading): Paragraph | undefined {
  const index = ctx.memo('block-index', () => new Map(ctx.blocks.map((b, i) => [b.node, i])));
  const i = index.get(node)!;
  const next = ctx.blocks[i + 1];
  return next?.node.type === 'paragraph' && next.parent === ctx.blocks[i]!.parent && next.index === ctx.blocks[i]!.index + 1 ? next.node : undefined;
}

const FULL_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+/g;

export const fullwidthAlnum: Rule = {
  id: 'fullwidth-alnum',
  description: 'full-width digits and Latin letters (`２０２５`, `ＡＩ`): numbers and Latin words are set half-width',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) {
      for (const run of ctx.runs(node)) {
        for (const m of run.value.matchAll(FULL_ALNUM)) {
          const half = m[0].replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
          findings.push({ offset: run.start + m.index!, message: `full-width "${m[0]}": write "${half}"`, fix: { range: [run.start + m.index!, run.start + m.index! + m[0].length], text: half } });
        }
      }
    }
    return findings;
  },
};

export const doubledPunct: Rule = {
  id: 'doubled-punct',
  description: 'a punctuation mark typed twice (`，，`, `。。`, `、、`); `……` and `——` are single marks',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) {
      for (const run of ctx.runs(node)) {
        for (const m of run.value.matchAll(/([，。、；：])\1(?!\1)/g)) {
          if (m.index! > 0 && run.value[m.index! - 1] === m[1]) continue; // 。。。 is an ellipsis (halfwidth-punct)
          findings.push({ offset: run.start + m.index!, message: `"${m[0]}": the mark is typed twice; delete one` });
        }
      }
    }
    return findings;
  },
};
