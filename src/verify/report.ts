// A short human summary of what the preflight found (the facts), for `bulletin verify`.
import { pageList } from './boxes.ts';
import { withoutSubset } from './fonts.ts';
import type { PreflightFacts } from './preflight.ts';

const pt = (n: number) => String(Math.round(n * 100) / 100);

export function summarize(file: string, facts: PreflightFacts): string[] {
  const out: string[] = [];
  const size = facts.trimSize ? `trim ${pt(facts.trimSize.width)} × ${pt(facts.trimSize.height)} pt` : 'no pages';
  const media = facts.mediaBoxes.map((m) => `${pt(m[2])} × ${pt(m[3])}`).join(', ');
  out.push(`${file}: ${facts.pageCount} pages, ${size}, media ${media} pt`);
  out.push(`  fonts: ${facts.fonts.map((f) => `${withoutSubset(f.name)}${f.face ? '' : ' (?)'}`).join(', ') || 'none'}`);
  const { pages } = facts;
  const numbered = pages.folios.filter((f): f is number => f !== null);
  const front = pages.front.length ? pageList(pages.front) : 'none';
  out.push(
    `  front matter: ${front}; body from page ${pages.firstBody ?? '?'}, numbered ${numbered.length ? `${Math.min(...numbered)}–${Math.max(...numbered)}` : 'nowhere'}` +
      (pages.blank.length ? `; blank: ${pageList(pages.blank)}` : ''),
  );
  if (facts.toc) {
    const entries = facts.toc.entries.map((e) => `${e.printed}${e.folio !== undefined && e.folio !== e.printed ? `≠${e.folio}` : ''}`).join(' ');
    out.push(`  目录: ${pageList(facts.toc.pages)}, ${facts.toc.entries.length} entries (${entries})`);
  } else out.push('  目录: not found');
  out.push(`  articles: ${facts.articles.length}, bookmarks: ${facts.outline.length}`);
  const { conformance: c } = facts;
  if (c.checked.length) out.push(`  conformance: ${c.checked.join(', ')} checked (PDF ${c.version ?? '?'}; output intent ${c.outputIntents.map((i) => `${i.s} ${i.identifier}${i.profile ? ` [${i.profile}]` : ''}`).join(', ') || 'none'})`);
  if (facts.content) out.push(`  text: ${facts.content.found}/${facts.content.blocks} source blocks found in order`);
  out.push(`  checked in ${facts.ms} ms`);
  return out;
}
