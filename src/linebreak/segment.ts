// Cuts a title into atoms: the smallest pieces a line break may fall between. Words come from
// jieba (@node-rs/jieba: a dictionary of 349 000 words plus an HMM for names it does not know),
// with the bulletin's own terms added (terms.txt). On top of the words, units that no segmenter
// keeps whole are joined: numbers with their unit or ordinal (2026年, 第十五届, 第33届, 30%),
// short 书名号 and quoted titles (《求是》, “十五五”), Latin words, and punctuation with the word
// it belongs to (a line never starts with a closing mark or ends with an opening one).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../paths.ts';
import { SegmentCache } from './cache.ts';

export interface Atom {
  text: string;
  /** A dictionary word of two or more characters runs across the boundary before this atom (营业|收入). */
  straddled: boolean;
  /** Part of speech of the atom's last word (jieba's tag set: n, v, p, c, u, m, …). */
  tag: string;
  /** Part of speech of its first word. */
  firstTag: string;
}

interface TaggedWord {
  word: string;
  tag: string;
}

/** The parts of @node-rs/jieba the project uses: POS tagging and full mode (breaks), plain and search cuts (the site's index). */
export interface Jieba {
  tag(sentence: string, hmm?: boolean): TaggedWord[];
  cutAll(sentence: string): string[];
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
}

let instance: Jieba | undefined;

/** jieba with its dictionary and ours (terms.txt): about 0.2 s to load, once per process, shared by every user. */
export function jieba(): Jieba {
  if (instance) return instance;
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Jieba & { loadDict(dict: Uint8Array): void } } };
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const loaded = Jieba.withDict(dict);
  const terms = readFileSync(join(projectRoot, 'src/linebreak/terms.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .join('\n');
  loaded.loadDict(Buffer.from(terms));
  instance = loaded;
  return instance;
}

// Marks a line must not start with, or end with (GB/T 15834 and clreq line-breaking rules).
const CLOSING = '，。、；：？！）》〉」』】〕”’…—·%％,.;:?!)]}';
const OPENING = '（《〈「『【〔“‘([{';

const NUMERAL = '[0-9０-９]+(?:[.．][0-9０-９]+)?';
const CN_NUMERAL = '[一二三四五六七八九十百千万零〇两]+';
const UNIT = '[年月日时号届次期个名位项件条批家人元万亿岁周天倍]';
// Spans a break must not fall inside, whatever the segmenter says.
const KEEP: RegExp[] = [
  /《[^《》\s]{1,12}》/gu,
  // A quotation of up to 12 characters is a name or a slogan (“声援巴勒斯坦人民国际日”): one unit.
  /[“「『‘][^“”「」『』‘’\s]{1,12}[”」』’]/gu,
  new RegExp(`第(?:${NUMERAL}|${CN_NUMERAL})${UNIT}?`, 'gu'),
  // Ranges: 9月17日—21日, 1至11月, 2025—2027年.
  new RegExp(`${NUMERAL}${UNIT}*(?:${NUMERAL}${UNIT})*[—–~～至到-]${NUMERAL}${UNIT}*`, 'gu'),
  new RegExp(`${NUMERAL}(?:[至到~～—-]${NUMERAL})?(?:[%％‰]|${UNIT}+(?:[0-9０-９]+${UNIT})*)?`, 'gu'),
  new RegExp(`${CN_NUMERAL}${UNIT}`, 'gu'),
  // 党的二十大, 党的二十届三中全会, 十四届全国人大: one name.
  /(?:党的)?[一二三四五六七八九十]+[大届](?:[一二三四五六七八九十]中全会)?/gu,
  /[A-Za-z][A-Za-z0-9.+\-]*/gu,
];

/** For each character position i (1 ≤ i < length), whether a break before it is inside a kept span. */
function keptPositions(text: string): Set<number> {
  const inside = new Set<number>();
  for (const pattern of KEEP) {
    for (const m of text.matchAll(pattern)) {
      // Numbers in a span of Chinese numerals that is only a word like 十分 are not ordinals: kept anyway (short).
      for (let i = m.index + 1; i < m.index + m[0].length; i++) inside.add(i);
    }
  }
  return inside;
}

let cache: SegmentCache<Atom[]> | undefined;

/** The atoms of a title (no spaces in it: callers split at the editor's spaces first). */
export function atoms(text: string): Atom[] {
  if (!text) return [];
  cache ??= new SegmentCache<Atom[]>();
  const cached = cache.get(text);
  if (cached) return cached;
  const made = segment(text);
  cache.set(text, made);
  return made;
}

function segment(text: string): Atom[] {
  const words = jieba().tag(text, true);
  const kept = keptPositions(text);
  const out: Array<Omit<Atom, 'straddled'> & { end: number }> = [];
  let position = 0;
  for (const { word, tag } of words) {
    const start = position;
    position += word.length;
    const last = out.at(-1);
    const glue =
      last &&
      (kept.has(start) || CLOSING.includes(word[0]!) || OPENING.includes(last.text.at(-1)!) || /^\s/.test(word) || /\s$/.test(last.text));
    if (glue) {
      last.text += word;
      last.end = position;
      if (!/^[^\p{L}\p{N}]+$/u.test(word)) last.tag = tag;
    } else {
      out.push({ text: word, tag, firstTag: tag, end: position });
    }
  }
  // Every dictionary word in the text (jieba's full mode), by where it starts and ends: a
  // boundary the best segmentation puts inside a longer word of the dictionary is a weak one.
  const spans: Array<[number, number]> = [];
  let from = 0;
  for (const word of jieba().cutAll(text)) {
    const at = text.indexOf(word, from);
    if (at < 0) continue;
    from = at;
    if (word.length >= 2) spans.push([at, at + word.length]);
  }
  let start = 0;
  return out.map(({ text: t, tag, firstTag, end }) => {
    const straddled = start > 0 && spans.some(([a, b]) => a < start && b > start);
    start = end;
    return { text: t, tag, firstTag, straddled };
  });
}
