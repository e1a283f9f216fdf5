// Section numbering inside an article: 一、 (or a bare 三) → （一） → 1. → （1）, each counting up
// from one and restarting under a new parent. Extraction sometimes turns 一 into a dash, and
// editors type a different number of `#` for the same level.
import type { Heading, Paragraph } from 'mdast';
import { span } from '../context.ts';
import { chineseNumber, chineseNumeral } from '../text.ts';
import type { Article, Block, CheckContext, Finding, Rule } from '../types.ts';

const CN = '[一二三四五六七八九十百零〇]+';
const PATTERNS: Array<{ level: number; test: RegExp; cn: boolean }> = [
  // Spaces and half-width brackets inside a numeral (`二 、`, `(二)`) are faults of their own
  // (space-between-hanzi, halfwidth-punct), not a missing number.
  { level: 1, test: new RegExp(`^(${CN})[ \\t]*、`), cn: true },
  { level: 1, test: new RegExp(`^(${CN})$`), cn: true },
  { level: 2, test: new RegExp(`^[（(][ \\t]*(${CN})[ \\t]*[）)]`), cn: true },
  { level: 3, test: /^(\d+)[.．]/, cn: false },
  { level: 4, test: /^[（(](\d+)[）)]/, cn: false },
];

/** A dash where the numeral was: `—`, `—、标题`, `-、标题`. */
const DASH_HEADING = /^[—–－\-ー─━]{1,2}(?:、|\s*$)/;
const DASH_PARAGRAPH = /^[—–－ー─━]{1,2}(?:、|$)/;
/** A numeral with a dash inside it (extraction turned 一 into —): `十—、`, `—十`, `（—）`, `（十—）`. */
const DAMAGED_TOP = new RegExp(`^(?:${CN})?[—–－\\-ー─━](?:${CN})?(?=、|\\s|$)`);
const DAMAGED_PAREN = new RegExp(`^[（(](?:${CN})?[—–－\\-ー─━]{1,2}(?:${CN})?[）)]`);

export interface Numbered {
  block: Block;
  level: number;
  /** undefined for a dash standing where a numeral belongs. */
  value?: number;
  label: string;
}

function numberOf(text: string): { level: number; value: number; label: string } | undefined {
  for (const p of PATTERNS) {
    const m = p.test.exec(text);
    if (!m) continue;
    const value = p.cn ? chineseNumber(m[1]!) : Number(m[1]);
    if (value !== undefined && Number.isFinite(value)) return { level: p.level, value, label: m[0].replace(/[ \t]*、$/, '') };
  }
  return undefined;
}

