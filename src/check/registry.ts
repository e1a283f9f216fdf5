// Every rule, in the order `bulletin check --rules` lists them. One module per rule family.
import { doubledWord } from './rules/doubled.ts';
import { footnoteUncalled, footnoteWithoutNote, invalidDate, tableTooWide, unparsedEmphasis, unparsedTable } from './rules/elements.ts';
import { bidiControl, controlChar, undrawableChar } from './rules/fonts.ts';
import { frontMatter } from './rules/front-matter.ts';
import { headingDepth, headingSpace, numberingDash, sectionAsArticle, sectionAsParagraph, sectionNumbering } from './rules/numbering.ts';
import { listNumbering } from './rules/lists.ts';
import { indentedParagraph, lineBreak, pageArtifact, splitParagraph } from './rules/paragraphs.ts';
import { doubledPunct, fullwidthAlnum, halfwidthPunct, unbalancedPair } from './rules/punctuation.ts';
import { fullwidthSpace, spaceAroundDigit, spaceBetweenHan } from './rules/spacing.ts';
import { duplicateTitle, emptyArticle, imageFile, manualToc, mastheadInBody, noArticles, textBeforeArticle, titleNoText, titleTooLong } from './rules/structure.ts';
import type { Rule } from './types.ts';

export const RULES: readonly Rule[] = [
  frontMatter,
  mastheadInBody,
  textBeforeArticle,
  noArticles,
  emptyArticle,
  duplicateTitle,
  titleNoText,
  titleTooLong,
  manualToc,
  pageArtifact,
  splitParagraph,
  lineBreak,
  indentedParagraph,
  sectionNumbering,
  numberingDash,
  headingDepth,
  sectionAsArticle,
  sectionAsParagraph,
  headingSpace,
  listNumbering,
  spaceAroundDigit,
  spaceBetweenHan,
  fullwidthSpace,
  halfwidthPunct,
  fullwidthAlnum,
  doubledPunct,
  unbalancedPair,
  doubledWord,
  undrawableChar,
  unparsedEmphasis,
  unparsedTable,
  tableTooWide,
  footnoteWithoutNote,
  footnoteUncalled,
  invalidDate,
  bidiControl,
  controlChar,
  imageFile,
];
