// The body elements (emphasis, tables, footnotes, the date closing a notice): what cannot print
// right. Markdown that did not become what it was typed as prints its marks (`**`, `|`, `[^1]`);
// a table too wide for the block cannot be set; a closing date that is no date is a typing error.
import type { FootnoteDefinition, FootnoteReference, Table, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { readDate, TABLE_EMS, tableMinimum } from '../../transform/element-text.ts';
import { span } from '../context.ts';
import type { Finding, Rule } from '../types.ts';

export const unparsedEmphasis: Rule = {
  id: 'unparsed-emphasis',
  description: 'a `**` left in the text: emphasis that did not parse prints its asterisks',
  severity: 'error',
  check(ctx) {
    const findings: Finding[] = [];
    visit(ctx.tree, 'text', (node: Text) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const raw = ctx.text.slice(start, end);
      for (const m of raw.matchAll(/\*\*|__/g)) {
        findings.push({
          offset: start + m.index,
          message: `"${m[0]}" prints as it stands: the emphasis did not parse (a \`${m[0]}\` without its pair, or a space inside it: write \`**强调**\`)`,
        });
      }
    });
    return findings;
  },
};

/** A line that reads as a table row: `| a | b |`. */
const ROW = /^\s*\|.*\|\s*$/;
const DELIMITER = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/;
const cellsOf = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').length;

export const unparsedTable: Rule = {
  id: 'unparsed-table',
  description: 'lines typed as a table that Markdown did not read as one: they print as a line of pipes',
  severity: 'error',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) {
      if (node.type !== 'paragraph') continue;
      const [start, end] = span(node);
      const lines = ctx.text.slice(start, end).split('\n');
      const rows = lines.filter((l) => ROW.test(l)).length;
      if (rows < 2) continue;
      const header = lines.findIndex((l) => ROW.test(l));
      const delimiter = lines[header + 1] ?? '';
      const reason = !DELIMITER.test(delimiter)
        ? 'the line under the header must be the delimiter row (`|---|---|`)'
        : `the delimiter row has ${cellsOf(delimiter)} cells and the header ${cellsOf(lines[header]!)}: they must agree`;
      const offset = start + lines.slice(0, header).reduce((n, l) => n + l.length + 1, 0);
      findings.push({ offset, message: `these lines are not a table and print as pipes: ${reason}; and leave a blank line before the table` });
    }
    return findings;
  },
};

export const tableTooWide: Rule = {
  id: 'table-too-wide',
  description: 'a table that cannot fit the text block (too many columns, or cells that cannot break)',
  severity: 'error',
  check(ctx) {
    const findings: Finding[] = [];
    visit(ctx.tree, 'table', (table: Table) => {
      const rows = table.children.map((row) => row.children.map((cell) => toString(cell).trim()));
      const { columns, total } = tableMinimum(rows);
      if (total <= TABLE_EMS) return;
      const widest = rows.flat().reduce((a, b) => (Math.max(0, ...(b.match(/[\x21-\x7e]+/g) ?? []).map((r) => r.length)) > Math.max(0, ...(a.match(/[\x21-\x7e]+/g) ?? []).map((r) => r.length)) ? b : a), '');
      const pt = (ems: number) => Math.round(ems * 14);
      findings.push({
        offset: span(table)[0],
        message: `table needs at least ${pt(total)} pt but the text block is ${pt(TABLE_EMS)} pt wide: ${columns.length} columns${widest ? `, and cells that cannot break such as "${widest.slice(0, 20)}"` : ''}; split the table or shorten its cells`,
      });
    });
    return findings;
  },
};

export const footnoteWithoutNote: Rule = {
  id: 'footnote-without-note',
  description: 'a footnote call `[^1]` with no note `[^1]: …`: it prints as typed',
  severity: 'error',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) {
      for (const run of ctx.runs(node)) {
        for (const m of run.value.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
          findings.push({ offset: run.start + m.index, message: `footnote "[^${m[1]}]" has no note: add a line \`[^${m[1]}]: …\` (it prints as typed)` });
        }
      }
    }
    return findings;
  },
};

export const invalidDate: Rule = {
  id: 'invalid-date',
  description: 'a date line (成文日期, `2025年12月1日`, `二〇二五年十二月一日`) that is no date',
  severity: 'error',
  check(ctx) {
    const findings: Finding[] = [];
    for (const { node } of ctx.blocks) {
      if (node.type !== 'paragraph') continue;
      const [start, end] = span(node);
      let offset = start;
      for (const line of ctx.text.slice(start, end).split('\n')) {
        const date = readDate(line.replace(/\\$/, '').trim());
        if (date && !date.valid) findings.push({ offset: offset + line.length - line.trimStart().length, message: `"${line.trim()}" is no date (year ${date.year}, month ${date.month}, day ${date.day})` });
        offset += line.length + 1;
      }
    }
    return findings;
  },
};

export const footnoteUncalled: Rule = {
  id: 'footnote-uncalled',
  description: 'a footnote note `[^1]: …` that no `[^1]` in the text calls: it does not print',
  severity: 'warning',
  check(ctx) {
    const called = new Set<string>();
    visit(ctx.tree, 'footnoteReference', (ref: FootnoteReference) => {
      called.add(ref.identifier);
    });
    const findings: Finding[] = [];
    visit(ctx.tree, 'footnoteDefinition', (def: FootnoteDefinition) => {
      if (!called.has(def.identifier)) findings.push({ offset: span(def)[0], message: `note "[^${def.label ?? def.identifier}]" is called nowhere in the text: it does not print; add \`[^${def.label ?? def.identifier}]\` where it belongs` });
    });
    return findings;
  },
};
