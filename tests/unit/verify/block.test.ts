// The preflight's check that nothing leaves the text block sideways (mirrored margins).
import { describe, expect, it } from 'vitest';
import { checkBlock, findOverflows } from '../../../src/verify/block.ts';
import { MM } from '../../../src/verify/text.ts';
import { HEADER, item, line, models, page, W } from './synthetic.ts';

// Right-hand (odd) pages: block from 28 mm to W − 26 mm; left-hand (even): 26 mm to W − 28 mm.
const RIGHT_PAGE_EDGE = W - 26 * MM;
const LEFT_PAGE_EDGE = W - 28 * MM;

describe('text inside the text block', () => {
  it('accepts full lines that end at the edge, on both kinds of page, and a line-end comma set half-width', () => {
    const odd = page(1, [item('一'.repeat(27), 28 * MM, line(0), { width: RIGHT_PAGE_EDGE - 28 * MM }), item('二'.repeat(26) + '，', 28 * MM, line(1), { width: RIGHT_PAGE_EDGE - 28 * MM + 8 })]);
    const even = page(2, [item('三'.repeat(27), 26 * MM, line(0), { width: LEFT_PAGE_EDGE - 26 * MM })]);
    expect(findOverflows(models([odd, even]))).toEqual([]);
  });

  it('reports a 目录 number 1 mm beyond the right margin, naming the page and the row', () => {
    const number = item('43', RIGHT_PAGE_EDGE - 16 + 1 * MM, line(3), { width: 16 });
    const p = page(1, [item('目录', 250, line(0), { size: 22, width: 44 }), item('学习贯彻党的二十届四中全会精神', 28 * MM, line(3), { width: 240 }), number]);
    const overflows = findOverflows(models([p]));
    expect(overflows).toHaveLength(1);
    expect(overflows[0]).toMatchObject({ page: 1, side: 'right', row: '学习贯彻党的二十届四中全会精神43' });
    expect(overflows[0]!.by).toBeCloseTo(1 * MM, 1);
    const [problem] = checkBlock('x.pdf', models([p]));
    expect(problem).toMatchObject({ severity: 'error', rule: 'text-block' });
    expect(problem!.message).toContain('page 1, row "学习贯彻党的二十届四中全会精神43": 1.0 mm beyond the right margin');
  });

  it('mirrors the margins: a line placed for a right-hand page is out on a left-hand one', () => {
    const placed = item('一'.repeat(27), 28 * MM, line(0), { width: RIGHT_PAGE_EDGE - 28 * MM });
    expect(findOverflows(models([page(1, [placed])]))).toEqual([]);
    const out = findOverflows(models([page(2, [placed])]));
    expect(out).toHaveLength(1);
    expect(out[0]!.side).toBe('right');
    expect(out[0]!.by).toBeCloseTo(2 * MM, 1);
  });

  it('checks the running header too, and text that starts left of the block', () => {
    const header = item('很长的标题'.repeat(12), 20 * MM, HEADER, { size: 10.5, width: 60 * 10.5 });
    const body = item('左移的一行', 20 * MM, line(2), { width: 80 });
    const out = findOverflows(models([page(3, [header, body])]));
    expect(out.map((o) => [o.side, o.row.slice(0, 5)])).toEqual([
      ['left', '很长的标题'],
      ['right', '很长的标题'],
      ['left', '左移的一行'],
    ]);
  });
});
