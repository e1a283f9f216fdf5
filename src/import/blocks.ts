// HTML (a web page's article, or mammoth's rendering of a Word file) to blocks: the paragraphs a
// reader sees, each one line of text, with headings, images, data tables and the emphasis inside
// a paragraph. Works on any DOM (linkedom here).
import { collapseWhitespace, isSectionLine, type ImportBlock, type Span } from './article.ts';

/** Elements that start and end a block of their own. */
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'figure', 'figcaption', 'center', 'pre', 'address', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'video', 'audio', 'form', 'button', 'input', 'select', 'textarea', 'nav', 'head', 'title', 'meta', 'link']);
const BOLD = new Set(['strong', 'b']);
const ITALIC = new Set(['em', 'i']);

// Where emphasis starts and ends, carried inside the text until the paragraph is whole.
const STRONG_ON = '\uE000';
const STRONG_OFF = '\uE001';
const EM_ON = '\uE002';
const EM_OFF = '\uE003';

/** One block as found, before it is judged a heading, a paragraph or furniture. */
export interface RawBlock {
  tag: string;
  text: string;
  /** Every visible character is bold. */
  bold: boolean;
  /** Every visible character is inside a link. */
  linked: boolean;
  image?: { alt: string; src: string };
  /** The text's runs with their emphasis, where any of it is emphasised. */
  spans?: Span[];
  /** A data table: rows of cell texts. */
  table?: string[][];
  /** The class and id of the block's element (`title`, `headline` … say what a block is). */
  hint?: string;
  /** Set centred (`align=center`, `text-align:center`, `<center>`). */
  centred?: boolean;
}

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

export interface BlockOptions {
  /** `<br>` starts a new paragraph (web pages) or is a soft line break to join (Word). */
  breakSplits: boolean;
}

/** The runs of a marked text, merged where their emphasis is the same; the text without marks. */
function spansOf(marked: string): { text: string; spans?: Span[] } {
  const spans: Span[] = [];
  let strong = 0;
  let em = 0;
  for (const ch of marked) {
    if (ch === STRONG_ON) strong++;
    else if (ch === STRONG_OFF) strong = Math.max(0, strong - 1);
    else if (ch === EM_ON) em++;
    else if (ch === EM_OFF) em = Math.max(0, em - 1);
    else {
      const last = spans.at(-1);
      // Spaces take the emphasis of the run they follow: they never split a run.
      if (last && (/\s/.test(ch) || (!!last.strong === strong > 0 && !!last.em === em > 0))) last.text += ch;
      else spans.push({ text: ch, ...(strong ? { strong: true } : {}), ...(em ? { em: true } : {}) });
    }
  }
  // Spaces the marks kept from the trimming at the ends go now.
  if (spans[0]) spans[0].text = spans[0].text.replace(/^[\s\u00a0\u3000]+/, '');
  if (spans.at(-1)) spans.at(-1)!.text = spans.at(-1)!.text.replace(/[\s\u00a0\u3000]+$/, '');
  while (spans.length && !spans.at(-1)!.text) spans.pop();
  while (spans.length && !spans[0]!.text) spans.shift();
  const text = spans.map((s) => s.text).join('');
  return spans.some((s) => s.strong || s.em) ? { text, spans } : { text };
}

/** A cell's text, its line breaks as spaces. */
function cellText(node: DomNode): string {
  let out = '';
  const walk = (n: DomNode) => {
    if (n.nodeType === 3) out += n.textContent ?? '';
    if (n.nodeType !== 1 || SKIP.has(n.nodeName.toLowerCase())) return;
    if (n.nodeName.toLowerCase() === 'br') out += ' ';
    for (const c of Array.from(n.childNodes)) walk(c);
    if (BLOCK.has(n.nodeName.toLowerCase())) out += '\n';
  };
  walk(node);
  return collapseWhitespace(out.replace(/\n+/g, ' '));
}

/**
 * The rows of a table that holds data, or undefined for a table that lays a page out (a table
 * inside, a picture, long text, a single column, mostly links).
 */
function dataRows(table: DomNode): string[][] | undefined {
  const rows: string[][] = [];
  let layout = false;
  let cells = 0;
  let linkedCells = 0;
  const walk = (n: DomNode, inRow: string[] | undefined) => {
    if (n.nodeType !== 1 || layout) return;
    const name = n.nodeName.toLowerCase();
    if (name === 'table' || name === 'img' || name === 'iframe' || name === 'form') {
      layout = true;
      return;
    }
    if (name === 'tr') {
      const row: string[] = [];
      for (const c of Array.from(n.childNodes)) walk(c, row);
      if (row.some(Boolean)) rows.push(row);
      return;
    }
    if ((name === 'td' || name === 'th') && inRow) {
      const text = cellText(n);
      if ([...text].length > 150) layout = true;
      const span = Math.min(Number(n.getAttribute?.('colspan')) || 1, 20);
      inRow.push(text, ...Array<string>(span - 1).fill(''));
      if (text) {
        cells++;
        const linked = Array.from(n.childNodes).every((c) => (c.nodeType === 3 ? !(c.textContent ?? '').trim() : c.nodeName.toLowerCase() === 'a'));
        if (linked) linkedCells++;
      }
      return;
    }
    for (const c of Array.from(n.childNodes)) walk(c, inRow);
  };
  for (const c of Array.from(table.childNodes)) walk(c, undefined);
  if (layout || rows.length < 2 || Math.max(...rows.map((r) => r.length)) < 2 || linkedCells * 2 > cells) return undefined;
  return rows;
}

