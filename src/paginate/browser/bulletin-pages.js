// Runs inside the page, after Paged.js has loaded.
/* global Paged, PagedPolyfill */

// Paged.js lays out one page per animation frame (its queue ticks with requestAnimationFrame), so
// every page costs at least a frame (16.7 ms) however little work it is: 5 of the 5.2 s that 288
// pages take. The layout itself needs no frame (it measures synchronously), so the queue ticks
// with a message instead: the next task, without waiting for the display.
if (typeof PagedPolyfill !== 'undefined' && PagedPolyfill.chunker && PagedPolyfill.chunker.q) {
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()();
  PagedPolyfill.chunker.q.tick = (callback) => {
    waiting.push(callback);
    channel.port2.postMessage(0);
  };
}

// After Paged.js has laid out every page: numbers the pages itself (Paged.js page-counter resets
// give wrong numbers on Chromium >= 131, paged-pitfalls §1.1): body pages count from the first
// article title, front matter and blank pages get no number, and each 目录 entry gets the number of
// the page its article title stands on.
class BulletinPages extends Paged.Handler {
  // While Paged.js makes the pages one after another, each finished page is taken out of the
  // layout (display: none) and all are put back at the end. Chromium's work for every measurement
  // Paged.js makes on the current page otherwise grows with the pages before it: a 572-page issue
  // laid out in 4.8 s instead of 7.7 s. A page never needs the ones before it: it has its own
  // fixed size and Paged.js measures only the page it fills. Not while the watch lays out a few
  // articles again (the layout is then already rendered).
  finalizePage(fragment, page, breakToken, chunker) {
    if (chunker.rendered) return;
    const previous = page.element.previousElementSibling;
    if (previous) previous.style.display = 'none';
  }

  afterRendered() {
    const pages = [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')];
    for (const page of pages) page.style.removeProperty('display');
    const firstTitle = document.querySelector('.pagedjs_page h1.article-title');
    const start = firstTitle ? pages.indexOf(firstTitle.closest('.pagedjs_page')) : pages.length;
    const header = document.documentElement.dataset.header !== 'off';
    let folio = 0;
    pages.forEach((page, index) => {
      if (index < start || page.classList.contains('pagedjs_blank_page')) {
        page.classList.add('bulletin-unnumbered');
        return;
      }
      folio += 1;
      page.dataset.folio = String(folio);
      page.classList.add('bulletin-body');
      if (header) page.classList.add('bulletin-header');
      page.style.setProperty('--bulletin-folio', `"— ${folio} —"`);
    });
    for (const slot of document.querySelectorAll('.toc-page[data-target]')) {
      const target = document.getElementById(slot.dataset.target);
      const page = target && target.closest('.pagedjs_page');
      slot.textContent = (page && page.dataset.folio) || '?';
    }
  }
}

Paged.registerHandlers(BulletinPages);

// A table that crosses a page repeats its header row there (Paged.js 0.4.3 does not; Chromium's own
// printing does). When Paged.js starts a continuation page inside a table, it rebuilds the table
// around the first row it places; a copy of the source table's header goes in before that row,
// while the page is being filled, so the rows that follow fit under it. The copy carries no
// Paged.js references: it is no part of the source, and the text of the header stays where the
// source has it. Watch's relayout goes through the same page loop, so it gets the copies too.
class RepeatTableHeaders extends Paged.Handler {
  renderNode(clone, node) {
    if (!(clone instanceof Element) || clone.nodeName !== 'TR') return;
    const table = clone.closest('table');
    const source = node.closest && node.closest('table');
    if (!table || !source || table.querySelector(':scope > thead')) return;
    const head = source.querySelector(':scope > thead');
    if (!head || head.contains(node)) return;
    const copy = head.cloneNode(true);
    copy.classList.add('repeated-header');
    for (const element of [copy, ...copy.querySelectorAll('*')]) {
      element.removeAttribute('data-ref');
      element.removeAttribute('data-id');
    }
    table.insertBefore(copy, table.firstChild);
  }
}

Paged.registerHandlers(RepeatTableHeaders);

// ---------------------------------------------------------------------------------------------
// Keeps, decided where Paged.js breaks a page (its onOverflow hook may move the break earlier):
// - no heading at a page foot, even a chain of them (Paged.js itself keeps only the last heading
//   with what follows it, and leaves the one before it behind: 背题);
// - a source note （…讲话） goes on with at least the last lines of the excerpt it closes;
// - no single line of a paragraph alone at a page foot (孤行) or top (寡行).
// The break only ever moves earlier, and never so far that the page would be left empty.

const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, table, pre, blockquote';
const HEADING = /^H[2-6]$/;

/** The last block element of `element` (itself, or its last block descendant). */
function lastBlock(element) {
  const inner = element.querySelectorAll(BLOCKS);
  if (inner.length) return inner[inner.length - 1];
  return element.matches(BLOCKS) ? element : null;
}

/** The block laid out before `element` on this page, or null when `element` opens the page. */
function blockBefore(element, rendered) {
  for (let node = element; node && node !== rendered; node = node.parentElement) {
    for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      const block = lastBlock(sibling);
      if (block) return block;
    }
    if (node.parentElement && node.parentElement.matches(BLOCKS)) return null;
  }
  return null;
}

