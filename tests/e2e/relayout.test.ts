// Issue 6, item 4: watch keeps the last layout and lays out again only the articles an edit
// touched. Whatever it does must give the PDF a full layout gives: each version of a chain of edits
// is rendered both ways (the kept page updated; a fresh page laid out whole) and the two PDFs are
// compared byte for byte (only Chromium's two dates differ between any two prints).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Renderer } from '../../src/paginate/render.ts';
import { prepareBuild } from '../../src/pipeline/build.ts';
import { OUT, ROOT } from '../helpers/build.ts';

const dir = join(OUT, `relayout-${process.pid}`);
const withoutDates = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '');

/** The start of the `n`th article (1-based) in the Markdown. */
function article(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf('\n# ', at + 1);
    if (at < 0) throw new Error(`no article ${n}`);
  }
  return at + 1;
}

/** The blank line ending the first paragraph at least `skip` characters into article `n`. */
function paragraphEnd(text: string, n: number, skip = 200): number {
  const at = text.indexOf('\n\n', article(text, n) + skip);
  if (at < 0) throw new Error(`no paragraph in article ${n}`);
  return at;
}

let reused: Renderer;
let fresh: Renderer;
beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  [reused, fresh] = await Promise.all([Renderer.launch({ timeoutMs: 120_000, reuse: true }), Renderer.launch({ timeoutMs: 120_000 })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([reused?.kill(), fresh?.kill()]);
});

it('gives the same PDF as a full layout through a chain of edits, laying out only what changed', async () => {
  const original = readFileSync(join(ROOT, 'source/2025-12.md'), 'utf8');
  expect(original).not.toContain('鑫');
  const filler = '这是为检验重新排版而新增的一段文字，内容没有实际意义。'.repeat(10);
  // Each step edits the previous version. `relaid`: articles the kept page lays out again
  // (undefined: it cannot be updated, the document is laid out whole).
  const steps: Array<{ what: string; edit: (text: string) => string; relaid: number | 'several' | undefined; pages?: 'same' | 'changed' }> = [
    { what: 'first layout', edit: (t) => t, relaid: undefined },
    { what: 'one character in article 1', edit: (t) => t.replace('新华社广州11月8日电', '新华社广州11月9日电'), relaid: 1, pages: 'same' },
    { what: 'a character new to the issue (new font subsets) in article 2', edit: (t) => { const at = paragraphEnd(t, 2); return `${t.slice(0, at)}鑫${t.slice(at)}`; }, relaid: 1, pages: 'same' },
    { what: 'two pages more in article 3', edit: (t) => { const at = paragraphEnd(t, 3); return `${t.slice(0, at)}${`\n\n${filler}`.repeat(7)}${t.slice(at)}`; }, relaid: 1, pages: 'changed' },
    { what: 'a paragraph less in article 5 (the pages after it swap sides)', edit: (t) => { const from = paragraphEnd(t, 5); return t.slice(0, from) + t.slice(t.indexOf('\n\n', from + 2)); }, relaid: 'several', pages: 'changed' },
    { what: 'the last article', edit: (t) => { const at = paragraphEnd(t, 7); return `${t.slice(0, at)}${filler}${t.slice(at)}`; }, relaid: 1 },
    { what: 'an article title (the 目录 changes)', edit: (t) => t.replace(/^# (.+)$/m, '# $1（摘要）'), relaid: undefined },
    { what: 'nothing that reaches the page', edit: (t) => `${t}\n`, relaid: 0, pages: 'same' },
  ];
  let text = original;
  let before: number | undefined;
  for (const [i, step] of steps.entries()) {
    text = step.edit(text);
    const source = join(dir, `step-${i}.md`);
    writeFileSync(source, text);
    const { html, files } = await prepareBuild(source, { outDir: dir, html: false, mode: 'print' });
    const updated = await reused.pdf({ html, files });
    const whole = await fresh.pdf({ html, files });
    const result = { what: step.what, relaid: updated.relaid, identical: withoutDates(updated.bytes) === withoutDates(whole.bytes), pages: updated.pageCount };
    // 'several': the page count changes by an odd number, so the articles after the edit are laid
    // out again as well.
    const several = step.relaid === 'several';
    if (several) expect((whole.pageCount - before!) % 2).not.toBe(0);
    expect(result).toEqual({ what: step.what, relaid: several && result.relaid! > 1 ? result.relaid : step.relaid, identical: true, pages: whole.pageCount });
    expect(updated.bookmarks).toEqual(whole.bookmarks);
    if (step.pages === 'same') expect(whole.pageCount).toBe(before);
    if (step.pages === 'changed') expect(whole.pageCount).not.toBe(before);
    before = whole.pageCount;
  }
}, 300_000);
