// Durability: a writer (synchronous FULL) is SIGKILLed in the middle of a stream of appends; after
// reopening, every acknowledged append is there and every head points at a complete chain.
// Needs a build (`npx tsc -b`, which `npm test` runs): the child imports dist/.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/store.js";
import { tempDir } from "../helpers/store.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const writer = path.join(here, "../helpers/durability-writer.mjs");
const dist = path.join(here, "../../dist/index.js");

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir("cxdb-durable-"));
});
afterAll(() => cleanup());

interface Ack {
  contextId: number;
  turnId: number;
  depth: number;
  hash: string;
}

/** Runs the writer until it has acknowledged `killAfter` turns, then SIGKILLs it. */
function runAndKill(file: string, killAfter: number): Promise<{ acks: Ack[]; forks: Array<[number, number]> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, file], { stdio: ["ignore", "pipe", "pipe"] });
    const acks: Ack[] = [];
    const forks: Array<[number, number]> = [];
    let buffer = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        const [kind, a, b, c, d] = line.split(" ");
        if (kind === "ack") acks.push({ contextId: Number(a), turnId: Number(b), depth: Number(c), hash: d });
        if (kind === "fork") forks.push([Number(a), Number(b)]);
      }
      if (acks.length >= killAfter) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`writer exited (${code}) before the kill: ${stderr}`));
      else resolve({ acks, forks });
    });
  });
}

describe("durability (synchronous FULL)", () => {
  it.skipIf(!existsSync(dist))("keeps every acknowledged append through a SIGKILL", async () => {
    const file = path.join(dir, "cxdb.sqlite");
    const { acks, forks } = await runAndKill(file, 600);
    expect(acks.length).toBeGreaterThanOrEqual(600);
    const store = await openStore(file);
    try {
      for (const ack of acks) {
        const turn = store.getTurn(ack.turnId, { includePayload: false });
        expect(turn).toMatchObject({ turnId: ack.turnId, depth: ack.depth, contentHash: ack.hash });
      }
      for (const [contextId, base] of forks) expect(store.getContext(contextId).baseTurnId).toBe(base);
      const { contexts, total } = store.listContexts({ limit: 10_000 });
      // A fork committed just before the kill may not have been printed yet.
      expect(total - (4 + forks.length)).toBeGreaterThanOrEqual(0);
      expect(total - (4 + forks.length)).toBeLessThanOrEqual(1);
      for (const ctx of contexts) {
        const chain = store.getLast(ctx.contextId, ctx.headDepth + 2, { includePayload: true });
        if (ctx.headTurnId === 0) {
          expect(chain).toEqual([]);
          continue;
        }
        expect(chain).toHaveLength(ctx.headDepth + 1);
        expect(chain[0].depth).toBe(0);
        chain.forEach((t, i) => {
          expect(t.depth).toBe(i);
          if (i > 0) expect(t.parentTurnId).toBe(chain[i - 1].turnId);
          expect(t.payload?.byteLength).toBe(t.uncompressedLen);
        });
        expect(chain[chain.length - 1].turnId).toBe(ctx.headTurnId);
      }
      // Nothing half-written: every turn's blob is readable.
      expect(store.stats().turns).toBeGreaterThanOrEqual(acks.length);
    } finally {
      store.close();
    }
  });
});
