import type { Element } from 'hast';
import { h } from 'hastscript';
import { BLOCK_PT, tocLines } from '../linebreak/index.ts';

export interface TocEntry {
  id: string;
  title: string;
}

// Room in a 目录 line, in ems of its 3号 (16 pt) text: a column for the number (1.8 em, three
// digits: styles/bulletin.css keeps it free with padding) on every line but the last, which
// instead needs room for the number itself (0.55 em a digit) and a leader of at least 0.8 em with
// its margins; continuation lines hang two characters in.
const EMS = BLOCK_PT / 16 - 0.1;
const NUMBER_COLUMN = 1.8;
const FIRST = EMS - NUMBER_COLUMN;
const REST = FIRST - 2;
const LEADER = 0.8;

/**
 * The 目录. Each entry's lines are chosen here, at phrase boundaries (src/linebreak), one block
 * each; the last one carries the leader (a dotted rule, not text: the entry copies out as its title
 * and the bare number) and the number. Page numbers are left empty here and filled in after
 * pagination by the page handler (src/paginate/browser/bulletin-pages.js).
 */
export function toc(entries: TocEntry[], digits = 3): Element {
  const lastRoom = digits * 0.55 + LEADER - NUMBER_COLUMN;
  return h('nav.toc', { ariaLabel: '目录' }, [
    h('p.toc-heading', '目　录'),
    h(
      'ol.toc-list',
      entries.map((entry) => {
        const lines = tocLines(entry.title, FIRST, REST, lastRoom);
        const last = lines.pop() ?? '';
        return h('li.toc-entry', [
          h('a.toc-link', { href: `#${entry.id}` }, [
            ...lines.map((line) => h('span.toc-line', line)),
            h('span.toc-last', [
              h('span.toc-line', last),
              h('span.toc-leader', { ariaHidden: 'true' }),
              h('span.toc-page', { dataTarget: entry.id }),
            ]),
          ]),
        ]);
      }),
    ),
  ]);
}
