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
  afterRendered() {
    const pages = [...document.querySelectorAll('.pagedjs_pages > .pagedjs_page')];
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
