/**
 * CXDB binary protocol frames: the 16-byte header, frame encoding and an incremental reader over a
 * TCP byte stream.
 *
 * ```text
 * offset size field
 *      0    4 len       u32 LE  payload length in bytes (at most 64 MiB)
 *      4    2 msg_type  u16 LE  see MsgType
 *      6    2 flags     u16 LE  bit 0 on APPEND_TURN = fs_root_hash follows
 *      8    8 req_id    u64 LE  echoed by the response
 *     16  len payload
 * ```
 * @module
 */

/** Size of the frame header in bytes. */
export const FRAME_HEADER_BYTES = 16;

/** Largest accepted payload: 64 MiB. A header declaring more is rejected (CXDB's `MAX_FRAME_SIZE`). */
export const MAX_FRAME_PAYLOAD_BYTES = 64 * 1024 * 1024;

/** APPEND_TURN flag: a 32-byte `fs_root_hash` follows the idempotency key. */
export const FLAG_HAS_FS_ROOT = 1;

/** Message type codes (u16). */
export const MsgType = {
  HELLO: 1,
  CTX_CREATE: 2,
  CTX_FORK: 3,
  GET_HEAD: 4,
  APPEND_TURN: 5,
  GET_LAST: 6,
  /** Named by CXDB, with no wire layout defined: answered with ERROR 501. */
  GET_BEFORE: 7,
  /** Named by CXDB, with no wire layout defined: answered with ERROR 501. */
  GET_RANGE_BY_DEPTH: 8,
  GET_BLOB: 9,
  ATTACH_FS: 10,
  PUT_BLOB: 11,
  ERROR: 255,
} as const;

/** A known message type code. */
export type MsgType = (typeof MsgType)[keyof typeof MsgType];

const MSG_TYPE_NAMES = new Map<number, string>(Object.entries(MsgType).map(([name, code]) => [code, name]));

/** CXDB's name for a message type code (`"APPEND_TURN"`), or `"msg_type <n>"` when unknown. */
export function msgTypeName(msgType: number): string {
  return MSG_TYPE_NAMES.get(msgType) ?? `msg_type ${msgType}`;
}

/** A decoded frame header. `len` is the payload length; `reqId` is a u64. */
export interface FrameHeader {
  len: number;
  msgType: number;
  flags: number;
  reqId: bigint;
}

/** One whole frame. The header's `len` is `payload.byteLength`. */
export interface Frame {
  msgType: number;
  flags: number;
  reqId: bigint;
  payload: Uint8Array;
}

