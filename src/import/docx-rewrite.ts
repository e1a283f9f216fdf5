// The Word-specific passes, run on word/document.xml before mammoth reads it, so that what
// mammoth renders is what Word shows: list numbers become text at the start of their paragraph;
// a picture that opens a paragraph (before its caption) becomes a paragraph of its own before
// it; bold that comes from a style is set on the run (mammoth reads direct bold only); a cover
// page in a layout table gives way to its title and its other lines; the titles are marked with a
// style the style map turns into `<h1>`.
import { XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { partText } from './docx-zip.ts';
import { labelSeparator, Numbering } from './docx-numbering.ts';
import { bodySize, coverTitle, decideTitles, isPlaceholder, titleLine, type ParagraphFacts } from './docx-title.ts';
import { attr, descendants, hasPicture, kid, kids, paragraphRuns, paragraphText, parseXml, runText, Styles, W } from './docx-word.ts';

/** The style id the passes give a title paragraph (the style map makes it `<h1>`). */
export const TITLE_STYLE_ID = 'BulletinTitle';

export interface Rewritten {
  /** Parts replaced, by name. */
  replaced: Map<string, string>;
  /** The file names its title with confidence. */
  confident: boolean;
  /** The first line of text, for a message. */
  firstText: string;
}

type Entries = Parameters<typeof partText>[0];

const visible = (text: string) => /[^\s\u00a0\u3000]/.test(text);

function element(doc: Document, name: string, val?: string): Element {
  const el = doc.createElementNS(W, `w:${name}`) as unknown as Element;
  if (val !== undefined) el.setAttributeNS(W, 'w:val', val);
  return el;
}

/** The paragraph's `w:pPr`, made if it has none. */
function pPrOf(doc: Document, p: Element): Element {
  const found = kid(p, 'pPr');
  if (found) return found;
  const pPr = element(doc, 'pPr');
  p.insertBefore(pPr as never, p.firstChild);
  return pPr;
}

function setParagraphStyle(doc: Document, p: Element, id: string): void {
  const pPr = pPrOf(doc, p);
  for (const old of kids(pPr, 'pStyle')) pPr.removeChild(old as never);
  pPr.insertBefore(element(doc, 'pStyle', id) as never, pPr.firstChild);
}

function factsOf(styles: Styles, p: Element): ParagraphFacts {
  const runs = paragraphRuns(p).filter((r) => visible(runText(r)));
  const jc = attr(styles.paragraphProperty(p, 'jc'), 'val');
  return {
    text: paragraphText(p),
    styleName: styles.name(styles.paragraphStyle(p)),
    centred: jc === 'center' || jc === 'centre',
    bold: runs.length > 0 && runs.every((r) => styles.runBold(p, r)),
    size: runs.length ? Math.min(...runs.map((r) => styles.runSize(p, r))) : 0,
  };
}

/** Word's list numbers as text: a run with the label opens the paragraph, and the list is switched off. */
function writeNumbers(doc: Document, body: Element, numbering: Numbering): void {
  for (const p of descendants(body, 'p')) {
    // A text box's paragraphs are there twice (mc:Choice and mc:Fallback); mammoth reads the fallback, so that is the one counted.
    if (inChoice(p)) continue;
    const label = numbering.label(p);
    if (label === undefined && !kid(kid(p, 'pPr'), 'numPr')) continue;
    const pPr = pPrOf(doc, p);
    for (const old of kids(pPr, 'numPr')) pPr.removeChild(old as never);
    // numId 0: no numbering, also none from the paragraph's style.
    const numPr = element(doc, 'numPr');
    numPr.appendChild(element(doc, 'ilvl', '0') as never);
    numPr.appendChild(element(doc, 'numId', '0') as never);
    pPr.appendChild(numPr as never);
    if (!label?.text) continue;
    const run = element(doc, 'r');
    // The label is set like the text it opens (bold with a bold lead-in).
    const first = paragraphRuns(p).find((r) => visible(runText(r)));
    const rPr = kid(first, 'rPr');
    if (rPr) run.appendChild(rPr.cloneNode(true) as never);
    const t = element(doc, 't');
    t.setAttribute('xml:space', 'preserve');
    t.appendChild(doc.createTextNode(label.text + labelSeparator(label)) as never);
    run.appendChild(t as never);
    p.insertBefore(run as never, pPr.nextSibling);
  }
}

function inChoice(el: Element): boolean {
  for (let n = el.parentNode; n; n = n.parentNode) if ((n as Element).localName === 'Choice') return true;
  return false;
}

/** A picture before any text of its paragraph (a photo above its caption) goes in a paragraph of its own, before it. */
function splitLeadingPictures(doc: Document, body: Element): void {
  for (const p of descendants(body, 'p')) {
    const runs = kids(p, 'r');
    const firstText = runs.findIndex((r) => visible(runText(r)));
    if (firstText <= 0) continue;
    const pictures = runs.slice(0, firstText).filter(hasPicture);
    if (!pictures.length) continue;
    const before = element(doc, 'p');
    const pPr = kid(p, 'pPr');
    if (pPr) before.appendChild(pPr.cloneNode(true) as never);
    for (const r of runs.slice(0, firstText)) before.appendChild(r as never);
    p.parentNode!.insertBefore(before as never, p as never);
  }
}

/** Bold set by a paragraph or character style (not a heading's), written on the run where mammoth sees it. */
function writeStyleBold(doc: Document, body: Element, styles: Styles): void {
  for (const p of descendants(body, 'p')) {
    if (/heading|title|标题/i.test(styles.name(styles.paragraphStyle(p)) ?? '')) continue;
    for (const r of paragraphRuns(p)) {
      const rPr = kid(r, 'rPr');
      if (kid(rPr, 'b') || !visible(runText(r)) || !styles.runBold(p, r)) continue;
      // The character style Strong is mapped to <strong> by mammoth already.
      if (styles.name(attr(kid(rPr, 'rStyle'), 'val')) === 'Strong') continue;
      const props = rPr ?? (r.insertBefore(element(doc, 'rPr') as never, r.firstChild) as unknown as Element);
      props.appendChild(element(doc, 'b') as never);
    }
  }
}

/** A plain paragraph of the given text (a cover's line). */
function plainParagraph(doc: Document, text: string): Element {
  const p = element(doc, 'p');
  const r = element(doc, 'r');
  const t = element(doc, 't');
  t.setAttribute('xml:space', 'preserve');
  t.appendChild(doc.createTextNode(text) as never);
  r.appendChild(t as never);
  p.appendChild(r as never);
  return p;
}

/**
 * A cover page: a layout table before any text, of short lines only, with a template
 * placeholder or a line set far larger than the body. It is replaced by its title (a title
 * paragraph) and its other lines (paragraphs), placeholders left out.
 */
function replaceCover(doc: Document, body: Element, styles: Styles, size: number, givenTitle: boolean): boolean | undefined {
  const first = kids(body).find((el) => (el.localName === 'p' ? visible(paragraphText(el)) : el.localName === 'tbl'));
  if (!first || first.localName !== 'tbl') return undefined;
  const lines = descendants(first, 'p').map((p) => factsOf(styles, p)).filter((f) => visible(f.text));
  if (!lines.length || lines.some((l) => [...l.text.trim()].length > 60 || /[。；！？]/.test(l.text))) return undefined;
  if (!lines.some((l) => isPlaceholder(l.text) || l.size >= size + 6)) return undefined;
  const title = givenTitle ? undefined : coverTitle(lines, size);
  const inTitle = (l: ParagraphFacts) => title !== undefined && l.size >= size + 2 && titleLine(l.text) && !isPlaceholder(l.text);
  const out: Element[] = [];
  if (title) {
    const heading = plainParagraph(doc, title);
    setParagraphStyle(doc, heading, TITLE_STYLE_ID);
    out.push(heading);
  }
  for (const l of lines) if (!isPlaceholder(l.text) && !inTitle(l)) out.push(plainParagraph(doc, l.text.trim()));
  for (const p of out) body.insertBefore(p as never, first as never);
  body.removeChild(first as never);
  return title !== undefined;
}

export function rewriteDocx(entries: Entries, givenTitle?: string): Rewritten {
  const documentXml = partText(entries, 'word/document.xml');
  if (documentXml === undefined) throw new Error('it has no word/document.xml');
  const doc = parseXml(documentXml, 'word/document.xml');
  const stylesXml = partText(entries, 'word/styles.xml');
  const styles = new Styles(stylesXml ? parseXml(stylesXml, 'word/styles.xml') : undefined);
  const numberingXml = partText(entries, 'word/numbering.xml');
  const body = kid(doc.documentElement as unknown as Element, 'body');
  if (!body) throw new Error('its document has no body');

  writeNumbers(doc, body, new Numbering(numberingXml ? parseXml(numberingXml, 'word/numbering.xml') : undefined, styles));
  splitLeadingPictures(doc, body);
  writeStyleBold(doc, body, styles);

  const top = () => kids(body, 'p');
  const size = bodySize(top().map((p) => factsOf(styles, p)));
  const cover = replaceCover(doc, body, styles, size, givenTitle !== undefined);
  let confident = cover === true;
  // After a cover with a title, that is the file's (a repeat of it on the next page would be a second title).
  if (givenTitle === undefined && cover !== true) {
    const paragraphs = top();
    const decision = decideTitles(paragraphs.map((p) => factsOf(styles, p)));
    for (const i of decision.titles) setParagraphStyle(doc, paragraphs[i]!, TITLE_STYLE_ID);
    confident = decision.confident;
  }
  const firstText = top().map(paragraphText).find(visible)?.trim() ?? '';
  return { replaced: new Map([['word/document.xml', new XMLSerializer().serializeToString(doc as never)]]), confident, firstText };
}
