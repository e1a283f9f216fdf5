// Issue 7 (resources): an image from the source's folder is embedded and scaled to the text block,
// however tall it is, and nothing after it is lost.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUT, bulletin } from '../helpers/build.ts';
import { renderPage } from '../helpers/image.ts';

function crc32(data: Buffer): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A solid black greyscale PNG of the given size. */
function blackPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height); // filter byte 0 and black pixels on every row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('images', () => {
  it('scales a far too tall image into the text block and loses nothing after it', () => {
    const dir = join(OUT, 'images');
    mkdirSync(join(dir, 'pics'), { recursive: true });
    writeFileSync(join(dir, 'pics', 'tall.png'), blackPng(300, 6000));
    const source = join(dir, 'tall.md');
    writeFileSync(
      source,
      `---\norganization: 广州市社会组织党组织\npublication: 学习资料\nissue: 2025年第12期\nissuers: [中共广州市社会组织委员会]\ndate: 2025年12月\n---\n\n# 图片测试\n\n图前的一段文字。\n\n![一张很高的图](pics/tall.png)\n\n图后的一段文字，必须出现在 PDF 里。\n`,
    );
    const result = bulletin(['build', '-q', source, '--out-dir', dir]);
    // The build's own preflight fails it if "图后的一段文字" went missing.
    expect(result.status, result.stderr).toBe(0);
    const pdf = join(dir, 'tall.pdf');
    // Find the page with the image: the one with a tall run of black pixels in the middle column.
    const MM = 72 / 25.4;
    let tallest = 0;
    for (let page = 2; page <= 5; page++) {
      let image;
      try {
        image = renderPage(pdf, page, 72);
      } catch {
        break;
      }
      const x = Math.round(image.width / 2);
      let run = 0;
      for (let y = 0; y < image.height; y++) {
        const [r] = image.pixel(x, y);
        run = r < 40 ? run + 1 : 0;
        tallest = Math.max(tallest, run);
      }
    }
    expect(tallest).toBeGreaterThan(150 * MM); // scaled down, not dropped
    expect(tallest).toBeLessThanOrEqual(225 * MM); // and never taller than the text block
  });
});
