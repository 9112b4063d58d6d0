/**
 * A msgpack writer that produces the bytes CXDB's Go client writes (vmihailenco/msgpack v5,
 * `SetSortMapKeys(true)`, no `omitempty`): a struct is a map of every field keyed by its tag as a
 * digit string, Go `int`/`int64` values are always `d3` + 8 bytes, `uint64` always `cf` + 8 bytes,
 * nil pointers/slices/maps are `c0`, strings take the shortest header (fixstr, str8, str16, str32)
 * and `map[string]string` entries are sorted by key bytes.
 * @module
 */
import { InvalidArgumentError } from "../store/errors.js";

const utf8 = new TextEncoder();

/** Growable byte buffer with the msgpack primitives the Go layout needs. */
export class GoMsgpackWriter {
  #buf = new Uint8Array(512);
  #view = new DataView(this.#buf.buffer);
  #pos = 0;

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#pos);
  }

  /** `c0`. */
  nil(): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = 0xc0;
  }

  /** `c2` / `c3`. */
  bool(value: boolean): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = value ? 0xc3 : 0xc2;
  }

  /**
   * A Go `int`/`int64`: `d3` and 8 bytes big-endian, whatever the value.
   * @throws InvalidArgumentError when `value` is not a safe integer.
   */
  int64(value: number): void {
    if (!Number.isSafeInteger(value)) {
      throw new InvalidArgumentError({ message: `expected an integer, got ${String(value)}` });
    }
    this.#ensure(9);
    this.#buf[this.#pos++] = 0xd3;
    this.#view.setBigInt64(this.#pos, BigInt(value));
    this.#pos += 8;
  }

  /**
   * A Go `uint64`: `cf` and 8 bytes big-endian, whatever the value.
   * @throws InvalidArgumentError when `value` is not a non-negative safe integer.
   */
  uint64(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InvalidArgumentError({ message: `expected a non-negative integer, got ${String(value)}` });
    }
    this.#ensure(9);
    this.#buf[this.#pos++] = 0xcf;
    this.#view.setBigUint64(this.#pos, BigInt(value));
    this.#pos += 8;
  }

  /** A UTF-8 string with the shortest header. */
  string(value: string): void {
    const bytes = utf8.encode(value);
    this.#header(bytes.byteLength, 0xa0, 31, [0xd9, 0xda, 0xdb]);
    this.#ensure(bytes.byteLength);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.byteLength;
  }

  /** Array header for `length` items. */
  arrayHeader(length: number): void {
    this.#header(length, 0x90, 15, [0, 0xdc, 0xdd]);
  }

  /** Map header for `size` entries. */
  mapHeader(size: number): void {
    this.#header(size, 0x80, 15, [0, 0xde, 0xdf]);
  }

  /** A Go `map[string]string`: nil when absent, else entries sorted by key bytes (Go's order). */
  stringMap(value: Readonly<Record<string, string>> | undefined): void {
    if (value === undefined) {
      this.nil();
      return;
    }
    const entries = Object.entries(value).map(([k, v]) => [utf8.encode(k), k, v] as const);
    entries.sort(([a], [b]) => Buffer.compare(a, b));
    this.mapHeader(entries.length);
    for (const [, k, v] of entries) {
      this.string(k);
      this.string(v);
    }
  }

  /** A Go `[]string`: nil when absent. */
  strings(value: readonly string[] | undefined): void {
    if (value === undefined) {
      this.nil();
      return;
    }
    this.arrayHeader(value.length);
    for (const s of value) this.string(s);
  }

  #header(n: number, fix: number, fixMax: number, codes: readonly [number, number, number]): void {
    this.#ensure(5);
    if (n <= fixMax) {
      this.#buf[this.#pos++] = fix | n;
    } else if (n < 0x100 && codes[0] !== 0) {
      this.#buf[this.#pos++] = codes[0];
      this.#buf[this.#pos++] = n;
    } else if (n < 0x10000) {
      this.#buf[this.#pos++] = codes[1];
      this.#view.setUint16(this.#pos, n);
      this.#pos += 2;
    } else {
      this.#buf[this.#pos++] = codes[2];
      this.#view.setUint32(this.#pos, n);
      this.#pos += 4;
    }
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.byteLength) return;
    let size = this.#buf.byteLength * 2;
    while (size < this.#pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }
}
