// Crash recovery (issue requirement): the real server, HTTP and binary protocol over one store
// (synchronous FULL), is SIGKILLed in the middle of 10,000 concurrent appends across 32 contexts and
// restarted on the same data directory. Every acknowledged append is there with its payload, every
// context head points at a complete chain, and idempotency keys still answer with the first turn.
// Needs a build (`npx tsc -b`, which `npm test` runs): the server child imports dist/.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CxdbBinaryClient } from "../src/client/binary-client.js";
import { CxdbHttpClient } from "../src/client/http-client.js";
import { blake3Hex, initHashing } from "../src/store/hash.js";
import { encodeMsgpack } from "../src/store/msgpack-encode.js";
import { tempDir } from "./helpers/store.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const serverScript = path.join(here, "helpers/crash-server.mjs");
const dist = path.join(here, "../dist/index.js");

const TOTAL = 10_000;
const CONTEXTS = 32;
/** Appends in flight at once: HTTP requests, and binary requests spread over the connections. */
const HTTP_IN_FLIGHT = 64;
const BINARY_CONNECTIONS = 8;
const BINARY_IN_FLIGHT_PER_CONNECTION = 24;
/** The server is killed when this many appends have been acknowledged. */
const KILL_AFTER = 3_000;

interface RunningServer {
  child: ChildProcess;
  httpPort: number;
  binaryPort: number;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Starts the server child on `dataDir` and waits for its "ready" line. */
function startServerChild(dataDir: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serverScript, dataDir], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<NodeJS.Signals | number | null>((done) =>
      child.once("exit", (code, signal) => done(signal ?? code)),
    );
    let stdout = "";
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const match = /^ready (\d+) (\d+)$/m.exec(stdout);
      if (match) resolve({ child, httpPort: Number(match[1]), binaryPort: Number(match[2]), exited });
    });
    child.once("error", reject);
    void exited.then((how) => reject(new Error(`server exited (${how}) before it was ready: ${stderr}`)));
  });
}

/** The payload of job `i`: a ConversationItem-like map, 200 B to 8 KB, text and (some) random bytes. */
function payloadOf(i: number): Uint8Array {
  const text = `append ${i}: ${"the quick brown fox ".repeat(10 + ((i * 37) % 400))}`;
  const item = new Map<number, unknown>([
    [1, "assistant_turn"],
    [2, i],
    [10, new Map([[1, text]])],
  ]);
  if (i % 5 === 0) item.set(11, crypto.getRandomValues(new Uint8Array(64 + (i % 2000))));
  return encodeMsgpack(item);
}

interface Ack {
  job: number;
  contextId: number;
  turnId: number;
  depth: number;
  hash: string;
}

let dataDir: string;
let cleanup: () => Promise<void>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  await initHashing();
  ({ dir: dataDir, cleanup } = await tempDir("cxdb-crash-"));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await cleanup();
});

