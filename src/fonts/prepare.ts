// Fonts for one document: every face is cut down to the characters the document uses before the
// page sees it. The page then loads a few hundred kB instead of 15 MB faces, the PDF can only embed
// TrueType subsets, and a character no face can draw is known before layout, not found as tofu.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import { cmapCoverage, type Coverage } from './cmap.ts';
import { distinctGlyphs } from './distinct-glyphs.ts';
import { cachedSubset } from './subset-cache.ts';
import { faceFile, type FontManifest, ROLES, type Role } from './manifest.ts';

export interface PreparedFonts {
  /**
   * @font-face rules and the role variables used by styles/bulletin.css. The rules name the subset
   * files by relative URL (`font-<hash>.ttf`): the page gets them as files beside it, and
   * `inlineFonts` makes a self-contained document (data: URLs) where one is wanted.
   */
  css: string;
  files: FontFile[];
  /** Characters of the text that no configured face can draw. */
  missing: string[];
}

// Per process: the checker and the HTML stage ask for the same faces.
const coverageCache = new Map<string, Coverage>();
const dataCache = new Map<string, Buffer>();

const missingFont = (path: string) => new Error(`font file ${path} is missing: run \`npm run setup\``);

/** What the face can draw: from its cmap alone (the checker never needs the glyphs). */
function faceCoverage(path: string): Coverage {
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
export function fontCoverage(manifest: FontManifest): Coverage {
  const faces = [...new Set(ROLES.flatMap((role) => manifest.roles[role]))].map((id) => faceCoverage(faceFile(manifest.faces[id]!)));
  return { has: (cp) => faces.some((face) => face.has(cp)) };
}

export interface FontFile {
  name: string;
  data: Uint8Array;
}

/** The document with its font files as data: URLs: one file that shows the same anywhere. */
export function inlineFonts(html: string, files: FontFile[]): string {
  const byName = new Map(files.map((f) => [f.name, f]));
  return html.replace(/url\((font-[0-9a-f]+\.ttf)\)/g, (whole, name: string) => {
    const file = byName.get(name);
    return file ? `url(data:font/ttf;base64,${Buffer.from(file.data).toString('base64')})` : whole;
  });
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
  const files: FontFile[] = [];
  const covered = new Set<string>();
  for (const id of [...used].sort()) {
    const spec = manifest.faces[id]!;
    const file = faceFile(spec);
    const coverage = faceCoverage(file);
    const mine = chars.filter((ch) => coverage.has(ch.codePointAt(0)!));
    mine.forEach((ch) => covered.add(ch));
    // A face with nothing to draw still gets a rule, so every family name resolves.
    const text = mine.join('') || ' ';
    // Each code point its own glyph, so that the PDF's ToUnicode gives back the very character.
    const subset = distinctGlyphs(await cachedSubset(file, text, () => subsetFont(faceData(file), text, { targetFormat: 'truetype' })));
    // Named by content: a page that already loaded a font file by this name has these very glyphs.
    const name = `font-${createHash('sha256').update(subset).digest('hex').slice(0, 16)}.ttf`;
    files.push({ name, data: subset });
    faces.push(`@font-face { font-family: ${JSON.stringify(spec.family)}; src: url(${name}) format("truetype"); font-weight: normal; font-style: normal; font-display: block; }`);
  }
  // After a role's own faces, every other configured face: a character none of the role's faces
  // has is then drawn from our subset, not by the system's fallback from the original file (whose
  // shared glyphs would copy out as their look-alike, e.g. 𥫗 as ⺮).
  const all = [...used].sort();
  const roleVars = ROLES.map((role: Role) => {
    const ids = [...manifest.roles[role], ...all.filter((id) => !manifest.roles[role].includes(id))];
    return `  --font-${role}: ${ids.map((id) => JSON.stringify(manifest.faces[id]!.family)).join(', ')};`;
  });
  return {
    css: `${faces.join('\n')}\n:root {\n${roleVars.join('\n')}\n}\n`,
    files,
    missing: chars.filter((ch) => !covered.has(ch) && !/\s/u.test(ch)),
  };
}
