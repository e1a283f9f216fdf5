// What a page's own CSS hides is not text a reader sees: elements hidden by an inline style, or
// by a rule of the page's `<style>` elements on their class, id or tag (promotions such as
// `（本文来自澎湃新闻…APP）` are hidden this way, and so are share titles and menus). Rules inside
// `@media` (print, small screens) are left alone: they do not hide on the screen a reader reads.

interface Element {
  getAttribute(name: string): string | null;
  remove(): void;
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
}

interface Doc {
  querySelectorAll(selector: string): ArrayLike<Element>;
}

const HIDES = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** The selectors of top-level rules that hide what they match. */
export function hidingSelectors(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/<!--|-->/g, '');
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let selector = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      if (depth === 0) selector = text.slice(start, i).trim();
      depth++;
      start = i + 1;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        const body = text.slice(start, i);
        if (!selector.startsWith('@') && !body.includes('{') && HIDES.test(body.trim())) out.push(...selector.split(',').map((s) => s.trim()).filter(Boolean));
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) start = i + 1; // `@charset …;`, `@import …;`
  }
  // Only what can be matched without a state or a position: no pseudo-classes or -elements.
  return out.filter((s) => !/[:[]/.test(s) && !/^(?:html|body|\*)$/i.test(s));
}

/** Removes from the document what its inline styles and `<style>` rules hide. */
export function removeHidden(document: Doc): void {
  const selectors = [...Array.from(document.querySelectorAll('style'))].flatMap((s) => hidingSelectors(s.textContent ?? ''));
  const hidden: Element[] = [];
  for (const el of Array.from(document.querySelectorAll('[style]'))) if (HIDES.test((el.getAttribute('style') ?? '').trim())) hidden.push(el);
  for (const el of Array.from(document.querySelectorAll('[hidden]'))) hidden.push(el);
  for (const selector of selectors) {
    try {
      hidden.push(...Array.from(document.querySelectorAll(selector)));
    } catch {
      // a selector the DOM library cannot read: nothing is hidden by it here
    }
  }
  for (const el of hidden) if (!isFoldedArticle(el)) el.remove();
}

/**
 * Running text a page folds away behind `展开全文` (hidden until clicked): three paragraphs or more
 * of 40 characters and more that are not links. That is article, not furniture, and stays.
 */
function isFoldedArticle(el: Element): boolean {
  const paragraphs = Array.from(el.querySelectorAll('p')).filter((p) => {
    const text = (p.textContent ?? '').replace(/\s+/g, '');
    const linked = Array.from(p.querySelectorAll('a')).reduce((n, a) => n + (a.textContent ?? '').replace(/\s+/g, '').length, 0);
    return [...text].length >= 40 && linked * 2 < text.length;
  });
  return paragraphs.length >= 3;
}
