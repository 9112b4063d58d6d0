// The Turn DAG: ids and depths, create/fork (O(1)), parent checks, idempotency, batches, paging, events.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConflictError, HashMismatchError, InvalidArgumentError, NotFoundError } from "../../src/store/errors.js";
import type { StoreEvent } from "../../src/store/events.js";
import type { Store } from "../../src/store/store.js";
import { memoryStore, tagged } from "../helpers/store.js";

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(() => store.close());

const turn = (n: number) => ({ typeId: "test.Turn", typeVersion: 1, payload: tagged({ 1: n }) });

describe("ids and depths", () => {
  it("allocates global turn ids from 1, context ids from 1, and depth 0 for a first turn", () => {
    const a = store.createContext();
    const b = store.createContext();
    expect([a.contextId, b.contextId]).toEqual([1, 2]);
    expect(a).toEqual({ contextId: 1, headTurnId: 0, headDepth: 0 });
    const t1 = store.append(a.contextId, turn(1));
    const t2 = store.append(b.contextId, turn(2));
    const t3 = store.append(a.contextId, turn(3));
    expect([t1.turnId, t2.turnId, t3.turnId]).toEqual([1, 2, 3]);
    expect([t1.depth, t2.depth, t3.depth]).toEqual([0, 0, 1]);
    expect(t3.parentTurnId).toBe(1);
    expect(store.getHead(a.contextId)).toEqual({ contextId: 1, headTurnId: 3, headDepth: 1 });
  });

  it("accepts bigint ids and treats ids beyond 2^53 as unknown, never as a rounded id", () => {
    const ctx = store.createContext();
    store.append(BigInt(ctx.contextId), turn(1));
    expect(store.getHead(1n).headTurnId).toBe(1);
    expect(() => store.getHead(2n ** 53n + 1n)).toThrow(NotFoundError);
    expect(() => store.getHead(-1)).toThrow(InvalidArgumentError);
    expect(() => store.getHead(2n ** 64n)).toThrow(InvalidArgumentError);
  });
});

describe("create and fork", () => {
  it("creates a context from a base turn (create and fork are one operation)", () => {
    const ctx = store.createContext();
    const r = [1, 2, 3].map((n) => store.append(ctx.contextId, turn(n)));
    const viaCreate = store.createContext({ baseTurnId: r[1].turnId });
    const viaFork = store.fork(r[1].turnId);
    for (const head of [viaCreate, viaFork]) expect(head).toMatchObject({ headTurnId: r[1].turnId, headDepth: 1 });
    const next = store.append(viaFork.contextId, turn(9));
    expect(next).toMatchObject({ parentTurnId: r[1].turnId, depth: 2 });
    expect(store.getLast(viaFork.contextId, 10).map((t) => t.turnId)).toEqual([r[0].turnId, r[1].turnId, next.turnId]);
    expect(store.getHead(ctx.contextId).headTurnId).toBe(r[2].turnId);
    expect(() => store.fork(999)).toThrow(NotFoundError);
    expect(store.getContext(viaFork.contextId)).toMatchObject({
      baseTurnId: r[1].turnId,
      forkedFromContextId: ctx.contextId,
    });
  });

  it("forks in O(1): forking a 10,000-turn context writes one context row and copies no turns", () => {
    const big = store.createContext();
    let head = 0;
    for (let i = 0; i < 10_000; i += 250) {
      const batch = store.appendBatch(
        big.contextId,
        Array.from({ length: 250 }, (_, k) => turn(i + k)),
      );
      head = batch[batch.length - 1].turnId;
    }
    expect(store.getHead(big.contextId).headDepth).toBe(9_999);
    const before = store.stats();
    const forked = store.fork(head);
    const after = store.stats();
    expect(after.contexts).toBe(before.contexts + 1);
    expect(after.turns).toBe(before.turns);
    expect(after.blobs).toBe(before.blobs);
    expect(forked.headDepth).toBe(9_999);
    expect(store.getLast(forked.contextId, 1)[0].turnId).toBe(head);
  });
});

describe("parents", () => {
  it("appends onto an explicit parent on the chain (branch in place) and moves the head", () => {
    const ctx = store.createContext();
    const [a, b] = [store.append(ctx.contextId, turn(1)), store.append(ctx.contextId, turn(2))];
    const c = store.append(ctx.contextId, { ...turn(3), parentTurnId: a.turnId });
    expect(c).toMatchObject({ parentTurnId: a.turnId, depth: 1 });
    expect(store.getHead(ctx.contextId).headTurnId).toBe(c.turnId);
    // b is no longer on the chain but was appended in this context: still a valid parent.
    const d = store.append(ctx.contextId, { ...turn(4), parentTurnId: b.turnId });
    expect(d.depth).toBe(2);
  });

  it("accepts an ancestor inherited through a fork, rejects turns of other histories", () => {
    const ctx = store.createContext();
    const a = store.append(ctx.contextId, turn(1));
    const b = store.append(ctx.contextId, turn(2));
    const fork = store.fork(b.turnId);
    expect(store.append(fork.contextId, { ...turn(3), parentTurnId: a.turnId }).depth).toBe(1);
    const other = store.createContext();
    const x = store.append(other.contextId, turn(9));
    expect(() => store.append(ctx.contextId, { ...turn(4), parentTurnId: x.turnId })).toThrow(ConflictError);
    const sibling = store.fork(a.turnId);
    const s = store.append(sibling.contextId, turn(5));
    expect(() => store.append(fork.contextId, { ...turn(6), parentTurnId: s.turnId })).toThrow(ConflictError);
    expect(() => store.append(ctx.contextId, { ...turn(7), parentTurnId: 12345 })).toThrow(NotFoundError);
    expect(() => store.append(999, turn(8))).toThrow(/context not found: 999/);
  });
});

