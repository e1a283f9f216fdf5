// ICC profiles for the OutputIntents: the sRGB profile of the PDF/A file, written here from the
// published sRGB numbers (IEC 61966-2-1 primaries and tone curve, adapted to D50 with Bradford as
// ICC profiles do) rather than copied from a package, so it needs no install and carries no
// licence; and a reader of profile headers, to check the profile a print shop sends.

export interface IccHeader {
  size: number;
  /** Major.minor, e.g. 2.1 or 4.3. */
  version: number;
  /** Device class: `prtr` (output), `mntr` (display), `scnr`, `link`, `spac`, `abst`, `nmcl`. */
  deviceClass: string;
  /** Data colour space: `RGB`, `CMYK`, `GRAY`… (trailing spaces trimmed). */
  colorSpace: string;
  /** Profile connection space: `XYZ` or `Lab`. */
  pcs: string;
  /** The `desc` tag's ASCII (v2) or first Unicode (v4 `mluc`) text, if any. */
  description?: string;
}

export class IccError extends Error {
  override name = 'IccError';
}

/** Channels of an ICC data colour space (the /N an ICCBased stream must carry). */
export const ICC_CHANNELS: Record<string, number> = { GRAY: 1, RGB: 3, CMYK: 4, Lab: 3, XYZ: 3 };

const sig = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

/** Reads and sanity-checks a profile's header and description; throws IccError on anything else. */
export function readIccHeader(bytes: Uint8Array): IccHeader {
  if (bytes.length < 132) throw new IccError(`not an ICC profile: ${bytes.length} bytes, a profile has at least 132`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (sig(bytes, 36) !== 'acsp') throw new IccError('not an ICC profile: no "acsp" signature at byte 36');
  const size = view.getUint32(0);
  if (size > bytes.length) throw new IccError(`truncated ICC profile: the header says ${size} bytes, the file has ${bytes.length}`);
  const version = bytes[8]! + (bytes[9]! >> 4) / 10;
  const header: IccHeader = { size, version, deviceClass: sig(bytes, 12), colorSpace: sig(bytes, 16).trimEnd(), pcs: sig(bytes, 20).trimEnd() };
  const count = view.getUint32(128);
  for (let i = 0; i < count && 132 + 12 * (i + 1) <= bytes.length; i++) {
    const at = 132 + 12 * i;
    if (sig(bytes, at) !== 'desc') continue;
    const offset = view.getUint32(at + 4);
    const length = view.getUint32(at + 8);
    if (offset + length > bytes.length || length < 12) break;
    const type = sig(bytes, offset);
    if (type === 'desc') {
      const n = view.getUint32(offset + 8);
      header.description = Buffer.from(bytes.subarray(offset + 12, offset + 12 + n)).toString('latin1').replace(/\0.*$/s, '');
    } else if (type === 'mluc' && length >= 28) {
      const len = view.getUint32(offset + 20);
      const start = offset + view.getUint32(offset + 24);
      const utf16 = Buffer.from(bytes.subarray(start, start + len));
      header.description = utf16.swap16().toString('utf16le');
    }
    break;
  }
  return header;
}

// sRGB: the D50-adapted colorants (Bradford) and the piecewise curve of IEC 61966-2-1.
const D50: [number, number, number] = [0.9642, 1.0, 0.8249];
const COLORANTS: Array<[string, [number, number, number]]> = [
  ['rXYZ', [0.4360747, 0.2225045, 0.0139322]],
  ['gXYZ', [0.3850649, 0.7168786, 0.0971045]],
  ['bXYZ', [0.1430804, 0.0606169, 0.7141733]],
];
const srgbToLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
export const SRGB_DESCRIPTION = 'sRGB IEC61966-2.1';

class Writer {
  private chunks: number[] = [];
  get length() {
    return this.chunks.length;
  }
  u8(v: number) {
    this.chunks.push(v & 0xff);
  }
  u16(v: number) {
    this.u8(v >> 8);
    this.u8(v);
  }
  u32(v: number) {
    this.u16(v >>> 16);
    this.u16(v & 0xffff);
  }
  ascii(s: string) {
    for (const c of s) this.u8(c.charCodeAt(0));
  }
  s15f16(v: number) {
    this.u32(Math.round(v * 65536) >>> 0);
  }
  pad() {
    while (this.chunks.length % 4) this.u8(0);
  }
  bytes() {
    return Uint8Array.from(this.chunks);
  }
}

function tag(build: (w: Writer) => void): Uint8Array {
  const w = new Writer();
  build(w);
  return w.bytes();
}

const xyzTag = (xyz: [number, number, number]) =>
  tag((w) => {
    w.ascii('XYZ ');
    w.u32(0);
    xyz.forEach((v) => w.s15f16(v));
  });

let srgb: Uint8Array | undefined;

/** An ICC v2.1 display profile (`mntr`, RGB → XYZ, matrix and tone curves) for sRGB, about 2.5 KB. */
export function srgbProfile(): Uint8Array {
  if (srgb) return srgb;
  const desc = tag((w) => {
    w.ascii('desc');
    w.u32(0);
    w.u32(SRGB_DESCRIPTION.length + 1);
    w.ascii(SRGB_DESCRIPTION);
    w.u8(0);
    w.u32(0); // Unicode language code
    w.u32(0); // Unicode count
    w.u16(0); // ScriptCode code
    w.u8(0); // ScriptCode count
    for (let i = 0; i < 67; i++) w.u8(0);
  });
  const cprt = tag((w) => {
    w.ascii('text');
    w.u32(0);
    w.ascii('No copyright, use freely');
    w.u8(0);
  });
  const curve = tag((w) => {
    w.ascii('curv');
    w.u32(0);
    const n = 1024;
    w.u32(n);
    for (let i = 0; i < n; i++) w.u16(Math.round(srgbToLinear(i / (n - 1)) * 65535));
  });
  const tags: Array<[string, Uint8Array]> = [
    ['desc', desc],
    ['cprt', cprt],
    ['wtpt', xyzTag(D50)],
    ...COLORANTS.map(([name, xyz]): [string, Uint8Array] => [name, xyzTag(xyz)]),
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  // Tag data after the header (128) and the tag table (4 + 12 per tag); the three curves share one.
  const offsets = new Map<Uint8Array, number>();
  let offset = 128 + 4 + 12 * tags.length;
  for (const [, data] of tags) {
    if (offsets.has(data)) continue;
    offsets.set(data, offset);
    offset += Math.ceil(data.length / 4) * 4;
  }
  const w = new Writer();
  w.u32(offset);
  w.u32(0); // preferred CMM
  w.u32(0x02100000); // version 2.1
  w.ascii('mntr');
  w.ascii('RGB ');
  w.ascii('XYZ ');
  [2025, 1, 1, 0, 0, 0].forEach((v) => w.u16(v)); // a fixed date: the same bytes every time
  w.ascii('acsp');
  for (let i = 0; i < 5; i++) w.u32(0); // platform, flags, manufacturer, model, attributes (hi)
  w.u32(0); // attributes (lo)
  w.u32(0); // rendering intent: perceptual
  D50.forEach((v) => w.s15f16(v));
  w.u32(0); // creator
  while (w.length < 128) w.u8(0);
  w.u32(tags.length);
  for (const [name, data] of tags) {
    w.ascii(name);
    w.u32(offsets.get(data)!);
    w.u32(data.length);
  }
  for (const [data] of offsets) {
    for (const b of data) w.u8(b);
    w.pad();
  }
  srgb = w.bytes();
  return srgb;
}
