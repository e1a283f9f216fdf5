// Print lengths from the command line (`3mm`, `0.125in`, `8.5pt`) in PDF points.

const PT_PER: Record<string, number> = { pt: 1, mm: 72 / 25.4, cm: 720 / 25.4, in: 72 };

export const MM = PT_PER.mm!;

/** The largest bleed accepted: anything wider is a typo (shops ask for 3–5 mm). */
export const MAX_BLEED_PT = 20 * MM;

export class LengthError extends Error {
  override name = 'LengthError';
}

/**
 * Parses `<number><unit>` with unit mm, cm, in or pt into points. A bare number is refused (is `3`
 * millimetres or points?), as are negative values, NaN and lengths above `max`.
 */
export function parseLength(text: string, max = MAX_BLEED_PT): number {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(mm|cm|in|pt)\s*$/i.exec(text);
  if (!m) {
    const hint = /^\s*[\d.]+\s*$/.test(text) ? ' (a unit is required: mm, cm, in or pt)' : ' (expected a number and a unit: mm, cm, in or pt, e.g. 3mm)';
    throw new LengthError(`invalid length "${text}"${hint}`);
  }
  const pt = Number(m[1]) * PT_PER[m[2]!.toLowerCase()]!;
  if (pt > max + 1e-9) throw new LengthError(`length "${text}" is ${round(pt)} pt, more than the maximum of ${round(max)} pt (${round(max / MM)} mm)`);
  return pt;
}

/** Rounds to 1/1000 pt: box values written to the PDF stay short and exact across platforms. */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
