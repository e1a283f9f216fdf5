// The site's own files: the stylesheet with the subset fonts (the fonts stage, cut to every
// character the pages show), the search script and its index. Nothing is loaded from elsewhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '../fonts/manifest.ts';
import { prepareFonts } from '../fonts/prepare.ts';
import { projectRoot } from '../paths.ts';

export interface AssetFile {
  /** Path inside the site. */
  path: string;
  data: string | Uint8Array;
}

const browserFile = (name: string) => readFileSync(join(projectRoot, 'src/site/browser', name), 'utf8');

/** The search script's own words (its messages) are text the fonts must hold too. */
export function scriptText(): string {
  return browserFile('search.js');
}

/** `text`: everything the pages show. The font rules name their files relative to the stylesheet. */
export async function siteAssets(text: string, searchIndex: string): Promise<AssetFile[]> {
  const fonts = await prepareFonts(loadManifest(), text);
  const css = `${fonts.css}\n${browserFile('site.css')}`;
  return [
    { path: 'assets/site.css', data: css },
    ...fonts.files.map((f) => ({ path: `assets/${f.name}`, data: f.data })),
    { path: 'assets/search.js', data: scriptText() },
    { path: 'assets/search-index.js', data: searchIndex },
  ];
}
