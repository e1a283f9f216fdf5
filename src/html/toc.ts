import type { Element } from 'hast';
import { h } from 'hastscript';

export interface TocEntry {
  id: string;
  title: string;
}

/**
 * The 目录. Page numbers are left empty here and filled in after pagination by the page handler
 * (src/paginate/browser/bulletin-pages.js), from the page each target lands on.
 */
export function toc(entries: TocEntry[]): Element {
  return h('nav.toc', { ariaLabel: '目录' }, [
    h('p.toc-heading', '目　录'),
    h(
      'ol.toc-list',
      entries.map((entry) =>
        h('li.toc-entry', [
          h('a.toc-link', { href: `#${entry.id}` }, [
            h('span.toc-title', entry.title),
            h('span.toc-leader', { ariaHidden: 'true' }),
            h('span.toc-page', { dataTarget: entry.id }),
          ]),
        ]),
      ),
    ),
  ]);
}