/** Decodes the 16 header bytes at `offset`. Throws a `RangeError` when fewer than 16 bytes remain. */
export function decodeFrameHeader(bytes: Uint8Array, offset = 0): FrameHeader {
  if (bytes.byteLength - offset < FRAME_HEADER_BYTES) {
    throw new RangeError(`frame header needs ${FRAME_HEADER_BYTES} bytes, got ${bytes.byteLength - offset}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, FRAME_HEADER_BYTES);
  return {
    len: view.getUint32(0, true),
    msgType: view.getUint16(4, true),
    flags: view.getUint16(6, true),
    reqId: view.getBigUint64(8, true),
  };
}

/** Writes a header into `target` at `offset` (16 bytes). Out-of-range fields throw a `RangeError`. */
export function writeFrameHeader(target: Uint8Array, header: FrameHeader, offset = 0): void {
  const { len, msgType, flags, reqId } = header;
  if (!Number.isInteger(len) || len < 0 || len > 0xffff_ffff) throw new RangeError(`len out of range: ${len}`);
  if (!Number.isInteger(msgType) || msgType < 0 || msgType > 0xffff)
    throw new RangeError(`msg_type out of range: ${msgType}`);
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xffff) throw new RangeError(`flags out of range: ${flags}`);
  if (reqId < 0n || reqId > 0xffff_ffff_ffff_ffffn) throw new RangeError(`req_id out of range: ${reqId}`);
  const view = new DataView(target.buffer, target.byteOffset + offset, FRAME_HEADER_BYTES);
  view.setUint32(0, len, true);
  view.setUint16(4, msgType, true);
  view.setUint16(6, flags, true);
  view.setBigUint64(8, reqId, true);
}

/**
 * Header + payload as one buffer. Throws a `RangeError` when the payload exceeds
 * {@link MAX_FRAME_PAYLOAD_BYTES} or a header field is out of range.
 */
export function encodeFrame(frame: Frame): Uint8Array {
  const len = frame.payload.byteLength;
  if (len > MAX_FRAME_PAYLOAD_BYTES) {
    throw new RangeError(`frame payload of ${len} bytes exceeds the ${MAX_FRAME_PAYLOAD_BYTES}-byte maximum`);
  }
  const out = new Uint8Array(FRAME_HEADER_BYTES + len);
  writeFrameHeader(out, { len, msgType: frame.msgType, flags: frame.flags, reqId: frame.reqId });
  out.set(frame.payload, FRAME_HEADER_BYTES);
  return out;
}

/**
 * What {@link FrameReader.push} yields: a whole frame, or the header of a frame whose declared length
 * is over the maximum. After `oversized` the reader discards that frame's `len` payload bytes as they
 * arrive (without buffering them) and then resumes framing, so the stream stays in step.
 */
export type FrameReaderEvent = { type: "frame"; frame: Frame } | { type: "oversized"; header: FrameHeader };

/** What is left in a {@link FrameReader} when the stream ends. */
export interface FrameReaderRemainder {
  /** Buffered bytes that do not make a whole frame. */
  bufferedBytes: number;
  /** The header of the incomplete frame, when all 16 header bytes arrived. */
  header?: FrameHeader;
  /** Payload bytes of an oversized frame still to be discarded. */
  skippingBytes: number;
}

/**
 * Incremental frame reader: feed it chunks of a byte stream in any split (partial headers, partial
 * payloads, several frames in one chunk) and it returns whole frames in order. Pure: no I/O.
 *
 * A payload that lies in one chunk is returned as a view into that chunk (no copy).
 */
export class FrameReader {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private header: FrameHeader | undefined;
  private skipping = 0;

  /** @param maxPayloadBytes - frames declaring more are reported `oversized` (default 64 MiB). */
  constructor(private readonly maxPayloadBytes = MAX_FRAME_PAYLOAD_BYTES) {}

  /** Feeds one chunk; returns every event it completes, in stream order. */
  push(chunk: Uint8Array): FrameReaderEvent[] {
    const events: FrameReaderEvent[] = [];
    let data = chunk;
    if (this.skipping > 0) {
      const skipped = Math.min(this.skipping, data.byteLength);
      this.skipping -= skipped;
      data = data.subarray(skipped);
    }
    if (data.byteLength > 0) {
      this.chunks.push(data);
      this.buffered += data.byteLength;
    }
    for (;;) {
      if (this.header === undefined) {
        if (this.buffered < FRAME_HEADER_BYTES) break;
        const header = decodeFrameHeader(this.take(FRAME_HEADER_BYTES));
        if (header.len > this.maxPayloadBytes) {
          events.push({ type: "oversized", header });
          const skipped = Math.min(header.len, this.buffered);
          this.take(skipped);
          this.skipping = header.len - skipped;
          if (this.skipping > 0) break;
          continue;
        }
        this.header = header;
      }
      if (this.buffered < this.header.len) break;
      const { msgType, flags, reqId, len } = this.header;
      this.header = undefined;
      events.push({ type: "frame", frame: { msgType, flags, reqId, payload: this.take(len) } });
    }
    return events;
  }

  /** What is buffered but not yet a frame (call at end of stream to detect a truncated frame). */
  remainder(): FrameReaderRemainder {
    const out: FrameReaderRemainder = { bufferedBytes: this.buffered, skippingBytes: this.skipping };
    if (this.header !== undefined) out.header = { ...this.header };
    return out;
  }

  /** Removes and returns the first `count` buffered bytes (a view when they lie in one chunk). */
  private take(count: number): Uint8Array {
    this.buffered -= count;
    if (count === 0) return new Uint8Array(0);
    const first = this.chunks[0]!;
    if (first.byteLength >= count) {
      const out = first.subarray(0, count);
      if (first.byteLength === count) this.chunks.shift();
      else this.chunks[0] = first.subarray(count);
      return out;
    }
    const out = new Uint8Array(count);
    let filled = 0;
    while (filled < count) {
      const head = this.chunks[0]!;
      const n = Math.min(head.byteLength, count - filled);
      out.set(head.subarray(0, n), filled);
      filled += n;
      if (n === head.byteLength) this.chunks.shift();
      else this.chunks[0] = head.subarray(n);
    }
    return out;
  }
}
