// Issue 7: random Markdown and random bytes through decode → parse → check → transform → HTML. The
// only acceptable failure is a BulletinError (a clean, positioned message); anything else thrown is
// a crash. fast-check shrinks a failing input to a small one; runs are bounded in count and time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { checkSource } from '../../src/check/index.ts';
import { BulletinError } from '../../src/diagnostics.ts';
import { articlesToHast, bulletinDocument, stringifyHtml } from '../../src/html/index.ts';
import { parseBulletin } from '../../src/parse/index.ts';
import { decodeSourceFile } from '../../src/parse/source-file.ts';
import { transformBulletin } from '../../src/transform/index.ts';

const FRONT = '---\norganization: 广州市社会组织党组织\npublication: 学习资料\nissue: 2025年第12期\nissuers: [中共广州市社会组织委员会]\ndate: 2025年12月\n';

/** Everything up to the document the browser would get, without the (slow) font subsetting. */
async function throughPipeline(path: string, bytes: Uint8Array): Promise<Root | undefined> {
  try {
    const source = decodeSourceFile(path, bytes);
    checkSource(path, source.text, { coverage: false });
    const parsed = parseBulletin(source);
    const file = new VFile({ path, value: source.text });
    const tree = await transformBulletin(parsed.tree, file, { rawHtml: parsed.meta.raw_html });
    const errors = file.messages.filter((m) => m.fatal);
    if (errors.length) return undefined;
    const body = await articlesToHast(tree);
    const doc = bulletinDocument(body, { meta: parsed.meta, mode: 'print', fontCss: '', generator: 'fuzz' });
    expect(stringifyHtml(doc).length).toBeGreaterThan(0);
    return doc;
  } catch (error) {
    if (error instanceof BulletinError) {
      for (const d of error.diagnostics) {
        expect(d.message.length).toBeGreaterThan(0);
        if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
      }
      return undefined;
    }
    throw error;
  }
}

const piece = fc.constantFrom(
  '# ', '## ', '### ', '\n', '\n\n', '  \n', ' ', '\u3000', '一、', '（一）', '1. ', '三', '—', '※',
  '正文', '习近平', '。', '，', '“', '”', '《', '》', '（', '）', '11 月', '*强调*', '**加粗**', '`code`',
  '> ', '- ', '1) ', '```\n', '| a | b |\n|---|---|\n| 1 | 2 |\n', '[链接](http://127.0.0.1/x)', '[坏](javascript:alert(1))',
  '![图](missing.png)', '![图](../../etc/passwd)', '![图](data:image/png;base64,iVBORw0KGgo=)', '<script>alert(1)</script>',
  '<b onclick="x()">b</b>', '<img src=http://127.0.0.1/a.png>', '<iframe src=x>', '<!-- c -->', '&amp;', '&#0;',
  '\\', '[^1]', '[^1]: 注', '[ref]: http://x', '[ref]', '\uFFFD', '\u{20BB7}', '祐', '---\n', 'raw_html: sanitize\n', 'header: false\n',
);

describe('the pipeline on random input', () => {
  it('turns random Markdown into HTML or a clean error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.boolean(), fc.array(piece, { maxLength: 80 }), async (front, sanitize, parts) => {
        const text = (front ? `${FRONT}${sanitize ? 'raw_html: sanitize\n' : ''}---\n\n# 标题\n\n` : '') + parts.join('');
        const doc = await throughPipeline('fuzz.md', new TextEncoder().encode(text));
        // Whatever the source says, nothing executable or remote reaches the page.
        if (doc) {
          const body = (doc.children.find((n): n is Element => n.type === 'element')!.children as Element[]).find((n) => n.tagName === 'body')!;
          visit(body, 'element', (el: Element) => {
            expect(['script', 'iframe', 'object', 'embed', 'link', 'style', 'meta', 'base', 'form']).not.toContain(el.tagName);
            for (const [key, value] of Object.entries(el.properties)) {
              expect(key, `${el.tagName} ${key}`).not.toMatch(/^on/i);
              if (key === 'href') expect(String(value)).toMatch(/^(?:https?:|mailto:|#)/);
              if (key === 'src') expect(String(value)).toMatch(/^data:image\//);
            }
          });
        }
      }),
      { numRuns: 400, seed: 2025, interruptAfterTimeLimit: 40_000 },
    );
  }, 60_000);

  it('turns random bytes into text or a clean error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, withFront) => {
        const data = withFront ? new Uint8Array([...new TextEncoder().encode(`${FRONT}---\n\n# 标题\n\n`), ...bytes]) : bytes;
        await throughPipeline('bytes.md', data);
      }),
      { numRuns: 400, seed: 12, interruptAfterTimeLimit: 40_000 },
    );
  }, 60_000);
});
