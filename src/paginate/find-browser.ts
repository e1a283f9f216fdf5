import { accessSync, constants } from 'node:fs';
import { BulletinError } from '../diagnostics.ts';

/** Debian's real binary first: the /usr/bin/chromium wrapper script adds flags and noise. */
export const BROWSER_CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then the usual install paths. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  for (const name of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const value = env[name];
    if (!value) continue;
    if (executable(value)) return value;
    throw new BulletinError({ file: name, severity: 'error', message: `${value} is not an executable browser` });
  }
  const found = BROWSER_CANDIDATES.find(executable);
  if (found) return found;
  throw new BulletinError({
    file: 'bulletin',
    severity: 'error',
    message: `no Chromium found (looked in ${BROWSER_CANDIDATES.join(', ')}). Install Debian's: \`apt-get install chromium\` (or run \`npm run setup\`), or set CHROME_PATH to a Chromium/Chrome binary`,
  });
}
