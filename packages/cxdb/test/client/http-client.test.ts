// CxdbHttpClient against a real listening gateway: every call, typed errors, and the SSE stream
// (events as they happen, heartbeats after quiet intervals).
import type { AddressInfo } from "node:net";
import { compress } from "@bokuweb/zstd-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CxdbHttpClient, type WireEvent } from "../../src/client/index.js";
import { buildHttpApp } from "../../src/http/app.js";
import { ConflictError, InvalidArgumentError, NotFoundError, UnprocessableError } from "../../src/store/errors.js";
import type { Store } from "../../src/store/store.js";
import { conversationItem, MESSAGE_BUNDLE, memoryStore, tagged } from "../helpers/store.js";

let store: Store;
let app: ReturnType<typeof buildHttpApp>;
let client: CxdbHttpClient;
let baseUrl: string;

beforeAll(async () => {
  store = await memoryStore();
  app = buildHttpApp(store, { heartbeatMs: 50 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  client = new CxdbHttpClient(`${baseUrl}/`);
});
afterAll(async () => {
  await app.close();
  store.close();
});

describe("CxdbHttpClient", () => {
  it("creates, appends, reads, forks and lists", async () => {
    expect(await client.health()).toBe(true);
    expect(await client.putBundle(MESSAGE_BUNDLE.bundle_id, MESSAGE_BUNDLE)).toMatchObject({ created: true });
    const bundle = await client.getBundle(MESSAGE_BUNDLE.bundle_id);
    expect(bundle.bundle).toEqual(MESSAGE_BUNDLE);
    expect((await client.getBundle(MESSAGE_BUNDLE.bundle_id, { etag: bundle.etag ?? "" })).notModified).toBe(true);
    expect(await client.getTypeVersion("com.example.Message", 1)).toMatchObject({ type_version: 1 });
    expect(await client.renderers()).toHaveProperty(["com.example.Message"]);

    const ctx = await client.createContext({ title: "client test" });
    const first = await client.append(ctx.contextId, {
      typeId: "cxdb.ConversationItem",
      typeVersion: 1,
      payload: conversationItem({ clientTag: "client", provenance: { 10: "tr" } }),
    });
    expect(first).toMatchObject({ contextId: ctx.contextId, depth: 0, deduplicated: false });
    const payload = tagged({ 2: "zstd ".repeat(100) });
    const batch = await client.appendBatch(ctx.contextId, [
      { typeId: "com.example.Message", typeVersion: 1, data: { role: "user", text: "hi" }, idempotencyKey: "k" },
      {
        typeId: "com.example.Message",
        typeVersion: 1,
        payload: compress(payload, 3),
        compression: 1,
        uncompressedLen: payload.byteLength,
      },
    ]);
    expect(batch.map((r) => r.depth)).toEqual([1, 2]);
    expect(
      (
        await client.append(ctx.contextId, {
          typeId: "com.example.Message",
          typeVersion: 1,
          data: {},
          idempotencyKey: "k",
        })
      ).deduplicated,
    ).toBe(true);

    const page = await client.getTurns(ctx.contextId, { view: "both", limit: 2 });
    expect(page).toMatchObject({ contextId: ctx.contextId, headDepth: 2, nextBeforeTurnId: batch[0].turnId });
    expect(page.turns[0]).toMatchObject({
      data: { role: "user", text: "hi" },
      decodedAs: { typeId: "com.example.Message" },
    });
    expect(page.turns[1].bytes).toEqual(payload);
    const older = await client.getTurns(ctx.contextId, { beforeTurnId: page.nextBeforeTurnId ?? 0 });
    expect(older.turns.map((t) => t.turnId)).toEqual([first.turnId]);
    expect(older.turns[0].projectionError?.code).toBe(424);

    const fork = await client.fork(batch[0].turnId);
    expect(fork.headTurnId).toBe(batch[0].turnId);
    expect((await client.children(ctx.contextId)).map((c) => [c.contextId, c.link])).toEqual([
      [fork.contextId, "fork"],
    ]);
    expect(await client.provenance(ctx.contextId)).toMatchObject({ trace_id: "tr" });
    const info = await client.getContext(ctx.contextId);
    expect(info).toMatchObject({ clientTag: "client", title: "client test", headDepth: 2 });
    const list = await client.listContexts({ limit: 10 });
    expect(list.total).toBe(2);
    expect((await client.searchContexts(`tag = "client"`)).contexts.map((c) => c.contextId)).toEqual([
      fork.contextId,
      ctx.contextId,
    ]);
    expect(await client.metrics()).toHaveProperty("objects");
  });

  it("stores blobs and snapshots", async () => {
    const blob = await client.putBlob(new TextEncoder().encode("hello"));
    expect(blob).toEqual({ hash: "ea8f163db38682925e4491c5e58d4bb3506ef8c14eb78a86e908c5624a67200f", wasNew: true });
    expect(new TextDecoder().decode(await client.getBlob(blob.hash))).toBe("hello");
    const root = store.putFileTree([{ path: "a/b.txt", content: "bee" }]);
    const ctx = await client.createContext();
    const t = await client.append(ctx.contextId, { typeId: "t", typeVersion: 1, payload: tagged({ 1: 1 }) });
    await client.attachFs(t.turnId, root);
    expect(await client.readFs(t.turnId)).toMatchObject({ fs_root_hash: root, entries: [{ name: "a", kind: "dir" }] });
    expect(await client.readFs(t.turnId, "a/b.txt")).toMatchObject({
      content_base64: Buffer.from("bee").toString("base64"),
    });
  });

  it("throws the package's typed errors", async () => {
    await expect(client.getContext(9999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.searchContexts("tag ==")).rejects.toBeInstanceOf(InvalidArgumentError);
    const a = await client.createContext();
    const b = await client.createContext();
    const foreign = await client.append(b.contextId, { typeId: "t", typeVersion: 1, payload: tagged({ 1: 1 }) });
    await expect(
      client.append(a.contextId, {
        typeId: "t",
        typeVersion: 1,
        payload: tagged({ 1: 2 }),
        parentTurnId: foreign.turnId,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      client.append(a.contextId, { typeId: "t", typeVersion: 1, payload: new Uint8Array([0xc1]) }),
    ).rejects.toThrow(UnprocessableError);
    expect(await new CxdbHttpClient("http://127.0.0.1:1").health()).toBe(false);
  });

  it("streams live events over SSE, with heartbeats", async () => {
    const controller = new AbortController();
    const seen: WireEvent[] = [];
    const raw = fetch(`${baseUrl}/v1/events`, { signal: controller.signal }).then(async (res) => {
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = "";
      while (!text.includes(":heartbeat")) text += new TextDecoder().decode((await reader.read()).value);
      return text;
    });
    const done = (async () => {
      for await (const event of client.events({ signal: controller.signal })) {
        seen.push(event);
        if (event.event === "connected") {
          const ctx = store.createContext();
          store.append(ctx.contextId, { typeId: "t.Live", typeVersion: 2, payload: tagged({ 1: 1 }) });
        }
        if (event.event === "turn_appended") break;
      }
    })();
    await done;
    expect(await raw).toContain(":heartbeat\n\n");
    controller.abort();
    expect(seen.map((e) => e.event)).toEqual(["connected", "context_created", "turn_appended"]);
    expect(seen[2].data).toMatchObject({
      turn_id: expect.any(String),
      depth: 0,
      declared_type_id: "t.Live",
      declared_type_version: 2,
    });
  });
});
