// A Word file, read by mammoth: body text only (headers, footers, page numbers, comments and
// tracked deletions are not part of it), runs Word split mid-word come out as one text, soft line
// breaks are joined. Titles come from Heading 1 / Title styles or, in files formatted by hand,
// from a centred paragraph set bold or larger than the body; sections from heading styles or a
// wholly bold numbered lead-in. Pictures are saved beside the issue and linked as Markdown images.
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { ImportError, isSectionLine, type ImportedArticle } from './article.ts';
import { rawBlocks, toBlock } from './blocks.ts';
import type { ImportImage } from './index.ts';

const TITLE_STYLE = 'Bulletin Title';

const STYLE_MAP = [
  `p[style-name='${TITLE_STYLE}'] => h1:fresh`,
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
];

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' };
/** Kinds Word embeds that the build cannot show: saved all the same, with a warning. */
const OTHER_EXTENSIONS: Record<string, string> = { 'image/x-emf': 'emf', 'image/x-wmf': 'wmf', 'image/tiff': 'tif', 'image/bmp': 'bmp' };

// mammoth's document model, as much of it as is read here.
interface DocElement {
  type: string;
  children?: DocElement[];
  value?: string;
  styleName?: string | null;
  alignment?: string | null;
  isBold?: boolean;
  fontSize?: number | null;
  numbering?: { isOrdered?: boolean } | null;
}

function runsOf(element: DocElement): DocElement[] {
  const out: DocElement[] = [];
  for (const child of element.children ?? []) {
    if (child.type === 'run') out.push(child);
    else if (child.children) out.push(...runsOf(child));
  }
  return out;
}

const textOf = (run: DocElement): string => (run.children ?? []).map((c) => (c.type === 'text' ? (c.value ?? '') : '')).join('');

/**
 * Marks the paragraphs formatted by hand as titles: centred, bold or large, not a numbered section.
 * Collects the paragraphs Word numbers by itself: their numerals are not in the text.
 */
function markTitles(document: DocElement, autoNumbered: string[]): DocElement {
  const paragraphs = (document.children ?? []).filter((p) => p.type === 'paragraph');
  const visible = (p: DocElement) => runsOf(p).filter((r) => textOf(r).trim());
  // The body's size: the size most text is set in (0: the style's, not set on the text; then a
  // title is larger than 16 pt, 三号, the usual body size of official documents).
  const sizes = new Map<number, number>();
  for (const p of paragraphs) for (const r of visible(p)) sizes.set(r.fontSize ?? 0, (sizes.get(r.fontSize ?? 0) ?? 0) + textOf(r).length);
  const body = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] || 16;
  let first = true;
  for (const p of paragraphs) {
    const runs = visible(p);
    if (!runs.length) continue;
    const text = runs.map(textOf).join('').trim();
    if (p.numbering?.isOrdered) autoNumbered.push(text);
    const styled = !!p.styleName && /heading|title|标题/i.test(p.styleName);
    const bold = runs.every((r) => r.isBold);
    const size = Math.min(...runs.map((r) => r.fontSize ?? 0));
    const large = size >= body + 2;
    const centred = p.alignment === 'center' || p.alignment === 'centre';
    if (!styled && centred && (large || (bold && first)) && !isSectionLine(text) && [...text].length <= 80) p.styleName = TITLE_STYLE;
    first = false;
  }
  return document;
}

export async function importDocx(file: string, bytes: Uint8Array, stem: string, taken: Set<string>, _title?: string): Promise<{ articles: ImportedArticle[]; images: ImportImage[]; warnings: string[] }> {
  const images: ImportImage[] = [];
  const autoNumbered: string[] = [];
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      {
        styleMap: STYLE_MAP,
        transformDocument: ((document: DocElement) => markTitles(document, autoNumbered)) as never,
        convertImage: mammoth.images.imgElement(async (image) => {
          const ext = EXTENSIONS[image.contentType] ?? OTHER_EXTENSIONS[image.contentType] ?? 'bin';
          let n = images.length + 1;
          let name = `${stem}-${n}.${ext}`;
          while (taken.has(name)) name = `${stem}-${++n}.${ext}`;
          taken.add(name);
          images.push({ name, data: new Uint8Array(await image.readAsBuffer()) });
          return { src: name, alt: (image as { altText?: string }).altText ?? '' };
        }),
      },
    );
    html = result.value;
  } catch (error) {
    throw new ImportError(file, `cannot be read as a Word file (.docx): ${(error as Error).message.split('\n')[0]}`);
  }
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const articles: ImportedArticle[] = [];
  // A picture above the title (a letterhead, a photo) goes under it: nothing is dropped.
  const before: ReturnType<typeof toBlock>[] = [];
  for (const raw of rawBlocks(document.body as never, { breakSplits: false })) {
    if (raw.image && !articles.length) {
      before.push(toBlock(raw));
      continue;
    }
    if (raw.tag === 'h1' && !isSectionLine(raw.text)) {
      // A title set over two paragraphs is one title; the space marks its line break.
      const current = articles.at(-1);
      if (current && !current.blocks.length) current.title = `${current.title} ${raw.text}`;
      else articles.push({ title: raw.text, blocks: articles.length ? [] : before });
      continue;
    }
    // Text before any title: the first paragraph is the title, as in a file with no formatting at all.
    if (!articles.length) {
      if ([...raw.text].length > 80 || /[。；！？]$/.test(raw.text)) throw new ImportError(file, `no title: the Word file starts with "${raw.text.slice(0, 20)}…"; give the title the Heading 1 style or put it on a line of its own at the top`);
      articles.push({ title: raw.text, blocks: before });
      continue;
    }
    articles.at(-1)!.blocks.push(toBlock(raw));
  }
  if (!articles.some((a) => a.blocks.length)) throw new ImportError(file, 'has no text in it');
  const warnings = autoNumbered.length
    ? [`${autoNumbered.length} paragraph${autoNumbered.length === 1 ? ' is' : 's are'} numbered by Word itself (first: "${autoNumbered[0]!.slice(0, 20)}"): the numbers are not part of the text; type them in the issue`]
    : [];
  for (const image of images) {
    if (!/\.(?:png|jpg|gif|webp|svg)$/.test(image.name)) warnings.push(`picture ${image.name} is in a format the build cannot show: save it as PNG or JPEG under that name's stem and change its link`);
  }
  // Pictures nothing refers to (none today) would only litter the folder.
  return { articles, warnings, images: images.filter((img) => articles.some((a) => a.blocks.some((b) => b.type === 'image' && b.src === img.name))) };
}
