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
// One Range for every measurement. Chromium updates each live Range on every change to the DOM, and
// a Range stays live until it is collected: one made per BlockLines (one per mark a fill tries)
// left thousands alive over a long issue, and made every later change to the DOM slower.
let measuring;

class BlockLines {
  /** The shared Range: each use sets its start and end first. */
  get range() {
    return (measuring ??= document.createRange());
  }

  constructor(block) {
    this.nodes = [];
    this.total = 0;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      this.nodes.push({ node: text, from: this.total });
      this.total += text.length;
    }
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

/**
 * Where the keeps put the break for an overflow Paged.js found: a range that starts earlier, or
 * undefined for Paged.js's own break.
 */
function keptBreak(overflow, rendered) {
  // A copy of the overflow only for a break that moves: every Range made stays live until it is
  // collected, and each makes every later change to the DOM slower (see BlockLines).
  const movedTo = (node, offset) => {
    const range = overflow.cloneRange();
    range.setStart(node, offset);
    return range;
  };
  const container = overflow.startContainer;
  const at = container.nodeType === Node.TEXT_NODE ? container : container.childNodes[overflow.startOffset];
  if (!at) return undefined;
  const inside = at.nodeType === Node.TEXT_NODE || !at.matches(BLOCKS) ? (at.nodeType === Node.TEXT_NODE ? at.parentElement : at).closest(BLOCKS) : null;
  let moved = at.nodeType === Node.ELEMENT_NODE && at.matches(BLOCKS) ? at : null;
  let orphan = false;
  if (inside && rendered.contains(inside)) {
    // The break falls inside a paragraph: at least two of its lines on each side.
    const lines = new BlockLines(inside);
    const cut = lines.indexOf(overflow.startContainer, overflow.startOffset);
    if (cut === undefined) return undefined;
    const above = lines.tops(0, cut);
    const before = above.length;
    const after = lines.tops(cut, lines.total).length;
    if (before === 0) moved = inside;
    else if ((before === 1 || (before === 2 && after === 1)) && !inside.hasAttribute('data-split-from') && blockBefore(inside, rendered)) {
      // One line would stay, or one go on alone whichever line moves: the paragraph goes on whole.
      moved = inside;
      orphan = true;
    } else if (after === 1 && before >= 3) {
      const start = lines.lineStart(above[before - 1], cut);
      return movedTo(start.node, start.offset);
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
      return movedTo(start.node, start.offset);
    }
    if (blockBefore(excerpt, rendered)) start = excerpt;
  }
  // Headings go on with what follows them, the whole chain.
  for (let previous = blockBefore(start, rendered); previous && HEADING.test(previous.tagName); previous = blockBefore(start, rendered)) {
    if (!blockBefore(previous, rendered)) break;
    start = previous;
  }
  if (start === moved && !orphan) return undefined;
  const range = overflow.cloneRange();
  range.setStartBefore(start);
  return range;
}

// ---------------------------------------------------------------------------------------------
// Full pages. Where the keeps move a break earlier, the page would end a line or more short. A
// typesetter gains or loses a line on the page instead (GB/T 15834-2011 5.1.11: marks may be
// compressed so that a paragraph's last characters do not turn over to another line or page):
// - gain: a paragraph whose last line holds few characters loses that line. The fewest full-width
//   marks of its other lines that do it are set at half width (the faces' `halt`), counted from
//   its end, at most two a line; only when the marks are not enough, its lines but the last
//   (as it comes out: a last line keeps the grid's pitch) tighten a little as well;
// - push: a paragraph whose last line is (nearly) full takes one line more: its last lines set a
//   hair looser, each passing one character on to the next (as Chromium's own 推出 for 避头尾).
// The page's break is then found again (Paged.js's findOverflow, then the keeps); a change stays
// only when the page comes out fuller. The text never changes, only spans around it; never in
// the block the page breaks in (Paged.js finds the break in the source by that block's text
// nodes), nor in anything centred, a heading, a table or a figure.

const FILL = {
  /** Marks that may go to half width: not the full stops, which stay full (as in 开明式). */
  marks: '，、；：“”‘’（）《》〈〉「」『』【】〔〕',
  /** At most this many of them a line, on average over a paragraph. */
  marksPerLine: 2,
  /** Tightening (pt a character, on top of the grid's tracking): about 1.8 % at most. */
  tighten: { less: 0.14, most: 0.28 },
  /** Room lines may have already (em: marks compressed in pairs, digits), counted on trust. */
  slack: 2,
  /** What tightening gains on a line at most (em). */
  tightenLine: 0.45,
  /** Loosening (pt a character): within 0.5 % of the pitch, but enough to pass a character on. */
  loosen: 0.05,
  /** At most this many lines of a paragraph set looser to push a line. */
  pushLines: 8,
  /** Pages at most this many lines short are filled (more: a block kept whole moved on). */
  short: 3,
  /** Paragraphs tried per page. */
  tries: 6,
};

const pitchOf = (element) => parseFloat(getComputedStyle(element).lineHeight);

/**
 * Lines left empty at the foot of the page when it breaks at `range`: from the last thing laid out
 * before the break (a character, or an image or table) to the area's bottom (text boxes sit inside
 * their lines, so the count is rounded).
 */
function linesShort(range, rendered, bounds, pitch) {
  if (!range) return 0;
  const probe = (measuring ??= document.createRange());
  const { startContainer: container, startOffset: offset } = range;
  let rect;
  if (container.nodeType === Node.TEXT_NODE && offset > 0) {
    probe.setStart(container, offset - 1);
    probe.setEnd(container, offset);
    rect = probe.getBoundingClientRect();
  } else {
    // The node just before the break point (the last inside the child before it, or what comes
    // before the container when the break opens it), then back through the page.
    const walker = document.createTreeWalker(rendered, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let node = container.nodeType === Node.TEXT_NODE ? null : container.childNodes[offset - 1];
    if (node) {
      while (node.lastChild) node = node.lastChild;
      walker.currentNode = node;
    } else {
      walker.currentNode = container;
      node = walker.previousNode();
    }
    for (; node && node !== rendered && !rect; node = walker.previousNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const end = node.data.trimEnd().length;
        if (!end) continue;
        probe.setStart(node, end - 1);
        probe.setEnd(node, end);
        rect = probe.getBoundingClientRect();
      } else if (node.matches('img, table, svg, hr, video')) rect = node.getBoundingClientRect();
    }
  }
  if (!rect || !rect.height || rect.left >= bounds.right - 1) return 0;
  return Math.max(0, Math.round((bounds.bottom - rect.bottom) / pitch));
}

/** The node a break range starts at (or in). */
const startNode = (range) => (range.startContainer.nodeType === Node.TEXT_NODE ? range.startContainer : range.startContainer.childNodes[range.startOffset] || range.startContainer);

/**
 * Wraps positions [from, to) of a block's text in spans of class `name`, one per text node they
 * touch. Returns the spans.
 */
function wrapText(block, from, to, name) {
  const spans = [];
  const lines = new BlockLines(block);
  for (const { node, from: at } of lines.nodes.slice().reverse()) {
    const a = Math.max(from, at);
    const b = Math.min(to, at + node.length);
    if (a >= b) continue;
    let text = node;
    if (b < at + node.length) text.splitText(b - at);
    if (a > at) text = text.splitText(a - at);
    const span = document.createElement('span');
    span.className = name;
    text.parentNode.insertBefore(span, text);
    span.appendChild(text);
    spans.push(span);
  }
  return spans;
}

/**
 * Wraps the characters at `positions` of a block's text each in a span of class `name`: the nodes
 * listed once for all (not once a character), each split from its end so that the positions
 * before stay where they were. Returns the spans in the order of `positions`.
 */
function wrapChars(block, positions, name) {
  const spans = new Map();
  const descending = [...positions].sort((x, y) => y - x);
  for (const { node, from } of new BlockLines(block).nodes.reverse()) {
    for (const i of descending) {
      const offset = i - from;
      if (offset < 0 || offset >= node.length) continue;
      if (offset + 1 < node.length) node.splitText(offset + 1);
      const text = offset > 0 ? node.splitText(offset) : node;
      const span = document.createElement('span');
      span.className = name;
      text.parentNode.insertBefore(span, text);
      span.appendChild(text);
      spans.set(i, span);
    }
  }
  return positions.map((i) => spans.get(i));
}

/** Takes spans out again, their text back in place. */
function unwrap(block, spans) {
  for (const span of spans) span.replaceWith(...span.childNodes);
  block.normalize();
}

/**
 * A block's lines and text: where its last line starts, how wide that line is (em, a closing mark
 * at its end and one of each pair of marks counted half), its characters that are not marks, and
 * the positions of the marks on the lines before it that stand alone (a pair is compressed
 * already), last first.
 */
function blockShape(block) {
  const lines = new BlockLines(block);
  const tops = lines.tops(0, lines.total);
  if (tops.length < 2) return undefined;
  const last = lines.lineStart(tops[tops.length - 1]);
  const lastStart = lines.indexOf(last.node, last.offset);
  const text = lines.nodes.map((e) => e.node.data).join('');
  const isMark = (i) => i >= 0 && i < text.length && ALL_MARKS.includes(text[i]);
  const lastLine = [...text.slice(lastStart)];
  let width = lastLine.length;
  for (let i = lastStart + 1; i < text.length; i++) if (isMark(i) && isMark(i - 1)) width -= 0.5;
  if (CLOSING_MARKS.includes(text[text.length - 1])) width -= 0.5;
  const marks = [];
  for (let i = lastStart - 1; i >= 0; i--) if (FILL.marks.includes(text[i]) && !isMark(i - 1) && !isMark(i + 1)) marks.push(i);
  const chars = lastLine.filter((c) => !ALL_MARKS.includes(c)).length;
  return { count: tops.length, lastStart, width, chars, marks };
}

const CLOSING_MARKS = '，。、；：？！”’）》〉」』】〕';
const ALL_MARKS = '，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕';

const lineCount = (block, pitch) => Math.round(block.getBoundingClientRect().height / pitch);

/**
 * Letter-spacing `delta` pt looser (or tighter, below 0) than `spacing`, a block's own. Read once,
 * before any change: reading a computed style after a change makes Chromium work out the styles
 * again, and a trial sets dozens of spans or blocks one after another.
 */
const spacingOf = (block) => getComputedStyle(block).letterSpacing;
const tracked = (spacing, delta) => `calc(${spacing} + ${delta}pt)`;

/**
 * Which of `blocks` would take one line less (or more) with the whole block set as `style` says:
 * all tried at once, each block's lines depending on nothing but itself. Cheap, with no change to
 * the text's nodes; the change made for real is then the least that does it.
 */
function probe(blocks, shapes, pitch, change, style) {
  const saved = blocks.map((block) => block.getAttribute('style'));
  const spacings = blocks.map(spacingOf);
  blocks.forEach((block, i) => style(block, spacings[i]));
  const lines = blocks.map((block) => lineCount(block, pitch));
  blocks.forEach((block, i) => (saved[i] === null ? block.removeAttribute('style') : block.setAttribute('style', saved[i])));
  return blocks.filter((block, i) => lines[i] === shapes.get(block).count + change);
}

/**
 * Sets `block` one line shorter: the fewest of its lone marks at half width (from its end), or,
 * with `tighten`, all of them and its lines but the last tightened. The spans, or undefined.
 */
function gainLine(block, shape, pitch, tighten) {
  const { count } = shape;
  const marks = shape.marks.slice(0, markCap(shape));
  const spans = [];
  const shorter = () => lineCount(block, pitch) < count;
  const compress = (positions) => {
    for (const span of wrapChars(block, positions, 'fill-mark')) {
      span.style.fontFeatureSettings = '"halt"';
      spans.push(span);
    }
  };
  if (!tighten) {
    // All the marks it may take first (most attempts fail: at once), then the fewest that do it:
    // two half marks make room for a character.
    compress(marks);
    if (!shorter()) {
      unwrap(block, spans);
      return undefined;
    }
    const halve = (k) => spans.forEach((span, i) => (span.style.fontFeatureSettings = i < k ? '"halt"' : ''));
    let lo = 1;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      halve(mid);
      if (shorter()) hi = mid;
      else lo = mid + 1;
    }
    halve(lo);
    unwrap(block, spans.slice(lo));
    return spans.slice(0, lo);
  }
  const spacing = spacingOf(block);
  compress(marks);
  // The lines before the last, tightened: after the change the last line begins earlier, and the
  // part of it that was tightened is set back (a last line keeps the grid's pitch, unless it runs
  // to the right edge like a justified one), until none is.
  let end = shape.lastStart;
  for (let round = 0; round < 3; round++) {
    const tight = wrapText(block, 0, end, 'fill-tight');
    // The most first (most attempts fail: at once), then the less if that does it too.
    const set = (step) => tight.forEach((span) => (span.style.letterSpacing = tracked(spacing, -step)));
    set(FILL.tighten.most);
    if (shorter()) {
      set(FILL.tighten.less);
      if (!shorter()) set(FILL.tighten.most);
    }
    if (!shorter()) {
      unwrap(block, tight);
      break;
    }
    const lines = new BlockLines(block);
    const tops = lines.tops(0, lines.total);
    const start = lines.lineStart(tops[tops.length - 1]);
    const last = lines.indexOf(start.node, start.offset);
    if (last >= end || lineFull(block, lines, last)) return [...tight, ...spans];
    unwrap(block, tight);
    end = last;
  }
  unwrap(block, spans);
  return undefined;
}

