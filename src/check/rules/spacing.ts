// Spaces that extraction leaves in Chinese text: `11 月 8 日`, `改革 开放`, and ideographic
// spaces (U+3000) typed for indentation or spacing.
import { isByline } from '../../transform/paragraph-roles.ts';
import { span } from '../context.ts';
import type { Block, CheckContext, Finding, Rule } from '../types.ts';
import { isLongByline, pageArtifacts } from './paragraphs.ts';
import { TOC_LINE } from './structure.ts';

const AROUND_DIGIT = /(?<=[\p{Script=Han}，。、；：？！（）《》“”])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[\p{Script=Han}，。、；：？！（）《》“”%‰])/gu;
const BETWEEN_HAN = /(?<=[\p{Script=Han}，。、；：？！“”‘’（）《》])[ \t]+(?=[\p{Script=Han}，。、；：？！“”‘’（）《》])/gu;
/** `新华社北京11月28日电 中共中央…`, `…15日电 11月16日出版的…`: the dateline keeps its space. */
export const DATELINE_END = /\d\s*日\s*[电讯]$|(?:本报|本刊|本台|本网)讯$/;
/** `…日电（记者 张华）`: names in the dateline's parentheses keep their spaces. */
const DATELINE_PARENS = /(?:\d\s*日\s*[电讯]|(?:本报|本刊|本台|本网)讯)[（(][^）)]*$/;
/** `执笔：张伟  李娜`, `（记者 张三 李四）`: names in a credit line are set apart with spaces. */
// (a publication's name may come first: `《棱镜》作者 周纯`; `采写：南都记者 张三 李四`)
const CREDIT = /^[（(]?(?:[《〈][^》〉]{1,12}[》〉])?(?:执笔|作者|撰稿|记者|编辑|责任编辑|审核|审校|校对|供稿|摄影|通讯员|整理|联系人|主编|出品|采写)[：:\s]/;
/** `（职工通讯员 李琴雯 刘会）` opening a paragraph: the names in the credit keep their spaces. */
const CREDIT_OPENING = /^[（(][^（）()。]{0,8}?(?:通讯员|记者|摄影|供稿|执笔|撰稿|作者|编辑)[^（）()]*$/;
/** `…。王舒悦 供图`, `新华社记者 张三 摄` closing a caption: the names keep their spaces. */
const CREDIT_CLOSING = /^[^。！？，；]{0,16}(?:供图|摄|摄影|制图)[）)]?$/;
// The gap may also stand between the caption's sentence and the credit (`…授课。 王舒悦 供图`): a separator.
const CREDIT_CLOSING_START = /(?:^|[。！？])[^。！？，；]{0,16}\p{Script=Han}$|[。！？]$/u;
/** Digits that belong to a Latin phrase (`Windows 10 系统`, `G20 峰会`, `5G 网络`) keep their spaces. */
const LATIN_BEFORE = /[A-Za-z][\w.\-+]*[ \t]*[\w.\-+]*$/;
const LATIN_AFTER = /^[\w.\-+]*[A-Za-z]/;

/** Is the space at `i` (in `s`, `len` long) one to keep: a dateline's, or next to a Latin phrase? */
function keptSpace(s: string, i: number, len: number): boolean {
  const before = s.slice(0, i);
  if (DATELINE_END.test(before)) return true;
  if (/\d$/.test(before)) return LATIN_BEFORE.test(before);
  return LATIN_AFTER.test(s.slice(i + len));
}

/** Prose blocks worth checking for spacing: not a hand-made 目录 nor a page number or header (reported on their own). */
function proseBlocks(ctx: CheckContext): Block[] {
  const artifacts = pageArtifacts(ctx);
  return ctx.blocks.filter((b) => !(b.node.type === 'paragraph' && (ctx.plain(b.node).split('\n').some((l) => TOC_LINE.test(l)) || artifacts.has(lineStartOf(ctx.text, span(b.node)[0])))));
}

const lineStartOf = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

export const spaceAroundDigit: Rule = {
  id: 'space-around-digit',
  description: 'ASCII spaces between hanzi and digits (`11 月 8 日`), also in the front matter; not a dateline\'s (`…日电 11月…`) nor next to a Latin phrase (`Windows 10 系统`)',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [...frontMatterSpaces(ctx)];
    for (const { node } of proseBlocks(ctx)) {
      // An article title keeps its spaces: they mark where it breaks into lines.
      if (node.type === 'heading' && node.depth === 1) continue;
      for (const run of ctx.runs(node)) {
        for (const m of run.value.matchAll(AROUND_DIGIT)) {
          const at = run.start + m.index!;
          if (keptSpace(run.value, m.index!, m[0].length)) {
            // The dateline's space is one space.
            if (m[0] !== ' ' && DATELINE_END.test(run.value.slice(0, m.index))) findings.push({ offset: at, message: 'more than one space after the dateline: one is enough', fix: { range: [at, at + m[0].length], text: ' ' } });
            continue;
          }
          findings.push({ offset: at, message: `space between "${charBefore(run.value, m.index!)}" and "${charAt(run.value, m.index! + m[0].length)}": no space between hanzi and digits`, fix: { range: [at, at + m[0].length], text: '' } });
        }
      }
    }
    return findings;
  },
};

