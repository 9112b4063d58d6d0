/**
 * Fuzz: thousands of random and mutated frames against a live server. It must never crash, answer
 * every framed request with exactly one whole frame (its response or ERROR, never a 500), answer or
 * cleanly close streams that cannot be framed, write nothing for a failed request, and keep serving
 * well-formed requests on the same and on new connections.
 *
 * Seed: CXDB_FUZZ_SEED (default fixed, so CI is reproducible); it is in every failure message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Frame, FrameReader } from "../../src/protocol/frame.js";
import { decodeAppendTurnResponse } from "../../src/protocol/messages/append-turn.js";
import { decodeAttachFsResponse } from "../../src/protocol/messages/attach-fs.js";
import { decodeGetBlobResponse, decodePutBlobResponse } from "../../src/protocol/messages/blob.js";
import { decodeContextHeadResponse, encodeGetHeadRequest } from "../../src/protocol/messages/context.js";
import { decodeErrorResponse } from "../../src/protocol/messages/error.js";
import { decodeGetLastRequest, decodeGetLastResponse } from "../../src/protocol/messages/get-last.js";
import { decodeHelloResponse } from "../../src/protocol/messages/hello.js";
import { blake3Hex } from "../../src/store/hash.js";
import {
  framedMutation,
  type KnownState,
  type Request,
  Rng,
  unframedBytes,
  validRequest,
} from "./helpers/fuzz-corpus.js";
import { RawConnection } from "./helpers/raw-connection.js";
import { type ServerFixture, startServerFixture, tinyPayload } from "./helpers/server-fixture.js";

const SEED = Number(process.env.CXDB_FUZZ_SEED ?? 0x5eed);
const FRAMED_REQUESTS = 4000;
const BATCH = 100;
const UNFRAMED_CONNECTIONS = 300;
const ERROR_CODES = new Set([400, 404, 409, 413, 422, 501]);

let fx: ServerFixture;
let known: KnownState;
let baselineTurns: number;
let baselineMaxTurn: number;
const appendedTurnIds = new Set<number>();

beforeAll(async () => {
  fx = await startServerFixture();
  known = { contexts: [], turns: [], blobs: [] };
  for (let c = 0; c < 4; c++) {
    const ctx = fx.store.createContext();
    known.contexts.push(ctx.contextId);
    for (let i = 0; i < 5; i++) {
      const turn = fx.store.append(ctx.contextId, {
        typeId: "t.Seed",
        typeVersion: 1,
        payload: tinyPayload(c * 10 + i),
      });
      known.turns.push(turn.turnId);
    }
  }
  known.contexts.push(999_999);
  known.turns.push(888_888);
  known.blobs.push(new Uint8Array(Buffer.from(fx.store.putBlob(new TextEncoder().encode("seed")).hash, "hex")));
  const tree = fx.store.putFileTree([{ path: "a.txt", content: new TextEncoder().encode("a") }]);
  known.blobs.push(new Uint8Array(Buffer.from(tree, "hex")), new Uint8Array(32).fill(7));
  baselineTurns = fx.store.stats().turns;
  baselineMaxTurn = Math.max(...known.turns.filter((t) => t !== 888_888));
});

afterAll(async () => {
  await fx?.close();
});

/** Checks one response to `request`, and records appended turns. */
function checkResponse(request: Request, response: Frame, where: string): void {
  if (response.msgType === 255) {
    const { code, detail } = decodeErrorResponse(response.payload);
    expect(ERROR_CODES.has(code), `${where}: ERROR ${code} ${detail}`).toBe(true);
    expect(detail.length, where).toBeGreaterThan(0);
    return;
  }
  expect(response.msgType, where).toBe(request.msgType);
  expect(response.flags, where).toBe(0);
  const p = response.payload;
  switch (response.msgType) {
    case 1:
      decodeHelloResponse(p);
      break;
    case 2:
    case 3:
    case 4:
      decodeContextHeadResponse(p);
      break;
    case 5: {
      const ack = decodeAppendTurnResponse(p);
      if (Number(ack.newTurnId) > baselineMaxTurn) appendedTurnIds.add(Number(ack.newTurnId));
      known.turns.push(Number(ack.newTurnId));
      break;
    }
    case 6:
      decodeGetLastResponse(p, decodeGetLastRequest(request.payload).includePayload);
      break;
    case 9:
      decodeGetBlobResponse(p);
      break;
    case 10:
      decodeAttachFsResponse(p);
      break;
    case 11:
      decodePutBlobResponse(p);
      break;
    default:
      throw new Error(`${where}: success response of unexpected type ${response.msgType}`);
  }
}

