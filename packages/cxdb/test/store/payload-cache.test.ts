// The cache of decompressed payloads: LRU by bytes, private copies, hot reads skip zstd.
import { afterEach, describe, expect, it } from "vitest";
import { PayloadCache } from "../../src/store/payload-cache.js";
import type { Store } from "../../src/store/store.js";
import { memoryStore, tagged } from "../helpers/store.js";

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe("PayloadCache", () => {
  it("evicts the least recently used payloads once over its byte budget", () => {
    const cache = new PayloadCache(4000);
    cache.put("a", bytes(1000, 1));
    cache.put("b", bytes(1000, 2));
    cache.put("c", bytes(1000, 3));
    expect(cache.get("a")?.[0]).toBe(1); // a is now the most recent
    cache.put("d", bytes(1000, 4));
    cache.put("e", bytes(1000, 5));
    expect([cache.size, cache.heldBytes]).toEqual([4, 4000]);
    expect(cache.get("b")).toBeUndefined();
    expect(["a", "c", "d", "e"].map((k) => cache.get(k)?.[0])).toEqual([1, 3, 4, 5]);
    expect([cache.hits, cache.misses]).toEqual([5, 1]);
  });

  it("keeps a private copy of what it is given, and skips payloads over a quarter of its budget", () => {
    const cache = new PayloadCache(4000);
    const payload = bytes(100, 7);
    cache.put("k", payload);
    payload.fill(0);
    expect(cache.get("k")?.[0]).toBe(7);
    cache.put("big", bytes(1001, 1));
    expect(cache.get("big")).toBeUndefined();
    const off = new PayloadCache(0);
    off.put("k", bytes(10, 1));
    expect(off.size).toBe(0);
  });
});

describe("payload cache in the store", () => {
  let store: Store;
  afterEach(() => store.close());

  const text = (n: number) => `turn ${n}: ${"lorem ipsum dolor sit amet ".repeat(40)}`;
  const turn = (n: number) => ({ typeId: "t.Text", typeVersion: 1, payload: tagged({ 1: n, 2: text(n) }) });

  it("serves fresh turns from the cache, hands out copies, and reads the same bytes without it", async () => {
    store = await memoryStore();
    const ctx = store.createContext().contextId;
    const inputs = Array.from({ length: 10 }, (_, i) => turn(i));
    for (const input of inputs) store.append(ctx, input);
    const misses = store.payloadCache.misses;
    const first = store.getLast(ctx, 10, { includePayload: true });
    expect(store.payloadCache.misses).toBe(misses); // appended turns were cached as they committed
    expect(store.payloadCache.hits).toBeGreaterThanOrEqual(10);
    first[0].payload!.fill(0); // a reader that scribbles on its payload harms no other reader
    const second = store.getLast(ctx, 10, { includePayload: true });
    for (const [i, t] of second.entries()) expect(t.payload).toEqual(inputs[i].payload);
    expect(store.getTurn(second[3].turnId).payload).toEqual(inputs[3].payload);
    expect(store.getBlob(second[4].contentHash)).toEqual(inputs[4].payload);
    const uncached = await memoryStore({ payloadCacheBytes: 0 });
    try {
      const c = uncached.createContext().contextId;
      for (const input of inputs) uncached.append(c, input);
      const read = uncached.getLast(c, 10, { includePayload: true });
      for (const [i, t] of read.entries()) expect(t.payload).toEqual(inputs[i].payload);
      expect(uncached.payloadCache.size).toBe(0);
    } finally {
      uncached.close();
    }
  });

  it("fills the cache on a cold read", async () => {
    store = await memoryStore({ payloadCacheBytes: 4 * 1024 * 1024 });
    const ctx = store.createContext().contextId;
    const inputs = Array.from({ length: 5 }, (_, i) => turn(i));
    for (const input of inputs) store.append(ctx, input);
    // Push the fresh turns out with unrelated big payloads.
    const other = store.createContext().contextId;
    for (let i = 0; i < 8; i++) {
      store.append(other, { typeId: "t.Big", typeVersion: 1, payload: tagged({ 1: i, 2: `${i}`.repeat(900_000) }) });
    }
    const misses = store.payloadCache.misses;
    const cold = store.getLast(ctx, 5, { includePayload: true });
    expect(store.payloadCache.misses - misses).toBe(5);
    for (const [i, t] of cold.entries()) expect(t.payload).toEqual(inputs[i].payload);
    const hits = store.payloadCache.hits;
    store.getLast(ctx, 5, { includePayload: true });
    expect(store.payloadCache.hits - hits).toBe(5);
  });
});
