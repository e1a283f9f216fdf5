import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

export const TOOL_NAME = 'bulletin';
export const TOOL_VERSION = pkg.version;
/** What the PDF names as its Creator and Producer: this tool, never the browser. */
export const TOOL_ID = `${TOOL_NAME} ${TOOL_VERSION}`;
