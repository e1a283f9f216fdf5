// Fonts for one document: every face is cut down to the characters the document uses before the
// page sees it. The page then loads a few hundred kB instead of 15 MB faces, the PDF can only embed
// TrueType subsets, and a character no face can draw is known before layout, not found as tofu.
import { readFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import { cmapCoverage } from './cmap.ts';
import { faceFile, type FontManifest, ROLES, type Role } from './manifest.ts';

export interface PreparedFonts {
  /** @font-face rules (data: URLs) and the role variables used by styles/bulletin.css. */
  css: string;
  /** Characters of the text that no configured face can draw. */
  missing: string[];
}

// Per process: the checker and the HTML stage ask for the same faces.
const coverageCache = new Map<string, Set<number>>();
const dataCache = new Map<string, Buffer>();

const missingFont = (path: string) => new Error(`font file ${path} is missing: run \`npm run setup\``);

/** What the face can draw: from its cmap alone (the checker never needs the glyphs). */
function faceCoverage(path: string): Set<number> {
  let coverage = coverageCache.get(path);
  if (!coverage) {
    try {
      coverage = cmapCoverage(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missingFont(path);
      throw error;
    }
    coverageCache.set(path, coverage);
  }
  return coverage;
}

function faceData(path: string): Buffer {
  let data = dataCache.get(path);
  if (!data) {
    try {
      data = readFileSync(path);
    } catch {
      throw missingFont(path);
    }
    dataCache.set(path, data);
  }
  return data;
}

/** Code points some configured face can draw: the union over the faces every role names. */
export function fontCoverage(manifest: FontManifest): Set<number> {
  const all = new Set<number>();
  for (const id of new Set(ROLES.flatMap((role) => manifest.roles[role]))) {
    for (const cp of faceCoverage(faceFile(manifest.faces[id]!))) all.add(cp);
  }
  return all;
}

/** Characters the page may draw: everything but controls. Spaces are kept (U+3000 has a glyph). */
export function pageCharacters(text: string): string[] {
  const seen = new Set<string>([' ']);
  for (const ch of text) {
    if (!/[\p{Cc}\p{Cf}]/u.test(ch)) seen.add(ch);
  }
  return [...seen].sort();
}

export async function prepareFonts(manifest: FontManifest, text: string): Promise<PreparedFonts> {
  const chars = pageCharacters(text);
  const used = new Set(ROLES.flatMap((role) => manifest.roles[role]));
  const faces: string[] = [];
  const covered = new Set<string>();
  for (const id of [...used].sort()) {
    const spec = manifest.faces[id]!;
    const file = faceFile(spec);
    const coverage = faceCoverage(file);
    const mine = chars.filter((ch) => coverage.has(ch.codePointAt(0)!));
    mine.forEach((ch) => covered.add(ch));
    // A face with nothing to draw still gets a rule, so every family name resolves.
    const subset = await subsetFont(faceData(file), mine.join('') || ' ', { targetFormat: 'truetype' });
    faces.push(
      `@font-face { font-family: ${JSON.stringify(spec.family)}; src: url(data:font/ttf;base64,${Buffer.from(subset).toString('base64')}) format("truetype"); font-weight: normal; font-style: normal; font-display: block; }`,
    );
  }
  const roleVars = ROLES.map((role: Role) => `  --font-${role}: ${manifest.roles[role].map((id) => JSON.stringify(manifest.faces[id]!.family)).join(', ')};`);
  return {
    css: `${faces.join('\n')}\n:root {\n${roleVars.join('\n')}\n}\n`,
    missing: chars.filter((ch) => !covered.has(ch) && !/\s/u.test(ch)),
  };
}
