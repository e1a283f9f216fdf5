// The headline corpus (tests/fixtures/titles): real headlines, each with the spans a line break
// must not split, annotated by hand when the corpus was gathered (not by the segmenter the build
// uses). Builds them into one bulletin, reads the printed title and 目录 lines back from the PDF and
// scores them against the typesetting rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageModels, type PageModel } from '../../src/verify/pages.ts';
import { readPdfText } from '../../src/verify/text.ts';
import { readToc } from '../../src/verify/toc.ts';
import { ROOT } from './build.ts';

export interface Headline {
  title: string;
  source: string;
  keep: string[];
  /** Paragraphs of filler text after the title (default 2). */
  paragraphs?: number;
}

export const CORPUS = join(ROOT, 'tests/fixtures/titles/headlines.jsonl');
export const HELD_OUT = join(ROOT, 'tests/fixtures/titles/held-out.jsonl');

/** Made up, far too long for a title: its running header must be shortened, its lines still fit. */
export const LONG_TITLE: Headline = {
  title:
    '关于深入学习贯彻习近平新时代中国特色社会主义思想和党的二十届四中全会精神进一步加强全市社会组织党的建设推动社会组织在服务粤港澳大湾区建设和全市高质量发展中发挥更大作用的实施意见',
  source: 'made up for the tests',
  // Three pages: one of them a right-hand page, whose header shows the (shortened) title.
  paragraphs: 40,
  keep: ['习近平新时代中国特色社会主义思想', '党的二十届四中全会', '社会组织', '粤港澳大湾区', '高质量发展', '实施意见'],
};

export function loadCorpus(file: string): Headline[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Headline);
}