describe("idempotency keys", () => {
  it("returns the first turn for a repeated key in the same context and writes nothing", () => {
    const ctx = store.createContext();
    const first = store.append(ctx.contextId, { ...turn(1), idempotencyKey: "req-1" });
    const again = store.append(ctx.contextId, { ...turn(2), idempotencyKey: "req-1" });
    expect(again).toEqual({ ...first, deduplicated: true });
    expect(store.stats().turns).toBe(1);
    const bytesKey = store.append(ctx.contextId, { ...turn(1), idempotencyKey: new TextEncoder().encode("req-1") });
    expect(bytesKey.turnId).toBe(first.turnId);
    const other = store.createContext();
    expect(store.append(other.contextId, { ...turn(1), idempotencyKey: "req-1" }).deduplicated).toBe(false);
  });

  it("deduplicates within one batch", () => {
    const ctx = store.createContext();
    const out = store.appendBatch(ctx.contextId, [
      { ...turn(1), idempotencyKey: "k" },
      { ...turn(2), idempotencyKey: "k" },
    ]);
    expect(out[1]).toEqual({ ...out[0], deduplicated: true });
    expect(store.stats().turns).toBe(1);
  });
});

describe("batches", () => {
  it("chains a batch in one transaction and rolls all of it back on any failure", () => {
    const ctx = store.createContext();
    const out = store.appendBatch(ctx.contextId, [turn(1), turn(2), turn(3)]);
    expect(out.map((r) => r.depth)).toEqual([0, 1, 2]);
    expect(out.map((r) => r.parentTurnId)).toEqual([0, out[0].turnId, out[1].turnId]);
    const before = store.stats();
    const bad = { ...turn(5), contentHash: "00".repeat(32) };
    expect(() => store.appendBatch(ctx.contextId, [turn(4), bad])).toThrow(HashMismatchError);
    expect(() => store.appendBatch(ctx.contextId, [turn(4), { ...turn(5), parentTurnId: 999 }])).toThrow(NotFoundError);
    expect(store.stats()).toEqual(before);
    expect(store.getHead(ctx.contextId).headTurnId).toBe(out[2].turnId);
    expect(() =>
      store.appendBatch(
        ctx.contextId,
        Array.from({ length: 257 }, (_, i) => turn(i)),
      ),
    ).toThrow(/at most 256/);
    expect(store.appendBatch(ctx.contextId, [])).toEqual([]);
  });
});

describe("reads", () => {
  it("reads the last N oldest first, pages with beforeTurnId, and reads single turns", () => {
    const ctx = store.createContext();
    const ids = store
      .appendBatch(
        ctx.contextId,
        Array.from({ length: 10 }, (_, i) => turn(i)),
      )
      .map((r) => r.turnId);
    const last = store.getLast(ctx.contextId, 3);
    expect(last.map((t) => t.turnId)).toEqual(ids.slice(7));
    expect(last[0].payload).toBeUndefined();
    expect(store.getLast(ctx.contextId, 2, { includePayload: true })[1].payload).toEqual(tagged({ 1: 9 }));
    const page = store.getTurns(ctx.contextId, { beforeTurnId: ids[7], limit: 4 });
    expect(page.map((t) => t.turnId)).toEqual(ids.slice(3, 7));
    expect(store.getTurns(ctx.contextId, { beforeTurnId: ids[0] })).toEqual([]);
    expect(store.getTurns(ctx.contextId).length).toBe(10);
    const one = store.getTurn(ids[4]);
    expect(one).toMatchObject({
      turnId: ids[4],
      depth: 4,
      typeId: "test.Turn",
      typeVersion: 1,
      encoding: 1,
      compression: 0,
    });
    expect(one.payload).toEqual(tagged({ 1: 4 }));
    expect(store.getLast(store.createContext().contextId, 5)).toEqual([]);
    expect(() => store.getTurn(999)).toThrow(NotFoundError);
    const other = store.createContext();
    const foreign = store.append(other.contextId, turn(1));
    expect(() => store.getTurns(ctx.contextId, { beforeTurnId: foreign.turnId })).toThrow(InvalidArgumentError);
  });
});

describe("events", () => {
  it("emits context_created, turn_appended and client events; a throwing listener harms nothing", () => {
    const events: StoreEvent[] = [];
    store.events.subscribe(() => {
      throw new Error("bad listener");
    });
    const off = store.events.subscribe((e) => events.push(e));
    const session = store.sessions.open({ clientTag: "writer", peerAddr: "127.0.0.1:5000" });
    const ctx = store.createContext({ sessionId: session });
    const r = store.append(ctx.contextId, turn(1));
    store.append(ctx.contextId, { ...turn(1), idempotencyKey: "x" });
    store.append(ctx.contextId, { ...turn(2), idempotencyKey: "x" });
    expect(store.getContext(ctx.contextId)).toMatchObject({
      isLive: true,
      sessionId: session,
      peerAddr: "127.0.0.1:5000",
    });
    store.sessions.close(session);
    expect(store.getContext(ctx.contextId).isLive).toBe(false);
    off();
    store.createContext();
    expect(events.map((e) => e.type)).toEqual([
      "client_connected",
      "context_created",
      "turn_appended",
      "turn_appended",
      "client_disconnected",
    ]);
    expect(events[1]).toMatchObject({ contextId: ctx.contextId, sessionId: session, clientTag: "writer" });
    expect(events[2]).toEqual({
      type: "turn_appended",
      contextId: ctx.contextId,
      turnId: r.turnId,
      parentTurnId: 0,
      depth: 0,
      declaredTypeId: "test.Turn",
      declaredTypeVersion: 1,
    });
    expect(events[4]).toMatchObject({ contexts: [ctx.contextId] });
  });
});