/**
 * The lines of a block, measured without walking its characters: the text of the block as one
 * string of positions over its text nodes, the line boxes from the rectangles of a range (one per
 * line and text node), a line's first character found by bisection. Lines that overflow the page
 * flow on in a next column, from its top: the parts before and after a break are counted apart.
 */
class BlockLines {
  constructor(block) {
    this.nodes = [];
    this.total = 0;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      this.nodes.push({ node: text, from: this.total });
      this.total += text.length;
    }
    this.range = document.createRange();
  }

  /** { node, offset } of position `i` (0 ≤ i ≤ total). */
  point(i) {
    let at = this.nodes[0];
    for (const entry of this.nodes) if (entry.from <= i && entry.node.length > 0) at = entry;
    return { node: at.node, offset: Math.min(i - at.from, at.node.length) };
  }

  /** Position of a { node, offset } point inside the block. */
  indexOf(node, offset) {
    const entry = this.nodes.find((e) => e.node === node);
    return entry ? entry.from + offset : undefined;
  }

  /** Tops of the lines between positions `from` and `to`. */
  tops(from, to) {
    if (from >= to) return [];
    const a = this.point(from);
    const b = this.point(to);
    this.range.setStart(a.node, a.offset);
    this.range.setEnd(b.node, b.offset);
    const tops = [];
    for (const rect of this.range.getClientRects()) {
      if (rect.width && rect.height && !tops.some((top) => Math.abs(top - rect.top) <= 2)) tops.push(rect.top);
    }
    return tops.sort((x, y) => x - y);
  }

  /** Top of the character at position `i`, or undefined for one that takes no room. */
  topAt(i) {
    const a = this.point(i);
    if (a.offset >= a.node.length) return undefined;
    this.range.setStart(a.node, a.offset);
    this.range.setEnd(a.node, a.offset + 1);
    const rect = this.range.getBoundingClientRect();
    return rect.width || rect.height ? rect.top : undefined;
  }

  /** The first position before `limit` on the line whose top is `top` (the lines before `limit` run down one column). */
  lineStart(top, limit = this.total) {
    let lo = 0;
    let hi = limit;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      let probe = mid;
      let t = this.topAt(probe);
      while (t === undefined && probe + 1 < hi) t = this.topAt(++probe);
      if (t !== undefined && t >= top - 2) hi = mid;
      else lo = mid + 1;
    }
    return this.point(lo);
  }
}

class BulletinKeeps extends Paged.Handler {
  onOverflow(overflow, rendered) {
    if (!overflow) return undefined;
    const range = overflow.cloneRange();
    const container = range.startContainer;
    const at = container.nodeType === Node.TEXT_NODE ? container : container.childNodes[range.startOffset];
    if (!at) return undefined;
    const inside = at.nodeType === Node.TEXT_NODE || !at.matches(BLOCKS) ? (at.nodeType === Node.TEXT_NODE ? at.parentElement : at).closest(BLOCKS) : null;
    let moved = at.nodeType === Node.ELEMENT_NODE && at.matches(BLOCKS) ? at : null;
    let orphan = false;
    if (inside && rendered.contains(inside)) {
      // The break falls inside a paragraph: at least two of its lines on each side.
      const lines = new BlockLines(inside);
      const cut = lines.indexOf(range.startContainer, range.startOffset);
      if (cut === undefined) return undefined;
      const above = lines.tops(0, cut);
      const before = above.length;
      const after = lines.tops(cut, lines.total).length;
      if (before === 0) moved = inside;
      else if (before === 1 && !inside.hasAttribute('data-split-from') && blockBefore(inside, rendered)) {
        moved = inside;
        orphan = true;
      } else if (after === 1 && before >= 3) {
        const start = lines.lineStart(above[before - 1], cut);
        range.setStart(start.node, start.offset);
        return range;
      } else return undefined;
    }
    if (!moved) return undefined;
    let start = moved;
    // A source note takes the last lines of its excerpt with it: two, so that neither page has a
    // single line of the excerpt alone (or all of a short excerpt).
    const excerpt = start.classList.contains('source-note') && blockBefore(start, rendered);
    if (excerpt && excerpt.tagName === 'P') {
      const lines = new BlockLines(excerpt);
      const tops = lines.tops(0, lines.total);
      if (tops.length >= 4) {
        const start = lines.lineStart(tops[tops.length - 2]);
        range.setStart(start.node, start.offset);
        return range;
      }
      if (blockBefore(excerpt, rendered)) start = excerpt;
    }
    // Headings go on with what follows them, the whole chain.
    for (let previous = blockBefore(start, rendered); previous && HEADING.test(previous.tagName); previous = blockBefore(start, rendered)) {
      if (!blockBefore(previous, rendered)) break;
      start = previous;
    }
    if (start === moved && !orphan) return undefined;
    range.setStartBefore(start);
    return range;
  }
}

