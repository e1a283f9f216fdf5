// Widths of text in ems, estimated from character classes rather than measured in the browser:
// the breaks are chosen before layout, in Node, so that the PDF, the --html output, the preview
// and the watch all get the same lines. Estimates err wide (a Latin letter or digit is taken at
// 0.6 em, where the configured faces draw 0.5–0.58 em), so a line chosen to fit does fit.

const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2026\u201c\u201d\u2018\u2019\u00b7]/u;
const NARROW_PUNCT = /[.,:;!'|()[\]{}]/;

/** Set one em wide: hanzi, kana, hangul, full-width forms and the marks CJK faces draw full width. */
function fullWidth(ch: string): boolean {
  return WIDE.test(ch) || (ch.codePointAt(0) ?? 0) > 0xffff;
}

export function charWidth(ch: string): number {
  if (fullWidth(ch)) return 1;
  if (ch === ' ') return 0.3;
  if (NARROW_PUNCT.test(ch)) return 0.35;
  if (ch === '%' || ch === '@' || /[MWmw]/.test(ch)) return 0.9;
  return 0.6;
}

/** Width in ems, with the 1/8 em that `text-autospace` puts between hanzi and Latin or digits. */
export function textWidth(text: string): number {
  let width = 0;
  let previous: boolean | undefined;
  for (const ch of text) {
    width += charWidth(ch);
    const wide = fullWidth(ch);
    const alnum = /[A-Za-z0-9]/.test(ch);
    if (previous !== undefined && ch !== ' ' && (wide || alnum) && previous !== wide) width += 0.125;
    if (ch !== ' ' && (wide || alnum)) previous = wide;
  }
  return width;
}