/** Whether the line of `block` from position `start` on runs to the block's right edge (it is set like a justified line). */
function lineFull(block, lines, start) {
  const a = lines.point(start);
  const b = lines.point(lines.total);
  const range = lines.range;
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  let right = 0;
  for (const rect of range.getClientRects()) right = Math.max(right, rect.right);
  return right >= block.getBoundingClientRect().right - 0.3 * parseFloat(getComputedStyle(block).fontSize);
}

/** Marks set at half width in one block: at most two a line on average. */
const markCap = (shape) => FILL.marksPerLine * (shape.count - 1);

/**
 * How many last lines set looser might push a line at the least: each passes one character on,
 * and the new last line needs two (digits and pairs of marks may leave lines room, hence slack).
 */
const firstPushLines = (shape) => Math.max(1, Math.min(shape.count, 30 - shape.chars - FILL.slack));
const canPushLine = (shape) => firstPushLines(shape) <= Math.min(shape.count, FILL.pushLines);

/**
 * Sets `block` one line longer by loosening its last lines a hair, each then passing a character
 * on, the fewest that make a new last line of at least two characters. The spans, or undefined.
 */
function pushLine(block, shape, pitch) {
  const { count } = shape;
  const whole = new BlockLines(block);
  const tops = whole.tops(0, whole.total);
  const loose = tracked(spacingOf(block), FILL.loosen);
  for (let k = firstPushLines(shape); k <= Math.min(count, FILL.pushLines, tops.length); k++) {
    // Read afresh: taking spans out again joins the text nodes anew.
    const lines = new BlockLines(block);
    const first = lines.lineStart(tops[tops.length - k]);
    const spans = wrapText(block, lines.indexOf(first.node, first.offset), Infinity, 'fill-loose');
    for (const span of spans) span.style.letterSpacing = loose;
    if (lineCount(block, pitch) === count + 1 && blockShape(block).chars >= 2) return spans;
    unwrap(block, spans);
  }
  return undefined;
}

