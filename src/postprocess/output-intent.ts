// `--output-intent`: the PDF/X-1a output condition, a registered characterization or the shop's own
// ICC profile. Apart from pdfx.ts (and free of pdf-lib), so that the build command can check the
// option at once without loading the PDF libraries before the browser has started.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { IccError, readIccHeader } from './icc.ts';

export const PDFX = { version: 'PDF/X-1:2001', conformance: 'PDF/X-1a:2001' } as const;
export const ICC_REGISTRY = 'http://www.color.org';

/**
 * Characterizations registered with the ICC that an X-1a file may name without embedding a
 * profile, with the printing condition each stands for.
 */
export const REGISTERED_CONDITIONS: Record<string, string> = {
  JC200103: 'Japan Color 2001 Coated',
  FOGRA39: 'Coated FOGRA39 (ISO 12647-2:2004)',
  FOGRA29: 'Uncoated FOGRA29 (ISO 12647-2:2004)',
  FOGRA51: 'FOGRA51 (ISO 12647-2:2013, premium coated paper)',
  FOGRA52: 'FOGRA52 (ISO 12647-2:2013, wood-free uncoated paper)',
  'CGATS TR 001': 'SWOP (publication) grade 1 paper',
  'CGATS TR 006': 'GRACoL coated paper',
};
/** Japan Color 2001 Coated: Adobe's applications in Chinese use it as their default CMYK space. */
export const DEFAULT_CONDITION = 'JC200103';

export interface OutputIntent {
  /** OutputConditionIdentifier. */
  identifier: string;
  /** Human-readable condition (/Info). */
  info: string;
  /** Set for a registered characterization. */
  registry?: string;
  /** The CMYK output profile to embed, when not a registered name. */
  profile?: Uint8Array;
}

export class PdfxError extends Error {
  override name = 'PdfxError';
}

/**
 * `--output-intent`: a registered name (FOGRA39, JC200103 …, any case) or an ICC file; none gives
 * the default. A profile must be an ICC v2 CMYK output (`prtr`) profile: X-1a:2001 predates v4.
 */
export function resolveOutputIntent(value?: string): OutputIntent {
  const name = (value ?? DEFAULT_CONDITION).trim();
  const registered = Object.keys(REGISTERED_CONDITIONS).find((k) => k.toLowerCase() === name.toLowerCase());
  if (registered) return { identifier: registered, info: REGISTERED_CONDITIONS[registered]!, registry: ICC_REGISTRY };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !/[/\\.]/.test(name)) {
      throw new PdfxError(`"${name}" is neither an ICC profile file nor a registered characterization (${Object.keys(REGISTERED_CONDITIONS).join(', ')})`);
    }
    throw new PdfxError(`${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected an ICC profile' : (error as Error).message}`);
  }
  let header;
  try {
    header = readIccHeader(bytes);
  } catch (error) {
    throw new PdfxError(`${name}: ${(error as IccError).message}`);
  }
  const problems = [
    header.colorSpace !== 'CMYK' && `its colour space is ${header.colorSpace}, PDF/X-1a needs a CMYK profile`,
    header.deviceClass !== 'prtr' && `it is a "${header.deviceClass}" profile, not an output ("prtr") profile`,
    header.version >= 4 && `it is ICC version ${header.version}; PDF/X-1a:2001 takes version 2 profiles only (ask for the v2 edition)`,
  ].filter(Boolean);
  if (problems.length) throw new PdfxError(`${name}: ${problems.join('; ')}`);
  const info = header.description || basename(name);
  return { identifier: info, info, profile: bytes.subarray(0, header.size) };
}
