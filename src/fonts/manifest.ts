import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../paths.ts';

export { faceFile, faceFiles } from './face-file.ts';

const fromNpm = z.object({ npm: z.string(), path: z.string(), sha256: z.string() }).strict();
const fromDeb = z.object({ deb: z.string(), version: z.string(), path: z.string(), sha256: z.string() }).strict();
const fromFile = z.object({ file: z.string() }).strict();

const faceSpec = z
  .object({
    family: z.string().min(1),
    license: z.string(),
    from: z.union([fromNpm, fromDeb, fromFile]),
    convert: z.literal('otf-to-ttf').optional(),
    /** sha256 of the converted file: an install that gives other bytes (or an older conversion) is redone. */
    built: z.string().optional(),
    file: z.string().optional(),
  })
  .strict();

/** The typographic roles the stylesheet uses; each maps to a fallback chain of faces. */
export const ROLES = ['xbs', 'fang', 'kai', 'hei', 'song'] as const;
export type Role = (typeof ROLES)[number];

const manifestSchema = z
  .object({
    $comment: z.string().optional(),
    faces: z.record(z.string(), faceSpec),
    roles: z.object(Object.fromEntries(ROLES.map((r) => [r, z.array(z.string()).min(1)])) as Record<Role, z.ZodArray<z.ZodString>>).strict(),
  })
  .strict();

export type FaceSpec = z.infer<typeof faceSpec>;
export type FontManifest = z.infer<typeof manifestSchema>;

export function loadManifest(path = join(projectRoot, 'fonts/fonts.json')): FontManifest {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  for (const [role, chain] of Object.entries(manifest.roles)) {
    for (const id of chain) {
      if (!manifest.faces[id]) throw new Error(`${path}: role ${role} names unknown face ${id}`);
    }
  }
  return manifest;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
