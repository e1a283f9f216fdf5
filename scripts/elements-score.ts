// Measures the body elements of a built PDF against a key written by hand from its source
// (tests/fixtures/elements/*.key.json): the face of each emphasis and lead-in, where salutations,
// issuers, dates and attachments stand against the mirrored text block, the table's header on its
// continuation page and its columns, lists, footnotes, and any Markdown left in the text.
//   node --import tsx scripts/elements-score.ts <built.pdf> <key.json>
import { readFileSync } from 'node:fs';
import { bodyGlyphs, charsOf, lineString, placedChars, readRuns, type Run, type RunPage } from '../tests/helpers/glyphs.ts';
import { PITCH } from '../tests/helpers/layout.ts';

interface Key {
  faces: Array<[string, Face]>;
  leadIns: Array<[string, string, Face]>;
  editorNotes: Array<[string, string, string, string]>;
  salutations: string[];
  closings: Array<[string, string]>;
  attachments: Array<[string, ...Array<[string, string]>]>;
  tables: Array<{ header: string; rows: number; rowStart: string; columns: number; numeric: number[]; crossesPage: boolean }>;
  lists: string[];
  bullets: string[];
  footnotes: { calls: string[]; notes: string[] };
}
type Face = 'hei' | 'kai' | 'fang';

const [pdf, keyFile] = process.argv.slice(2);
if (!pdf || !keyFile) {
  process.stderr.write('usage: elements-score.ts <built.pdf> <key.json>\n');
  process.exit(2);
}
const key = JSON.parse(readFileSync(keyFile, 'utf8')) as Key;
const FACES: Record<Face, RegExp> = { hei: /^NotoSansSC/, kai: /^FandolKai/, fang: /^FandolFang/ };
const NAMES: Record<Face, string> = { hei: '黑体', kai: '楷体', fang: '仿宋' };
const CHAR = 16 - 0.21;
const han = (s: string) => /\p{Script=Han}/u.test(s);
const pages = await readRuns(pdf);
const bodyPages = pages.slice(1);
const body = bodyGlyphs(bodyPages);
const out = (s: string) => process.stdout.write(`${s}\n`);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const left = (line: Run[]) => Math.min(...line.map((r) => r.x));
const right = (line: Run[]) => Math.max(...line.map((r) => r.x + r.width));

/** Share of the hanzi of `text` drawn in `face`; undefined when the text is not in the PDF as typed. */
function faceShare(text: string, face: Face): [number, number] | undefined {
  const k = text.replace(/\s+/g, '');
  const at = body.text.indexOf(k);
  if (at < 0) return undefined;
  const glyphs = body.glyphs.slice(at, at + k.length).filter((g) => han(g.ch));
  return [glyphs.filter((g) => FACES[face].test(g.font)).length, glyphs.length];
}

function lineStarting(start: string): { page: RunPage; line: Run[]; index: number } | undefined {
  for (const page of bodyPages) {
    const index = page.lines.findIndex((l) => lineString(l).startsWith(start));
    if (index >= 0) return { page, line: page.lines[index]!, index };
  }
  return undefined;
}

const marks = ['**', '*', '|', '[^', '^', '•'].map((m) => `${m} ×${body.text.split(m).length - 1}`);
out(`Markdown left in the body text: ${marks.join(', ')}`);

let ok = 0;
for (const [text, face] of key.faces) {
  const s = faceShare(text, face);
  if (s && s[0] === s[1]) ok++;
  else out(`  emphasis "${text}": ${s ? `${s[0]}/${s[1]} hanzi in ${NAMES[face]}` : 'not in the text as typed'}`);
}
out(`emphasis in its face: ${ok}/${key.faces.length}`);

ok = 0;
for (const [lead, rest, face] of key.leadIns) {
  const found = lineStarting(lead + rest.slice(0, 2));
  const a = faceShare(lead, face);
  const b = faceShare(rest, 'fang');
  const good = !!found && !!a && a[0] === a[1] && !!b && b[0] === b[1];
  if (good) ok++;
  else out(`  lead-in "${lead}": ${found ? 'on its first line' : 'not at a line start as typed'}, ${a ? `${a[0]}/${a[1]} in ${NAMES[face]}` : 'not found'}, rest ${b ? `${b[0]}/${b[1]} 仿宋` : 'not found'}`);
}
out(`lead-ins on the first line, in their level's face, rest 仿宋: ${ok}/${key.leadIns.length}`);

for (const [title, label, text, end] of key.editorNotes) {
  const t = lineStarting(title.slice(0, 8));
  const l = lineStarting(label);
  const e = body.text.indexOf(end.replace(/\s+/g, ''));
  const endPage = e >= 0 ? body.glyphs[e]!.page : undefined;
  const lf = faceShare(label, 'hei');
  const tf = faceShare(text, 'kai');
  out(`editor's note "${label}": on the title's page ${!!t && !!l && t.page.number === l.page.number && endPage === t.page.number}, label ${lf ? `${lf[0]}/${lf[1]} 黑体` : '—'}, text ${tf ? `${tf[0]}/${tf[1]} 楷体` : '—'}`);
}

for (const text of key.salutations) {
  const s = lineStarting(text);
  out(`salutation "${text}": ${s ? `${f1(left(s.line) - s.page.left)} pt from the left edge${lineString(s.line) === text ? '' : ' (not alone on its line)'}` : 'not at a line start'}`);
}