/**
 * Called with the break the page would take: when it leaves lines empty at the foot, tries to fill
 * the page instead. Returns the range to break at, or undefined to keep `kept`.
 */
function fillPage(kept, rendered, bounds, layout, shift = 0, natural = undefined) {
  const pitch = pitchOf(document.documentElement);
  const short = linesShort(kept, rendered, bounds, pitch);
  if (shift ? short !== 0 : short < 1 || short > FILL.short) return undefined;
  const limit = startNode(kept);
  const shapes = pageShapes(rendered, bounds, pitch, limit);
  const halt = (block) => (block.style.fontFeatureSettings = '"halt"');
  // Gains first (the fewest marks: the shortest last lines), then pushes (the fewest lines
  // loosened: the longest last lines), then gains that tighten. Each kind is tried on the blocks
  // it can work on at all (probe), in that order.
  const kinds = [
    {
      can: (shape) => shape.marks.length >= 2 && shape.marks.length / 2 + FILL.slack >= shape.width,
      probe: (block) => halt(block),
      change: -1,
      order: (shape) => shape.width,
      run: (block, shape) => gainLine(block, shape, pitch, false),
    },
    {
      can: canPushLine,
      probe: (block, spacing) => (block.style.letterSpacing = tracked(spacing, FILL.loosen)),
      change: 1,
      order: (shape) => 30 - shape.chars,
      run: (block, shape) => pushLine(block, shape, pitch),
    },
    {
      can: (shape) => Math.min(shape.marks.length, markCap(shape)) / 2 + (shape.count - 1) * FILL.tightenLine + FILL.slack >= shape.width,
      probe: (block, spacing) => {
        halt(block);
        block.style.letterSpacing = tracked(spacing, -FILL.tighten.most);
      },
      change: -1,
      order: (shape) => shape.width,
      run: (block, shape) => gainLine(block, shape, pitch, true),
    },
  ];
  // A page to hold a line less pushes one; a line more gains one (marks only, or tightened).
  if (shift < 0) kinds.splice(0, 3, kinds[1]);
  if (shift > 0) kinds.splice(1, 1);
  const adjusted = [];
  /** The page laid out again: its break and lines short, or undefined when that will not do. */
  const again = () => {
    const overflow = layout.findOverflow(rendered, bounds);
    // Everything laid out so far fits now: the page goes on (and is checked again when it breaks).
    if (!overflow) return { range: null, short: 0 };
    const range = keptBreak(overflow, rendered) || overflow;
    const node = startNode(range);
    if (adjusted.some((a) => a.block.contains(node))) return undefined;
    return { range, short: linesShort(range, rendered, bounds, pitch) };
  };
  let best = { range: kept, short };
  let tries = 0;
  // A shift of n lines: n paragraphs each gaining (or pushing) one, the page full after each.
  let moved = 0;
  const done = () => (shift ? moved === Math.abs(shift) : best.short === 0) || tries >= FILL.tries;
  for (const kind of kinds) {
    if (done()) break;
    const blocks = [...shapes.keys()].filter((block) => !adjusted.some((a) => a.block === block) && kind.can(shapes.get(block)));
    const fit = probe(blocks, shapes, pitch, kind.change, kind.probe).sort((x, y) => kind.order(shapes.get(x)) - kind.order(shapes.get(y)));
    for (const block of fit) {
      if (done() || best.range === null) break;
      tries += 1;
      const spans = kind.run(block, shapes.get(block));
      if (!spans) continue;
      adjusted.push({ block, spans });
      const result = again();
      const better = shift
        ? result && result.short === 0 && (shift < 0 ? result.range && precedes(result.range, best.range) : !result.range || precedes(best.range, result.range))
        : result && result.short < best.short;
      if (better) {
        best = result;
        moved += 1;
      } else unwrap(block, adjusted.pop().spans);
    }
  }
  if (shift) {
    if (moved === Math.abs(shift) || (best.range === null && moved > 0)) {
      if (best.range === null) rendered.bulletinFillShort = 0;
      return best.range;
    }
    for (const { block, spans } of adjusted.reverse()) unwrap(block, spans);
    return undefined;
  }
  // Last, the paragraph the page breaks in, set whole a hair looser (a line more: a paragraph
  // split two and two, kept from three and one, becomes three and two) or with its marks at half
  // width (a line less: three and one become three). Styles only: its text nodes stay as they are,
  // which Paged.js needs to find the break in its source.
  const whole = !shift && best.short > 0 && natural && breakBlock(natural, rendered);
  if (whole) {
    const saved = whole.getAttribute('style');
    const restore = () => (saved === null ? whole.removeAttribute('style') : whole.setAttribute('style', saved));
    const loose = tracked(spacingOf(whole), FILL.loosen);
    for (const style of [(block) => (block.style.letterSpacing = loose), halt]) {
      style(whole);
      const result = again();
      if (result && result.short < best.short) {
        best = result;
        whole.classList.add('fill-whole');
        whole.bulletinStyle = saved;
        break;
      }
      restore();
    }
  }
  // A page that still ends short keeps its paragraphs as they were.
  if (best.short > 0) {
    if (whole && whole.classList.contains('fill-whole')) unfillWhole(whole);
    for (const { block, spans } of adjusted.reverse()) unwrap(block, spans);
    return undefined;
  }
  // The page is to take more: its next break is held against this one's (see onOverflow).
  if (best.range === null) rendered.bulletinFillShort = short;
  return best.range;
}

