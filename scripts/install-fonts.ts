// Fetches and prepares the pinned fonts described in fonts/fonts.json.
// Fandol comes as CFF OpenType, which Chromium would embed as Type 3; FontForge rewrites it with
// TrueType outlines and keeps its `halt` positioning (scripts/fonts/convert-fandol.py), which
// punctuation compression needs. SOURCE_DATE_EPOCH keeps FontForge's output byte-identical between
// machines, and the result is checked against the manifest's `built` hash.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest, faceFile, sha256File, type FaceSpec } from '../src/fonts/manifest.ts';
import { projectRoot } from '../src/paths.ts';

const FONTFORGE_EPOCH = '1674345600'; // 2023-01-22, the date of the pinned Debian package

export async function installFonts(): Promise<number> {
  const manifest = loadManifest();
  const cache = join(projectRoot, 'fonts/.cache');
  let failed = 0;
  for (const [id, face] of Object.entries(manifest.faces)) {
    try {
      ensureFace(id, face, cache);
    } catch (error) {
      failed++;
      console.error(`install-fonts: ${id}: ${(error as Error).message}`);
    }
  }
  if (!failed) rmSync(cache, { recursive: true, force: true });
  return failed ? 1 : 0;
}

function ensureFace(id: string, face: FaceSpec, cache: string): void {
  const target = faceFile(face);
  if ('npm' in face.from) {
    if (!existsSync(target)) throw new Error(`${target} is missing: run npm ci`);
    const sum = sha256File(target);
    if (sum !== face.from.sha256) throw new Error(`${target} has sha256 ${sum}, expected ${face.from.sha256}`);
    return;
  }
  if (existsSync(target) && (!face.built || sha256File(target) === face.built)) return;
  if (!('deb' in face.from)) throw new Error(`${target} is missing`);
  if (existsSync(target)) console.error(`install-fonts: ${target} is not the expected conversion: converting again`);
  const { deb, version, path, sha256 } = face.from;
  mkdirSync(cache, { recursive: true });
  chmodSync(cache, 0o777); // lets apt's unprivileged _apt user write the download
  let debFile = readdirSync(cache).find((f) => f.startsWith(`${deb}_`) && f.endsWith('.deb'));
  if (!debFile) {
    console.error(`install-fonts: downloading ${deb} ${version} (Debian)`);
    execFileSync('apt-get', ['download', `${deb}=${version}`], { cwd: cache, stdio: ['ignore', 'ignore', 'inherit'] });
    debFile = readdirSync(cache).find((f) => f.startsWith(`${deb}_`) && f.endsWith('.deb'));
    if (!debFile) throw new Error(`apt-get download ${deb}=${version} wrote no .deb`);
  }
  const unpacked = join(cache, 'unpacked');
  const source = join(unpacked, path);
  if (!existsSync(source)) {
    mkdirSync(unpacked, { recursive: true });
    execFileSync('sh', ['-c', `dpkg-deb --fsys-tarfile "$0" | tar -x -C "$1" "./$2"`, join(cache, debFile), unpacked, path]);
  }
  const sum = sha256File(source);
  if (sum !== sha256) throw new Error(`${path} from ${deb} has sha256 ${sum}, expected ${sha256}`);
  console.error(`install-fonts: converting ${id} to TrueType outlines`);
  mkdirSync(join(target, '..'), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'bulletin-font-'));
  try {
    const out = join(work, 'out.ttf');
    execFileSync('fontforge', ['-lang=py', '-script', join(projectRoot, 'scripts/fonts/convert-fandol.py'), source, out], {
      env: { ...process.env, SOURCE_DATE_EPOCH: FONTFORGE_EPOCH },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const built = sha256File(out);
    if (face.built && built !== face.built) throw new Error(`the conversion of ${path} has sha256 ${built}, expected ${face.built}`);
    // A rename, never a write into the old file (it may be a hard link shared with other trees).
    execFileSync('mv', [out, target]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
