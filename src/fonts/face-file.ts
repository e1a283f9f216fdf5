// Where the configured faces live on disk, without validating the manifest: the browser is started
// with these folders before anything else loads (zod and the rest of the pipeline come later).
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { projectRoot } from '../paths.ts';
import type { FaceSpec } from './manifest.ts';

/** Where the face's TrueType file lives once `npm run setup` has run. */
export function faceFile(face: FaceSpec): string {
  if ('npm' in face.from) return join(projectRoot, 'node_modules', face.from.npm, face.from.path);
  if ('file' in face.from) return isAbsolute(face.from.file) ? face.from.file : join(projectRoot, face.from.file);
  if (!face.file) throw new Error(`face ${face.family} from a .deb needs "file"`);
  return join(projectRoot, face.file);
}

/** The files of every face in fonts/fonts.json (unvalidated: loadManifest checks it properly). */
export function faceFiles(path = join(projectRoot, 'fonts/fonts.json')): string[] {
  const { faces } = JSON.parse(readFileSync(path, 'utf8')) as { faces: Record<string, FaceSpec> };
  return Object.values(faces).map(faceFile);
}