/** The paragraph (justified, of text only) that a break falls inside, or null. */
function breakBlock(range, rendered) {
  const node = range.startContainer;
  if (node.nodeType !== Node.TEXT_NODE || !range.startOffset) return null;
  const block = node.parentElement && node.parentElement.closest('p, li');
  if (!block || !rendered.contains(block) || block.querySelector(`${BLOCKS}, img, br, .fill-mark, .fill-tight, .fill-loose`)) return null;
  return getComputedStyle(block).textAlign === 'justify' ? block : null;
}

/** A paragraph set whole looser or tighter back as it was. */
function unfillWhole(block) {
  const saved = block.bulletinStyle;
  if (saved === null || saved === undefined) block.removeAttribute('style');
  else block.setAttribute('style', saved);
  block.classList.remove('fill-whole');
}

/** Whether `a` starts before `b`. */
const precedes = (a, b) => a.compareBoundaryPoints(Range.START_TO_START, b) < 0;

/**
 * The blocks of a page that may be set tighter or looser, with their shapes: paragraphs and list
 * items before `limit` (where the page breaks), justified, of two lines or more, wholly on the page.
 */
function pageShapes(rendered, bounds, pitch, limit) {
  const shapes = new Map();
  for (const block of rendered.querySelectorAll('p, li')) {
    if (limit && (block.contains(limit) || !(block.compareDocumentPosition(limit) & Node.DOCUMENT_POSITION_FOLLOWING))) continue;
    if (block.querySelector(`${BLOCKS}, img, br, .fill-mark, .fill-tight, .fill-loose`)) continue;
    const rect = block.getBoundingClientRect();
    if (rect.height < 2 * pitch - 1 || rect.bottom > bounds.bottom + 1 || rect.right > bounds.right + 1) continue;
    if (getComputedStyle(block).textAlign !== 'justify') continue;
    const shape = blockShape(block);
    if (shape) shapes.set(block, shape);
  }
  return shapes;
}