Paged.registerHandlers(BulletinKeeps);

// ---------------------------------------------------------------------------------------------
// Re-laying out only what changed (watch). Articles each begin on a new page, so an edit inside
// one article can only move that article's own page breaks. The page keeps its last layout; a new
// version of the document whose only differences are inside articles gets those articles laid out
// again in place of their old pages, and the pages after them are renumbered. When an article's
// page count changes by an odd number, left and right pages swap after it: the articles after it
// are laid out again too, until the count is even again. Anything else (the styles or fonts, the
// masthead, the 目录, the list of articles) is not attempted: the caller lays out the whole document
// in a fresh page. The result is the same as a full layout's: tests compare the PDFs byte for byte.

/**
 * A document as parts: its font styles (the ones Paged.js leaves alone), each article on its own,
 * and everything else as one string.
 */
function documentParts(doc) {
  const html = (node) => (node instanceof Element ? node.outerHTML : node.textContent);
  const attributes = (element) => [...element.attributes].map((a) => `${a.name}="${a.value}"`).join(' ');
  const rest = [attributes(doc.documentElement), attributes(doc.body)];
  const fonts = [];
  for (const node of doc.head.childNodes) {
    if (node instanceof HTMLStyleElement && node.hasAttribute('data-pagedjs-ignore')) {
      fonts.push(node.textContent);
      rest.push('<style>');
    } else rest.push(html(node));
  }
  const articles = [];
  for (const node of doc.body.childNodes) {
    if (!(node instanceof Element && node.matches('main.articles'))) {
      rest.push(html(node));
      continue;
    }
    rest.push(node.cloneNode(false).outerHTML);
    for (const child of node.childNodes) {
      if (child instanceof Element && child.matches('article.article')) {
        articles.push(child.outerHTML);
        rest.push('<article>');
      } else rest.push(html(child));
    }
  }
  return { rest: rest.join('\n'), fonts, articles };
}

/** Called by the first, full layout of a page with the document it was given. */
window.bulletinRemember = (doc) => {
  window.bulletinLast = documentParts(doc);
};

const articlesOf = (content) => [...content.querySelectorAll('main.articles > article.article')];

/**
 * Elements of `root` in document order; `skip`: elements whose descendants are left out (they are
 * listed themselves).
 */
function elementsOf(root, skip = []) {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; ) {
    out.push(node);
    if (skip.includes(node)) {
      let next = walker.nextSibling();
      while (!next && walker.parentNode()) next = walker.nextSibling();
      node = next;
    } else node = walker.nextNode();
  }
  return out;
}

/**
 * The pages laid out before know their elements by Paged.js's references (data-ref): the parts that
 * did not change take over the references of their last version, so that their pages still belong
 * to them. False when the two do not match element for element.
 */
function keepRefs(before, after) {
  if (before.length !== after.length) return false;
  if (before.some((element, i) => element.tagName !== after[i].tagName)) return false;
  after.forEach((element, i) => element.setAttribute('data-ref', before[i].dataset.ref));
  return true;
}

/** What Paged.js's ContentParser does to the content before layout: a reference on every element. */
function addRefs(content) {
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.hasAttribute('data-ref')) node.setAttribute('data-ref', crypto.randomUUID());
    if (node.id) node.setAttribute('data-id', node.id);
  }
}

