// `bulletin import`: Word files, saved web pages and PDF text become articles appended to an
// issue. Each format has its own reader (docx.ts, html.ts, text.ts, pdf.ts) that yields articles;
// the Markdown is written in one place (article.ts) and then goes through the checker's certain
// repairs (src/check/fix.ts), the same ones `bulletin check --fix` applies.
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { fixSource, RULES } from '../check/index.ts';
import { articlesToMarkdown, ImportError, type ImportedArticle } from './article.ts';
import { importText } from './text.ts';

export { ImportError } from './article.ts';

/** An image a Word file carries, to be written beside the issue under `name`. */
export interface ImportImage {
  name: string;
  data: Uint8Array;
}

export interface ImportResult {
  file: string;
  articles: ImportedArticle[];
  images: ImportImage[];
  /** What the reader noticed but could not repair (printed with the file's name). */
  warnings?: string[];
}

export interface ImportOptions {
  /** Image file names already taken beside the issue (images get fresh names). */
  taken?: Set<string>;
  /** The title the editor gave (`--title`): used where the input names none with confidence. */
  title?: string;
}

/** 20 MB: a Word file with photographs; a web page or a text is far smaller. */
const MAX_INPUT_BYTES = 20 * 1024 * 1024;

function readInput(file: string): Buffer {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new ImportError(file, 'is not a regular file');
    if (stat.size > MAX_INPUT_BYTES) throw new ImportError(file, `is ${(stat.size / 1048576).toFixed(1)} MB, more than an article can be (${MAX_INPUT_BYTES / 1048576} MB)`);
    const bytes = readFileSync(file);
    if (!bytes.length) throw new ImportError(file, 'is empty: nothing to import');
    return bytes;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(file, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message);
  }
}

/** Plain text: UTF-8 (BOM allowed), UTF-16 with its BOM (Notepad's "Unicode"), or else GB18030 as Windows tools save it. */
export function decodeText(file: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new ImportError(file, 'is neither UTF-8 nor GBK text');
    }
  }
}

/** Reads one input into articles, by its extension. */
export async function importFile(file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const ext = extname(file).toLowerCase();
  const bytes = readInput(file);
  const stem = basename(file, extname(file));
  switch (ext) {
    case '.txt':
    case '.text':
    case '.md':
      return { file, articles: importText(file, decodeText(file, bytes)), images: [] };
    case '.html':
    case '.htm':
    case '.xhtml': {
      const { importHtml } = await import('./html.ts');
      return { file, articles: importHtml(file, bytes, options.title), images: [] };
    }
    case '.docx': {
      const { importDocx } = await import('./docx.ts');
      return { file, ...(await importDocx(file, bytes, stem, options.taken ?? new Set(), options.title)) };
    }
    case '.pdf': {
      const { pdfText } = await import('./pdf.ts');
      const { text, titles, bookmarks } = await pdfText(file, bytes);
      return { file, articles: importText(file, text, titles, bookmarks), images: [] };
    }
    case '.doc':
      throw new ImportError(file, 'is an old Word .doc file: open it in Word or LibreOffice and save it as .docx');
    default:
      throw new ImportError(file, `cannot import ${ext || 'a file without an extension'}: expected .docx, .html/.htm, .txt or .pdf`);
  }
}

/**
 * The Markdown for the articles of all inputs, in order, after the checker's certain repairs:
 * stray spaces, full-width punctuation, `#` levels; for text, also joined hard wraps and paragraphs
 * cut at page breaks. A Word file's or a page's paragraphs are already whole: never joined.
 */
export async function importedMarkdown(results: ImportResult[]): Promise<string> {
  const parts: string[] = [];
  for (const result of results) {
    const markdown = articlesToMarkdown(result.articles);
    const structured = !/\.(?:txt|text|md|pdf)$/i.test(result.file);
    const rules = structured ? RULES.map((r) => r.id).filter((id) => id !== 'split-paragraph') : undefined;
    parts.push((await fixSource(result.file, markdown, { rules })).text.trimEnd());
  }
  return `${parts.join('\n\n')}\n`;
}
