// Tiny PNG codec for the image rows: a solid-colour RGB image, and the colour of an image's first
// pixel (what the scripted model "sees"), so the bytes must arrive intact for the answer to be right.
import { deflateSync, inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `size`×`size` PNG filled with one RGB colour. */
export function solidPng(rgb: [number, number, number], size = 16): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit truecolour, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return new Uint8Array(
    Buffer.concat([
      SIGNATURE,
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(pixels)),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}

/**
 * The RGB value of the first pixel of an 8-bit truecolour PNG.
 * @throws Error when the bytes are not such a PNG (or were corrupted on the way).
 */
export function firstPixel(png: Uint8Array): [number, number, number] {
  const bytes = Buffer.from(png);
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG");
  const idat: Buffer[] = [];
  let colorType = -1;
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("ascii", at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) {
      throw new Error(`PNG chunk ${type} fails its CRC`);
    }
    if (type === "IHDR") colorType = data[9];
    if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  if (colorType !== 2) throw new Error("only 8-bit truecolour PNGs are supported");
  const pixels = inflateSync(Buffer.concat(idat));
  return [pixels[1], pixels[2], pixels[3]];
}

const NAMES: [string, [number, number, number]][] = [
  ["red", [220, 30, 30]],
  ["green", [30, 180, 30]],
  ["blue", [30, 30, 220]],
  ["yellow", [230, 220, 30]],
  ["black", [0, 0, 0]],
  ["white", [255, 255, 255]],
];

/** The name of the nearest of a few basic colours. */
export function colorName([r, g, b]: [number, number, number]): string {
  let best = NAMES[0];
  let distance = Number.POSITIVE_INFINITY;
  for (const entry of NAMES) {
    const [R, G, B] = entry[1];
    const d = (r - R) ** 2 + (g - G) ** 2 + (b - B) ** 2;
    if (d < distance) [best, distance] = [entry, d];
  }
  return best[0];
}
