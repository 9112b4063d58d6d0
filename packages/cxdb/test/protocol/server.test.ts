/**
 * startBinaryServer: every failure is an ERROR frame naming the problem and the connection keeps
 * serving; sessions become client_connected / client_disconnected events.
 */
import { compress } from "@bokuweb/zstd-wasm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  encodeFrame,
  FRAME_HEADER_BYTES,
  MAX_FRAME_PAYLOAD_BYTES,
  writeFrameHeader,
} from "../../src/protocol/frame.js";
import {
  type AppendTurnRequest,
  appendTurnFlags,
  encodeAppendTurnRequest,
} from "../../src/protocol/messages/append-turn.js";
import { encodeGetHeadRequest } from "../../src/protocol/messages/context.js";
import { blake3 } from "../../src/store/hash.js";
import { errorOf, frameHex, le, RawConnection, receivedHex } from "./helpers/raw-connection.js";
import { type ServerFixture, startServerFixture, tinyPayload } from "./helpers/server-fixture.js";

let fx: ServerFixture;
let conn: RawConnection;
let contextId: number;
let nextReq = 1n;

beforeAll(async () => {
  fx = await startServerFixture();
  contextId = fx.store.createContext().contextId;
  conn = await RawConnection.open(fx.server.port);
});

afterAll(async () => {
  conn?.destroy();
  await fx?.close();
});

function appendRequest(overrides: Partial<AppendTurnRequest> = {}): AppendTurnRequest {
  const payload = tinyPayload(5);
  return {
    contextId: BigInt(contextId),
    parentTurnId: 0n,
    typeId: "t.Test",
    typeVersion: 1,
    encoding: 1,
    compression: 0,
    uncompressedLen: payload.byteLength,
    contentHash: blake3(payload),
    payload,
    idempotencyKey: new Uint8Array(0),
    ...overrides,
  };
}

async function expectError(
  msgType: number,
  payload: Uint8Array,
  code: number,
  detail: RegExp,
  flags = 0,
): Promise<void> {
  const reqId = nextReq++;
  const frame = await conn.call(msgType, payload, reqId, flags);
  expect(frame.msgType).toBe(255);
  expect(frame.reqId).toBe(reqId);
  const error = errorOf(frame);
  expect(error.code).toBe(code);
  expect(error.detail).toMatch(detail);
  await expectStillServing(conn);
}

async function expectStillServing(c: RawConnection): Promise<void> {
  const reqId = nextReq++;
  const head = fx.store.getHead(contextId);
  const frame = await c.call(4, encodeGetHeadRequest({ contextId: BigInt(contextId) }), reqId);
  expect(receivedHex(frame)).toBe(
    frameHex(4, reqId, le.u64(contextId) + le.u64(head.headTurnId) + le.u32(head.headDepth)),
  );
}