/**
 * A range at the end of everything laid out on a page, for linesShort to read at once: one Range
 * for all pages (a Range made per page stays live until collected; see BlockLines).
 */
let ending;
function pageEnd(rendered) {
  ending ??= document.createRange();
  ending.setStart(rendered, rendered.childNodes.length);
  ending.collapse(true);
  return ending;
}

/** A block set tighter or looser on this page that `range` breaks inside, or null. */
function adjustedAt(range) {
  const node = startNode(range);
  if (node.nodeType === Node.ELEMENT_NODE && node.matches('p, li')) return null;
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  const block = element && element.closest('p, li');
  return block && block.querySelector('.fill-mark, .fill-tight, .fill-loose') ? block : null;
}

/** Every block set tighter or looser on this page back as it was. */
function unfill(rendered) {
  for (const block of rendered.querySelectorAll('.fill-whole')) unfillWhole(block);
  for (const block of new Set([...rendered.querySelectorAll('.fill-mark, .fill-tight, .fill-loose')].map((span) => span.closest('p, li')))) {
    unwrap(block, [...block.querySelectorAll('.fill-mark, .fill-tight, .fill-loose')]);
  }
}

/**
 * Where a laid-out page's area is now (what Paged.js measured while laying it out has moved since,
 * when the pages before it were taken out of the layout: see finalizePage).
 */
