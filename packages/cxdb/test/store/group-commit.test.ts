// Group commit (Store.appendAsync / appendBatchAsync): concurrent appends share one transaction,
// each in its own savepoint; a failing append fails alone; order and idempotency hold in a group.
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BusyError,
  ConflictError,
  HashMismatchError,
  InvalidArgumentError,
  NotFoundError,
} from "../../src/store/errors.js";
import type { StoreEvent } from "../../src/store/events.js";
import { openStore, type Store } from "../../src/store/store.js";
import type { AppendInput } from "../../src/store/types.js";
import { memoryStore, tagged, tempDir } from "../helpers/store.js";

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(() => store.close());

const turn = (n: number, extra: Partial<AppendInput> = {}): AppendInput => ({
  typeId: "test.Turn",
  typeVersion: 1,
  payload: tagged({ 1: n, 2: "x".repeat(300) }),
  ...extra,
});

/** Settles every promise, as `{ ok, value | error }`. */
function settle<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(promises);
}

describe("group commit", () => {
  it("commits appends submitted together, across many contexts, in one transaction", async () => {
    const contexts = Array.from({ length: 32 }, () => store.createContext().contextId);
    const before = store.groupCommit;
    const pending = contexts.flatMap((ctx, c) => [0, 1, 2].map((k) => store.appendAsync(ctx, turn(c * 10 + k))));
    expect(store.groupCommit.pending).toBe(96);
    const results = await Promise.all(pending);
    expect(store.groupCommit).toEqual({ pending: 0, groups: before.groups + 1, units: before.units + 96 });
    expect(new Set(results.map((r) => r.turnId)).size).toBe(96);
    contexts.forEach((ctx, c) => {
      const mine = results.slice(c * 3, c * 3 + 3);
      expect(mine.map((r) => [r.contextId, r.depth])).toEqual([
        [ctx, 0],
        [ctx, 1],
        [ctx, 2],
      ]);
      expect(mine[1].parentTurnId).toBe(mine[0].turnId);
      expect(mine[2].parentTurnId).toBe(mine[1].turnId);
      expect(store.getHead(ctx)).toEqual({ contextId: ctx, headTurnId: mine[2].turnId, headDepth: 2 });
    });
  });

  it("keeps submission order within a context: each append's parent is the one submitted before it", async () => {
    const ctx = store.createContext().contextId;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.appendAsync(ctx, turn(i))));
    results.forEach((r, i) => {
      expect(r.depth).toBe(i);
      expect(r.parentTurnId).toBe(i === 0 ? 0 : results[i - 1].turnId);
    });
    const chain = store.getLast(ctx, 100, { includePayload: true });
    expect(chain.map((t) => t.turnId)).toEqual(results.map((r) => r.turnId));
  });

  it("fails a bad append alone and commits the others of its group", async () => {
    const a = store.createContext().contextId;
    const b = store.createContext().contextId;
    const first = store.append(a, turn(0));
    const events: StoreEvent[] = [];
    store.events.subscribe((e) => events.push(e));
    const before = store.stats().turns;
    const outcomes = await settle([
      store.appendAsync(a, turn(1)),
      store.appendAsync(999, turn(2)), // unknown context: fails inside the transaction
      store.appendAsync(b, turn(3, { parentTurnId: first.turnId })), // parent of another history: 409
      store.appendAsync(a, turn(4, { contentHash: "00".repeat(32) })), // fails before the transaction
      store.appendAsync(b, turn(5, { parentTurnId: 424_242 })), // unknown parent: 404
      store.appendAsync(b, turn(6)),
      store.appendAsync(a, turn(7)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    const reason = (i: number) => (outcomes[i] as PromiseRejectedResult).reason;
    expect(reason(1)).toBeInstanceOf(NotFoundError);
    expect(reason(2)).toBeInstanceOf(ConflictError);
    expect(reason(3)).toBeInstanceOf(HashMismatchError);
    expect(reason(4)).toBeInstanceOf(NotFoundError);
    expect(store.stats().turns).toBe(before + 3);
    const value = (i: number) => (outcomes[i] as PromiseFulfilledResult<{ turnId: number; depth: number }>).value;
    expect(store.getLast(a, 10).map((t) => t.turnId)).toEqual([first.turnId, value(0).turnId, value(6).turnId]);
    expect(store.getLast(b, 10).map((t) => t.turnId)).toEqual([value(5).turnId]);
    expect(events.filter((e) => e.type === "turn_appended").map((e) => (e as { turnId: number }).turnId)).toEqual([
      value(0).turnId,
      value(5).turnId,
      value(6).turnId,
    ]);
  });

  it("rolls back a failing batch whole, and only that batch", async () => {
    const ctx = store.createContext().contextId;
    const outcomes = await settle<unknown>([
      store.appendAsync(ctx, turn(1)),
      store.appendBatchAsync(ctx, [turn(2), turn(3, { parentTurnId: 777_777 }), turn(4)]),
      store.appendBatchAsync(ctx, [turn(5), turn(6)]),
      store.appendBatchAsync(
        ctx,
        Array.from({ length: 257 }, (_, i) => turn(i)),
      ),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "rejected"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(NotFoundError);
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidArgumentError);
    const chain = store.getLast(ctx, 10);
    expect(chain.map((t) => t.depth)).toEqual([0, 1, 2]);
    expect(store.stats().turns).toBe(3);
  });

  it("honours an idempotency key repeated within one group: one turn, the same answer twice", async () => {
    const ctx = store.createContext().contextId;
    const events: StoreEvent[] = [];
    store.events.subscribe((e) => events.push(e));
    const [a, b, c] = await Promise.all([
      store.appendAsync(ctx, turn(1, { idempotencyKey: "k1" })),
      store.appendAsync(ctx, turn(2, { idempotencyKey: "k1" })),
      store.appendAsync(ctx, turn(3, { idempotencyKey: "k2" })),
    ]);
    expect(store.groupCommit.groups).toBe(1);
    expect(a.deduplicated).toBe(false);
    expect(b).toEqual({ ...a, deduplicated: true });
    expect(c).toMatchObject({ depth: 1, parentTurnId: a.turnId, deduplicated: false });
    expect(store.stats().turns).toBe(2);
    expect(events.filter((e) => e.type === "turn_appended")).toHaveLength(2);
  });

  it("commits queued appends before a synchronous append, and before closing", async () => {
    const ctx = store.createContext().contextId;
    const queued = store.appendAsync(ctx, turn(1));
    const sync = store.append(ctx, turn(2));
    const first = await queued;
    expect([first.depth, sync.depth, sync.parentTurnId]).toEqual([0, 1, first.turnId]);

    const late = store.appendAsync(ctx, turn(3));
    store.close();
    expect((await late).depth).toBe(2);
    await expect(store.appendAsync(ctx, turn(4))).rejects.toThrow(/closed/);
  });

  it("reads back what a group wrote, payloads included", async () => {
    const ctx = store.createContext().contextId;
    const inputs = Array.from({ length: 20 }, (_, i) => turn(i));
    await Promise.all(inputs.map((input) => store.appendAsync(ctx, input)));
    const chain = store.getLast(ctx, 20, { includePayload: true });
    expect(chain.map((t) => Buffer.from(t.payload!).toString("hex"))).toEqual(
      inputs.map((input) => Buffer.from(input.payload as Uint8Array).toString("hex")),
    );
  });
});

describe("group commit when the transaction cannot run", () => {
  it("rejects every append of the group, writes none, and serves the next group", async () => {
    const { dir, cleanup } = await tempDir("cxdb-group-");
    const file = path.join(dir, "cxdb.sqlite");
    const disk = await openStore(file, { busyTimeoutMs: 0 });
    const Database = createRequire(import.meta.url)("better-sqlite3");
    const other = new Database(file);
    try {
      const ctx = disk.createContext().contextId;
      other.prepare("BEGIN IMMEDIATE").run(); // another process holds the write lock
      const outcomes = await settle([disk.appendAsync(ctx, turn(1)), disk.appendAsync(ctx, turn(2))]);
      expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
      for (const o of outcomes) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(BusyError);
      other.prepare("ROLLBACK").run();
      expect(disk.stats().turns).toBe(0);
      const next = await disk.appendAsync(ctx, turn(3));
      expect(next).toMatchObject({ depth: 0, deduplicated: false });
    } finally {
      other.close();
      disk.close();
      await cleanup();
    }
  });
});