describe("startBinaryServer", () => {
  it("logs one line where it listens", () => {
    expect(fx.logLines).toEqual([`cxdb binary protocol listening on 127.0.0.1:${fx.server.port}`]);
  });

  it("answers an unknown msg_type with 422 and keeps the connection", async () => {
    await expectError(42, new Uint8Array(3), 422, /^unknown msg_type 42$/);
    await expectError(255, new Uint8Array(0), 422, /ERROR\) is sent by the server only/);
  });

  it("answers GET_BEFORE and GET_RANGE_BY_DEPTH with 501 naming them", async () => {
    await expectError(7, new Uint8Array(20), 501, /^GET_BEFORE: .*not implemented/);
    await expectError(8, new Uint8Array(20), 501, /^GET_RANGE_BY_DEPTH: .*not implemented/);
  });

  it("answers a truncated or over-long payload with 400 naming the field", async () => {
    await expectError(4, new Uint8Array(5), 400, /^GET_HEAD: truncated payload: context_id needs 8 bytes/);
    await expectError(2, new Uint8Array(9), 400, /^CTX_CREATE: 1 unexpected trailing bytes/);
    const cut = encodeAppendTurnRequest(appendRequest()).subarray(0, 60);
    await expectError(5, cut, 400, /^APPEND_TURN: truncated payload: content_hash needs 32 bytes/);
    await expectError(5, encodeAppendTurnRequest(appendRequest()), 400, /fs_root_hash \(flags & 1\)/, 1);
  });

  it("answers a wrong content hash, bad msgpack, bad zstd and length mismatches with 422", async () => {
    const count = fx.store.stats().turns;
    await expectError(
      5,
      encodeAppendTurnRequest(appendRequest({ contentHash: new Uint8Array(32) })),
      422,
      /^APPEND_TURN: content hash mismatch/,
    );
    const bad = Uint8Array.of(0x81, 0x01, 0xc1);
    await expectError(
      5,
      encodeAppendTurnRequest(appendRequest({ payload: bad, uncompressedLen: 3, contentHash: blake3(bad) })),
      422,
      /msgpack/,
    );
    await expectError(5, encodeAppendTurnRequest(appendRequest({ compression: 1 })), 422, /zstd/);
    await expectError(5, encodeAppendTurnRequest(appendRequest({ uncompressedLen: 9 })), 422, /length mismatch/);
    await expectError(5, encodeAppendTurnRequest(appendRequest({ encoding: 2 })), 422, /unsupported encoding 2/);
    await expectError(
      11,
      new Uint8Array(Buffer.from("00".repeat(32) + le.u32(1) + "61", "hex")),
      422,
      /^PUT_BLOB: content hash mismatch/,
    );
    expect(fx.store.stats().turns).toBe(count);
  });

  it("accepts a zstd-compressed append and verifies the hash of the uncompressed bytes", async () => {
    const raw = new Uint8Array(Buffer.from(`81 01 da 01 00 ${"61".repeat(256)}`.replace(/ /g, ""), "hex"));
    const req = appendRequest({
      payload: compress(raw, 3),
      compression: 1,
      uncompressedLen: raw.byteLength,
      contentHash: blake3(raw),
    });
    const frame = await conn.call(5, encodeAppendTurnRequest(req), nextReq++);
    expect(frame.msgType).toBe(5);
    const turnId = Number(Buffer.from(frame.payload).readBigUInt64LE(8));
    expect(Buffer.from(fx.store.getTurn(turnId).payload!)).toEqual(Buffer.from(raw));
  });

  it("answers unknown contexts, turns and blobs with 404, and a parent off the chain with 409", async () => {
    await expectError(4, encodeGetHeadRequest({ contextId: 9999n }), 404, /^GET_HEAD: context not found: 9999/);
    await expectError(
      4,
      encodeGetHeadRequest({ contextId: (1n << 64n) - 1n }),
      404,
      /^GET_HEAD: context not found: 18446744073709551615$/,
    );
    await expectError(3, new Uint8Array(Buffer.from(le.u64(123456), "hex")), 404, /^CTX_FORK: .*not found: 123456/);
    await expectError(9, new Uint8Array(32), 404, /^GET_BLOB: blob not found/);
    await expectError(5, encodeAppendTurnRequest(appendRequest({ contextId: 777n })), 404, /context not found: 777/);
    const other = fx.store.createContext();
    const foreign = fx.store.append(other.contextId, { typeId: "t", typeVersion: 1, payload: tinyPayload(1) });
    await expectError(
      5,
      encodeAppendTurnRequest(appendRequest({ parentTurnId: BigInt(foreign.turnId) })),
      409,
      /not on context/,
    );
  });

  it("answers a frame over 64 MiB with 413 at once, skips its payload and keeps framing", async () => {
    const header = new Uint8Array(FRAME_HEADER_BYTES);
    writeFrameHeader(header, { len: MAX_FRAME_PAYLOAD_BYTES + 1, msgType: 11, flags: 0, reqId: 31337n });
    conn.write(header);
    const error = await conn.waitFor((f) => f.reqId === 31337n);
    expect(errorOf(error)).toEqual({
      code: 413,
      detail: `PUT_BLOB: frame of ${MAX_FRAME_PAYLOAD_BYTES + 1} bytes is over the ${MAX_FRAME_PAYLOAD_BYTES}-byte limit; its payload is discarded`,
    });
    const chunk = Buffer.alloc(1 << 20, 0x5a);
    for (let sent = 0; sent < MAX_FRAME_PAYLOAD_BYTES + 1; sent += chunk.byteLength) {
      conn.write(chunk.subarray(0, Math.min(chunk.byteLength, MAX_FRAME_PAYLOAD_BYTES + 1 - sent)));
    }
    await expectStillServing(conn);
  });

  it("answers pipelined frames in one write, each echoing its req_id", async () => {
    const frames = Array.from({ length: 50 }, (_, i) =>
      encodeFrame({
        msgType: 4,
        flags: 0,
        reqId: 5000n + BigInt(i),
        payload: encodeGetHeadRequest({ contextId: BigInt(contextId) }),
      }),
    );
    conn.write(Buffer.concat(frames));
    for (let i = 0; i < 50; i++) expect((await conn.waitFor((f) => f.reqId === 5000n + BigInt(i))).msgType).toBe(4);
  });

  it("stops executing and reading while a client does not read its responses", async () => {
    const body = Buffer.alloc(7 + (1 << 20), 0x61);
    body.set([0x81, 0x01, 0xc6], 0);
    body.writeUInt32BE(1 << 20, 3);
    const ctx = fx.store.createContext().contextId;
    fx.store.append(ctx, { typeId: "t.Big", typeVersion: 1, payload: new Uint8Array(body) });
    const c = await RawConnection.open(fx.server.port);
    c.socket.pause();
    const request = new Uint8Array(Buffer.from(le.u64(ctx) + le.u32(1) + le.u32(1), "hex"));
    const before = process.memoryUsage().arrayBuffers;
    c.write(
      Buffer.concat(
        Array.from({ length: 100 }, (_, i) =>
          encodeFrame({ msgType: 6, flags: 0, reqId: BigInt(i + 1), payload: request }),
        ),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    // 100 responses of 1 MiB were asked for; only a few may be buffered while nobody reads.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 * (1 << 20));
    c.socket.resume();
    for (let i = 1; i <= 100; i++)
      expect((await c.waitFor((f) => f.reqId === BigInt(i), 10_000)).payload.byteLength).toBeGreaterThan(1 << 20);
    c.destroy();
  });

  it("answers a stream that ends inside a frame with ERROR 400 and closes", async () => {
    const c = await RawConnection.open(fx.server.port);
    const whole = encodeFrame({ msgType: 4, flags: 0, reqId: 77n, payload: new Uint8Array(8) });
    c.write(whole.subarray(0, 20));
    c.end();
    const frame = await c.waitFor((f) => f.reqId === 77n);
    expect(errorOf(frame)).toEqual({
      code: 400,
      detail: "stream ended inside a frame: GET_HEAD declares 8 payload bytes, 4 arrived",
    });
    await c.waitClosed();
  });

  it("emits client_connected at the first request and client_disconnected with the session's contexts", async () => {
    const c = await RawConnection.open(fx.server.port);
    await c.call(1, new Uint8Array(Buffer.from(le.u16(1) + le.u16(2) + le.str("ev") + le.u32(0), "hex")), 1n);
    const created = await c.call(2, new Uint8Array(8), 2n);
    const ctx = Number(Buffer.from(created.payload).readBigUInt64LE(0));
    const connected = fx.events.find((e) => e.type === "client_connected" && e.clientTag === "ev");
    expect(connected).toMatchObject({
      type: "client_connected",
      clientTag: "ev",
      peerAddr: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    });
    const sessionId = (connected as { sessionId: number }).sessionId;
    expect(fx.store.getContext(ctx).isLive).toBe(true);
    c.destroy();
    await vi.waitFor(() =>
      expect(fx.events.some((e) => e.type === "client_disconnected" && e.sessionId === sessionId)).toBe(true),
    );
    expect(fx.events.find((e) => e.type === "client_disconnected" && e.sessionId === sessionId)).toEqual({
      type: "client_disconnected",
      sessionId,
      clientTag: "ev",
      contexts: [ctx],
    });
    expect(fx.store.getContext(ctx).isLive).toBe(false);
  });

  it("keeps serving after all of that, on the same and on new connections", async () => {
    await expectStillServing(conn);
    const fresh = await RawConnection.open(fx.server.port);
    await expectStillServing(fresh);
    fresh.destroy();
    expect(appendTurnFlags(appendRequest())).toBe(0);
  });
});
