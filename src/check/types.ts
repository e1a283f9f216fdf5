// The checker's shapes: a rule reads the parsed source (CheckContext) and returns findings; the
// registry, the CLI and the build only ever see Diagnostics.
import type { Heading, Paragraph, Parent, Root, RootContent, Yaml } from 'mdast';
import type { DiagnosticFix, Severity } from '../diagnostics.ts';
import type { Coverage } from '../fonts/cmap.ts';

export type { DiagnosticFix } from '../diagnostics.ts';

export interface Finding {
  /** Offset into the checked text (UTF-16 units); turned into line and column once, centrally. */
  offset: number;
  message: string;
  fix?: DiagnosticFix;
  /** Overrides the rule's severity for this one finding (e.g. a note that a check was skipped). */
  severity?: Severity;
}

export interface Rule {
  id: string;
  description: string;
  severity: Severity;
  check(ctx: CheckContext): Finding[];
}

export interface Article {
  heading: Heading;
  /** The title as written, whitespace runs folded to one space. */
  title: string;
  /** Everything after the heading up to the next `#`. */
  nodes: RootContent[];
}

/** A paragraph or heading with where it sits, in document order. */
export interface Block {
  node: Paragraph | Heading;
  parent: Parent;
  index: number;
  article?: Article;
}

/** A stretch of source text that is prose: the raw slice of one mdast text node. */
export interface Run {
  start: number;
  end: number;
  value: string;
}

export interface CheckOptions {
  /** Code points the configured fonts can draw; `false` skips the font check. Default: fonts/fonts.json. */
  coverage?: Coverage | false;
}

export interface CheckContext {
  file: string;
  text: string;
  tree: Root;
  options: CheckOptions;
  yaml?: Yaml;
  /** Root children that are neither the front matter nor inside an article. */
  before: RootContent[];
  articles: Article[];
  blocks: Block[];
  /** Raw prose runs of a paragraph or heading (text nodes only: no code, HTML or URLs). */
  runs(node: Paragraph | Heading): Run[];
  /** Plain text of a node (mdast-util-to-string). */
  plain(node: Paragraph | Heading): string;
  /** Lazily shared analyses between rules (cut paragraphs feed the bracket check, etc.). */
  memo<T>(key: string, compute: () => T): T;
}
