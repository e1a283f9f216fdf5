// A word typed twice (`升级升级`). Chinese doubles words on purpose all the time (常常, 看看,
// 点点滴滴, 一步一步), so: two- to four-character units are reported unless they start with 一
// (一点一点), and single characters only from a short list of function words that rarely double.
import type { Finding, Rule } from '../types.ts';

// 了了 (进行了了解), 在在 (现在在), 是是 (但是是否), 把把 (一把把) occur across word boundaries.
const SINGLE = new Set([...'的和与被']);
/** Verbs said twice to soften them (研究研究, 商量商量): ABAB reduplication, not a slip. */
const ABAB = new Set(['研究', '讨论', '商量', '考虑', '琢磨', '打听', '收拾', '整理', '休息', '锻炼', '介绍', '了解', '交流', '体验', '尝试', '思考', '分析', '比较', '检查', '准备', '打扮', '放松', '溜达', '合计', '盘算']);
/** Numbers written in Chinese numerals repeat digits (二〇二〇年, 一九一九): never a slip. */
const NUMERAL = /^[〇零一二三四五六七八九十百千万亿两]+$/u;
/** Legitimate words that contain one of the doubles above. */
const SINGLE_OK = /的的确|目的的/;

export const doubledWord: Rule = {
  id: 'doubled-word',
  description: 'a word or phrase repeated back to back (升级升级, 的的); reduplication like 常常, 点点滴滴, 研究研究 is allowed',
  severity: 'warning',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) {
      for (const run of ctx.runs(node)) {
        for (const m of run.value.matchAll(/\p{Script=Han}+/gu)) findings.push(...doublesIn(m[0], run.start + m.index!));
      }
    }
    return findings;
  },
};

function doublesIn(s: string, base: number): Finding[] {
  const findings: Finding[] = [];
  let i = 0;
  while (i < s.length) {
    let hit = 0;
    // Compared code unit by code unit: slicing three candidates at every position of a long issue
    // cost more than the rest of the checker.
    if (s[i] !== '一') {
      for (let len = 8; len >= 2; len--) {
        if (i + 2 * len > s.length) continue;
        let same = true;
        for (let k = 0; k < len && same; k++) same = s.charCodeAt(i + k) === s.charCodeAt(i + len + k);
        const unit = s.slice(i, i + len);
        if (same && !/^(.)\1+$/u.test(unit) && !(len === 2 && ABAB.has(unit)) && !NUMERAL.test(unit)) {
          hit = len;
          break;
        }
      }
    }
    if (hit) {
      const unit = s.slice(i, i + hit);
      findings.push({ offset: base + i, message: `"${unit}" is doubled ("${unit}${unit}"): delete one if it is a slip` });
      i += 2 * hit;
      continue;
    }
    const ch = s[i]!;
    if (SINGLE.has(ch) && s[i + 1] === ch) {
      const window = s.slice(Math.max(0, i - 2), i + 4);
      // AABB reduplication on either side (实实在在, 的的确确) is a word, not a slip.
      const aabb = s[i + 2] !== undefined && s[i + 2] === s[i + 3] || (i >= 2 && s[i - 2] === s[i - 1]);
      if (!aabb && !SINGLE_OK.test(window)) findings.push({ offset: base + i, message: `"${ch}" is doubled ("${ch}${ch}"): delete one` });
      i += 2;
      continue;
    }
    i++;
  }
  return findings;
}