const areaOf = (page) => page.layoutMethod.element.getBoundingClientRect();

/**
 * Whether a laid-out page would end full if it began one line earlier (`shift` −1: the page before
 * it holding a line less) or later (+1: a line more): its content set a line lower or higher, with
 * what follows its break (the next few blocks, when it breaks before a block) laid out after it,
 * and its break found again.
 */
function fullIfShifted(page, breakToken, shift, pitch) {
  const wrapper = page.wrapper;
  const bounds = areaOf(page);
  const added = [];
  if (shift > 0) {
    const node = breakToken.node;
    const parent = node.nodeType === Node.ELEMENT_NODE && !breakToken.offset && node.parentElement && node.parentElement.dataset.ref && wrapper.querySelector(`[data-ref="${node.parentElement.dataset.ref}"]`);
    if (!parent) return false;
    for (let next = node, i = 0; next && i < 3; next = next.nextElementSibling, i++) added.push(parent.appendChild(next.cloneNode(true)));
  }
  const spacer = document.createElement('div');
  if (shift < 0) spacer.style.height = `${-shift * pitch}px`;
  else spacer.style.marginTop = `${-shift * pitch}px`;
  wrapper.prepend(spacer);
  const overflow = page.layoutMethod.findOverflow(wrapper, bounds);
  const range = overflow ? keptBreak(overflow, wrapper) || overflow : pageEnd(wrapper);
  const short = linesShort(range, wrapper, bounds, pitch);
  spacer.remove();
  for (const element of added) element.remove();
  return short === 0;
}

