/**
 * The binary server appends through group commit: pipelined APPEND_TURN frames on one connection
 * and appends on many connections share transactions, yet every connection gets its responses in
 * request order, and a request after an append sees it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFrame, MsgType } from "../../src/protocol/frame.js";
import { decodeAppendTurnResponse, encodeAppendTurnRequest } from "../../src/protocol/messages/append-turn.js";
import { decodeContextHeadResponse, encodeGetHeadRequest } from "../../src/protocol/messages/context.js";
import { blake3 } from "../../src/store/hash.js";
import { errorOf, RawConnection } from "./helpers/raw-connection.js";
import { type ServerFixture, startServerFixture, tinyPayload } from "./helpers/server-fixture.js";

let fx: ServerFixture;
beforeAll(async () => {
  fx = await startServerFixture();
});
afterAll(async () => {
  await fx?.close();
});

function appendFrame(contextId: number, reqId: bigint, n: number, parentTurnId = 0n): Uint8Array {
  const payload = tinyPayload(n);
  const request = encodeAppendTurnRequest({
    contextId: BigInt(contextId),
    parentTurnId,
    typeId: "t.Group",
    typeVersion: 1,
    encoding: 1,
    compression: 0,
    uncompressedLen: payload.byteLength,
    contentHash: blake3(payload),
    payload,
    idempotencyKey: new Uint8Array(0),
  });
  return encodeFrame({ msgType: MsgType.APPEND_TURN, flags: 0, reqId, payload: request });
}

/** Waits until `n` frames have arrived, and returns them in arrival order. */
async function receive(conn: RawConnection, n: number): Promise<typeof conn.frames> {
  while (conn.frames.length < n) await conn.waitFor(() => false, 50).catch(() => undefined);
  return conn.frames.splice(0, n);
}

describe("binary server group commit", () => {
  it("answers pipelined appends in order, in one group, and a GET_HEAD after them sees them all", async () => {
    const ctx = fx.store.createContext().contextId;
    const conn = await RawConnection.open(fx.server.port);
    const groups = fx.store.groupCommit.groups;
    const frames = Array.from({ length: 40 }, (_, i) => appendFrame(ctx, BigInt(i + 1), i));
    const head = encodeFrame({
      msgType: MsgType.GET_HEAD,
      flags: 0,
      reqId: 41n,
      payload: encodeGetHeadRequest({ contextId: BigInt(ctx) }),
    });
    conn.write(Buffer.concat([...frames, head, appendFrame(ctx, 42n, 99)]));
    const answers = await receive(conn, 42);
    expect(answers.map((f) => f.reqId)).toEqual(Array.from({ length: 42 }, (_, i) => BigInt(i + 1)));
    const acks = answers.slice(0, 40).map((f) => decodeAppendTurnResponse(f.payload));
    expect(acks.map((a) => a.newDepth)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(decodeContextHeadResponse(answers[40].payload)).toMatchObject({
      headTurnId: acks[39].newTurnId,
      headDepth: 39,
    });
    expect(decodeAppendTurnResponse(answers[41].payload).newDepth).toBe(40);
    // The 40 pipelined appends arrived in one read: they need far fewer groups than appends.
    expect(fx.store.groupCommit.groups - groups).toBeLessThan(10);
    conn.destroy();
  });

  it("answers a failing append in a pipeline with ERROR, in its place, and commits the others", async () => {
    const ctx = fx.store.createContext().contextId;
    const conn = await RawConnection.open(fx.server.port);
    conn.write(
      Buffer.concat([
        appendFrame(ctx, 1n, 1),
        appendFrame(ctx, 2n, 2, 999_999n), // unknown parent
        appendFrame(999_999, 3n, 3), // unknown context
        appendFrame(ctx, 4n, 4),
      ]),
    );
    const answers = await receive(conn, 4);
    expect(answers.map((f) => [f.reqId, f.msgType])).toEqual([
      [1n, MsgType.APPEND_TURN],
      [2n, MsgType.ERROR],
      [3n, MsgType.ERROR],
      [4n, MsgType.APPEND_TURN],
    ]);
    expect(errorOf(answers[1]).code).toBe(404);
    expect(errorOf(answers[2]).code).toBe(404);
    expect(decodeAppendTurnResponse(answers[3].payload).newDepth).toBe(1);
    expect(fx.store.getHead(ctx).headDepth).toBe(1);
    conn.destroy();
  });

  it("chains appends from many connections to one context without losing any", async () => {
    const ctx = fx.store.createContext().contextId;
    const conns = await Promise.all(Array.from({ length: 16 }, () => RawConnection.open(fx.server.port)));
    conns.forEach((conn, c) => {
      conn.write(Buffer.concat(Array.from({ length: 10 }, (_, i) => appendFrame(ctx, BigInt(i + 1), c * 10 + i))));
    });
    const all = (await Promise.all(conns.map((conn) => receive(conn, 10)))).flat();
    const acks = all.map((f) => decodeAppendTurnResponse(f.payload));
    expect(new Set(acks.map((a) => a.newDepth)).size).toBe(160);
    const chain = fx.store.getLast(ctx, 200);
    expect(chain).toHaveLength(160);
    chain.forEach((t, i) => {
      expect(t.depth).toBe(i);
      if (i > 0) expect(t.parentTurnId).toBe(chain[i - 1].turnId);
    });
    for (const conn of conns) conn.destroy();
  });
});