/** Section headings (and lone dashes) of the body, in order; article titles excluded. */
export function sections(ctx: CheckContext): Numbered[] {
  return ctx.memo('sections', () => {
    const list: Numbered[] = [];
    const stray = strayArticles(ctx);
    for (const block of ctx.blocks) {
      const { node } = block;
      const text = ctx.plain(node).trim();
      if (node.type === 'heading' && node.depth === 1 && !stray.has(block.article!)) continue;
      if (node.type === 'heading') {
        const damaged = DASH_HEADING.exec(text) ?? DAMAGED_TOP.exec(text);
        const paren = DAMAGED_PAREN.exec(text);
        if (damaged) list.push({ block, level: 1, label: damaged[0].replace(/、$/, '').trim() });
        else if (paren) list.push({ block, level: 2, label: paren[0] });
        else {
          const n = numberOf(text);
          if (n) list.push({ block, ...n });
        }
      } else if (block.parent.type === 'root' && DASH_PARAGRAPH.test(text)) {
        list.push({ block, level: 1, label: text.slice(0, 2) });
      } else if (node.type === 'paragraph' && headingParagraphs(ctx).has(node)) {
        const n = numberOf(text.replace(/^#+/, ''));
        if (n) list.push({ block, ...n });
      }
    }
    return withGarbledNumerals(ctx, list);
  });
}

const show = (level: number, n: number) =>
  level === 1 ? chineseNumeral(n) : level === 2 ? `（${chineseNumeral(n)}）` : level === 3 ? `${n}.` : `（${n}）`;

/**
 * Walks each article's numbering; `visit` sees every section with the number it should have.
 * Sub-levels usually restart under a new parent, but may also run on through the article
 * (（一）…（六十） across 一、二、, as in long documents): both count as in order.
 */
function walk(ctx: CheckContext, visit: (s: Numbered, expected: number, previous: number) => void): void {
  const stray = strayArticles(ctx);
  let article: unknown;
  let last: number[] = [];
  let running: number[] = [];
  // After a wrong number, what it should have been: `1. 2. 2. 4.` has one fault (the second 2),
  // not two, so the next number may follow either.
  let meant: Array<number | undefined> = [];
  for (const s of sections(ctx)) {
    const owner = ownerOf(s.block.article, stray);
    if (owner !== article) {
      article = owner;
      last = [];
      running = [];
      meant = [];
    }
    const restarted = last[s.level] === undefined && s.level > 1 && running[s.level] !== undefined;
    const previous = restarted && s.value !== undefined && s.value !== 1 ? running[s.level]! : (last[s.level] ?? 0);
    const expected = s.value !== undefined && meant[s.level] !== undefined && s.value === meant[s.level]! + 1 ? s.value : previous + 1;
    visit(s, expected, previous);
    meant[s.level] = s.value !== undefined && s.value !== expected ? expected : undefined;
    last[s.level] = running[s.level] = s.value ?? expected; // a dash counts as the numeral it replaces
    last.length = s.level + 1; // a new parent restarts the levels below it
    meant.length = s.level + 1;
  }
}

/** The article a stray section heading (`# 三、` inside an article) really belongs to. */
function ownerOf(article: Article | undefined, stray: Map<Article, Article>): Article | undefined {
  let a = article;
  while (a && stray.has(a)) a = stray.get(a)!;
  return a;
}

/**
 * Articles whose `#` title is really a section heading of the article before: it carries the
 * next number of a level that article uses (`## 二、…` then `# 三、…`). It would open a new
 * article in the 目录.
 */
export function strayArticles(ctx: CheckContext): Map<Article, Article> {
  return ctx.memo('stray-articles', () => {
    const stray = new Map<Article, Article>();
    // The last number of each level in each article, from its own section headings.
    const lastOf = new Map<Article, number[]>();
    for (const block of ctx.blocks) {
      const { node, article } = block;
      if (!article || node.type !== 'heading') continue;
      const n = numberOf(ctx.plain(node).trim());
      if (node.depth === 1) {
        const index = ctx.articles.indexOf(article);
        const before = ownerOf(ctx.articles[index - 1], stray);
        if (n && before && n.value > 1 && lastOf.get(before)?.[n.level] === n.value - 1) {
          stray.set(article, ctx.articles[index - 1]!);
          lastOf.get(before)![n.level] = n.value;
        }
        continue;
      }
      if (!n) continue;
      const owner = ownerOf(article, stray)!;
      const levels = lastOf.get(owner) ?? [];
      levels[n.level] = n.value;
      lastOf.set(owner, levels);
    }
    return stray;
  });
}

export const sectionAsArticle: Rule = {
  id: 'section-as-article',
  description: 'a section heading written with one `#` (`# 三、…` after `## 二、…`): it would start a new article in the 目录',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    const usual = usualDepths(ctx);
    for (const [article, owner] of strayArticles(ctx)) {
      const [start] = span(article.heading);
      const level = numberOf(article.title)!.level;
      const want = usual.get(level) ?? level + 1;
      const atx = /^#(?!#)/.test(ctx.text.slice(start, start + 2));
      findings.push({
        offset: start,
        message: `"${article.title}" is written as an article (\`#\`) but carries on the numbering of "${owner.title}": write it as a section heading (\`${'#'.repeat(want)}\`)`,
        fix: atx ? { range: [start, start + 1], text: '#'.repeat(want) } : undefined,
      });
    }
    return findings;
  },
};

export const sectionNumbering: Rule = {
  id: 'numbering',
  description: 'section numbers within an article that skip, repeat or go backwards (一、二、三…, （一）…, 1.…, （1）…)',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    walk(ctx, (s, expected, previous) => {
      if (s.value === undefined || s.value === expected) return;
      const message =
        s.value === previous
          ? `section number ${s.label} repeats`
          : s.value < previous
            ? `section number ${s.label} comes after ${show(s.level, previous)}: out of order`
            : previous
              ? `section number ${s.label} follows ${show(s.level, previous)}: ${show(s.level, expected)} is missing`
              : `section numbering starts at ${s.label}: expected ${show(s.level, expected)}`;
      findings.push({ offset: span(s.block.node)[0], message });
    });
    return findings;
  },
};