export function rawBlocks(root: DomNode, options: BlockOptions): RawBlock[] {
  const out: RawBlock[] = [];
  let text = '';
  let bold = true;
  let linked = true;
  let tag = 'p';
  let hint = '';
  let centred = false;
  // A picture inside a line of text comes after that paragraph: it never cuts the paragraph in two.
  let pictures: RawBlock[] = [];
  // Emphasis open across a block's end (`<b>…<br>…</b>` on a page) opens again in the next block.
  let strongDepth = 0;
  let emDepth = 0;
  const flush = () => {
    const { text: t, spans } = spansOf(collapseWhitespace(text));
    if (t) out.push({ tag, text: t, bold, linked, ...(spans ? { spans } : {}), ...(hint ? { hint } : {}), ...(centred ? { centred } : {}) });
    out.push(...pictures);
    pictures = [];
    text = `${strongDepth ? STRONG_ON : ''}${emDepth ? EM_ON : ''}`;
    bold = true;
    linked = true;
  };
  const walk = (node: DomNode, inBold: boolean, inItalic: boolean, inLink: boolean) => {
    if (node.nodeType === 3) {
      const value = node.textContent ?? '';
      if (value.replace(/[\s\u00a0\u3000]/g, '')) {
        bold &&= inBold;
        linked &&= inLink;
      }
      text += value;
      return;
    }
    // A document (9) or fragment (11) is walked too: a page with a stray `</html>` puts its
    // article after the `<html>` element, straight under the document.
    if (node.nodeType === 9 || node.nodeType === 11) {
      for (const child of Array.from(node.childNodes)) walk(child, inBold, inItalic, inLink);
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toLowerCase();
    if (SKIP.has(name)) return;
    if (name === 'br') {
      if (options.breakSplits) flush();
      else text += '\n';
      return;
    }
    if (name === 'img') {
      const src = node.getAttribute?.('src') ?? '';
      if (src) pictures.push({ tag: 'img', text: '', bold: false, linked: inLink, image: { alt: (node.getAttribute?.('alt') ?? '').trim(), src } });
      return;
    }
    if (name === 'table') {
      const rows = dataRows(node);
      if (rows) {
        flush();
        out.push({ tag: 'table', text: rows.map((r) => r.join(' ')).join(' '), bold: false, linked: false, table: rows });
        return;
      }
    }
    const block = BLOCK.has(name);
    if (block) {
      flush();
      tag = name;
      hint = `${node.getAttribute?.('class') ?? ''} ${node.getAttribute?.('id') ?? ''}`.trim();
      centred = name === 'center' || /^center$/i.test(node.getAttribute?.('align') ?? '') || /text-align\s*:\s*center/i.test(node.getAttribute?.('style') ?? '');
    }
    const strong = BOLD.has(name) && !inBold;
    const em = ITALIC.has(name) && !inItalic;
    if (strong) {
      text += STRONG_ON;
      strongDepth++;
    }
    if (em) {
      text += EM_ON;
      emDepth++;
    }
    for (const child of Array.from(node.childNodes)) walk(child, inBold || BOLD.has(name), inItalic || ITALIC.has(name), inLink || name === 'a');
    if (em) {
      text += EM_OFF;
      emDepth--;
    }
    if (strong) {
      text += STRONG_OFF;
      strongDepth--;
    }
    if (block) {
      flush();
      tag = 'p';
      hint = '';
      centred = false;
    }
  };
  walk(root, false, false, false);
  flush();
  return out;
}

/** A paragraph or a heading: `h2`–`h6`, or a numbered lead-in on its own (`<strong>一、…</strong>`). */
export function toBlock(raw: RawBlock): ImportBlock {
  if (raw.image) return { type: 'image', ...raw.image };
  if (raw.table) return { type: 'table', rows: raw.table };
  // A paragraph of its own that is only a numbered lead-in is a section heading, bold or not.
  if (/^h[2-6]$/.test(raw.tag) || isSectionLine(raw.text, raw.bold ? 60 : 40)) return { type: 'heading', text: raw.text };
  return raw.spans ? { type: 'paragraph', text: raw.text, spans: raw.spans } : { type: 'paragraph', text: raw.text };
}
