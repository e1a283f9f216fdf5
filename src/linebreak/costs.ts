// What a line break costs at each boundary between atoms: the phrase knowledge of the breaker.
// A typesetter breaks a title where its phrases meet: after punctuation and the little words a
// phrase ends on, between subject and predicate, before a verb phrase; never inside a noun
// compound (营业收入, 两岸同胞, 强国建设), between a modifier and its head, inside a short
// coordination (国防和军队) or a quotation, and never before a one-character suffix (自由贸易港).
// The evidence is jieba's parts of speech on each side, the lengths of the words (two-character
// words pair into four-character compounds) and the dictionary (a longer word across the
// boundary). Costs are relative: 0–3 a good place, 5–9 a fair one, 12 and up inside a unit.
import type { Atom } from './segment.ts';

// Words a break may come before at little cost: prepositions, conjunctions and the verbs that
// head the second half of a news title (…时强调, …会议 研究…).
const CHEAP_BEFORE = new Set([
  '关于', '在', '和', '与', '及', '以及', '对', '为', '把', '向', '同', '暨', '并', '就', '从', '以', '给',
  '强调', '指出', '表示', '主持', '出席', '会见', '会谈', '召开', '举行', '印发', '发表', '致信', '致电',
  '作出', '为了', '围绕',
]);
const CHEAP_BEFORE_WORDS = [...CHEAP_BEFORE].filter((w) => w.length > 1);
// A line may end after these at little cost.
const CHEAP_AFTER = new Set(['时', '期间', '之际']);
// Words that open a predicate like an adverb, which jieba's dictionary tags as abbreviations,
// nouns or numerals (增加值 / 同比增长, 全面推进, 有力支撑, 首次低于): a break falls before them.
const ADVERBIAL = new Set(['同比', '环比', '累计', '全面', '有力', '首次', '大力', '着力', '依法', '全力', '再次', '正式', '严重']);
// Words that close the name of a body or a place: the name is complete after them.
const NAME_END = /(?:公司|集团|协会|学会|委员会|联合会|大学|学院|银行|政府|总局|论坛|峰会|大会|会议|[省市县区州镇村部局署厅委办院社会团所])$/u;
const COORDINATOR = /^[和与及同]$/u;

const letters = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '');
const size = (atom: Atom) => [...letters(atom.text)].length;

/** Noun-like: nouns, names, places, organisations, verbal and adjectival nouns, abbreviations, set phrases, unknown words. */
const NOMINAL = /^(n|vn|an|j|l|x|nz|s|ng)/;

type Kind = 'n' | 'v' | 'a' | 'd' | 'm' | 'p' | 'c' | 'u' | 'f' | 'r' | 'i' | 'other';

/** The kind of an atom in its place: jieba's tag, corrected where the neighbours show the tagger erred. */
function kindOf(atoms: Atom[], i: number, last: boolean): Kind {
  const atom = atoms[i];
  if (!atom) return 'other';
  const tag = last ? atom.tag : atom.firstTag;
  const word = letters(atom.text);
  if (ADVERBIAL.has(word)) return 'd';
  if (/^(i)$/.test(tag)) return 'i';
  if (NOMINAL.test(tag)) return 'n';
  const next = atoms[i + 1];
  const previous = atoms[i - 1];
  // A two-character verb between a noun and an adverb is the head of the subject (营业收入 将…, 经济增长 将…).
  if (tag.startsWith('v') && size(atom) === 2 && next?.firstTag.startsWith('d') && previous && NOMINAL.test(previous.tag)) return 'n';
  // A two-character place word before a noun is a noun (两岸同胞).
  if (tag === 'f' && size(atom) === 2 && next && NOMINAL.test(next.firstTag)) return 'n';
  // So is a time word before a noun, often a noun the tagger took for one (青年就业服务).
  if (tag === 't' && size(atom) >= 2 && next && /^n/.test(next.firstTag)) return 'n';
  // An adverb straight before a noun is an adjective the tagger took for one (长远指导意义).
  if (tag === 'ad' || tag.startsWith('d')) return next && !ADVERBIAL.has(word) && /^n/.test(next.firstTag) ? 'a' : 'd';
  // A distinguishing word with no noun after it is the noun itself (伏羲大典).
  if (tag === 'b' && !(next && /^(n|v)/.test(next.firstTag))) return 'n';
  if (/^(a|b)/.test(tag)) return 'a';
  if (tag.startsWith('v')) return 'v';
  // A numeral has a digit or a Chinese numeral in it, or is a one-character measure word (“雪龙2”号);
  // other "numerals" are the tagger's (港澳台).
  if (tag === 'm' || tag === 'q') return /[0-9０-９一二三四五六七八九十百千万亿两几首多每半]/u.test(word) || size(atom) === 1 ? 'm' : 'n';
  if (tag.startsWith('p')) return 'p';
  if (tag === 'c') return 'c';
  if (tag.startsWith('u')) return 'u';
  if (tag === 'f') return 'f';
  if (tag === 'r') return 'r';
  return 'other';
}