for (const [issuer, date] of key.closings) {
  const d = lineStarting(date);
  const i = d && d.page.lines[d.index - 1];
  if (!d || !i || lineString(i) !== issuer) {
    out(`closing "${issuer}" / "${date}": not on two lines of their own (${d ? `date at ${f1(left(d.line) - d.page.left)} pt from the left` : 'date not at a line start'})`);
    continue;
  }
  const centre = (line: Run[]) => (left(line) + right(line)) / 2;
  out(`closing "${date}": issuer ends ${f1(d.page.right - right(i))} pt from the right edge (2 characters: ${f1(2 * CHAR)}), date centre ${f1(centre(d.line) - centre(i))} pt off the issuer's centre, ${f1(d.line[0]!.top - i[0]!.top)} pt below it`);
}

for (const [label, ...items] of key.attachments) {
  const first = lineStarting(label + items[0]![0]);
  if (!first) {
    out(`attachments: "${label}${items[0]![0]}" not at a line start`);
    continue;
  }
  const chars = placedChars(pdf, first.page.number);
  const names = items.map(([n, name]) => charsOf(chars, n + name.slice(0, 4))?.[n.length]?.x0);
  const labelX = charsOf(chars, label)?.[0]?.x0;
  out(`attachments: "${label}" ${f1((labelX ?? NaN) - first.page.left)} pt in (2 characters: ${f1(2 * CHAR)}); names start at ${names.map((x) => f1(x ?? NaN)).join(', ')} (spread ${f1(Math.max(...(names as number[])) - Math.min(...(names as number[])))} pt)`);
}

for (const table of key.tables) {
  const withHeader = bodyPages.filter((p) => p.lines.some((l) => lineString(l) === table.header));
  const rowRe = new RegExp(table.rowStart);
  const rowLines = bodyPages.flatMap((p) => p.lines.filter((l) => rowRe.test(lineString(l))).map((line) => ({ p, line })));
  const sizes = rowLines.flatMap(({ line }) => line.map((r) => r.size));
  const outside = rowLines.filter(({ p, line }) => left(line) < p.left - 0.5 || right(line) > p.right + 0.5).length;
  const headerFaces = withHeader.map((p) => p.lines.find((l) => lineString(l) === table.header)!.filter((r) => han(r.str)).every((r) => FACES.hei.test(r.font)));
  let spread = 0;
  let cellsOk = 0;
  for (const page of new Set(rowLines.map((r) => r.p))) {
    const edges: number[][] = [];
    for (const { line } of rowLines.filter((r) => r.p === page)) {
      const cells: Run[][] = [];
      for (const run of line) {
        const last = cells.at(-1);
        if (last && run.x - right(last) < 4) last.push(run);
        else cells.push([run]);
      }
      if (cells.length === table.columns) cellsOk++;
      edges.push(table.numeric.map((c) => (cells[c] ? right(cells[c]) : NaN)));
    }
    table.numeric.forEach((_, c) => {
      const column = edges.map((e) => e[c]!).filter(Number.isFinite);
      if (column.length) spread = Math.max(spread, Math.max(...column) - Math.min(...column));
    });
  }
  out(`table "${table.header.slice(0, 10)}…": header printed as a row on ${withHeader.length} page(s) (pages ${withHeader.map((p) => p.number).join(', ')}; ${table.crossesPage ? 'crosses a page' : 'one page'}), header in 黑体 ${headerFaces.join('/') || '—'}; rows read as ${table.columns} cells ${cellsOk}/${table.rows}; cell size max ${f1(Math.max(...sizes))} pt; rows outside the block ${outside}; numeric column right edges spread ${f1(spread)} pt`);
}

for (const start of key.lists) {
  const l = lineStarting(start);
  if (!l) {
    const loose = body.text.includes(start.replace(/\s+/g, ''));
    out(`list item "${start}": not at a line start as typed${loose ? '' : ' (not in the text as typed)'}`);
    continue;
  }
  const chars = charsOf(placedChars(pdf, l.page.number), start.slice(0, 4));
  const gap = chars ? chars[2]!.x0 - chars[1]!.x1 : NaN;
  out(`list item "${start}": ${f1(left(l.line) - l.page.left)} pt in (2 characters: ${f1(2 * CHAR)}), gap after "${start.slice(0, 2)}" ${f1(gap)} pt, line ends ${f1(l.page.right - right(l.line))} pt before the right edge`);
}
for (const start of key.bullets) {
  const l = lineStarting(start);
  out(`bulleted item "${start}": ${l ? `${f1(left(l.line) - l.page.left)} pt in` : 'not at a line start (a bullet before it?)'}`);
}
const gridPages = new Set([...key.lists, ...key.bullets].map((s) => lineStarting(s)?.page).filter((p): p is RunPage => !!p));
let worst = 0;
for (const page of gridPages) {
  const fang = page.lines.filter((l) => FACES.fang.test(l[0]!.font) && Math.abs(l[0]!.size - 16) < 0.5);
  for (const line of fang) {
    const steps = (line[0]!.top - fang[0]![0]!.top) / PITCH;
    worst = Math.max(worst, Math.abs(steps - Math.round(steps)) * PITCH);
  }
}
out(`list pages: body lines off the grid by at most ${f1(worst)} pt`);

const calls = key.footnotes.calls.map((c) => body.text.includes(c));
const notes = key.footnotes.notes.map((n) => lineStarting(n));
out(`footnotes: calls ${calls.filter(Boolean).length}/${calls.length}, notes ${notes.filter(Boolean).length}/${notes.length}${notes.some(Boolean) ? `, note size ${notes.filter(Boolean).map((n) => f1(n!.line[0]!.size)).join('/')} pt` : ''}`);
