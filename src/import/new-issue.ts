// `bulletin new`: the next issue's front matter from the previous one. The masthead stays (the
// organisation, the publication, the issuers, the layout switches); the issue number goes up by
// one, starting again at 第1期 in a new year, and the date moves on by one month.
import { isMap, parseDocument } from 'yaml';
import { fail } from '../diagnostics.ts';

const ISSUE = /^(?:(\d{4})\s*年\s*)?第\s*(\d+)\s*期(?:\s*[（(]\s*总第\s*(\d+)\s*期\s*[）)])?$/;
const DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月/;

/** `2025年12月` → `2026年1月`; undefined when the date is not written as year and month. */
export function nextDate(date: string): string | undefined {
  const m = DATE.exec(date.trim());
  if (!m) return undefined;
  const month = Number(m[2]);
  const [year, next] = month >= 12 ? [Number(m[1]) + 1, 1] : [Number(m[1]), month + 1];
  return `${year}年${next}月`;
}

/**
 * `2025年第11期` → `2025年第12期`; in the year of `date` (the new issue's date) when that year is
 * later, the count starts again: `2025年第12期` with `2026年1月` → `2026年第1期`. A running count
 * (`（总第120期）`) goes on; an issue without a year (`第12期`) starts again when the date's year changes.
 */
export function nextIssue(issue: string, date?: string, previousDate?: string): string | undefined {
  const m = ISSUE.exec(issue.trim());
  if (!m) return undefined;
  const dateYear = date ? Number(DATE.exec(date.trim())?.[1]) : NaN;
  const year = m[1] ? Number(m[1]) : previousDate ? Number(DATE.exec(previousDate.trim())?.[1]) : NaN;
  const restart = dateYear > year;
  const number = restart ? 1 : Number(m[2]) + 1;
  const total = m[3] ? `（总第${Number(m[3]) + 1}期）` : '';
  return `${m[1] ? `${restart ? dateYear : year}年` : ''}第${number}期${total}`;
}

export interface NewIssueOptions {
  issue?: string;
  date?: string;
}

/** Keys that belong to one issue's content, not to the publication: not carried over. */
const PER_ISSUE = ['subject', 'keywords'];

/** The new issue's source text (front matter only), from the previous issue's text. */
export function scaffoldIssue(file: string, previous: string, options: NewIssueOptions = {}): string {
  const fm = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(previous.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (!fm) fail(file, 'has no front matter (--- … ---) to start the next issue from', { line: 1, column: 1 });
  const doc = parseDocument(fm[1]!);
  if (doc.errors.length || !isMap(doc.contents)) fail(file, `front matter cannot be read: ${doc.errors[0]?.message.split('\n')[0] ?? 'not a mapping'}`, { line: 2, column: 1 });
  const get = (key: string) => {
    const value = doc.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  const oldIssue = get('issue');
  const oldDate = get('date');
  const date = options.date ?? (oldDate ? nextDate(oldDate) : undefined);
  if (!date) fail(file, `cannot tell the next date from "date: ${oldDate ?? ''}" (expected e.g. 2025年12月): give it with --date`);
  const issue = options.issue ?? (oldIssue ? nextIssue(oldIssue, date, oldDate) : undefined);
  if (!issue) fail(file, `cannot tell the next issue from "issue: ${oldIssue ?? ''}" (expected e.g. 2025年第12期): give it with --issue`);
  doc.set('issue', issue);
  doc.set('date', date);
  for (const key of PER_ISSUE) doc.delete(key);
  return `---\n${doc.toString({ flowCollectionPadding: false }).trimEnd()}\n---\n`;
}
