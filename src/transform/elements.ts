// The body elements of real study materials (typesetting spec), set from what their text says:
// run-in lead-ins in their level's face, an editor's note under the title, the salutation, the
// issuer and date closing a notice or letter, tables (numeric columns right-aligned), lists as
// numbered paragraphs (no bullets, on the grid), footnotes as ①② with their notes at the
// article's end. Emphasis needs nothing here: `strong` is 黑体 and `em` 楷体 in the stylesheet.
import type { Blockquote, FootnoteDefinition, List, Paragraph, PhrasingContent, Root, RootContent, Strong, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { closingLines, columnShares, EDITOR_NOTE, implicitLeadIn, isSalutation, leadInMarker, type LeadInMarker } from './element-text.ts';
import type { BulletinArticle } from './types.ts';

type Classed = { data?: { hName?: string; hProperties?: Record<string, unknown> } };

function addClass(node: Classed, ...names: string[]): void {
  const props = node.data?.hProperties ?? {};
  const before = Array.isArray(props.className) ? (props.className as string[]) : [];
  node.data = { ...node.data, hProperties: { ...props, className: [...before, ...names] } };
}

const classes = (node: Classed): string[] => {
  const c = node.data?.hProperties?.className;
  return Array.isArray(c) ? (c as string[]) : [];
};

/** An inline span with classes: emphasis nodes given another element name. */
function spanOf(children: PhrasingContent[], ...className: string[]): PhrasingContent {
  return { type: 'emphasis', children, data: { hName: 'span', hProperties: { className } } } as PhrasingContent;
}

const levelClass = (level: LeadInMarker['level']) => `lead-${level}`;

/**
 * The lead-in of a paragraph as its own span: `（一）**加强政治引领。**各级…` (explicit, any length),
 * `**（一）加强政治引领。**各级…`, or `（一）坚持和加强党的全面领导。坚持…` (a short first sentence).
 * Bold that is not a sentence (`一是**强化责任落实**，…`) stays emphasis.
 */
function setLeadIn(node: Paragraph): void {
  const [first, second, third] = node.children;
  const sentence = (s: string) => /[。！？]$/.test(s.trim());
  if (first?.type === 'text' && second?.type === 'strong') {
    const marker = leadInMarker(first.value);
    if (marker && marker.marker === first.value) {
      const inner = toString(second);
      // `（一）**加强政治引领**。各级…`: the full stop after the bold belongs to the lead-in.
      const stop = !sentence(inner) && third?.type === 'text' && /^[。！？]/.test(third.value) ? third.value[0]! : '';
      if (sentence(inner) || stop) {
        if (stop && third?.type === 'text') third.value = third.value.slice(1);
        const lead = spanOf([{ type: 'text', value: first.value }, ...second.children, ...(stop ? [{ type: 'text', value: stop } as PhrasingContent] : [])], 'lead-in', levelClass(marker.level));
        node.children.splice(0, 2, lead);
        addClass(node, 'run-in');
        return;
      }
    }
  }
  if (first?.type === 'strong' && node.children.length > 1) {
    const marker = leadInMarker(toString(first));
    if (marker && sentence(toString(first))) {
      node.children[0] = spanOf((first as Strong).children, 'lead-in', levelClass(marker.level));
      addClass(node, 'run-in');
      return;
    }
  }
  if (first?.type === 'text') {
    const length = implicitLeadIn(first.value);
    const marker = leadInMarker(first.value);
    if (length === undefined || !marker) return;
    const rest = first.value.slice(length);
    const lead = first.value.slice(0, length);
    // `1.` takes no autospace before the hanzi after it: it reads `1.汇总通报`, not `1. 汇总通报`.
    const inner: PhrasingContent[] = /^\d/.test(lead)
      ? [spanOf([{ type: 'text', value: marker.marker }], 'item-number'), { type: 'text', value: lead.slice(marker.marker.length) }]
      : [{ type: 'text', value: lead }];
    node.children.splice(0, 1, spanOf(inner, 'lead-in', levelClass(marker.level)), ...(rest ? [{ type: 'text', value: rest } as PhrasingContent] : []));
    addClass(node, 'run-in');
  }
}

/** `编者按：…` right under the title: the label in its own span. */
function setEditorNote(node: Paragraph): boolean {
  const first = node.children[0];
  if (first?.type === 'strong' && EDITOR_NOTE.test(toString(first))) {
    node.children[0] = spanOf(first.children, 'editor-note-label');
  } else if (first?.type === 'text') {
    const m = EDITOR_NOTE.exec(first.value);
    if (!m) return false;
    node.children.splice(0, 1, spanOf([{ type: 'text', value: m[0] }], 'editor-note-label'), { type: 'text', value: first.value.slice(m[0].length) });
  } else return false;
  addClass(node, 'editor-note');
  return true;
}

/** Ordered and bulleted lists become paragraphs: `1.` + text with no space, no bullet glyph. */
function listParagraphs(list: List, depth = 1): RootContent[] {
  const out: RootContent[] = [];
  list.children.forEach((item, i) => {
    let first = true;
    for (const child of item.children) {
      if (child.type === 'list') {
        out.push(...listParagraphs(child, depth + 1));
        continue;
      }
      if (child.type === 'paragraph') {
        if (first && list.ordered) child.children.unshift(spanOf([{ type: 'text', value: `${(list.start ?? 1) + i}.` }], 'item-number'));
        addClass(child, first ? 'list-item' : 'list-item-more');
        if (depth > 1) addClass(child, `list-depth-${Math.min(depth, 3)}`);
      }
      first = false;
      out.push(child as RootContent);
    }
  });
  return out;
}

/** A cell holds a number: `1,286`, `96.2`, `-3`, `12%` (blank cells do not count either way). */
const NUMBER = /^[-+−]?\d[\d,，]*(?:\.\d+)?%?$/;

function setTable(table: Table): void {
  addClass(table, 'data-table');
  const [head, ...rows] = table.children;
  const columns = head?.children.length ?? 0;
  const shares = columnShares(table.children.map((row) => row.children.map((cell) => toString(cell).trim())));
  head?.children.forEach((cell, c) => {
    cell.data = { ...cell.data, hProperties: { ...cell.data?.hProperties, style: `width: ${(shares[c]! * 100).toFixed(2)}%` } };
  });
  for (let c = 0; c < columns; c++) {
    const cells = rows.map((row) => toString(row.children[c] ?? { type: 'text', value: '' }).trim()).filter(Boolean);
    if (!cells.length || !cells.every((t) => NUMBER.test(t))) continue;
    for (const row of rows) if (row.children[c]) addClass(row.children[c]!, 'num');
    if (head?.children[c]) addClass(head.children[c]!, 'num-head');
  }
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚';
const circled = (n: number) => CIRCLED[n - 1] ?? `(${n})`;

/** Footnote calls become ①②… (per article, in order of first call); the notes follow the article. */
function setFootnotes(article: BulletinArticle, notes: Map<string, FootnoteDefinition>): void {
  const order = new Map<string, number>();
  visit(article, 'footnoteReference', (ref, index, parent) => {
    if (!parent || index === undefined) return;
    if (!order.has(ref.identifier)) order.set(ref.identifier, order.size + 1);
    parent.children[index] = spanOf([{ type: 'text', value: circled(order.get(ref.identifier)!) }], 'fn-ref');
  });
  if (!order.size) return;
  const items: RootContent[] = [];
  for (const [id, n] of order) {
    const note = notes.get(id);
    const paragraphs = (note?.children ?? []).filter((c): c is Paragraph => c.type === 'paragraph');
    paragraphs.forEach((p, k) => {
      const para: Paragraph = { type: 'paragraph', children: k === 0 ? [spanOf([{ type: 'text', value: circled(n) }], 'fn-mark'), ...p.children] : p.children };
      addClass(para, 'footnote');
      items.push(para);
    });
  }
  const block: Blockquote = { type: 'blockquote', children: items as Blockquote['children'], data: { hName: 'div', hProperties: { className: ['footnotes'] } } };
  article.children.push(block);
}

/** Closing lines at the article's end: up to three issuers and a date, set as one block. */
function setClosing(article: BulletinArticle): void {
  const children = article.children;
  let start = children.length;
  while (start > 1 && children.length - start < 4 && children[start - 1]!.type === 'paragraph' && !classes(children[start - 1] as Classed).length) start -= 1;
  for (; start < children.length; start++) {
    const lines = children.slice(start).map((c) => toString(c));
    const closing = closingLines(lines);
    if (!closing) continue;
    const paragraphs = children.slice(start) as Paragraph[];
    paragraphs.forEach((p, i) => addClass(p, i === paragraphs.length - 1 ? 'date' : 'issuer'));
    const block: Blockquote = { type: 'blockquote', children: [{ type: 'blockquote', children: paragraphs, data: { hName: 'div', hProperties: { className: ['closing-box'] } } }], data: { hName: 'div', hProperties: { className: ['closing'] } } };
    children.splice(start, children.length - start, block);
    return;
  }
}

/** Roles a paragraph above the body may already have (src/transform/paragraph-roles.ts). */
const HEAD_ROLES = ['subtitle', 'byline', 'source-note'];

export default function remarkElements() {
  return (tree: Root) => {
    // Footnote notes may stand anywhere (usually at the end of the file): gathered first.
    const notes = new Map<string, FootnoteDefinition>();
    visit(tree, 'footnoteDefinition', (def, index, parent) => {
      notes.set(def.identifier, def);
      if (parent && index !== undefined) {
        parent.children.splice(index, 1);
        return index;
      }
      return undefined;
    });
    visit(tree, 'bulletinArticle', (article: BulletinArticle) => {
      article.children = article.children.flatMap((node) => (node.type === 'list' ? listParagraphs(node) : [node]));
      // The head of the article: title, byline, source note, then an editor's note, a salutation.
      let i = 1;
      while (i < article.children.length && article.children[i]!.type === 'paragraph' && classes(article.children[i] as Classed).some((c) => HEAD_ROLES.includes(c))) i++;
      const atHead = article.children[i];
      if (atHead?.type === 'paragraph' && setEditorNote(atHead)) i++;
      const salutation = article.children[i];
      if (salutation?.type === 'paragraph' && !classes(salutation).length && i + 1 < article.children.length && isSalutation(toString(salutation))) addClass(salutation, 'salutation');
      setClosing(article);
      for (const node of article.children) {
        if (node.type === 'table') setTable(node);
        if (node.type === 'paragraph' && !classes(node).some((c) => ['subtitle', 'byline', 'source-note', 'closing-note', 'figure', 'editor-note', 'salutation'].includes(c))) setLeadIn(node);
      }
      setFootnotes(article, notes);
    });
  };
}
