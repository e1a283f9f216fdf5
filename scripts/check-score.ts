// Measures the checker on damaged sources against their hand-written keys: recall (planted faults
// found by their rule at their line), false alarms (any other finding), and whether `--fix` gives
// the hand-written repaired text and a second `--fix` changes nothing.
//
//   node --import tsx scripts/check-score.ts [dir...] [--src path/to/src] [--verbose]
//
// Each `<name>.md` in a folder has `<name>.key` (`fault LINE RULE` and `ok LINE` lines, `#` notes)
// and `<name>.fixed.md`. `--src` points at another checkout's src/ (to measure an older version).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Key {
  faults: Array<{ line: number; rule: string }>;
  ok: number[];
}

export function readKey(text: string): Key {
  const key: Key = { faults: [], ok: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [kind, at, rule] = line.split(/\s+/);
    if (kind === 'fault' && rule) key.faults.push({ line: Number(at), rule });
    else if (kind === 'ok') key.ok.push(Number(at));
    else throw new Error(`bad key line: ${raw}`);
  }
  return key;
}

interface Finding {
  line?: number;
  rule?: string;
  message: string;
}

export interface Score {
  name: string;
  faults: number;
  found: number;
  missed: string[];
  falseAlarms: string[];
  /** Findings at a line the key names as a right look-alike. */
  lookAlikeAlarms: number;
  fixMatches: boolean;
  secondFixNoop: boolean;
}

type Check = (path: string, text: string) => Finding[];
type Fix = (path: string, text: string) => Promise<{ text: string }>;

export async function scoreFile(path: string, check: Check, fix: Fix): Promise<Score> {
  const text = readFileSync(path, 'utf8');
  const key = readKey(readFileSync(path.replace(/\.md$/, '.key'), 'utf8'));
  const expected = readFileSync(path.replace(/\.md$/, '.fixed.md'), 'utf8');
  const findings = check(path, text);
  const at = new Set(findings.map((d) => `${d.rule}@${d.line}`));
  const planted = new Set(key.faults.map((f) => `${f.rule}@${f.line}`));
  const missed = [...planted].filter((k) => !at.has(k));
  const falseAlarms = findings.filter((d) => !planted.has(`${d.rule}@${d.line}`)).map((d) => `${d.rule}@${d.line}: ${d.message}`);
  const ok = new Set(key.ok);
  const lookAlikeAlarms = findings.filter((d) => ok.has(d.line ?? 0) && !planted.has(`${d.rule}@${d.line}`)).length;
  let fixed = text;
  let second = text;
  try {
    fixed = (await fix(path, text)).text;
    second = (await fix(path, fixed)).text;
  } catch (error) {
    falseAlarms.push(`--fix failed: ${(error as Error).message}`);
  }
  return {
    name: path,
    faults: planted.size,
    found: planted.size - missed.length,
    missed,
    falseAlarms,
    lookAlikeAlarms,
    fixMatches: fixed === expected,
    secondFixNoop: second === fixed,
  };
}

export function fixturesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md') && existsSync(join(dir, f.replace(/\.md$/, '.key'))))
    .sort()
    .map((f) => join(dir, f));
}

async function main(argv: string[]): Promise<void> {
  const srcAt = argv.indexOf('--src');
  const src = srcAt >= 0 ? resolve(argv[srcAt + 1]!) : resolve(import.meta.dirname, '../src');
  const verbose = argv.includes('--verbose');
  const dirs = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--src');
  const mod = (await import(pathToFileURL(join(src, 'check/index.ts')).href)) as { checkSource: Check; fixSource: Fix };
  const groups = dirs.length ? dirs : ['tests/fixtures/check-damage', 'tests/fixtures/check-damage/held-out', 'tests/fixtures/check-damage/held-out-2'];
  const total = { faults: 0, found: 0, alarms: 0, files: 0, fixOk: 0, noop: 0, cleanFiles: 0 };
  for (const dir of groups) {
    const sub = { faults: 0, found: 0, alarms: 0, files: 0, fixOk: 0 };
    for (const file of fixturesIn(dir)) {
      const s = await scoreFile(file, mod.checkSource, mod.fixSource);
      sub.faults += s.faults;
      sub.found += s.found;
      sub.alarms += s.falseAlarms.length;
      sub.files++;
      sub.fixOk += Number(s.fixMatches);
      total.noop += Number(s.secondFixNoop);
      total.cleanFiles += Number(!s.falseAlarms.length);
      console.log(`${file}: ${s.found}/${s.faults} found, ${s.falseAlarms.length} false alarms (${s.lookAlikeAlarms} on look-alikes), --fix ${s.fixMatches ? 'as expected' : 'DIFFERS'}${s.secondFixNoop ? '' : ', second --fix changes the text'}`);
      if (verbose) for (const m of s.missed) console.log(`  missed ${m}`);
      if (verbose) for (const a of s.falseAlarms) console.log(`  false alarm ${a}`);
    }
    console.log(`${dir}: recall ${sub.found}/${sub.faults} = ${((100 * sub.found) / Math.max(1, sub.faults)).toFixed(1)} %, ${sub.alarms} false alarms, --fix as expected in ${sub.fixOk}/${sub.files} files\n`);
    total.faults += sub.faults;
    total.found += sub.found;
    total.alarms += sub.alarms;
    total.files += sub.files;
    total.fixOk += sub.fixOk;
  }
  console.log(
    `all: recall ${total.found}/${total.faults} = ${((100 * total.found) / Math.max(1, total.faults)).toFixed(1)} %, ${total.alarms} false alarms (${total.files - total.cleanFiles} files with any), --fix as expected in ${total.fixOk}/${total.files}, second --fix a no-op in ${total.noop}/${total.files}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
