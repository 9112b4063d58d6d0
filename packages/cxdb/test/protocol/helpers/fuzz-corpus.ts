/**
 * Seeded generators of valid and mutated binary-protocol requests for the fuzz test.
 */

import { compress } from "@bokuweb/zstd-wasm";
import { encode as encodeMsgpack } from "@msgpack/msgpack";
import {
  encodeFrame,
  FRAME_HEADER_BYTES,
  type Frame,
  MAX_FRAME_PAYLOAD_BYTES,
  writeFrameHeader,
} from "../../../src/protocol/frame.js";
import { appendTurnFlags, encodeAppendTurnRequest } from "../../../src/protocol/messages/append-turn.js";
import { encodeAttachFsRequest } from "../../../src/protocol/messages/attach-fs.js";
import { encodeGetBlobRequest, encodePutBlobRequest } from "../../../src/protocol/messages/blob.js";
import {
  encodeCtxCreateRequest,
  encodeCtxForkRequest,
  encodeGetHeadRequest,
} from "../../../src/protocol/messages/context.js";
import { encodeGetLastRequest } from "../../../src/protocol/messages/get-last.js";
import { encodeHelloRequest } from "../../../src/protocol/messages/hello.js";
import { blake3 } from "../../../src/store/hash.js";

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with its seed. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** What the generators may refer to: ids and hashes that exist in the store. */
export interface KnownState {
  contexts: number[];
  turns: number[];
  blobs: Uint8Array[];
}

/** A request frame without its req_id (assigned when sent). */
export type Request = Omit<Frame, "reqId">;

function tagged(rng: Rng): Uint8Array {
  const map = new Map<number, unknown>();
  const fields = 1 + rng.int(4);
  for (let i = 0; i < fields; i++) {
    map.set(
      1 + rng.int(40),
      rng.pick<unknown>([rng.int(1000), "text".repeat(rng.int(20)), rng.bytes(rng.int(16)), null, true]),
    );
  }
  return encodeMsgpack(map);
}

/** A well-formed request of a random type, valid against `known` most of the time. */
export function validRequest(rng: Rng, known: KnownState): Request {
  const ctx = BigInt(rng.pick(known.contexts));
  const turn = BigInt(rng.pick(known.turns));
  switch (rng.int(10)) {
    case 0:
      return {
        msgType: 1,
        flags: 0,
        payload: encodeHelloRequest({ protocolVersion: 1, clientTag: `fuzz-${rng.int(5)}`, clientMetaJson: "" }),
      };
    case 1:
      return { msgType: 2, flags: 0, payload: encodeCtxCreateRequest({ baseTurnId: rng.chance(0.5) ? 0n : turn }) };
    case 2:
      return { msgType: 3, flags: 0, payload: encodeCtxForkRequest({ baseTurnId: turn }) };
    case 3:
      return { msgType: 4, flags: 0, payload: encodeGetHeadRequest({ contextId: ctx }) };
    case 4:
    case 5: {
      const raw = tagged(rng);
      const zstd = rng.chance(0.3);
      const request = {
        contextId: ctx,
        parentTurnId: rng.chance(0.8) ? 0n : turn,
        typeId: rng.pick(["cxdb.ConversationItem", "t.Fuzz", "x"]),
        typeVersion: 1 + rng.int(3),
        encoding: 1,
        compression: zstd ? 1 : 0,
        uncompressedLen: raw.byteLength,
        contentHash: blake3(raw),
        payload: zstd ? compress(raw, 3) : raw,
        idempotencyKey: rng.chance(0.3) ? new TextEncoder().encode(`k${rng.int(20)}`) : new Uint8Array(0),
      };
      return { msgType: 5, flags: appendTurnFlags(request), payload: encodeAppendTurnRequest(request) };
    }
    case 6:
      return {
        msgType: 6,
        flags: 0,
        payload: encodeGetLastRequest({ contextId: ctx, limit: rng.int(20), includePayload: rng.chance(0.5) }),
      };
    case 7:
      return { msgType: 9, flags: 0, payload: encodeGetBlobRequest({ hash: rng.pick(known.blobs) }) };
    case 8: {
      const bytes = rng.bytes(rng.int(300));
      return { msgType: 11, flags: 0, payload: encodePutBlobRequest({ hash: blake3(bytes), bytes }) };
    }
    default:
      return {
        msgType: 10,
        flags: 0,
        payload: encodeAttachFsRequest({ turnId: turn, fsRootHash: rng.pick(known.blobs) }),
      };
  }
}