/** `issue: 2025 年第 12 期` prints so in the masthead. */
function frontMatterSpaces(ctx: CheckContext): Finding[] {
  if (!ctx.yaml) return [];
  const findings: Finding[] = [];
  // The YAML starts on the line after the opening `---`.
  let offset = ctx.text.indexOf('\n', span(ctx.yaml)[0]) + 1;
  for (const line of ctx.yaml.value.split('\n')) {
    const value = /^[\w-]+:[ \t]*/.exec(line);
    if (value) {
      for (const m of line.slice(value[0].length).matchAll(AROUND_DIGIT)) {
        const at = offset + value[0].length + m.index!;
        findings.push({ offset: at, message: 'space between hanzi and a digit in the front matter: it prints in the masthead', fix: { range: [at, at + m[0].length], text: '' } });
      }
    }
    offset += line.length + 1;
  }
  return findings;
}

export const spaceBetweenHan: Rule = {
  id: 'space-between-hanzi',
  description: 'ASCII spaces between two hanzi or next to full-width punctuation in a paragraph (titles, bylines, datelines and credit lines keep theirs)',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const b of proseBlocks(ctx)) {
      // A section heading keeps the spaces of its title, not those inside its numeral (`二 、`, `（ 一 ）`).
      if (b.node.type === 'heading' && b.node.depth > 1) {
        const [start] = span(b.node);
        const line = ctx.text.slice(start, ctx.text.indexOf('\n', start) >>> 0);
        const m = /^(#{2,6}[ \t]+)([（(]?)([ \t]*)[一二三四五六七八九十百零〇]+([ \t]*)(?=[、）)])/u.exec(line);
        if (!m) continue;
        const gaps: Array<[number, string]> = [[m[1]!.length + m[2]!.length, m[3]!], [m[0].length - m[4]!.length, m[4]!]];
        for (const [at, gap] of gaps) {
          if (!gap) continue;
          findings.push({ offset: start + at, message: 'space inside a section number: it prints as a gap', fix: { range: [start + at, start + at + gap.length], text: '' } });
        }
        continue;
      }
      if (b.node.type !== 'paragraph') continue;
      if (b.parent.children[b.index - 1]?.type === 'heading' && (isByline(ctx.plain(b.node)) || isLongByline(ctx.plain(b.node)))) continue;
      // Names in a credit line or after a caption are set apart by spaces.
      if (CREDIT.test(ctx.plain(b.node).trim())) continue;
      for (const run of ctx.runs(b.node)) {
        for (const m of run.value.matchAll(BETWEEN_HAN)) {
          const before = run.value.slice(0, m.index);
          if (DATELINE_END.test(before) || DATELINE_PARENS.test(before)) continue;
          if (CREDIT_OPENING.test(before) || (CREDIT_CLOSING_START.test(before) && CREDIT_CLOSING.test(run.value.slice(m.index! + m[0].length)))) continue;
          const at = run.start + m.index!;
          findings.push({ offset: at, message: `space between "${charBefore(run.value, m.index!)}" and "${charAt(run.value, m.index! + m[0].length)}" inside a paragraph: it prints as a gap`, fix: { range: [at, at + m[0].length], text: '' } });
        }
      }
    }
    return findings;
  },
};

export const fullwidthSpace: Rule = {
  id: 'fullwidth-space',
  description: 'ideographic spaces (U+3000) in text; the stylesheet indents paragraphs itself',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const b of proseBlocks(ctx)) {
      const { node } = b;
      const [start] = span(node);
      // `王　毅`, `本刊记者　陈晓明` under a title: the full-width space is set on purpose.
      const byline = node.type === 'paragraph' && b.parent.children[b.index - 1]?.type === 'heading' && (isByline(ctx.plain(node).trim()) || isLongByline(ctx.plain(node).trim()));
      for (const run of ctx.runs(node)) {
        for (const m of run.value.matchAll(/\u3000+/g)) {
          const at = run.start + m.index!;
          const indent = node.type === 'paragraph' && at === start;
          if (byline && !indent) continue;
          findings.push({
            offset: at,
            message: indent ? 'paragraph indented with ideographic spaces (U+3000): the stylesheet indents paragraphs' : 'ideographic space (U+3000) inside text: it prints as a full-width gap',
            // Leading indentation is certain to be unwanted; a gap inside text may be deliberate.
            fix: indent ? { range: [at, at + m[0].length], text: '' } : undefined,
          });
        }
      }
    }
    return findings;
  },
};

/** Whole characters around a match (an astral hanzi is two UTF-16 units: never print half). */
const charBefore = (s: string, at: number) => [...s.slice(Math.max(0, at - 2), at)].at(-1) ?? '';
const charAt = (s: string, at: number) => String.fromCodePoint(s.codePointAt(at) ?? 0x20).trim();