/** Whether atom i continues a noun phrase: a noun, or a modifier with a noun after it. */
function inNounPhrase(atoms: Atom[], i: number): boolean {
  const k = kindOf(atoms, i, false);
  return k === 'n' || (k === 'a' && kindOf(atoms, i + 1, false) === 'n');
}

/** Cost of a break between atoms[i - 1] and atoms[i]. */
export function wordCost(atoms: Atom[], i: number): number {
  const previous = atoms[i - 1]!;
  const next = atoms[i]!;
  const head = next.text.replace(/^[^\p{L}\p{N}]+/u, '');
  const tail = previous.text.replace(/[^\p{L}\p{N}]+$/u, '');
  if (/^[的地得之了着过们]/.test(head)) return 12;
  // Two single characters opening a phrase are mostly one word the segmenter did not know (、中印…).
  const opening = i === 1 || /[^\p{L}\p{N}]$/u.test(atoms[i - 2]!.text);
  if (opening && size(previous) === 1 && size(next) === 1 && !/^[pcudr]/.test(previous.tag) && !/^[pcudr]/.test(next.firstTag) && !CHEAP_BEFORE.has(head)) return 20;
  // 走在 / 写在 / 来到: 在 and 到 after a one-character verb are its complement, not a preposition.
  if (/^[在到]/.test(head) && previous.tag.startsWith('v') && size(previous) === 1 && tail !== '会') return 14;
  // A short coordination is one unit (国防和军队, 文化和旅游, 党和国家): no break on either side of 和.
  const tightAround = (c: number) =>
    COORDINATOR.test(letters(atoms[c]?.text ?? '')) && size(atoms[c - 1]!) <= 2 && atoms[c + 1] !== undefined && size(atoms[c + 1]!) <= 2 &&
    kindOf(atoms, c - 1, true) === 'n' && kindOf(atoms, c + 1, false) === 'n' && !/[，、；：]$/.test(atoms[c - 1]!.text);
  if (tightAround(i) || tightAround(i - 1)) return 16;
  // A line does not end on a preposition or conjunction (…和 / 出席…).
  if (previous.tag.startsWith('p') || previous.tag === 'c') return 9;
  // …and before the dictionary's 在京举行, 在京召开: a preposition's phrase as one word.
  if (CHEAP_BEFORE.has(head) || CHEAP_BEFORE_WORDS.some((w) => head.startsWith(w) && head.length <= w.length + 2) || /^在京/u.test(head)) return 1;
  if (CHEAP_AFTER.has(tail) || (tail.endsWith('时') && previous.tag !== 'n')) return 1.5;
  // After a comma or a colon, and after the dash that opens a subtitle (…——论学习贯彻…).
  if (/(?:[，、；：]|——)$/.test(previous.text)) return 0.5;
  if (/[》”）]$/.test(previous.text) || /^[《“（]/.test(next.text)) return 2;
  // After 的: fair, unless it makes a one-character adjective of the word before (新的伟大工程).
  if (tail.endsWith('的')) {
    const word = tail === '的' ? atoms[i - 2] : undefined;
    return (word && size(word) === 1 && /^a/.test(word.tag)) || /^\p{L}的$/u.test(tail) ? 12 : 5;
  }
  const before = kindOf(atoms, i - 1, true);
  const after = kindOf(atoms, i, false);
  // Subject, then its predicate: a good place (…工业增加值 / 同比增长…, …营业收入 / 将突破…).
  if (/^[nr]$/.test(before) && after === 'd') return 3;
  // Between a verb and its object: a good place, unless the verb only qualifies a noun between
  // two nouns (邮政行业寄递业务量超…: a noun, a verb, a noun and then the predicate).
  // A one-character verb is not left at a line's end (…代总统致 / 慰问电).
  if (before === 'v' && after === 'n' && size(previous) === 1) return 9;
  // A verb and its number are one unit (超300亿件, 增长12.2%, 突破900亿元).
  if (before === 'v' && after === 'm') return size(previous) === 1 ? 12 : 9;
  if (before === 'v' && (/^[nmr]$/.test(after) || inNounPhrase(atoms, i))) return modifyingVerb(atoms, i - 1) ? 20 : 3;
  // An adverb and the verb or adjective it qualifies (全面推进, 不断完善, 有力支撑).
  if (before === 'd' && (after === 'v' || after === 'a')) return 12;
  // …unless the verb only qualifies the noun after it (供应链 / 促进博览会): inside a noun phrase.
  if (before === 'n' && after === 'v') return modifyingVerb(atoms, i) ? 20 : 5;
  // An ordinal belongs to what it counts (第二十七次集体学习).
  if (before === 'm' && /^第/.test(letters(previous.text)) && after === 'n') return 14;
  if (before === 'n' && inNounPhrase(atoms, i)) return nounCompoundCost(atoms, i);
  // A modifier and its head (优秀传统文化, 最高会议).
  // A one-character prefix (副秘书长, 总发电量, 原书记) is part of the word.
  if (before === 'a' && after === 'n') return size(previous) === 1 ? 30 : 14;
  // An adjective and a verb that ends its clause: a noun phrase (根本遵循——, 重要遵循。).
  if (before === 'a' && after === 'v' && (/[^\p{L}\p{N}]$/u.test(next.text) || i === atoms.length - 1)) return 14;
  // A distinguishing word before a verb makes a noun of it (一般公共预算).
  if (before === 'a' && after === 'v' && previous.tag === 'b') return 14;
  // Two verbs in a row (传达学习贯彻, 支撑引领).
  if (before === 'v' && after === 'v') return 14;
  if ((before === 'v' && after === 'n') || (before === 'n' && after === 'v')) return 14;
  // A number and what it counts (105周年大会, 各项工作), unless it is a date or a time (2026年 / 电子信息…).
  if (before === 'm' && after === 'n') return /周年$/u.test(tail) ? 20 : /[0-9０-９][年月日天时]$|[月日]$/u.test(tail) ? 8 : 14;
  if (before === 'm') return 8;
  // A quantifying pronoun and its noun (各项工作, 该项目, 其他成员国).
  if (before === 'r' && after === 'n' && /^(?:[各每该本此这那]|其他|其余)/u.test(tail)) return 14;
  // An anniversary after the event it counts (胜利81周年).
  if (before === 'n' && after === 'm' && /周年$/u.test(letters(next.text))) return 14;
  // An adverb at a line's end (将 / 于…, 已 / 全部…).
  if (before === 'd') return 12;
  return 6;
}

