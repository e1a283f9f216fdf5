import type { Element } from 'hast';
import { h } from 'hastscript';
import type { FrontMatter } from '../parse/index.ts';

/** The red masthead (红头): organisation, publication, issue, issuing bodies and date, red rule. */
export function masthead(meta: FrontMatter): Element {
  return h('header.masthead', [
    h('p.masthead-org', meta.organization),
    h('p.masthead-title', meta.publication),
    h('p.masthead-issue', `（${meta.issue}）`),
    h('div.masthead-foot', [h('p.masthead-issuers', meta.issuers.map((name) => h('span', name))), h('p.masthead-date', meta.date)]),
    h('div.masthead-rule', { role: 'presentation' }),
  ]);
}