const laidOutShapes = new WeakMap();

/** Whether `shift` lines could come off a laid-out page (< 0: as many paragraphs each take a line more) or onto it (> 0: a line less). */
function canShift(page, shift, pitch) {
  // The shapes of a laid-out page's paragraphs, read once (a new layout makes a new wrapper).
  let shapes = laidOutShapes.get(page.wrapper);
  if (!shapes) {
    const last = page.wrapper.lastElementChild && lastBlock(page.wrapper.lastElementChild);
    shapes = pageShapes(page.wrapper, areaOf(page), pitch, last);
    laidOutShapes.set(page.wrapper, shapes);
  }
  const blocks = [...shapes.keys()].filter((block) => shift > 0 || canPushLine(shapes.get(block)));
  const able =
    shift < 0
      ? probe(blocks, shapes, pitch, 1, (block, spacing) => (block.style.letterSpacing = tracked(spacing, FILL.loosen)))
      : probe(blocks, shapes, pitch, -1, (block, spacing) => {
          block.style.fontFeatureSettings = '"halt"';
          block.style.letterSpacing = tracked(spacing, -FILL.tighten.most);
        });
  return able.length >= Math.abs(shift);
}

class BulletinKeeps extends Paged.Handler {
  onPageLayout(wrapper) {
    wrapper.bulletinFillShort = undefined;
  }

  /**
   * Across two pages. A page of an article that still ends short after its own paragraphs were
   * tried, and that would end full beginning one line earlier, gets the page before it laid out
   * again holding one line less (a paragraph there pushed a line, the page still full), then is
   * laid out again itself from there. Kept if it then ends full; otherwise both are laid out
   * again as they were (the same layout: it depends on nothing else).
   */
  async afterPageLayout(pageElement, page, breakToken, chunker) {
    if (this.spreading || !breakToken || !breakToken.node || !page.layoutMethod) return;
    const index = chunker.pages.indexOf(page);
    const previous = chunker.pages[index - 1];
    if (!previous || previous.blank || !previous.startToken || !previous.layoutMethod) return;
    // Only inside an article: the break's article is on both pages.
    const node = breakToken.node.nodeType === Node.ELEMENT_NODE ? breakToken.node : breakToken.node.parentElement;
    const article = node && node.closest('article');
    if (!article || article === node || !article.dataset.ref) return;
    const ref = `[data-ref="${article.dataset.ref}"]`;
    if (!page.wrapper.querySelector(ref) || !previous.wrapper.querySelector(ref)) return;
    const pitch = pitchOf(document.documentElement);
    const short = linesShort(pageEnd(page.wrapper), page.wrapper, areaOf(page), pitch);
    if (short < 1 || short > FILL.short) return;
    // The page before must end full itself, and stay so.
    if (linesShort(pageEnd(previous.wrapper), previous.wrapper, areaOf(previous), pitch) !== 0) return;
    // A line more on the page before can also do with a line this page gains itself when laid out
    // again (a paragraph alone at its foot then fits whole). Whether the page before can shift is
    // asked first: a style trial, cheaper than laying this page out shifted, and mostly no for a
    // line less (few paragraphs can push one).
    const shift = [-1, 1].find((k) => canShift(previous, k, pitch) && (fullIfShifted(page, breakToken, k, pitch) || (k > 0 && canShift(page, 1, pitch))));
    if (!shift) return;
    this.spreading = true;
    try {
      const source = chunker.source;
      const was = previous.endToken;
      this.shifting = { page: previous, shift };
      const token = await previous.layout(source, previous.startToken, chunker.maxChars);
      this.shifting = undefined;
      let kept = false;
      if (token && token.node && !(token.node === was.node && token.offset === was.offset)) {
        const next = await page.layout(source, token, chunker.maxChars);
        if (next && next.node && linesShort(pageEnd(page.wrapper), page.wrapper, areaOf(page), pitch) === 0) {
          breakToken.node = next.node;
          breakToken.offset = next.offset;
          kept = true;
        }
      }
      if (!kept) {
        await previous.layout(source, previous.startToken, chunker.maxChars);
        await page.layout(source, previous.endToken, chunker.maxChars);
      }
      // What Paged.js's own handlers did after the two pages were first laid out, again.
      await chunker.hooks.afterPageLayout.trigger(previous.element, previous, previous.endToken, chunker);
      await chunker.hooks.afterPageLayout.trigger(pageElement, page, breakToken, chunker);
    } finally {
      this.shifting = undefined;
      this.spreading = false;
    }
  }

