// Images come only from the source's own folder and are embedded into the document as data: URLs,
// so the page needs no file access and no network at all, and the --html output stands alone.
// A missing file, a remote address or a path that leaves the folder stops the build at its line.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import type { Image, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

export const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/;

/** Where an image URL points, or why it may not be used. */
export function resolveImage(url: string, sourceDir: string): { path: string } | { dataUrl: string } | { problem: string } {
  const trimmed = url.trim();
  if (RASTER_DATA_URL.test(trimmed)) return { dataUrl: trimmed };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
    return { problem: `image \`${trimmed.slice(0, 60)}\` is not in the source's folder: remote and file: addresses are never fetched; save the image beside the source and refer to it by a relative path` };
  }
  let decoded: string;
  try {
    decoded = decodeURI(trimmed.split(/[?#]/)[0]!);
  } catch {
    decoded = trimmed;
  }
  if (isAbsolute(decoded)) return { problem: `image \`${trimmed}\` has an absolute path: refer to images relative to the source's folder` };
  const path = resolve(sourceDir, decoded);
  const inside = (p: string, dir: string) => {
    const rel = relative(dir, p);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  if (!inside(path, sourceDir)) return { problem: `image \`${trimmed}\` lies outside the source's folder (\`..\` is not followed)` };
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return { problem: `image \`${trimmed}\` not found (looked for ${path})` };
  }
  if (!stat.isFile()) return { problem: `image \`${trimmed}\` is not a file` };
  // A symbolic link may not lead out of the folder either.
  if (!inside(realpathSync(path), realpathSync(sourceDir))) return { problem: `image \`${trimmed}\` links to a file outside the source's folder` };
  if (!IMAGE_TYPES[extname(path).toLowerCase()]) return { problem: `image \`${trimmed}\` is not PNG, JPEG, GIF, WebP or SVG` };
  if (stat.size > MAX_IMAGE_BYTES) return { problem: `image \`${trimmed}\` is ${(stat.size / 1048576).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1048576} MB` };
  return { path };
}

export default function remarkEmbedImages() {
  return (tree: Root, file: VFile) => {
    const sourceDir = resolve(dirname(file.path || '.'));
    const images: Image[] = [];
    visit(tree, 'image', (node) => {
      images.push(node);
    });
    visit(tree, 'imageReference', (node) => {
      const message = file.message(`image reference \`${node.identifier}\` is not supported: write the image inline as ![text](file.png)`, node);
      message.ruleId = 'image';
      message.fatal = true;
    });
    for (const node of images) {
      const found = resolveImage(node.url, sourceDir);
      if ('problem' in found) {
        const message = file.message(found.problem, node);
        message.ruleId = 'image';
        message.fatal = true;
        continue;
      }
      node.url = 'dataUrl' in found ? found.dataUrl : `data:${IMAGE_TYPES[extname(found.path).toLowerCase()]};base64,${readFileSync(found.path).toString('base64')}`;
    }
  };
}