export const numberingDash: Rule = {
  id: 'numbering-dash',
  description: 'a dash (`—`, `-`, `ー`) or a garbled character standing where a section numeral or part of one belongs: `## —、…`, `## 十—、…`, `（—）`, a lone `—`, `## 丸` between `## 八` and `## 十`',
  severity: 'error',
  check(ctx) {
    const findings: Finding[] = [];
    walk(ctx, (s, expected) => {
      if (s.value !== undefined) return;
      const heading = s.block.node.type === 'heading';
      findings.push({
        offset: span(s.block.node)[0],
        message: heading
          ? `"${s.label}" stands where the section number ${show(s.level, expected)} belongs: write ${show(s.level, expected)}`
          : `"${s.label}" stands where the section number ${chineseNumeral(expected)} belongs (and it is not a heading): write \`## ${chineseNumeral(expected)}\``,
      });
    });
    return findings;
  },
};

export const headingDepth: Rule = {
  id: 'heading-depth',
  description: 'the same numbering level written with different numbers of `#` (### where ## belongs)',
  severity: 'warning',
  check(ctx) {
    const numbered = sections(ctx).filter((s): s is Numbered & { block: { node: Heading } } => s.block.node.type === 'heading' && s.block.node.depth > 1);
    const usual = usualDepths(ctx);
    const findings: Finding[] = [];
    for (const s of numbered) {
      const depth = s.block.node.depth;
      const want = usual.get(s.level)!;
      if (depth === want) continue;
      const [start] = span(s.block.node);
      const hashes = /^#{1,6}/.exec(ctx.text.slice(start, start + 6))?.[0];
      findings.push({
        offset: start,
        message: `heading "${s.label}" is written with ${'#'.repeat(depth)} but its level is written ${'#'.repeat(want)} elsewhere`,
        // Only ATX headings (`### …`) have marks to change.
        fix: hashes && hashes.length === depth ? { range: [start, start + depth], text: '#'.repeat(want) } : undefined,
      });
    }
    return findings;
  },
};

/** The usual `#` count of each level across the document's section headings; a tie goes to the first one written. */
function usualDepths(ctx: CheckContext): Map<number, number> {
  return ctx.memo('usual-depths', () => {
    const counts = new Map<number, Map<number, number>>();
    for (const s of sections(ctx)) {
      const node = s.block.node;
      if (node.type !== 'heading' || node.depth === 1) continue;
      const byDepth = counts.get(s.level) ?? new Map<number, number>();
      byDepth.set(node.depth, (byDepth.get(node.depth) ?? 0) + 1);
      counts.set(s.level, byDepth);
    }
    const usual = new Map<number, number>();
    for (const [level, byDepth] of counts) {
      let best = 0;
      let bestCount = 0;
      for (const [depth, count] of byDepth) if (count > bestCount) [best, bestCount] = [depth, count];
      usual.set(level, best);
    }
    return usual;
  });
}

/**
 * A bare numeral heading garbled into something else (`## 八`, `## 丸`, `## 十`): a heading of one to
 * three characters between two bare numerals of the same depth stands where a numeral belongs.
 */