  onOverflow(overflow, rendered, bounds, layout) {
    if (!overflow) return undefined;
    let kept = keptBreak(overflow, rendered);
    if (!layout) return kept;
    // Paged.js can only break in a block as its source has it: one set tighter or looser earlier
    // on this page goes back as it was when the break now falls inside it.
    const block = adjustedAt(kept || overflow);
    if (block) {
      unwrap(block, [...block.querySelectorAll('.fill-mark, .fill-tight, .fill-loose')]);
      overflow = layout.findOverflow(rendered, bounds);
      if (!overflow) return null;
      kept = keptBreak(overflow, rendered);
    }
    let filled = fillPage(kept || overflow, rendered, bounds, layout, 0, overflow);
    if (filled === undefined) filled = kept || overflow;
    // The page laid out again to hold one line less or more (afterPageLayout): once, at its break.
    const shifting = this.shifting;
    if (shifting && shifting.page.wrapper === rendered && filled) {
      this.shifting = undefined;
      const shifted = fillPage(filled, rendered, bounds, layout, shifting.shift);
      if (shifted !== undefined) filled = shifted;
    }
    // A page filled earlier to take more content: if it now ends shorter than it would have
    // without, it goes back to that.
    const before = rendered.bulletinFillShort;
    if (before !== undefined && filled) {
      const pitch = pitchOf(document.documentElement);
      if (linesShort(filled, rendered, bounds, pitch) > before) {
        unfill(rendered);
        rendered.bulletinFillShort = undefined;
        const natural = layout.findOverflow(rendered, bounds);
        filled = natural && (keptBreak(natural, rendered) || natural);
      }
    }
    return filled;
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

// Chromium updates every live Range on each change to the DOM, and Paged.js leaves several Ranges
// per page, alive until V8 happens to collect them: the page fills' changes (marks wrapped in spans
// to try them) then cost more with every page laid out. A full collection every 20 pages (the
// browser runs with --expose-gc: browser-process.ts) drops the dead ones. Every 10 pages, the
// 290-page stress issue laid out in 4.0–5.5 s instead of 6.2–9.8 s (alternating runs; a collection
// every few pages costs more than it saves); since the fills make no Range of their own beyond two
// shared ones, every 20 pages does better still (layout, medians of 8 alternating runs on a loaded
// machine: 3.55 s against 4.07 s every 10, 3.51 s every 40, 6.0 s never); 2025年第12期 is unchanged.
// What is laid out does not change, to the byte.
let pagesSinceCollection = 0;
class CollectRanges extends Paged.Handler {
  afterPageLayout() {
    if (typeof gc === 'function' && ++pagesSinceCollection >= 20) {
      pagesSinceCollection = 0;
      gc();
    }
  }
}
Paged.registerHandlers(CollectRanges);