/**
 * A mutation that keeps the stream framed (the header's len matches the bytes sent): bit flips,
 * truncation with a matching len, wrong hashes, bad msgpack, random msg_type and flags, random
 * payloads, trailing garbage.
 */
export function framedMutation(rng: Rng, known: KnownState): Request {
  const base = validRequest(rng, known);
  const payload = base.payload.slice();
  switch (rng.int(8)) {
    case 0: {
      const flips = 1 + rng.int(8);
      for (let i = 0; i < flips && payload.byteLength > 0; i++)
        payload[rng.int(payload.byteLength)]! ^= 1 << rng.int(8);
      return { ...base, payload };
    }
    case 1:
      return { ...base, payload: payload.subarray(0, rng.int(payload.byteLength + 1)) };
    case 2: {
      const raw = tagged(rng);
      const request = {
        contextId: BigInt(rng.pick(known.contexts)),
        parentTurnId: 0n,
        typeId: "t.Fuzz",
        typeVersion: 1,
        encoding: 1,
        compression: 0,
        uncompressedLen: raw.byteLength,
        contentHash: rng.bytes(32),
        payload: raw,
        idempotencyKey: new Uint8Array(0),
      };
      return { msgType: 5, flags: 0, payload: encodeAppendTurnRequest(request) };
    }
    case 3: {
      const raw = rng.chance(0.5) ? rng.bytes(1 + rng.int(40)) : tagged(rng).subarray(0, 1 + rng.int(3));
      const zstd = rng.chance(0.3);
      const request = {
        contextId: BigInt(rng.pick(known.contexts)),
        parentTurnId: 0n,
        typeId: "t.Fuzz",
        typeVersion: 1,
        encoding: 1,
        compression: zstd ? 1 : 0,
        uncompressedLen: raw.byteLength,
        contentHash: blake3(raw),
        payload: zstd ? (rng.chance(0.5) ? rng.bytes(20) : compress(raw, 3)) : raw,
        idempotencyKey: new Uint8Array(0),
      };
      return { msgType: 5, flags: 0, payload: encodeAppendTurnRequest(request) };
    }
    case 4:
      return { msgType: rng.int(0x10000), flags: rng.int(0x10000), payload };
    case 5:
      return { msgType: base.msgType, flags: rng.int(0x10000), payload };
    case 6:
      return {
        msgType: rng.pick([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 255]),
        flags: rng.int(2),
        payload: rng.bytes(rng.int(200)),
      };
    default: {
      const padded = new Uint8Array(payload.byteLength + 1 + rng.int(40));
      padded.set(payload);
      padded.set(rng.bytes(padded.byteLength - payload.byteLength), payload.byteLength);
      return { ...base, payload: padded };
    }
  }
}

/**
 * Bytes that break framing (sent on a connection of their own, which the client then half-closes):
 * a len field that disagrees with the bytes sent, flipped header bits, huge declared lengths,
 * raw garbage, a header cut short.
 */
export function unframedBytes(rng: Rng, known: KnownState): { bytes: Uint8Array; kind: string } {
  const frame = encodeFrame({ ...validRequest(rng, known), reqId: BigInt(1 + rng.int(1000)) });
  switch (rng.int(5)) {
    case 0: {
      const view = new DataView(frame.buffer);
      const len = view.getUint32(0, true);
      view.setUint32(0, Math.max(0, len + rng.pick([-3, -1, 1, 7, 1000])), true);
      return { bytes: frame, kind: "wrong len" };
    }
    case 1: {
      const header = new Uint8Array(FRAME_HEADER_BYTES);
      const len = rng.pick([MAX_FRAME_PAYLOAD_BYTES + 1, 0xffff_ffff, MAX_FRAME_PAYLOAD_BYTES + rng.int(1 << 30)]);
      writeFrameHeader(header, { len, msgType: rng.int(12), flags: 0, reqId: BigInt(rng.int(1000)) });
      return { bytes: Buffer.concat([header, rng.bytes(rng.int(64))]), kind: "huge len" };
    }
    case 2:
      frame[rng.int(4)]! ^= 1 << rng.int(8);
      return { bytes: frame, kind: "flipped len bit" };
    case 3:
      return { bytes: rng.bytes(1 + rng.int(200)), kind: "garbage" };
    default:
      return { bytes: frame.subarray(0, rng.int(FRAME_HEADER_BYTES)), kind: "cut header" };
  }
}