/** A request that must succeed: GET_HEAD of the first context. */
async function probe(conn: RawConnection, reqId: bigint, where: string): Promise<void> {
  const frame = await conn.call(4, encodeGetHeadRequest({ contextId: BigInt(known.contexts[0]!) }), reqId);
  expect(frame.msgType, `${where}: probe answered ${frame.msgType}`).toBe(4);
}

describe(`binary server fuzz (seed ${SEED})`, () => {
  it(`answers ${FRAMED_REQUESTS} framed mutated requests on one connection, one whole frame each`, async () => {
    const rng = new Rng(SEED);
    const conn = await RawConnection.open(fx.server.port);
    let reqId = 1n;
    for (let sent = 0; sent < FRAMED_REQUESTS; sent += BATCH) {
      const batch: Array<{ reqId: bigint; request: Request }> = [];
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < BATCH; i++) {
        const request = rng.chance(0.25) ? validRequest(rng, known) : framedMutation(rng, known);
        const id = reqId++;
        batch.push({ reqId: id, request });
        const header = Buffer.alloc(16);
        header.writeUInt32LE(request.payload.byteLength, 0);
        header.writeUInt16LE(request.msgType, 4);
        header.writeUInt16LE(request.flags, 6);
        header.writeBigUInt64LE(id, 8);
        chunks.push(header, request.payload);
      }
      // Random chunking of the pipelined batch.
      const stream = Buffer.concat(chunks);
      for (let at = 0; at < stream.byteLength; ) {
        const size = 1 + rng.int(4096);
        conn.write(stream.subarray(at, at + size));
        at += size;
      }
      for (const { reqId: id, request } of batch) {
        const where = `seed ${SEED}, req_id ${id}, msg_type ${request.msgType}`;
        checkResponse(request, await conn.waitFor((f) => f.reqId === id), where);
      }
      expect(conn.frames, `seed ${SEED}: unexpected extra frames`).toEqual([]);
      await probe(conn, reqId++, `seed ${SEED}, after batch ${sent / BATCH}`);
    }
    expect(conn.closed).toBe(false);
    conn.destroy();
  });

  it(`answers or cleanly closes ${UNFRAMED_CONNECTIONS} connections whose bytes cannot be framed`, async () => {
    const rng = new Rng(SEED ^ 0xabcdef);
    const runOne = async (n: number) => {
      const { bytes, kind } = unframedBytes(rng, known);
      const where = `seed ${SEED}, connection ${n} (${kind})`;
      const conn = await RawConnection.open(fx.server.port);
      const reader = new FrameReader(Number.MAX_SAFE_INTEGER);
      const raw: Buffer[] = [];
      conn.socket.on("data", (chunk: Buffer) => raw.push(chunk));
      for (let at = 0; at < bytes.byteLength; ) {
        const size = 1 + rng.int(64);
        conn.write(bytes.subarray(at, at + size));
        at += size;
      }
      conn.end();
      await conn.waitClosed(5000);
      for (const chunk of raw) reader.push(chunk);
      expect(reader.remainder().bufferedBytes, `${where}: half a frame written`).toBe(0);
      for (const frame of conn.frames) {
        if (frame.msgType === 255) {
          const { code } = decodeErrorResponse(frame.payload);
          expect(ERROR_CODES.has(code), `${where}: ERROR ${code}`).toBe(true);
        }
      }
    };
    for (let n = 0; n < UNFRAMED_CONNECTIONS; n += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => runOne(n + i)));
    }
  });

  it("still serves new connections, and the store is consistent: every write whole, every head on a complete chain", async () => {
    const conn = await RawConnection.open(fx.server.port);
    await probe(conn, 1n, "new connection after fuzz");
    conn.destroy();

    const stats = fx.store.stats();
    expect(stats.turns - baselineTurns, "turns written = distinct APPEND_TURN successes").toBe(appendedTurnIds.size);
    const { contexts } = fx.store.listContexts({ limit: 10_000 });
    expect(contexts.length).toBe(stats.contexts);
    for (const info of contexts) {
      const head = fx.store.getHead(info.contextId);
      if (head.headTurnId === 0) continue;
      const chain = fx.store.getLast(info.contextId, head.headDepth + 10, { includePayload: true });
      expect(chain.length, `context ${info.contextId}`).toBe(head.headDepth + 1);
      expect(chain[0]).toMatchObject({ parentTurnId: 0, depth: 0 });
      chain.forEach((turn, i) => {
        if (i > 0) expect(turn).toMatchObject({ parentTurnId: chain[i - 1]!.turnId, depth: i });
        expect(blake3Hex(turn.payload!), `turn ${turn.turnId} blob`).toBe(turn.contentHash);
      });
      expect(chain.at(-1)!.turnId).toBe(head.headTurnId);
    }
  });
});
