// `bulletin new`: the next issue's front matter from the previous one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextDate, nextIssue, scaffoldIssue } from '../../../src/import/new-issue.ts';
import { parseBulletin } from '../../../src/parse/index.ts';
import { bulletin } from '../../helpers/build.ts';
import { ROOT, scratch } from './helpers.ts';

describe('the next issue', () => {
  it('moves the date on by a month and the number by one, starting again in a new year', () => {
    expect(nextDate('2025年11月')).toBe('2025年12月');
    expect(nextDate('2025年12月')).toBe('2026年1月');
    expect(nextIssue('2025年第11期', '2025年12月')).toBe('2025年第12期');
    expect(nextIssue('2025年第12期', '2026年1月')).toBe('2026年第1期');
    expect(nextIssue('2025年第12期（总第120期）', '2026年1月')).toBe('2026年第1期（总第121期）');
    expect(nextIssue('第5期', '2025年6月', '2025年5月')).toBe('第6期');
    expect(nextIssue('第12期', '2026年1月', '2025年12月')).toBe('第1期');
    expect(nextDate('十二月')).toBeUndefined();
    expect(nextIssue('2025年12月')).toBeUndefined();
  });

  it('keeps organisation, publication, issuers and switches; drops what belonged to the last issue', () => {
    const previous = `---\norganization: 某市社会组织党组织\npublication: 学习资料\nissue: 2025年第3期\nissuers: [甲委员会, 乙委员会]\ndate: 2025年3月\nheader: false\nsubject: 三月的学习\nkeywords: [三月]\n---\n\n# 标题\n\n正文。\n`;
    const text = scaffoldIssue('prev.md', previous);
    expect(text).toBe(`---\norganization: 某市社会组织党组织\npublication: 学习资料\nissue: 2025年第4期\nissuers: [甲委员会, 乙委员会]\ndate: 2025年4月\nheader: false\n---\n`);
    expect(scaffoldIssue('prev.md', previous, { issue: '2025年第5期', date: '2025年5月' })).toContain('issue: 2025年第5期\nissuers: [甲委员会, 乙委员会]\ndate: 2025年5月\n');
  });
});

describe('bulletin new', { timeout: 60_000 }, () => {
  it('writes 2026年第1期 from source/2025-12.md, a front matter the parser accepts, and never overwrites', () => {
    const dir = scratch();
    const out = join(dir, '2026-01.md');
    const r = bulletin(['new', out, '--from', join(ROOT, 'source/2025-12.md')]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    const { meta: frontMatter } = parseBulletin({ path: out, text: `${text}\n# 标题\n\n正文。\n` });
    expect(frontMatter).toMatchObject({ organization: '广州市社会组织党组织', publication: '学习资料', issue: '2026年第1期', date: '2026年1月', issuers: ['中共广州市社会组织委员会', '中共广州市民政社会组织委员会'] });

    writeFileSync(out, '已经写了的内容');
    const again = bulletin(['new', out, '--from', join(ROOT, 'source/2025-12.md'), '--issue', '2026年第2期']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`${out}: error: already exists: not overwritten`);
    expect(readFileSync(out, 'utf8')).toBe('已经写了的内容');
  });

  it('--issue and --date override; a previous issue without a date says so', () => {
    const dir = scratch();
    const out = join(dir, 'special.md');
    expect(bulletin(['new', out, '--from', join(ROOT, 'source/2025-12.md'), '--issue', '2025年增刊', '--date', '2025年12月']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/issue: 2025年增刊\n[\s\S]*date: 2025年12月\n/);
    const odd = join(dir, 'odd.md');
    writeFileSync(odd, '---\norganization: 甲\npublication: 学习资料\nissue: 2025年第3期\nissuers: [乙]\ndate: 三月\n---\n');
    const r = bulletin(['new', join(dir, 'next.md'), '--from', odd]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${odd}: error: cannot tell the next date from "date: 三月"`);
    expect(existsSync(join(dir, 'next.md'))).toBe(false);
  });
});
