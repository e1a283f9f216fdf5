import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { findBrowser } from '../../paginate/find-browser.ts';

/** What the build needs on this machine: the browser and every font file. */
export function doctorCommand(): Command {
  return new Command('doctor')
    .description('check that the browser and the fonts are in place')
    .option('--short', 'one line')
    .action(async (flags: { short?: boolean }, command: Command) => {
      const { faceFile, loadManifest } = await import('../../fonts/manifest.ts');
      const lines: string[] = [];
      let ok = true;
      try {
        lines.push(`browser: ${findBrowser()}`);
      } catch (error) {
        ok = false;
        lines.push(`browser: ${(error as Error).message}`);
      }
      const manifest = loadManifest();
      const missing = Object.entries(manifest.faces).filter(([, face]) => !existsSync(faceFile(face)));
      if (missing.length) ok = false;
      lines.push(`fonts: ${Object.keys(manifest.faces).length - missing.length}/${Object.keys(manifest.faces).length} faces present${missing.length ? ` (missing: ${missing.map(([id]) => id).join(', ')}; run npm run setup)` : ''}`);
      process.stdout.write(flags.short ? `${lines.join('; ')}\n` : `${lines.join('\n')}\n`);
      command.setOptionValue('exitCode', ok ? 0 : 1);
    });
}