/** A two-character verb with a common noun before it and a noun and a predicate after it qualifies that noun. */
function modifyingVerb(atoms: Atom[], v: number): boolean {
  const verb = atoms[v]!;
  if (size(verb) !== 2 || !/^n$|^vn$/.test(atoms[v - 1]?.tag ?? '') || kindOf(atoms, v + 1, false) !== 'n') return false;
  // After the name of a body it is the body's act (市场监管总局 开展…).
  if (NAME_END.test(letters(atoms[v - 1]!.text)) && size(atoms[v - 1]!) >= 2) return false;
  // …a verbal noun (查询服务试点, 监督管理办法)…
  if (atoms[v + 1]!.firstTag === 'vn' && kindOf(atoms, v + 2, false) === 'n') return true;
  // …the name of a meeting or a body (供应链促进博览会, 贸易促进委员会)…
  if (NAME_END.test(letters(atoms[v + 1]!.text)) && size(atoms[v + 1]!) >= 2) return true;
  // …then the predicate, or the time it happens (寄递业务量 超…, 采访活动 今天启动).
  const then = kindOf(atoms, v + 2, false);
  return then === 'v' || then === 'd' || atoms[v + 2]?.firstTag === 't';
}

/**
 * Inside a run of nouns: dear everywhere, dearer between two short words (a four-character
 * compound: 营业收入, 两岸同胞, 金砖国家), dearer still before the head of the run (人类命运 /
 * 共同体); cheaper after a complete name of a place or a body (河南安阳市 / 凯信达…).
 */
