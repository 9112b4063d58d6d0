/**
 * A strict msgpack reader that keeps what projection needs and JS objects lose: maps with any key
 * type (integer tags, digit-string tags), the int/float distinction, u64/i64 beyond 2^53 (as bigint)
 * and binary data. Malformed input fails with the byte offset of the problem.
 * @module
 */
import { UnprocessableError } from "./errors.js";

/** A msgpack map, in wire order; keys may be any value. */
export class MsgMap {
  constructor(readonly entries: Array<[MsgValue, MsgValue]>) {}
}

/** A msgpack float32/float64 (kept apart from integers, which render differently). */
export class MsgFloat {
  constructor(readonly value: number) {}
}

/** A msgpack extension value (type -128..127, raw data). */
export class MsgExt {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}

/**
 * A decoded msgpack value: nil → null, integers → number (bigint outside ±2^53), str → string,
 * bin → Uint8Array, array → MsgValue[], map → {@link MsgMap}, float → {@link MsgFloat}.
 */
export type MsgValue = null | boolean | number | bigint | string | Uint8Array | MsgValue[] | MsgMap | MsgFloat | MsgExt;

/** Deepest nesting accepted (deeper input is rejected rather than risking the stack). */
export const MAX_MSGPACK_DEPTH = 256;

const utf8 = new TextDecoder();

/**
 * Decodes exactly one msgpack value that spans all of `bytes`.
 * @throws UnprocessableError naming the byte offset for truncated data, an unused type byte
 *   (0xc1), nesting deeper than {@link MAX_MSGPACK_DEPTH} or trailing bytes.
 */
export function decodeMsgpack(bytes: Uint8Array): MsgValue {
  const reader = new Reader(bytes);
  const value = reader.value(0);
  if (reader.pos !== bytes.byteLength) {
    throw new UnprocessableError({
      message: `invalid msgpack: ${bytes.byteLength - reader.pos} trailing bytes after the value at byte ${reader.pos}`,
    });
  }
  return value;
}

/** The field tag a map key names: a non-negative integer, or a string of decimal digits. */
export function tagOf(key: MsgValue): number | undefined {
  if (typeof key === "number") return Number.isInteger(key) && key >= 0 ? key : undefined;
  if (typeof key === "bigint") return key >= 0n && key <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(key) : undefined;
  if (typeof key === "string" && /^\d{1,15}$/.test(key)) return Number(key);
  return undefined;
}

/** The tagged fields of a map (integer and digit-string keys both count); other keys are skipped. */
export function tagsOf(map: MsgMap): Map<number, MsgValue> {
  const out = new Map<number, MsgValue>();
  for (const [key, value] of map.entries) {
    const tag = tagOf(key);
    if (tag !== undefined) out.set(tag, value);
  }
  return out;
}

/** The value under field tag `tag` of `value` when it is a map, else undefined. */
export function field(value: MsgValue | undefined, tag: number): MsgValue | undefined {
  if (!(value instanceof MsgMap)) return undefined;
  for (const [key, v] of value.entries) if (tagOf(key) === tag) return v;
  return undefined;
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private fail(reason: string, at = this.pos): never {
    throw new UnprocessableError({ message: `invalid msgpack at byte ${at}: ${reason}` });
  }

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.bytes.byteLength)
      this.fail(`truncated (needs ${n} more bytes, ${this.bytes.byteLength - at} left)`);
    this.pos += n;
    return at;
  }

  value(depth: number): MsgValue {
    if (depth > MAX_MSGPACK_DEPTH) this.fail(`nesting deeper than ${MAX_MSGPACK_DEPTH}`);
    const at = this.need(1);
    const b = this.bytes[at];
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return b - 0x100;
    if (b >= 0x80 && b <= 0x8f) return this.map(b & 0x0f, depth);
    if (b >= 0x90 && b <= 0x9f) return this.array(b & 0x0f, depth);
    if (b >= 0xa0 && b <= 0xbf) return this.str(b & 0x1f);
    const v = this.view;
    switch (b) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return this.bin(this.bytes[this.need(1)]);
      case 0xc5:
        return this.bin(v.getUint16(this.need(2)));
      case 0xc6:
        return this.bin(v.getUint32(this.need(4)));
      case 0xc7:
        return this.ext(this.bytes[this.need(1)]);
      case 0xc8:
        return this.ext(v.getUint16(this.need(2)));
      case 0xc9:
        return this.ext(v.getUint32(this.need(4)));
      case 0xca:
        return new MsgFloat(v.getFloat32(this.need(4)));
      case 0xcb:
        return new MsgFloat(v.getFloat64(this.need(8)));
      case 0xcc:
        return this.bytes[this.need(1)];
      case 0xcd:
        return v.getUint16(this.need(2));
      case 0xce:
        return v.getUint32(this.need(4));
      case 0xcf:
        return safe(v.getBigUint64(this.need(8)));
      case 0xd0:
        return v.getInt8(this.need(1));
      case 0xd1:
        return v.getInt16(this.need(2));
      case 0xd2:
        return v.getInt32(this.need(4));
      case 0xd3:
        return safe(v.getBigInt64(this.need(8)));
      case 0xd4:
        return this.ext(1);
      case 0xd5:
        return this.ext(2);
      case 0xd6:
        return this.ext(4);
      case 0xd7:
        return this.ext(8);
      case 0xd8:
        return this.ext(16);
      case 0xd9:
        return this.str(this.bytes[this.need(1)]);
      case 0xda:
        return this.str(v.getUint16(this.need(2)));
      case 0xdb:
        return this.str(v.getUint32(this.need(4)));
      case 0xdc:
        return this.array(v.getUint16(this.need(2)), depth);
      case 0xdd:
        return this.array(v.getUint32(this.need(4)), depth);
      case 0xde:
        return this.map(v.getUint16(this.need(2)), depth);
      case 0xdf:
        return this.map(v.getUint32(this.need(4)), depth);
      default:
        return this.fail("byte 0xc1 is never used", at);
    }
  }

  private str(len: number): string {
    const at = this.need(len);
    return utf8.decode(this.bytes.subarray(at, at + len));
  }

  private bin(len: number): Uint8Array {
    const at = this.need(len);
    return this.bytes.slice(at, at + len);
  }

  private ext(len: number): MsgExt {
    const type = this.view.getInt8(this.need(1));
    const at = this.need(len);
    return new MsgExt(type, this.bytes.slice(at, at + len));
  }

  private array(count: number, depth: number): MsgValue[] {
    // Every element takes at least one byte: reject impossible counts before allocating.
    if (count > this.bytes.byteLength - this.pos) this.fail(`array of ${count} elements is longer than the data`);
    const out: MsgValue[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = this.value(depth + 1);
    return out;
  }

  private map(count: number, depth: number): MsgMap {
    if (count * 2 > this.bytes.byteLength - this.pos) this.fail(`map of ${count} entries is longer than the data`);
    const entries: Array<[MsgValue, MsgValue]> = new Array(count);
    for (let i = 0; i < count; i++) {
      const key = this.value(depth + 1);
      entries[i] = [key, this.value(depth + 1)];
    }
    return new MsgMap(entries);
  }
}

function safe(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}