/** One bulletin with every headline as an article of two short paragraphs. */
export function corpusMarkdown(headlines: Headline[], issue = '2026年第2期'): string {
  const head = `---\norganization: 广州市社会组织党组织\npublication: 学习资料\nissue: ${issue}\nissuers: [中共广州市社会组织委员会, 中共广州市民政社会组织委员会]\ndate: 2026年2月\n---\n`;
  const body = headlines.map(
    (h, i) =>
      `\n# ${h.title}\n\n本篇为标题排版测试文字，第${i + 1}篇。标题来源见测试数据文件。\n` +
      // A section heading now and then, as real articles have (黑体 on the page too).
      (i % 10 === 0 ? '\n## 一、标题回行的要求\n' : '') +
      '\n标题回行应当词意完整、排列对称、长短适宜。\n'.repeat(Math.max(1, (h.paragraphs ?? 2) - 1)),
  );
  return head + body.join('');
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Width in character cells: a Latin letter or digit counts half. */
export const cells = (s: string) => [...s].reduce((n, ch) => n + (/[\x21-\x7e]/.test(ch) ? 0.5 : 1), 0);

export interface Printed {
  title: string;
  lines: string[];
}

/** The title lines on each article's first page: the rows at the title size (22 pt) at its top. */
export function printedTitles(models: PageModel[], headlines: Headline[]): Printed[] {
  const out: Printed[] = [];
  let from = 0;
  for (const h of headlines) {
    const key = squash(h.title);
    const at = models.findIndex((m, i) => i >= from && m.folio !== undefined && m.bodyText.startsWith(key));
    if (at < 0) {
      out.push({ title: h.title, lines: [] });
      continue;
    }
    from = at + 1;
    const rows = models[at]!.body.filter((row) => row.some((item) => Math.abs(item.size - 22) < 0.5));
    out.push({ title: h.title, lines: rows.map((row) => squash(row.map((i) => i.str).join(''))) });
  }
  return out;
}

/** The 目录 entries' lines, as printed (the page number taken off the last). */
export function printedToc(models: PageModel[]): Printed[] {
  const toc = readToc(models);
  if (!toc) return [];
  const out: Printed[] = [];
  const rows = toc.pages.flatMap((n) => {
    const page = models[n - 1]!;
    const start = page.body.findIndex((row) => /^目录$/.test(squash(row.map((i) => i.str).join(''))));
    return page.body.slice(start + 1).map((row) => squash(row.map((i) => i.str).join('')));
  });
  let pending: string[] = [];
  for (const row of rows) {
    // A leader of dots (as text) comes off too.
    const m = /^(.*?)[.．·…]*(\d{1,4})$/.exec(row);
    if (m && toc.entries[out.length] && squash(pending.join('') + m[1]) === squash(toc.entries[out.length]!.title)) {
      out.push({ title: toc.entries[out.length]!.title, lines: [...pending, m[1]!] });
      pending = [];
    } else pending.push(row);
  }
  return out;
}

export interface Fault {
  title: string;
  lines: string[];
  what: string;
}

/** Breaks inside a kept span; lines of one or two characters; lines starting with closing or ending with opening punctuation. */
export function breakFaults(headline: Headline, lines: string[]): Fault[] {
  const faults: Fault[] = [];
  const text = lines.join('');
  const fault = (what: string) => faults.push({ title: headline.title, lines, what });
  if (text !== squash(headline.title)) {
    fault(`lines do not read as the title: ${lines.join(' / ')}`);
    return faults;
  }
  const breaks: number[] = [];
  let at = 0;
  for (const line of lines.slice(0, -1)) breaks.push((at += line.length));
  for (const span of headline.keep) {
    for (let i = text.indexOf(span); i >= 0; i = text.indexOf(span, i + 1)) {
      const inside = breaks.find((b) => b > i && b < i + span.length);
      if (inside !== undefined) fault(`break inside "${span}"`);
    }
  }
  for (const line of lines) {
    if (cells(line) <= 2) fault(`short line "${line}"`);
    if (/^[，。、；：？！）》”’…%]/.test(line)) fault(`line starts with closing punctuation: "${line}"`);
    if (/[（《“‘]$/.test(line)) fault(`line ends with opening punctuation: "${line}"`);
  }
  return faults;
}

/**
 * The shape of one part of a title (the lines between two of the editor's spaces): two lines with
 * the upper not shorter than the lower (one cell of slack for half-width digits); three or more
 * growing, shrinking or growing then shrinking (梯形, 倒梯形, 菱形), never shrinking then growing.
 */
export function shapeFault(lines: string[]): string | undefined {
  const w = lines.map(cells);
  if (w.length < 2) return undefined;
  if (w.length === 2) return w[0]! + 1 < w[1]! ? `upper line shorter than the lower (${w.join(', ')})` : undefined;
  const steps = w.slice(1).map((v, i) => (v - w[i]! > 1 ? 1 : v - w[i]! < -1 ? -1 : 0)).filter((s) => s !== 0);
  for (let i = 1; i < steps.length; i++) if (steps[i - 1] === -1 && steps[i] === 1) return `shrinks then grows (${w.join(', ')})`;
  return undefined;
}

/** Splits a title's printed lines into the parts the editor separated with spaces. */
export function partsOf(title: string, lines: string[]): string[][] {
  const parts = title.split(/\s+/).filter(Boolean);
  const out: string[][] = parts.map(() => []);
  // A line may hold the end of one part and the start of the next (the editor's space is a
  // preferred break, not a forced one): it is cut there, each piece going to its part.
  let p = 0;
  let used = 0;
  for (const line of lines.map(squash)) {
    let rest = line;
    while (rest && p < parts.length) {
      const take = Math.min(rest.length, parts[p]!.length - used);
      out[p]!.push(rest.slice(0, take));
      rest = rest.slice(take);
      used += take;
      if (used >= parts[p]!.length) {
        p += 1;
        used = 0;
      }
    }
  }
  return out;
}

export async function readBack(pdf: string): Promise<PageModel[]> {
  const text = await readPdfText(new Uint8Array(readFileSync(pdf)));
  try {
    return pageModels(text.pages);
  } finally {
    await text.close();
  }
}

export interface Score {
  titles: number;
  badBreak: Fault[];
  shortLine: Fault[];
  shape: Fault[];
  tocBadBreak: Fault[];
}

export function score(headlines: Headline[], titles: Printed[], toc: Printed[]): Score {
  const s: Score = { titles: headlines.length, badBreak: [], shortLine: [], shape: [], tocBadBreak: [] };
  headlines.forEach((h, i) => {
    const printed = titles[i]!;
    // The editor's spaces are breaks of their own: faults are looked for inside each part.
    for (const [p, part] of h.title.split(/\s+/).filter(Boolean).entries()) {
      const lines = partsOf(h.title, printed.lines)[p] ?? [];
      // A short piece of a part is no short line when it shares its printed line with another part.
      for (const f of breakFaults({ ...h, title: part }, lines)) if (!f.what.startsWith('short')) s.badBreak.push({ ...f, title: h.title });
      const shape = lines.length && squash(lines.join('')) === squash(part) ? shapeFault(lines) : undefined;
      if (shape) s.shape.push({ title: h.title, lines, what: shape });
    }
    for (const line of printed.lines) if (cells(squash(line)) <= 2) s.shortLine.push({ title: h.title, lines: printed.lines, what: `short line "${squash(line)}"` });
    const entry = toc[i];
    if (entry) for (const f of breakFaults(h, entry.lines)) s.tocBadBreak.push(f);
    else s.tocBadBreak.push({ title: h.title, lines: [], what: '目录 entry not found' });
  });
  return s;
}
