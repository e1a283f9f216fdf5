// Runs inside the page, after Paged.js has laid out every page. Numbers the pages itself
// (Paged.js page-counter resets give wrong numbers on Chromium >= 131, paged-pitfalls §1.1):
// body pages count from the first article title, front matter and blank pages get no number,
// and each 目录 entry gets the number of the page its article title stands on.
/* global Paged */
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
