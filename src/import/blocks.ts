// HTML (a web page's article, or mammoth's rendering of a Word file) to blocks: the paragraphs a
// reader sees, each one line of text, with headings and images. Works on any DOM (linkedom here).
import { collapseWhitespace, isSectionLine, type ImportBlock } from './article.ts';

/** Elements that start and end a block of their own. */
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'figure', 'figcaption', 'center', 'pre', 'address', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'video', 'audio', 'form', 'button', 'input', 'select', 'textarea', 'nav', 'head', 'title', 'meta', 'link']);
const BOLD = new Set(['strong', 'b']);

/** One block as found, before it is judged a heading, a paragraph or furniture. */
export interface RawBlock {
  tag: string;
  text: string;
  /** Every visible character is bold. */
  bold: boolean;
  /** Every visible character is inside a link. */
  linked: boolean;
  image?: { alt: string; src: string };
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

export function rawBlocks(root: DomNode, options: BlockOptions): RawBlock[] {
  const out: RawBlock[] = [];
  let text = '';
  let bold = true;
  let linked = true;
  let tag = 'p';
  // A picture inside a line of text comes after that paragraph: it never cuts the paragraph in two.
  let pictures: RawBlock[] = [];
  const flush = () => {
    const t = collapseWhitespace(text);
    if (t) out.push({ tag, text: t, bold, linked });
    out.push(...pictures);
    pictures = [];
    text = '';
    bold = true;
    linked = true;
  };
  const walk = (node: DomNode, inBold: boolean, inLink: boolean) => {
    if (node.nodeType === 3) {
      const value = node.textContent ?? '';
      if (value.replace(/[\s\u00a0\u3000]/g, '')) {
        bold &&= inBold;
        linked &&= inLink;
      }
      text += value;
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
    const block = BLOCK.has(name);
    if (block) {
      flush();
      tag = name;
    }
    for (const child of Array.from(node.childNodes)) walk(child, inBold || BOLD.has(name), inLink || name === 'a');
    if (block) {
      flush();
      tag = 'p';
    }
  };
  walk(root, false, false);
  flush();
  return out;
}

/** A paragraph or a heading: `h2`–`h6`, or a numbered lead-in on its own (`<strong>一、…</strong>`). */
export function toBlock(raw: RawBlock): ImportBlock {
  if (raw.image) return { type: 'image', ...raw.image };
  // A paragraph of its own that is only a numbered lead-in is a section heading, bold or not.
  if (/^h[2-6]$/.test(raw.tag) || isSectionLine(raw.text, raw.bold ? 60 : 40)) return { type: 'heading', text: raw.text };
  return { type: 'paragraph', text: raw.text };
}
