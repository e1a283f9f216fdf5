// The masthead contract: which keys a bulletin's front matter has, checked with zod and reported
// at the YAML line of the offending key.
import { LineCounter, parseDocument, isMap, isScalar, type Pair, type YAMLError } from 'yaml';
import { z } from 'zod';
import { BulletinError, type Diagnostic } from '../diagnostics.ts';

// A YAML escape can write what no text can hold: a lone surrogate (`"\uD800"`) or a control.
const INVALID = /[\p{Cs}\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
const nonEmpty = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((s) => !INVALID.test(s), { message: 'holds an invalid or invisible control character (a lone surrogate, a control or a bidi override): delete it' });

export const frontMatterSchema = z
  .object({
    organization: nonEmpty,
    publication: nonEmpty,
    issue: nonEmpty,
    issuers: z.array(nonEmpty).min(1, 'must list at least one issuing body'),
    date: nonEmpty,
    /** Running headers on body pages. */
    header: z.boolean().default(true),
    subject: nonEmpty.optional(),
    keywords: z.array(nonEmpty).optional(),
    /** Raw HTML in the Markdown: dropped with a warning, or (an explicit opt-in) sanitized. */
    raw_html: z.enum(['drop', 'sanitize']).default('drop'),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/**
 * Parses the YAML between the `---` fences. `firstLine` is the source line of the YAML's first
 * line, so that every message points into the Markdown file.
 */
export function parseFrontMatter(file: string, yamlText: string, firstLine: number): FrontMatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line + firstLine - 1, column: pos.col };
  };
  if (doc.errors.length) {
    throw new BulletinError(
      doc.errors.map((e): Diagnostic => ({ file, ...at(e.pos[0]), severity: 'error', message: `front matter: ${errorMessage(e, yamlText, at)}`, rule: 'front-matter' })),
    );
  }
  let data: unknown;
  try {
    // The masthead needs no aliases; the library refuses an alias bomb (aliases of aliases that
    // expand exponentially) by throwing, which is a fault of this file, said at its first alias.
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    const alias = /(^|[\s\[{,:-])\*[^\s,\]}]+/m.exec(yamlText);
    const offset = alias ? alias.index + alias[1]!.length : 0;
    throw new BulletinError({ file, ...at(offset), severity: 'error', message: `front matter: ${(error as Error).message.replace(/\.$/, '')}: the masthead keys need no YAML aliases (*name)`, rule: 'front-matter' });
  }
  if (data === null || data === undefined) {
    throw new BulletinError({ file, line: firstLine, column: 1, severity: 'error', message: 'front matter is empty', rule: 'front-matter' });
  }
  const result = frontMatterSchema.safeParse(data);
  if (result.success) return result.data;

  const keyOffset = (key: PropertyKey | undefined): number | undefined => {
    if (!isMap(doc.contents) || key === undefined) return doc.contents?.range?.[0];
    const pair = doc.contents.items.find((p: Pair) => isScalar(p.key) && p.key.value === key);
    return (pair?.key as { range?: number[] } | undefined)?.range?.[0];
  };
  const diagnostics = result.error.issues.map((issue): Diagnostic => {
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      return { file, ...at(keyOffset(key)), severity: 'error', message: `front matter: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${Object.keys(frontMatterSchema.shape).join(', ')})`, rule: 'front-matter' };
    }
    const key = issue.path[0];
    const missing = issue.code === 'invalid_type' && (data as Record<string, unknown>)[key as string] === undefined;
    const message = missing ? `front matter: missing required key "${String(key)}"` : `front matter: "${issue.path.join('.')}" ${issue.message}`;
    return { file, ...at(missing ? undefined : keyOffset(key)), line: missing ? firstLine - 1 : at(keyOffset(key)).line, severity: 'error', message, rule: 'front-matter' };
  });
  throw new BulletinError(diagnostics);
}

/** The YAML library's message, with the key named when it is a duplicate (it says only "Map keys must be unique"). */
function errorMessage(error: YAMLError, yamlText: string, at: (offset: number) => { line: number }): string {
  if (error.code !== 'DUPLICATE_KEY') return error.message.split('\n')[0]!;
  const key = /^[^:\n]*/.exec(yamlText.slice(error.pos[0]))![0].trim().replace(/^["']|["']$/g, '');
  const first = yamlText.search(new RegExp(`^[ \\t]*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?[ \\t]*:`, 'm'));
  const firstLine = first >= 0 && first < error.pos[0] ? ` (first at line ${at(first).line})` : '';
  return `duplicate key "${key}"${firstLine}: each key may appear once`;
}