describe("server crash recovery", () => {
  it.skipIf(!existsSync(dist))(
    `keeps every acknowledged append through a SIGKILL in the middle of ${TOTAL} concurrent appends`,
    async () => {
      const first = await startServerChild(dataDir);
      children.push(first.child);
      const http = new CxdbHttpClient(`http://127.0.0.1:${first.httpPort}`);
      const binaries = await Promise.all(
        Array.from({ length: BINARY_CONNECTIONS }, () =>
          CxdbBinaryClient.connect({ port: first.binaryPort, clientTag: "crash-test", requestTimeoutMs: 0 }),
        ),
      );
      const contexts: number[] = [];
      for (let c = 0; c < CONTEXTS; c++) {
        contexts.push(
          c % 2 === 0
            ? (await http.createContext()).contextId
            : Number((await binaries[c % BINARY_CONNECTIONS].createContext()).contextId),
        );
      }

      const payloads = Array.from({ length: TOTAL }, (_, i) => payloadOf(i));
      const hashes = payloads.map((p) => blake3Hex(p));
      const acks: Ack[] = [];
      const failuresBeforeKill: string[] = [];
      let killed = false;
      let nextJob = 0;
      const acknowledged = (job: number, contextId: number, turnId: number, depth: number, hash: string): void => {
        acks.push({ job, contextId, turnId, depth, hash });
        if (!killed && acks.length >= KILL_AFTER) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      };
      // Each worker appends jobs one after the other; all workers run at once, over both transports,
      // and every context gets appends from both.
      const worker = async (send: (job: number) => Promise<void>): Promise<void> => {
        while (!killed && nextJob < TOTAL) {
          const job = nextJob++;
          try {
            await send(job);
          } catch (error) {
            if (!killed) failuresBeforeKill.push(`job ${job}: ${(error as Error).message}`);
            return;
          }
        }
      };
      const viaHttp = async (job: number): Promise<void> => {
        const contextId = contexts[job % CONTEXTS];
        const r = await http.append(contextId, {
          typeId: "cxdb.ConversationItem",
          typeVersion: 3,
          payload: payloads[job],
          idempotencyKey: `job-${job}`,
        });
        acknowledged(job, r.contextId, r.turnId, r.depth, r.contentHash);
      };
      const viaBinary = (client: CxdbBinaryClient) => async (job: number) => {
        const contextId = contexts[job % CONTEXTS];
        const r = await client.appendTurn({
          contextId,
          typeId: "cxdb.ConversationItem",
          typeVersion: 3,
          payload: payloads[job],
          compress: job % 3 === 0,
          idempotencyKey: `job-${job}`,
        });
        acknowledged(job, Number(r.contextId), Number(r.turnId), r.depth, r.contentHash);
      };
      await Promise.all([
        ...Array.from({ length: HTTP_IN_FLIGHT }, () => worker(viaHttp)),
        ...binaries.flatMap((client) =>
          Array.from({ length: BINARY_IN_FLIGHT_PER_CONNECTION }, () => worker(viaBinary(client))),
        ),
      ]);
      expect(failuresBeforeKill).toEqual([]);
      expect(killed, "the server finished all appends before the kill").toBe(true);
      expect(await first.exited).toBe("SIGKILL");
      for (const client of binaries) await client.close().catch(() => undefined);
      expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(acks.length).toBeLessThan(TOTAL);
      for (const ack of acks) expect(ack.hash, `job ${ack.job}`).toBe(hashes[ack.job]);

      // Restart on the same data directory.
      const second = await startServerChild(dataDir);
      children.push(second.child);
      const reader = await CxdbBinaryClient.connect({ port: second.binaryPort, requestTimeoutMs: 0 });
      const http2 = new CxdbHttpClient(`http://127.0.0.1:${second.httpPort}`);
      try {
        const turns = new Map<number, { contextId: number; depth: number; hash: string }>();
        let chained = 0;
        for (const contextId of contexts) {
          const head = await reader.getHead(contextId);
          const chain = await reader.getLast(contextId, { limit: head.headDepth + 10, includePayload: true });
          expect(chain.length, `context ${contextId}`).toBe(head.headDepth + 1);
          expect(chain[0]).toMatchObject({ parentTurnId: 0n, depth: 0 });
          expect(chain.at(-1)?.turnId).toBe(head.headTurnId);
          chain.forEach((turn, i) => {
            if (i > 0) expect(turn.parentTurnId).toBe(chain[i - 1].turnId);
            expect(turn.depth).toBe(i);
            expect(blake3Hex(turn.payload as Uint8Array), `turn ${turn.turnId}`).toBe(turn.contentHash);
            turns.set(Number(turn.turnId), { contextId, depth: turn.depth, hash: turn.contentHash });
          });
          chained += chain.length;
        }
        for (const ack of acks) {
          expect(turns.get(ack.turnId), `acknowledged job ${ack.job} (turn ${ack.turnId})`).toEqual({
            contextId: ack.contextId,
            depth: ack.depth,
            hash: hashes[ack.job],
          });
        }
        // Nothing half-written or orphaned: every stored turn is on a context's chain.
        const stats = (await (await fetch(`http://127.0.0.1:${second.httpPort}/v1/stats`)).json()) as {
          turns: number;
          contexts: number;
        };
        expect(stats).toMatchObject({ turns: chained, contexts: CONTEXTS });
        expect(chained).toBeGreaterThanOrEqual(acks.length);
        // Retrying acknowledged appends with their idempotency keys returns the same turns.
        for (const ack of acks.filter((_, i) => i % 100 === 0)) {
          const again = await http2.append(ack.contextId, {
            typeId: "cxdb.ConversationItem",
            typeVersion: 3,
            payload: payloads[ack.job],
            idempotencyKey: `job-${ack.job}`,
          });
          expect(again).toMatchObject({ turnId: ack.turnId, depth: ack.depth, deduplicated: true });
        }
      } finally {
        await reader.close();
        second.child.kill("SIGKILL");
        await second.exited;
      }
    },
    60_000,
  );
});
