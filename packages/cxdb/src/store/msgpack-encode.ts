/**
 * A msgpack writer for JS values that keeps what turn payloads need: Maps with integer keys (field
 * tags), bigint as u64/i64, bytes as bin, and the smallest integer encoding for numbers.
 * @module
 */
import { UnprocessableError } from "./errors.js";

/** Deepest nesting written (deeper values, or cycles, are rejected). */
export const MAX_ENCODE_DEPTH = 256;

const utf8 = new TextEncoder();

/**
 * Encodes `value`: null/undefined → nil, booleans, numbers (integers in the smallest form, others
 * as float64), bigint → u64/i64, strings, Uint8Array/Buffer → bin, arrays, Maps (any keys) and
 * plain objects (string keys; undefined members are skipped).
 * @throws UnprocessableError for functions, symbols, other class instances, bigints outside
 *   64 bits, or nesting deeper than {@link MAX_ENCODE_DEPTH}.
 */
export function encodeMsgpack(value: unknown): Uint8Array {
  const out = new Writer();
  out.value(value, 0);
  return out.finish();
}

class Writer {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.byteLength) return;
    let size = this.buf.byteLength * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  private u8(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  private head(small: number, smallMax: number, codes: [number, number, number], n: number): void {
    if (n <= smallMax) {
      this.u8(small | n);
      return;
    }
    this.ensure(5);
    if (n < 0x100 && codes[0] !== 0) {
      this.buf[this.pos++] = codes[0];
      this.buf[this.pos++] = n;
    } else if (n < 0x10000) {
      this.buf[this.pos++] = codes[1];
      this.view.setUint16(this.pos, n);
      this.pos += 2;
    } else {
      this.buf[this.pos++] = codes[2];
      this.view.setUint32(this.pos, n);
      this.pos += 4;
    }
  }

  value(value: unknown, depth: number): void {
    if (depth > MAX_ENCODE_DEPTH)
      throw new UnprocessableError({ message: `value nests deeper than ${MAX_ENCODE_DEPTH} (or is cyclic)` });
    if (value === null || value === undefined) {
      this.u8(0xc0);
      return;
    }
    switch (typeof value) {
      case "boolean": {
        this.u8(value ? 0xc3 : 0xc2);
        return;
      }
      case "number":
        if (Number.isSafeInteger(value)) this.int(value);
        else this.float(value);
        return;
      case "bigint": {
        this.bigint(value);
        return;
      }
      case "string": {
        const bytes = utf8.encode(value);
        this.head(0xa0, 31, [0xd9, 0xda, 0xdb], bytes.byteLength);
        this.raw(bytes);
        return;
      }
      case "object":
        break;
      default:
        throw new UnprocessableError({ message: `cannot encode a ${typeof value} as msgpack` });
    }
    if (value instanceof Uint8Array || ArrayBuffer.isView(value)) {
      const view = value as ArrayBufferView;
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      this.head(0, -1, [0xc4, 0xc5, 0xc6], bytes.byteLength);
      this.raw(bytes);
      return;
    }
    if (Array.isArray(value)) {
      this.head(0x90, 15, [0, 0xdc, 0xdd], value.length);
      for (const item of value) this.value(item, depth + 1);
      return;
    }
    if (value instanceof Map) {
      this.head(0x80, 15, [0, 0xde, 0xdf], value.size);
      for (const [k, v] of value) {
        this.value(k, depth + 1);
        this.value(v, depth + 1);
      }
      return;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new UnprocessableError({ message: `cannot encode a ${proto?.constructor?.name ?? "object"} as msgpack` });
    }
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    this.head(0x80, 15, [0, 0xde, 0xdf], entries.length);
    for (const [k, v] of entries) {
      this.value(k, depth + 1);
      this.value(v, depth + 1);
    }
  }

  private raw(bytes: Uint8Array): void {
    this.ensure(bytes.byteLength);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.byteLength;
  }

  private int(n: number): void {
    if (n >= 0) {
      if (n < 0x80) {
        this.u8(n);
        return;
      }
      if (n < 0x100) {
        this.fixed(0xcc, 1, n);
        return;
      }
      if (n < 0x10000) {
        this.fixed(0xcd, 2, n);
        return;
      }
      if (n < 0x100000000) {
        this.fixed(0xce, 4, n);
        return;
      }
      this.bigint(BigInt(n));
      return;
    }
    if (n >= -32) {
      this.u8(0x100 + n);
      return;
    }
    if (n >= -0x80) {
      this.fixed(0xd0, 1, n);
      return;
    }
    if (n >= -0x8000) {
      this.fixed(0xd1, 2, n);
      return;
    }
    if (n >= -0x80000000) {
      this.fixed(0xd2, 4, n);
      return;
    }
    this.bigint(BigInt(n));
    return;
  }

  private fixed(code: number, width: 1 | 2 | 4, n: number): void {
    this.ensure(1 + width);
    this.buf[this.pos++] = code;
    const signed = code >= 0xd0;
    if (width === 1) signed ? this.view.setInt8(this.pos, n) : this.view.setUint8(this.pos, n);
    else if (width === 2) signed ? this.view.setInt16(this.pos, n) : this.view.setUint16(this.pos, n);
    else signed ? this.view.setInt32(this.pos, n) : this.view.setUint32(this.pos, n);
    this.pos += width;
  }

  private bigint(n: bigint): void {
    this.ensure(9);
    if (n >= 0n && n <= 0xffff_ffff_ffff_ffffn) {
      this.buf[this.pos++] = 0xcf;
      this.view.setBigUint64(this.pos, n);
    } else if (n < 0n && n >= -(2n ** 63n)) {
      this.buf[this.pos++] = 0xd3;
      this.view.setBigInt64(this.pos, n);
    } else {
      throw new UnprocessableError({ message: `integer ${n} does not fit in 64 bits` });
    }
    this.pos += 8;
  }

  private float(n: number): void {
    this.ensure(9);
    this.buf[this.pos++] = 0xcb;
    this.view.setFloat64(this.pos, n);
    this.pos += 8;
  }
}
