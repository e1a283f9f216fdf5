// A Word file, read by mammoth: body text only (headers, footers, page numbers, comments and
// tracked deletions are not part of it), runs Word split mid-word come out as one text, soft line
// breaks are joined. Before mammoth, the Word-specific passes (docx-rewrite.ts) write Word's list
// numbers into the text, put a picture before the caption it precedes, and mark the titles found
// on the evidence of the formatting (docx-title.ts); a file with no title found with confidence
// is refused unless the editor gives one (`--title`). Sections come from heading styles or a
// numbered lead-in standing alone. Pictures are saved beside the issue and linked as Markdown images.
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { ImportError, isSectionLine, type ImportBlock, type ImportedArticle } from './article.ts';
import { rawBlocks, toBlock } from './blocks.ts';
import { rewriteDocx, TITLE_STYLE_ID } from './docx-rewrite.ts';
import { docxParts, readZip } from './docx-zip.ts';
import type { ImportImage } from './index.ts';

const STYLE_MAP = [
  `p.${TITLE_STYLE_ID} => h1:fresh`,
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  // Heading styles as WPS and Chinese editions of Word may name them.
  "p[style-name='标题 1'] => h1:fresh",
  "p[style-name='标题 2'] => h2:fresh",
  "p[style-name='标题 3'] => h3:fresh",
  "p[style-name='标题 4'] => h4:fresh",
  "p[style-name='Subtitle'] => p:fresh",
];

const NUMERAL_SPACE = /^([一二三四五六七八九十百零〇]+、|（[一二三四五六七八九十百零〇]+）)[ \u00a0\u3000]+(?=\S)/;

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' };
/** Kinds Word embeds that the build cannot show: saved all the same, with a warning. */
const OTHER_EXTENSIONS: Record<string, string> = { 'image/x-emf': 'emf', 'image/x-wmf': 'wmf', 'image/tiff': 'tif', 'image/bmp': 'bmp' };

export async function importDocx(file: string, bytes: Uint8Array, stem: string, taken: Set<string>, title?: string): Promise<{ articles: ImportedArticle[]; images: ImportImage[]; warnings: string[] }> {
  const images: ImportImage[] = [];
  let html: string;
  let rewritten: ReturnType<typeof rewriteDocx>;
  let entries: ReturnType<typeof readZip>;
  try {
    entries = readZip(bytes);
    rewritten = rewriteDocx(entries, title);
  } catch (error) {
    throw new ImportError(file, `cannot be read as a Word file (.docx): ${(error as Error).message.split('\n')[0]}`);
  }
  if (!title && !rewritten.confident) {
    const start = rewritten.firstText ? ` (it begins "${[...rewritten.firstText].slice(0, 20).join('')}…")` : '';
    throw new ImportError(file, `names no title with confidence${start}: give the article's title with --title "…"`);
  }
  try {
    const result = await mammoth.convertToHtml(
      { file: docxParts(entries, rewritten.replaced) } as never,
      {
        styleMap: STYLE_MAP,
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
  // With --title the whole text is the body: nothing in it is promoted to a title.
  const articles: ImportedArticle[] = title ? [{ title, blocks: [] }] : [];
  // Text or a picture above the first title (a letterhead, a photo) goes under it: nothing is dropped.
  const before: ImportBlock[] = [];
  let afterTitle = false;
  for (const raw of rawBlocks(document.body as never, { breakSplits: false })) {
    // `二、 编制过程`: a space typed after the numeral is no part of the section's number.
    raw.text = raw.text.replace(NUMERAL_SPACE, '$1');
    if (raw.tag === 'h1' && !title && !isSectionLine(raw.text)) {
      // A title set over two paragraphs is one title; the space marks its line break.
      const current = articles.at(-1);
      if (current && afterTitle) current.title = `${current.title} ${raw.text}`;
      else articles.push({ title: raw.text, blocks: articles.length ? [] : before });
      afterTitle = true;
      continue;
    }
    afterTitle = false;
    (articles.at(-1)?.blocks ?? before).push(toBlock(raw));
  }
  if (!articles.length) throw new ImportError(file, `names no title with confidence: give the article's title with --title "…"`);
  if (!articles.some((a) => a.blocks.length)) throw new ImportError(file, 'has no text in it');
  const warnings: string[] = [];
  for (const image of images) {
    if (!/\.(?:png|jpg|gif|webp|svg)$/.test(image.name)) warnings.push(`picture ${image.name} is in a format the build cannot show: save it as PNG or JPEG under that name's stem and change its link`);
  }
  // Pictures nothing refers to (none today) would only litter the folder.
  return { articles, warnings, images: images.filter((img) => articles.some((a) => a.blocks.some((b) => b.type === 'image' && b.src === img.name))) };
}
