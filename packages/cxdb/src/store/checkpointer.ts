/**
 * WAL checkpoints off the write path. SQLite's automatic checkpoint runs inside the COMMIT that
 * takes the WAL past 1,000 pages: that commit stops to copy the WAL into the database file and
 * fsync it (tens of ms on a busy disk), which is what an append's p99 latency sees. Instead, a
 * worker thread with its own connection runs `PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs`;
 * a passive checkpoint never blocks the writer. The writer keeps the automatic checkpoint as a
 * safety net at {@link SAFETY_NET_PAGES}, in case the worker falls behind or dies.
 *
 * Stopping is synchronous (the store's `close` is): the worker is told through shared memory,
 * closes its connection, and says so, so the store's own connection is the last one and its close
 * checkpoints and removes the WAL as usual.
 * @module
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Default time between background checkpoints, in ms. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 200;

/** WAL size (pages) at which the writer checkpoints by itself all the same (40 MB at 4 KiB pages). */
export const SAFETY_NET_PAGES = 10_000;

/** How long stopping waits for a checkpoint in progress, in ms. */
const STOP_TIMEOUT_MS = 10_000;

/** Shared Int32 slots. */
const STOP = 0;
const CLOSED = 1;
const RUNS = 2;
const FRAMES = 3;

// Runs in the worker (CommonJS, `eval`), so it works from src/ under a test runner and from dist/.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.sqlite);
const state = new Int32Array(workerData.state);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma("synchronous = " + workerData.synchronous);
  while (Atomics.load(state, ${STOP}) === 0) {
    Atomics.wait(state, ${STOP}, 0, workerData.intervalMs);
    if (Atomics.load(state, ${STOP}) !== 0) break;
    try {
      const [row] = db.pragma("wal_checkpoint(PASSIVE)");
      Atomics.add(state, ${RUNS}, 1);
      Atomics.store(state, ${FRAMES}, Math.max(Atomics.load(state, ${FRAMES}), row.checkpointed | 0));
    } catch {}
  }
} finally {
  try { db?.close(); } catch {}
  Atomics.store(state, ${CLOSED}, 1);
  Atomics.notify(state, ${CLOSED});
}
`;

/** A running background checkpointer (see the module comment). */
export class BackgroundCheckpointer {
  private stopped = false;

  private constructor(
    private readonly worker: Worker,
    private readonly state: Int32Array,
  ) {}

  /**
   * Starts the worker for the database at `file` (absolute path, WAL mode).
   * @returns undefined when a worker thread cannot be started (the automatic checkpoint then stays
   *   at SQLite's default).
   */
  static start(
    file: string,
    options: { synchronous: "FULL" | "NORMAL"; intervalMs?: number },
  ): BackgroundCheckpointer | undefined {
    try {
      const state = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          file,
          sqlite: createRequire(import.meta.url).resolve("better-sqlite3"),
          synchronous: options.synchronous,
          intervalMs: options.intervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS,
          state: state.buffer,
        },
      });
      worker.unref();
      // A worker that fails (it should not) just stops checkpointing; the safety net remains.
      worker.on("error", () => undefined);
      return new BackgroundCheckpointer(worker, state);
    } catch {
      return undefined;
    }
  }

  /** Background checkpoints run so far, and the most WAL frames one of them left checkpointed. */
  get stats(): { runs: number; frames: number } {
    return { runs: Atomics.load(this.state, RUNS), frames: Atomics.load(this.state, FRAMES) };
  }

  /** Stops the worker and waits (at most 10 s) until its connection is closed. Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.state, STOP, 1);
    Atomics.notify(this.state, STOP);
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (Atomics.load(this.state, CLOSED) === 0 && Date.now() < deadline) {
      Atomics.wait(this.state, CLOSED, 0, 50);
    }
    void this.worker.terminate();
  }
}