function nounCompoundCost(atoms: Atom[], i: number): number {
  const previous = atoms[i - 1]!;
  const next = atoms[i]!;
  let cost = 20;
  if (size(previous) <= 2 && size(next) <= 2) cost += 8;
  if (!inNounPhrase(atoms, i + 1)) cost += 6;
  const named = NAME_END.test(letters(previous.text)) && (size(previous) >= 3 || /(?:论坛|峰会|大会|会议)$/u.test(letters(previous.text)));
  // …but not before a verbal noun, whose object the name is (示范区建设, 大湾区建设).
  if (named && next.firstTag !== 'vn') cost = Math.min(cost, 8);
  // After a longer place name: less dear, though it may still open a name (达沃斯论坛).
  else if (previous.tag === 'ns' && size(previous) >= 3) cost = Math.min(cost, 16);
  // A title before a person's name: a fair place (联合国副秘书长 / 亚丝明·福阿德).
  if (/(?:长|总统|主席|总理|书记|大使|代表|委员|部长|议长|首相)$/u.test(letters(previous.text)) && /^(nr|x)/.test(next.firstTag)) cost = Math.min(cost, 8);
  // A short place name opens the name that follows it (中国杂技家协会, 北京峰会, 海南自由贸易港).
  if (/^ns/.test(previous.tag) && size(previous) <= 2) cost += 6;
  return cost;
}

/**
 * A single character after a noun or a name is mostly its suffix (高官|会, 自由贸易|港, “雪龙2”|号,
 * 国际|日”): the break goes before the whole, not inside it. Not before the little words a phrase
 * may start with (在, 和, 将…) nor before a verb or an adverb (…业务量 / 超300亿件).
 */
export function suffixCost(atoms: Atom[], i: number): number {
  const previous = atoms[i - 1]!;
  const next = atoms[i]!;
  const core = letters(next.text);
  // Not after a comma or a colon: a new phrase starts there (…李连成：当干部…).
  if ([...core].length !== 1 || CHEAP_BEFORE.has(core) || /[^\p{L}\p{N}”》」』）)]$/u.test(previous.text)) return 0;
  // A one-character "verb" with no object after it is a noun's suffix too (高官会呼吁, 极限赛开幕),
  // unless it is a modal (两岸同胞要…); with an object it is the predicate (业务量超300亿件).
  const after = atoms[i + 1];
  const bare = !after || after.firstTag.startsWith('v');
  const suffixVerb = next.firstTag.startsWith('v') && (core === '会' || (bare && !/[要能可应须得该敢将已]/u.test(core)));
  if (/^[dpcuvrae]/.test(next.firstTag) && !suffixVerb) return 0;
  return NOMINAL.test(previous.tag) || /^(nr|ns|nt|m|a)/.test(previous.tag) || /[”》」』]$/.test(previous.text) ? 30 : 0;
}