/**
 * Lays `article` (in the new content) out again in place of the pages of `old` (in the last
 * content) and of the blank pages before them. Returns the change in the page count, or undefined
 * when it cannot be done here.
 */
async function relayArticle(chunker, content, old, article) {
  const pages = chunker.pages;
  const holds = (page) => !!page.element.querySelector(`[data-ref="${old.dataset.ref}"]`);
  let first = pages.findIndex(holds);
  if (first < 1) return undefined;
  let last = first;
  while (last + 1 < pages.length && holds(pages[last + 1])) last += 1;
  const Token = pages[first].startToken && pages[first].startToken.constructor;
  if (!Token) return undefined;
  // A blank page before the article was put there for it (break-before: right): made again if due.
  while (first > 1 && pages[first - 1].blank) first -= 1;
  const after = pages.slice(last + 1);
  for (const page of pages.slice(first, last + 1)) page.destroy();
  chunker.pages = pages.slice(0, first);
  chunker.total = first;
  // Paged.js's own page loop, from the article's start until the next break token leaves it.
  const layout = chunker.layout(content, new Token(article, 0));
  for (;;) {
    const { value: token, done } = await layout.next();
    if (done || !token || !article.contains(token.node)) break;
  }
  await layout.return();
  const end = chunker.pages.length;
  chunker.pages.push(...after);
  for (let i = end; i < chunker.pages.length; i++) chunker.pages[i].index(i);
  chunker.total = chunker.pages.length;
  return end - (last + 1);
}

/**
 * New font files for the same faces, in the styles that named the old ones: allowed when the styles
 * differ in nothing but their URLs. True when the new fonts are in place and loaded.
 */
async function replaceFonts(before, after) {
  const withoutUrls = (css) => css.replace(/url\([^)]*\)/g, 'url()');
  if (before.length !== after.length || before.some((css, i) => withoutUrls(css) !== withoutUrls(after[i]))) return false;
  const styles = [...document.head.querySelectorAll('style')];
  for (let i = 0; i < before.length; i++) {
    const style = styles.find((element) => element.textContent === before[i]);
    if (!style) return false;
    style.textContent = after[i];
  }
  const faces = [...document.fonts];
  await Promise.all(faces.map((face) => face.load().catch(() => undefined)));
  return faces.every((face) => face.status === 'loaded');
}

/**
 * The new version of the document, laid out again where it changed. Returns the number of articles
 * laid out again, or -1 when the caller must lay out the whole document in a fresh page (this page
 * is then of no further use).
 */
window.bulletinRelayout = async (source) => {
  const last = window.bulletinLast;
  const chunker = PagedPolyfill.chunker;
  if (!last || !chunker.rendered) return -1;
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const parts = documentParts(doc);
  if (parts.rest !== last.rest || parts.articles.length !== last.articles.length) return -1;
  const sameFonts = parts.fonts.length === last.fonts.length && parts.fonts.every((css, i) => css === last.fonts[i]);
  if (sameFonts && parts.articles.every((html, i) => html === last.articles[i])) return 0;
  window.bulletinLast = undefined;
  if (!sameFonts && !(await replaceFonts(last.fonts, parts.fonts))) return -1;
  // The new content goes through the same steps as in Chunker.flow before layout.
  const template = document.createElement('template');
  template.content.append(...doc.body.childNodes);
  const content = template.content;
  await chunker.hooks.beforeParsed.trigger(content, chunker);
  addRefs(content);
  chunker.hooks.filter.triggerSync(content);
  const olds = articlesOf(chunker.source);
  const news = articlesOf(content);
  if (olds.length !== news.length) return -1;
  const changed = news.map((_, i) => parts.articles[i] !== last.articles[i]);
  if (!keepRefs(elementsOf(chunker.source, olds), elementsOf(content, news))) return -1;
  for (let i = 0; i < news.length; i++) if (!changed[i] && !keepRefs(elementsOf(olds[i]), elementsOf(news[i]))) return -1;
  chunker.source = content;
  await chunker.hooks.afterParsed.trigger(content, chunker);
  let relaid = 0;
  let shift = 0;
  for (let i = 0; i < news.length; i++) {
    if (!changed[i] && shift % 2 === 0) continue;
    const delta = await relayArticle(chunker, content, olds[i], news[i]);
    if (delta === undefined) return -1;
    shift += delta;
    relaid += 1;
  }
  chunker.pagesArea.style.setProperty('--pagedjs-page-count', chunker.total);
  await chunker.hooks.afterRendered.trigger(chunker.pages, chunker);
  window.bulletinLast = parts;
  return relaid;
};