function withGarbledNumerals(ctx: CheckContext, list: Numbered[]): Numbered[] {
  const bare = (b: Block | undefined, depth: number) =>
    b?.node.type === 'heading' && b.node.depth === depth && new RegExp(`^${CN}$`).test(ctx.plain(b.node).trim());
  const inList = new Set(list.map((s) => s.block));
  const headings = ctx.blocks.filter((b) => b.node.type === 'heading' && b.node.depth > 1);
  const extra: Numbered[] = [];
  headings.forEach((b, i) => {
    const text = ctx.plain(b.node).trim();
    if (inList.has(b) || [...text].length > 3 || !text) return;
    const depth = (b.node as Heading).depth;
    const [prev, next] = [headings[i - 1], headings[i + 1]];
    if (prev?.article === b.article && next?.article === b.article && bare(prev, depth) && bare(next, depth)) extra.push({ block: b, level: 1, label: text });
  });
  if (!extra.length) return list;
  const order = new Map(ctx.blocks.map((b, i) => [b, i]));
  return [...list, ...extra].sort((a, b) => order.get(a.block)! - order.get(b.block)!);
}

/** `##一、标题`: heading marks without the space after them, which makes a paragraph (not `#话题#`). */
// No `#` further on: `#话题一二三# 讨论` is a topic tag (as on Weibo), not a heading.
const HASHES_NO_SPACE = /^(#{1,6})(?=[^\s#])(?![^#]*#)/;
/** Sentence punctuation: a section heading has none. */
const SENTENCE = /[。！？；：，,;:!?]/;

/**
 * Paragraphs that are section headings in all but their `#`: `##一、…` (no space after the marks),
 * or a lone line `二、主要做法` / `（二）…` with a short title and no sentence punctuation.
 */
export function headingParagraphs(ctx: CheckContext): Map<Paragraph, 'hashes' | 'numeral'> {
  return ctx.memo('heading-paragraphs', () => {
    const found = new Map<Paragraph, 'hashes' | 'numeral'>();
    for (const { node, parent, article } of ctx.blocks) {
      if (node.type !== 'paragraph' || parent.type !== 'root' || !article) continue;
      const [start, end] = span(node);
      const raw = ctx.text.slice(start, end);
      if (raw.includes('\n') || [...raw].length > 40) continue;
      if (HASHES_NO_SPACE.test(raw)) found.set(node, 'hashes');
      else {
        const n = numberOf(raw);
        if (n && n.level <= 2 && !SENTENCE.test(raw) && [...raw].length - n.label.length <= 30 && raw.length > n.label.length + 1) found.set(node, 'numeral');
      }
    }
    return found;
  });
}

export const headingSpace: Rule = {
  id: 'heading-space',
  description: 'heading marks without a space after them (`##一、…`): Markdown reads a paragraph',
  severity: 'warning',
  check(ctx) {
    return [...headingParagraphs(ctx)]
      .filter(([, kind]) => kind === 'hashes')
      .map(([node]) => {
        const [start, end] = span(node);
        // The same text headingParagraphs matched: it found the marks there.
        const hashes = HASHES_NO_SPACE.exec(ctx.text.slice(start, end))?.[1] ?? '#';
        return { offset: start, message: `"${hashes}" needs a space after it to make a heading: write "${hashes} "`, fix: { range: [start + hashes.length, start + hashes.length] as [number, number], text: ' ' } };
      });
  },
};

export const sectionAsParagraph: Rule = {
  id: 'section-as-paragraph',
  description: 'a section heading written as a plain paragraph (`二、主要做法` on its own line, without `##`)',
  severity: 'warning',
  check(ctx) {
    const usual = usualDepths(ctx);
    return [...headingParagraphs(ctx)]
      .filter(([, kind]) => kind === 'numeral')
      .map(([node]) => {
        const text = ctx.plain(node).trim();
        const level = numberOf(text)!.level;
        return { offset: span(node)[0], message: `"${text}" is a section heading written as a paragraph: write \`${'#'.repeat(usual.get(level) ?? level + 1)} ${text}\`` };
      });
  },
};
