import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeFrameHeader,
  encodeFrame,
  FRAME_HEADER_BYTES,
  type Frame,
  FrameReader,
  type FrameReaderEvent,
  MAX_FRAME_PAYLOAD_BYTES,
  MsgType,
  msgTypeName,
  writeFrameHeader,
} from "../../src/protocol/frame.js";
import { bytes, u16, u64 } from "./helpers/arbitraries.js";

const frame: fc.Arbitrary<Frame> = fc.record({ msgType: u16, flags: u16, reqId: u64, payload: bytes(300) });

/** Splits `data` at the given cut points (sorted, deduplicated, inside the buffer). */
function split(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.byteLength + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    out.push(data.subarray(last, p));
    last = p;
  }
  out.push(data.subarray(last));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

describe("frame header", () => {
  it("lays out len u32, msg_type u16, flags u16, req_id u64, little-endian", () => {
    const bytes = encodeFrame({ msgType: 5, flags: 1, reqId: 0x0102030405060708n, payload: Uint8Array.of(0xaa, 0xbb) });
    expect(Buffer.from(bytes).toString("hex")).toBe("02000000" + "0500" + "0100" + "0807060504030201" + "aabb");
    expect(decodeFrameHeader(bytes)).toEqual({ len: 2, msgType: 5, flags: 1, reqId: 0x0102030405060708n });
  });

  it("round-trips any header", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), u16, u16, u64, (len, msgType, flags, reqId) => {
        const out = new Uint8Array(FRAME_HEADER_BYTES);
        writeFrameHeader(out, { len, msgType, flags, reqId });
        expect(decodeFrameHeader(out)).toEqual({ len, msgType, flags, reqId });
      }),
    );
  });

  it("refuses to encode a payload over 64 MiB", () => {
    const payload = new Uint8Array(MAX_FRAME_PAYLOAD_BYTES + 1);
    expect(() => encodeFrame({ msgType: 11, flags: 0, reqId: 1n, payload })).toThrow(/exceeds/);
  });

  it("names message types", () => {
    expect(msgTypeName(MsgType.APPEND_TURN)).toBe("APPEND_TURN");
    expect(msgTypeName(7)).toBe("GET_BEFORE");
    expect(msgTypeName(77)).toBe("msg_type 77");
  });
});

describe("FrameReader", () => {
  it("yields the same frames however the stream is chunked", () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 20 }), (frames, cuts) => {
        const stream = concat(frames.map(encodeFrame));
        const reader = new FrameReader();
        const events: FrameReaderEvent[] = [];
        for (const chunk of split(stream, cuts)) events.push(...reader.push(chunk));
        expect(events).toEqual(frames.map((f) => ({ type: "frame", frame: f })));
        expect(reader.remainder()).toEqual({ bufferedBytes: 0, skippingBytes: 0 });
      }),
    );
  });

  it("returns several frames from one chunk and keeps a partial one", () => {
    const a = encodeFrame({ msgType: 4, flags: 0, reqId: 1n, payload: new Uint8Array(8) });
    const b = encodeFrame({ msgType: 4, flags: 0, reqId: 2n, payload: new Uint8Array(8) });
    const c = encodeFrame({ msgType: 6, flags: 0, reqId: 3n, payload: new Uint8Array(16) });
    const reader = new FrameReader();
    const events = reader.push(concat([a, b, c.subarray(0, 20)]));
    expect(events.map((e) => (e.type === "frame" ? e.frame.reqId : -1n))).toEqual([1n, 2n]);
    expect(reader.remainder()).toEqual({
      bufferedBytes: 4,
      skippingBytes: 0,
      header: { len: 16, msgType: 6, flags: 0, reqId: 3n },
    });
    expect(reader.push(c.subarray(20)).map((e) => e.type)).toEqual(["frame"]);
  });

  it("reports an oversized frame once, discards its payload unbuffered, and resumes framing", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), frame, (cuts, next) => {
        const reader = new FrameReader(64);
        const header = new Uint8Array(FRAME_HEADER_BYTES);
        writeFrameHeader(header, { len: 100, msgType: 11, flags: 0, reqId: 9n });
        const stream = concat([
          header,
          new Uint8Array(100).fill(0xee),
          encodeFrame({ ...next, payload: next.payload.subarray(0, 64) }),
        ]);
        const events: FrameReaderEvent[] = [];
        for (const chunk of split(stream, cuts)) {
          events.push(...reader.push(chunk));
          expect(reader.remainder().bufferedBytes).toBeLessThanOrEqual(FRAME_HEADER_BYTES + 64 + 100);
        }
        expect(events).toEqual([
          { type: "oversized", header: { len: 100, msgType: 11, flags: 0, reqId: 9n } },
          { type: "frame", frame: { ...next, payload: next.payload.subarray(0, 64) } },
        ]);
      }),
    );
  });

  it("accepts exactly 64 MiB by default and rejects one byte more", () => {
    const reader = new FrameReader();
    const header = new Uint8Array(FRAME_HEADER_BYTES);
    writeFrameHeader(header, { len: MAX_FRAME_PAYLOAD_BYTES + 1, msgType: 11, flags: 0, reqId: 1n });
    expect(reader.push(header)).toEqual([
      { type: "oversized", header: { len: MAX_FRAME_PAYLOAD_BYTES + 1, msgType: 11, flags: 0, reqId: 1n } },
    ]);
    expect(reader.remainder().skippingBytes).toBe(MAX_FRAME_PAYLOAD_BYTES + 1);
    const ok = new FrameReader();
    writeFrameHeader(header, { len: MAX_FRAME_PAYLOAD_BYTES, msgType: 11, flags: 0, reqId: 2n });
    expect(ok.push(header)).toEqual([]);
    expect(ok.remainder().header?.len).toBe(MAX_FRAME_PAYLOAD_BYTES);
  });
});
