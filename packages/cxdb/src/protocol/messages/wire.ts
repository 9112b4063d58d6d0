/**
 * Little-endian cursor reader/writer shared by every message codec of the binary protocol.
 *
 * All integers are little-endian. `u64` values are `bigint`; `u8`/`u16`/`u32` are `number`.
 * Hashes are BLAKE3-256 digests, always exactly {@link HASH_BYTES} bytes.
 * @module
 */

import { MalformedPayloadError } from "../errors.js";

/** Length of a BLAKE3-256 digest on the wire. */
export const HASH_BYTES = 32;

const U32_MAX = 0xffff_ffff;
const U64_MAX = 0xffff_ffff_ffff_ffffn;
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });
const utf8Encoder = new TextEncoder();

/**
 * Reads fields from one message payload in order. Every read that runs past the end throws a
 * {@link MalformedPayloadError} (binary code 400) naming the message and the field; {@link WireReader.end} throws when
 * bytes are left over.
 */
export class WireReader {
  private offset = 0;
  private readonly view: DataView;

  /** @param message - the message name used in error details, e.g. `"APPEND_TURN"`. */
  constructor(
    private readonly source: Uint8Array,
    private readonly message: string,
  ) {
    this.view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.source.byteLength - this.offset;
  }

  private need(count: number, field: string): number {
    if (count > this.remaining) {
      throw new MalformedPayloadError({
        message: `${this.message}: truncated payload: ${field} needs ${count} bytes at offset ${this.offset}, ${this.remaining} left`,
      });
    }
    const at = this.offset;
    this.offset += count;
    return at;
  }

  /** One unsigned byte. */
  u8(field: string): number {
    return this.view.getUint8(this.need(1, field));
  }

  /** Unsigned 16-bit little-endian. */
  u16(field: string): number {
    return this.view.getUint16(this.need(2, field), true);
  }

  /** Unsigned 32-bit little-endian. */
  u32(field: string): number {
    return this.view.getUint32(this.need(4, field), true);
  }

  /** Unsigned 64-bit little-endian, as a bigint. */
  u64(field: string): bigint {
    return this.view.getBigUint64(this.need(8, field), true);
  }

  /** `count` raw bytes (a view into the payload, not a copy). */
  bytes(count: number, field: string): Uint8Array {
    const at = this.need(count, field);
    return this.source.subarray(at, at + count);
  }

  /** A 32-byte BLAKE3 digest (a copy, so it outlives the frame buffer). */
  hash(field: string): Uint8Array {
    return this.bytes(HASH_BYTES, field).slice();
  }

  /** `count` bytes decoded as strict UTF-8; invalid UTF-8 throws a 400 naming the field. */
  utf8(count: number, field: string): string {
    const raw = this.bytes(count, field);
    try {
      return utf8Decoder.decode(raw);
    } catch {
      throw new MalformedPayloadError({
        message: `${this.message}: ${field} is not valid UTF-8`,
      });
    }
  }

  /** Throws a 400 when bytes remain after the last field. */
  end(): void {
    if (this.remaining !== 0) {
      throw new MalformedPayloadError({
        message: `${this.message}: ${this.remaining} unexpected trailing bytes after offset ${this.offset}`,
      });
    }
  }
}

/**
 * Appends fields to a growing little-endian buffer. Out-of-range values throw a `RangeError`
 * (an encoder bug or bad caller input, never a wire condition).
 */
export class WireWriter {
  private buf: Uint8Array;
  private view: DataView;
  private length = 0;

  constructor(initialCapacity = 64) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  private reserve(count: number): number {
    const needed = this.length + count;
    if (needed > this.buf.byteLength) {
      let capacity = this.buf.byteLength * 2;
      while (capacity < needed) capacity *= 2;
      const next = new Uint8Array(capacity);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.length;
    this.length = needed;
    return at;
  }

  /** One unsigned byte. */
  u8(value: number): this {
    checkInt(value, 0xff, "u8");
    const at = this.reserve(1);
    this.view.setUint8(at, value);
    return this;
  }

  /** Unsigned 16-bit little-endian. */
  u16(value: number): this {
    checkInt(value, 0xffff, "u16");
    const at = this.reserve(2);
    this.view.setUint16(at, value, true);
    return this;
  }

  /** Unsigned 32-bit little-endian. */
  u32(value: number): this {
    checkInt(value, U32_MAX, "u32");
    const at = this.reserve(4);
    this.view.setUint32(at, value, true);
    return this;
  }

  /** Unsigned 64-bit little-endian from a bigint. */
  u64(value: bigint): this {
    if (typeof value !== "bigint" || value < 0n || value > U64_MAX) {
      throw new RangeError(`u64 out of range: ${String(value)}`);
    }
    const at = this.reserve(8);
    this.view.setBigUint64(at, value, true);
    return this;
  }

  /** Raw bytes, no length prefix. */
  bytes(value: Uint8Array): this {
    const at = this.reserve(value.byteLength);
    this.buf.set(value, at);
    return this;
  }

  /** A 32-byte digest; any other length throws a `RangeError`. */
  hash(value: Uint8Array): this {
    if (value.byteLength !== HASH_BYTES) {
      throw new RangeError(`hash must be ${HASH_BYTES} bytes, got ${value.byteLength}`);
    }
    return this.bytes(value);
  }

  /** The bytes written so far (a copy trimmed to length). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function checkInt(value: number, max: number, kind: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${kind} out of range: ${value}`);
  }
}

/** UTF-8 bytes of `text`. */
export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
