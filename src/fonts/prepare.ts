// Fonts for one document: every face is cut down to the characters the document uses before the
// page sees it. The page then loads a few hundred kB instead of 15 MB faces, the PDF can only embed
// TrueType subsets, and a character no face can draw is known before layout, not found as tofu.
import { readFileSync } from 'node:fs';
import { Blob, Face } from 'harfbuzzjs';
import subsetFont from 'subset-font';
import { faceFile, type FontManifest, ROLES, type Role } from './manifest.ts';

export interface PreparedFonts {
  /** @font-face rules (data: URLs) and the role variables used by styles/bulletin.css. */
  css: string;
  /** Characters of the text that no configured face can draw. */
  missing: string[];
}

const fileCache = new Map<string, { data: Buffer; coverage: Set<number> }>();

function loadFace(path: string): { data: Buffer; coverage: Set<number> } {
  let entry = fileCache.get(path);
  if (!entry) {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      throw new Error(`font file ${path} is missing: run \`npm run setup\``);
    }
    const face = new Face(new Blob(data), 0);
    entry = { data, coverage: new Set(face.collectUnicodes()) };
    fileCache.set(path, entry);
  }
  return entry;
}

/** Code points some configured face can draw: the union over the faces every role names. */
export function fontCoverage(manifest: FontManifest): Set<number> {
  const all = new Set<number>();
  for (const id of new Set(ROLES.flatMap((role) => manifest.roles[role]))) {
    for (const cp of loadFace(faceFile(manifest.faces[id]!)).coverage) all.add(cp);
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
    const { data, coverage } = loadFace(faceFile(spec));
    const mine = chars.filter((ch) => coverage.has(ch.codePointAt(0)!));
    mine.forEach((ch) => covered.add(ch));
    // A face with nothing to draw still gets a rule, so every family name resolves.
    const subset = await subsetFont(data, mine.join('') || ' ', { targetFormat: 'truetype' });
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
