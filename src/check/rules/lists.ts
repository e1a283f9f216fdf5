// Numbered items below the section headings: Markdown ordered lists (`1. 2. 3.`) and paragraphs
// that open with a number (`1.坚持…`, `（1）…`, `（一）…`). Their numbers count up by one within a
// run; a heading ends the run, and a 1 starts a new one.
import type { List, Paragraph, RootContent } from 'mdast';
import { span } from '../context.ts';
import { headingParagraphs } from './numbering.ts';
import { chineseNumber, chineseNumeral } from '../text.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';

const STYLES: Array<{ style: string; test: RegExp; show: (n: number) => string }> = [
  // Not `1.4万`: a number with a decimal point is not an item number.
  { style: 'dot', test: /^(\d{1,3})[.．](?![\d.．])/, show: (n) => `${n}.` },
  { style: 'dun', test: /^(\d{1,3})、/, show: (n) => `${n}、` },
  { style: 'paren', test: /^[（(](\d{1,3})[）)]/, show: (n) => `（${n}）` },
  { style: 'cn-paren', test: /^[（(]([一二三四五六七八九十]{1,3})[）)]/, show: (n) => `（${chineseNumeral(n)}）` },
];

interface Item {
  style: string;
  value: number;
  offset: number;
  show: (n: number) => string;
}

interface Run {
  last: number;
  /** What a wrong number should have been: `1. 2. 2. 4.` is one fault, not two. */
  meant?: number;
}

export const listNumbering: Rule = {
  id: 'list-numbering',
  description: 'numbered items (`1. 2. 3.` lists, `1.…` or `（1）…` paragraphs) that skip, repeat or go backwards',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const article of ctx.articles) {
      let runs = new Map<string, Run>();
      for (const node of article.nodes) {
        if (node.type === 'heading') {
          runs = new Map();
          continue;
        }
        // Each list is its own run, and may continue the numbered paragraphs or list before it.
        for (const item of itemsOf(ctx, node)) {
          const run = runs.get(item.style);
          if (run) findings.push(...judge(run, item));
          runs.set(item.style, next(run, item));
        }
      }
    }
    return findings;
  },
};

function judge(run: Run, item: Item): Finding[] {
  if (item.value === 1 || item.value === run.last + 1 || (run.meant !== undefined && item.value === run.meant + 1)) return [];
  const message =
    item.value === run.last
      ? `item number ${item.show(item.value)} repeats`
      : item.value < run.last
        ? `item number ${item.show(item.value)} comes after ${item.show(run.last)}: out of order`
        : `item number ${item.show(item.value)} follows ${item.show(run.last)}: ${item.show(run.last + 1)} is missing`;
  return [{ offset: item.offset, message }];
}

function next(run: Run | undefined, item: Item): Run {
  if (!run || item.value === 1) return { last: item.value };
  const expected = run.meant !== undefined && item.value === run.meant + 1 ? item.value : run.last + 1;
  return { last: item.value, meant: item.value === expected ? undefined : expected };
}

function itemsOf(ctx: CheckContext, node: RootContent): Item[] {
  if (node.type === 'paragraph') {
    if (headingParagraphs(ctx).has(node)) return []; // a section heading (section-as-paragraph)
    const item = numberedParagraph(ctx, node);
    return item ? [item] : [];
  }
  if (node.type !== 'list' || !node.ordered) return [];
  return listItems(ctx, node);
}

function numberedParagraph(ctx: CheckContext, node: Paragraph): Item | undefined {
  const text = ctx.plain(node).trimStart();
  for (const s of STYLES) {
    const m = s.test.exec(text);
    if (!m) continue;
    const value = s.style === 'cn-paren' ? chineseNumber(m[1]!) : Number(m[1]);
    if (value !== undefined) return { style: s.style, value, offset: span(node)[0], show: s.show };
  }
  return undefined;
}

/** A list's item numbers as written (the tree keeps only the first). */
function listItems(ctx: CheckContext, list: List): Item[] {
  const items: Item[] = [];
  for (const item of list.children) {
    const [start] = span(item);
    const m = /^[ \t]*(\d{1,9})[.)]/.exec(ctx.text.slice(start, start + 12));
    if (m) items.push({ style: 'dot', value: Number(m[1]), offset: start, show: (n) => `${n}.` });
  }
  return items;
}
