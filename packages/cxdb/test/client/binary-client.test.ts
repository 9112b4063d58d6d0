/**
 * CxdbBinaryClient against startBinaryServer over a real store: every message type, pipelining,
 * typed errors from ERROR frames, and connection failures.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConnectionError, CxdbBinaryClient, NotImplementedError } from "../../src/client/index.js";
import { encodeFrame, FrameReader, MsgType } from "../../src/protocol/frame.js";
import { encodeErrorResponse } from "../../src/protocol/messages/error.js";
import { type BinaryServer, startBinaryServer } from "../../src/protocol/server.js";
import {
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  PayloadTooLargeError,
  UnprocessableError,
} from "../../src/store/errors.js";
import type { StoreEvent } from "../../src/store/events.js";
import { encodeTree } from "../../src/store/fs-tree.js";
import { blake3Hex } from "../../src/store/hash.js";
import { encodeMsgpack } from "../../src/store/msgpack-encode.js";
import { openStore, type Store } from "../../src/store/store.js";

const TYPE = "cxdb.ConversationItem";
const payload = (text: string) =>
  encodeMsgpack(
    new Map<number, unknown>([
      [1, "user_input"],
      [10, new Map([[1, text]])],
    ]),
  );

let store: Store;
let server: BinaryServer;
let client: CxdbBinaryClient;
const events: StoreEvent[] = [];

beforeAll(async () => {
  store = await openStore(":memory:");
  store.events.subscribe((e) => events.push(e));
  server = await startBinaryServer(store, { port: 0 });
  client = await CxdbBinaryClient.connect({ port: server.port, clientTag: "client-test" });
});

afterAll(async () => {
  await client?.close();
  await server?.close();
  store?.close();
});

describe("CxdbBinaryClient", () => {
  it("says HELLO on connect and gets a session (client_connected carries the tag)", () => {
    expect(client.sessionId).toBeGreaterThan(0n);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "client_connected",
        sessionId: Number(client.sessionId),
        clientTag: "client-test",
      }),
    );
  });

  it("creates, appends, reads the head and the last turns, forks", async () => {
    const ctx = await client.createContext();
    expect(ctx).toEqual({ contextId: expect.any(BigInt), headTurnId: 0n, headDepth: 0 });

    const first = await client.appendTurn({
      contextId: ctx.contextId,
      typeId: TYPE,
      typeVersion: 3,
      payload: payload("one"),
    });
    expect(first).toEqual({
      contextId: ctx.contextId,
      turnId: expect.any(BigInt),
      depth: 0,
      contentHash: blake3Hex(payload("one")),
    });
    const big = payload("two ".repeat(500));
    const second = await client.appendTurn({
      contextId: ctx.contextId,
      typeId: TYPE,
      typeVersion: 3,
      payload: big,
      compress: true,
    });
    expect(second.depth).toBe(1);
    expect(await client.getHead(ctx.contextId)).toEqual({
      contextId: ctx.contextId,
      headTurnId: second.turnId,
      headDepth: 1,
    });

    const meta = await client.getLast(ctx.contextId);
    expect(meta.map((t) => [t.turnId, t.parentTurnId, t.depth, t.payload])).toEqual([
      [first.turnId, 0n, 0, undefined],
      [second.turnId, first.turnId, 1, undefined],
    ]);
    expect(meta[1]).toMatchObject({
      typeId: TYPE,
      typeVersion: 3,
      encoding: 1,
      compression: 1,
      uncompressedLen: big.byteLength,
    });

    const full = await client.getLast(ctx.contextId, { limit: 1, includePayload: true });
    expect(full).toHaveLength(1);
    expect(full[0]).toMatchObject({
      turnId: second.turnId,
      compression: 0,
      uncompressedLen: big.byteLength,
      contentHash: blake3Hex(big),
    });
    expect(Buffer.from(full[0]!.payload!)).toEqual(Buffer.from(big));

    const fork = await client.fork(first.turnId);
    expect(fork).toEqual({ contextId: expect.any(BigInt), headTurnId: first.turnId, headDepth: 0 });
    const onFork = await client.appendTurn({
      contextId: fork.contextId,
      typeId: TYPE,
      typeVersion: 3,
      payload: payload("branch"),
    });
    expect(onFork.depth).toBe(1);
    expect((await client.getHead(ctx.contextId)).headTurnId).toBe(second.turnId);
    expect(store.getContext(Number(fork.contextId)).isLive).toBe(true);
  });

  it("honours idempotency keys and explicit parents", async () => {
    const ctx = await client.createContext();
    const a = await client.appendTurn({
      contextId: ctx.contextId,
      typeId: TYPE,
      typeVersion: 1,
      payload: payload("a"),
      idempotencyKey: "k",
    });
    const again = await client.appendTurn({
      contextId: ctx.contextId,
      typeId: TYPE,
      typeVersion: 1,
      payload: payload("a"),
      idempotencyKey: "k",
    });
    expect(again).toEqual(a);
    const b = await client.appendTurn({
      contextId: ctx.contextId,
      typeId: TYPE,
      typeVersion: 1,
      payload: payload("b"),
    });
    const c = await client.appendTurn({
      contextId: ctx.contextId,
      parentTurnId: a.turnId,
      typeId: TYPE,
      typeVersion: 1,
      payload: payload("c"),
    });
    expect(c.depth).toBe(1);
    expect((await client.getHead(ctx.contextId)).headTurnId).toBe(c.turnId);
    expect(b.depth).toBe(1);
  });

  it("stores and reads blobs, and attaches a file-system tree", async () => {
    const bytes = new TextEncoder().encode("blob body");
    expect(await client.putBlob(bytes)).toEqual({ hash: blake3Hex(bytes), wasNew: true });
    expect(await client.putBlob(bytes)).toEqual({ hash: blake3Hex(bytes), wasNew: false });
    expect(Buffer.from(await client.getBlob(blake3Hex(bytes)))).toEqual(Buffer.from(bytes));

    const file = await client.putBlob(new TextEncoder().encode("hello\n"));
    const tree = encodeTree([{ name: "README.md", kind: "file", mode: 0o644, size: 6, hash: file.hash }]);
    const root = await client.putBlob(tree);
    const ctx = await client.createContext();
    const turn = await client.appendTurn({
      contextId: ctx.contextId,
      typeId: TYPE,
      typeVersion: 1,
      payload: payload("fs"),
    });
    expect(await client.attachFs(turn.turnId, root.hash)).toEqual({ turnId: turn.turnId, fsRootHash: root.hash });
    const child = await client.appendTurn({
      contextId: ctx.contextId,
      typeId: TYPE,
      typeVersion: 1,
      payload: payload("fs2"),
      fsRootHash: root.hash,
    });
    expect(store.getTurn(Number(child.turnId)).fsRootHash).toBe(root.hash);
    const node = store.readTree(Number(child.turnId));
    expect(node.kind === "dir" ? node.entries.map((e) => e.name) : []).toEqual(["README.md"]);
  });

  it("pipelines hundreds of concurrent requests, matching responses by req_id", async () => {
    const ctx = await client.createContext();
    const texts = Array.from({ length: 300 }, (_, i) => `turn ${i}`);
    const results = await Promise.all(
      texts.map((t, i) =>
        i % 3 === 0
          ? client.getHead(ctx.contextId).then(() => undefined)
          : client.appendTurn({ contextId: ctx.contextId, typeId: TYPE, typeVersion: 1, payload: payload(t) }),
      ),
    );
    const appended = results.flatMap((r, i) => (r === undefined ? [] : [[r, texts[i]!] as const]));
    for (const [result, text] of appended) expect(result.contentHash).toBe(blake3Hex(payload(text)));
    expect(new Set(appended.map(([r]) => r.turnId)).size).toBe(appended.length);
    expect((await client.getHead(ctx.contextId)).headDepth).toBe(appended.length - 1);
    expect(client.inFlight).toBe(0);
  });

  it("turns ERROR frames into typed errors and keeps the connection usable", async () => {
    await expect(client.getHead(123_456)).rejects.toThrow(NotFoundError);
    await expect(client.getHead(123_456)).rejects.toMatchObject({
      binaryCode: 404,
      message: "GET_HEAD: context not found: 123456",
    });
    const ctx = await client.createContext();
    const other = await client.createContext();
    const foreign = await client.appendTurn({
      contextId: other.contextId,
      typeId: TYPE,
      typeVersion: 1,
      payload: payload("x"),
    });
    await expect(
      client.appendTurn({
        contextId: ctx.contextId,
        parentTurnId: foreign.turnId,
        typeId: TYPE,
        typeVersion: 1,
        payload: payload("y"),
      }),
    ).rejects.toThrow(ConflictError);
    await expect(
      client.appendTurn({
        contextId: ctx.contextId,
        typeId: TYPE,
        typeVersion: 1,
        payload: payload("z"),
        contentHash: "00".repeat(32),
      }),
    ).rejects.toSatisfy((e) => e instanceof UnprocessableError && /content hash mismatch/.test((e as Error).message));
    await expect(
      client.appendTurn({ contextId: ctx.contextId, typeId: TYPE, typeVersion: 1, payload: Uint8Array.of(0xc1) }),
    ).rejects.toThrow(UnprocessableError);
    await expect(
      client.appendTurn({ contextId: ctx.contextId, typeId: "", typeVersion: 1, payload: payload("z") }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(client.getBlob("ab".repeat(32))).rejects.toThrow(NotFoundError);
    await expect(client.request(MsgType.GET_BEFORE, new Uint8Array(20))).rejects.toThrow(NotImplementedError);
    await expect(client.request(77, new Uint8Array(0))).rejects.toMatchObject({
      binaryCode: 422,
      message: "unknown msg_type 77",
    });
    await expect(client.request(MsgType.GET_HEAD, new Uint8Array(3))).rejects.toMatchObject({ binaryCode: 400 });
    await expect(client.request(MsgType.PUT_BLOB, new Uint8Array(64 * 1024 * 1024 + 1))).rejects.toThrow(
      PayloadTooLargeError,
    );
    expect((await client.getHead(ctx.contextId)).headTurnId).toBe(0n);
  });

  it("reports a closed connection to requests in flight and to later calls, and emits client_disconnected", async () => {
    const own = await CxdbBinaryClient.connect({ port: server.port, clientTag: "closing" });
    const sessionId = Number(own.sessionId);
    await own.close();
    await expect(own.getHead(1)).rejects.toThrow(ConnectionError);
    await vi.waitFor(() =>
      expect(events).toContainEqual(expect.objectContaining({ type: "client_disconnected", sessionId })),
    );

    const accepted: Socket[] = [];
    const silent: Server = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const stuck = await CxdbBinaryClient.connect({ port, hello: false, requestTimeoutMs: 100 });
    await expect(stuck.getHead(1)).rejects.toThrow(/timed out after 100 ms/);
    const patient = await CxdbBinaryClient.connect({ port, hello: false, requestTimeoutMs: 0 });
    const pending = expect(patient.getHead(2)).rejects.toThrow(ConnectionError);
    await vi.waitFor(() => expect(accepted).toHaveLength(2));
    for (const socket of accepted) socket.destroy();
    await pending;
    await stuck.close();
    await patient.close();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it("drops a late answer to a timed-out request, and ends on an ERROR for req_id 0", async () => {
    const sockets: Socket[] = [];
    const scripted: Server = createServer((socket) => {
      sockets.push(socket);
      const reader = new FrameReader();
      socket.on("data", (chunk: Buffer) => {
        for (const event of reader.push(chunk)) {
          if (event.type !== "frame") continue;
          const { reqId } = event.frame;
          const head = encodeFrame({ msgType: 4, flags: 0, reqId, payload: new Uint8Array(20) });
          const late = encodeFrame({
            msgType: 255,
            flags: 0,
            reqId,
            payload: encodeErrorResponse({ code: 404, detail: "late" }),
          });
          if (reqId === 1n) setTimeout(() => socket.write(late), 150);
          else socket.write(head);
        }
      });
    });
    await new Promise<void>((resolve) => scripted.listen(0, "127.0.0.1", resolve));
    const port = (scripted.address() as { port: number }).port;
    const c = await CxdbBinaryClient.connect({ port, hello: false, requestTimeoutMs: 50 });
    await expect(c.getHead(1)).rejects.toThrow(/timed out/);
    await new Promise((r) => setTimeout(r, 200));
    expect(await c.getHead(1)).toEqual({ contextId: 0n, headTurnId: 0n, headDepth: 0 });
    sockets[0]!.write(
      encodeFrame({
        msgType: 255,
        flags: 0,
        reqId: 0n,
        payload: encodeErrorResponse({ code: 400, detail: "unframeable" }),
      }),
    );
    await vi.waitFor(() => expect(c.getHead(1)).rejects.toThrow("server error 400: unframeable"));
    await c.close();
    await new Promise<void>((resolve) => scripted.close(() => resolve()));
  });

  it("fails to connect with a ConnectionError", async () => {
    const probe: Server = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(CxdbBinaryClient.connect({ port })).rejects.toThrow(ConnectionError);
  });
});
