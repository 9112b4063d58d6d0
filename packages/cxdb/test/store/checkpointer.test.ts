// Background WAL checkpoints: a worker thread with its own connection checkpoints while the store
// appends; closing stops it first, so the store's connection is the last one and removes the WAL.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import { memoryStore, tagged, tempDir } from "../helpers/store.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("cxdb-checkpoint-"));
});
afterAll(() => cleanup());

const turn = (n: number) => ({
  typeId: "t.Big",
  typeVersion: 1,
  payload: tagged({ 1: n, 2: crypto.getRandomValues(new Uint8Array(3000)) }),
});

describe("background checkpoints", () => {
  it("checkpoint the WAL off the write path, and leave no WAL behind on close", async () => {
    const file = path.join(dir, "bg.sqlite");
    const store = await openStore(file, { backgroundCheckpointMs: 10 });
    const ctx = store.createContext().contextId;
    expect(store.backgroundCheckpoints).toBeUndefined(); // starts with the first append
    for (let i = 0; i < 300; i++) store.append(ctx, turn(i));
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.appendAsync(ctx, turn(300 + i))));
    while ((store.backgroundCheckpoints?.runs ?? 0) < 3) await new Promise((r) => setTimeout(r, 10));
    expect(store.backgroundCheckpoints?.frames).toBeGreaterThan(0);
    store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = await openStore(file);
    try {
      const chain = again.getLast(ctx, 1000, { includePayload: true });
      expect(chain.map((t) => t.depth)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    } finally {
      again.close();
    }
  });

  it("close right after the first append (the worker still starting) does not hang or leave a WAL", async () => {
    const file = path.join(dir, "quick.sqlite");
    const store = await openStore(file);
    store.append(store.createContext().contextId, turn(1));
    store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("are off in memory and with backgroundCheckpointMs 0", async () => {
    const memory = await memoryStore();
    memory.append(memory.createContext().contextId, turn(1));
    expect(memory.backgroundCheckpoints).toBeUndefined();
    memory.close();
    const off = await openStore(path.join(dir, "off.sqlite"), { backgroundCheckpointMs: 0 });
    off.append(off.createContext().contextId, turn(1));
    expect(off.backgroundCheckpoints).toBeUndefined();
    off.close();
  });
});
