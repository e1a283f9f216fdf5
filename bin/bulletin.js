#!/usr/bin/env node
// Runs the CLI from one bundled JavaScript file (esbuild, libraries included) made from exactly
// the current sources: its name carries a hash of every file under src/, so an edited source is
// never run stale — it is rebundled first (about 0.2 s). Running the TypeScript through tsx
// instead costs 1–3 s per cold run (every import hooked and transpiled, pdfjs-dist's big modules
// included); tsx remains the fallback when the bundle cannot be written (read-only checkout).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** A hash of everything that goes into the bundle. */
function sourceHash() {
  // This file holds the recipe: a change to how the bundle is made makes a new one.
  const hash = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url)));
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
  for (const file of files) hash.update(`\0${relative(src, file)}\0`).update(readFileSync(file));
  // The libraries are bundled: installed versions count too.
  const lock = join(root, 'node_modules/.package-lock.json');
  if (existsSync(lock)) hash.update('\0lock\0').update(readFileSync(lock));
  return hash.digest('hex').slice(0, 16);
}

/** The entry file of the bundle for the current sources, made if missing; undefined if it cannot be. */
async function bundle() {
  // All files directly in build/, beside src/'s level, so that src/paths.ts still finds the
  // project root from them.
  const dir = join(root, 'build');
  const name = `cli-${sourceHash()}`;
  const entry = join(dir, `${name}.js`);
  if (existsSync(entry)) return entry;
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    const { build } = await import('esbuild');
    await build({
      // Two entries: the CLI, and the small module that starts the browser before the CLI loads.
      entryPoints: { [name]: join(src, 'cli/main.ts'), [`${name}-early`]: join(src, 'cli/early.ts') },
      outdir: temp,
      bundle: true,
      // Chunks: a module the code imports dynamically (the build pipeline, with pdf-lib, zod,
      // unified…) loads only when needed, e.g. after the browser has been started.
      splitting: true,
      chunkNames: `${name}-[name]-[hash]`,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Libraries are bundled too: Node loads one file per chunk instead of hundreds of small
      // modules (the unified and puppeteer families), about 0.3 s less per run. Left outside:
      // what finds its own files at run time (pdfjs's worker, HarfBuzz's wasm), puppeteer (its modules
      // import each other in cycles a bundle cannot order) and the tools.
      external: ['pdfjs-dist', 'pdfjs-dist/*', 'subset-font', 'harfbuzzjs', 'puppeteer-core', 'puppeteer-core/*', 'esbuild', 'tsx', 'tsx/*', 'fsevents'],
      // CommonJS libraries inside an ES module still need require().
      banner: { js: "import { createRequire as __bulletinRequire } from 'node:module'; const require = __bulletinRequire(import.meta.url);" },
      logLevel: 'silent',
      legalComments: 'none',
    });
    // The entry last: once it exists, its chunks do.
    for (const file of readdirSync(temp).sort((a, b) => Number(a === `${name}.js`) - Number(b === `${name}.js`))) renameSync(join(temp, file), join(dir, file));
    rmSync(temp, { recursive: true, force: true });
    // Older bundles are garbage once no run can still be loading their chunks.
    const stale = Date.now() - 3600_000;
    for (const old of readdirSync(dir)) {
      const path = join(dir, old);
      if (old.startsWith('cli-') && !old.startsWith(name) && statSync(path).mtimeMs < stale) rmSync(path, { force: true });
    }
    return entry;
  } catch {
    rmSync(temp, { recursive: true, force: true });
    return undefined;
  }
}

const compiled = process.env.BULLETIN_TSX ? undefined : await bundle();
let main;
if (compiled) {
  // Chromium first (src/cli/early.ts): it comes up while the CLI's modules load.
  (await import(pathToFileURL(compiled.replace(/\.js$/, '-early.js')).href)).startEarly(process.argv);
  ({ main } = await import(pathToFileURL(compiled).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  (await import('../src/cli/early.ts')).startEarly(process.argv);
  ({ main } = await import('../src/cli/main.ts'));
}
const code = await main(process.argv);
process.exitCode = code;
// The command is done and has stopped its browser; if a library still holds the event loop (a
// puppeteer socket to a browser that died), leave anyway, after stdout and stderr have drained.
setTimeout(() => process.exit(code), 1000).unref();
