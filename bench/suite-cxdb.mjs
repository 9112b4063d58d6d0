/**
 * Suite 5: the context store (`@darkfactory/cxdb`) on 10 KB turns, on the real disk with
 * synchronous=FULL: append latency (p50/p99) and appends/s through the library, HTTP and the binary
 * protocol with 1 and 32 concurrent writers; last-64-turns latency; bytes stored per turn. Compared
 * with a same-run peer (a bare better-sqlite3 INSERT of the same row, one fsync'd transaction each)
 * and with CXDB's stated figures (CXDB itself, in Rust, cannot run here).
 * @module
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CxdbBinaryClient, CxdbHttpClient } from "@darkfactory/cxdb/client";
import { TurnPayloads } from "./lib/cxdb-payloads.mjs";
import { tempRunDir } from "./lib/engine.mjs";
import { compare, round, row } from "./lib/rows.mjs";
import { yieldToEventLoop } from "./lib/stats.mjs";

const cxdbPackage = fileURLToPath(new URL("../packages/cxdb/package.json", import.meta.url));
const cxdbRequire = createRequire(cxdbPackage);
const serverScript = fileURLToPath(new URL("./lib/cxdb-server.mjs", import.meta.url));

/** CXDB's stated figures (its documents; nothing in its repository measures them). */
export const CXDB_STATED = { appendP50Ms: 1, appendP99Ms: 10, appendsPerSec: 10_000, last64P50Ms: 1 };

const WRITERS = 32;
const TYPE = { typeId: "cxdb.ConversationItem", typeVersion: 3 };

/**
 * Runs the cxdb suite.
 * @param options.scale divides the operation counts (10 for --quick)
 * @param options.rounds timed rounds (each runs every variant once, in a rotating order)
 * @param options.dist `dist/index.js` of another build to measure instead of `@darkfactory/cxdb`
 *   (default `$CXDB_BENCH_DIST`)
 * @returns `{ id, title, params, rows }`
 * @throws Error when a read returns fewer turns than asked for (the figures would not compare)
 */
export async function runCxdbSuite({ scale = 1, rounds = 3, gc, log = () => {}, dist = process.env.CXDB_BENCH_DIST }) {
  const cxdb = await import(dist ? pathToFileURL(dist).href : "@darkfactory/cxdb");
  const version = dist ?? JSON.parse(readFileSync(cxdbPackage, "utf8")).version;
  const Database = cxdbRequire("better-sqlite3");
  const sqliteVersion = JSON.parse(readFileSync(cxdbRequire.resolve("better-sqlite3/package.json"), "utf8")).version;
  const n = (count) => Math.max(WRITERS, Math.round(count / scale));
  const sizes = {
    lib1: n(800),
    lib32: n(1600),
    http1: n(300),
    http32: n(1000),
    bin1: n(600),
    bin32: n(1600),
    peer: n(800),
    readsLib: n(200),
    readsCold: n(60),
    readsBin: n(100),
    readsHttp: n(60),
  };
  const payloads = new TurnPayloads();
  const run = tempRunDir();
  const libFile = join(run.path, "lib", "cxdb.sqlite");
  mkdirSync(join(run.path, "server"), { recursive: true });
  const peerFile = join(run.path, "peer.sqlite");

  log(`cxdb: ${payloads.meanBytes.toFixed(0)}-byte turns, ${rounds} rounds, data under ${run.path}`);
  const store = await cxdb.openStore(libFile);
  const peer = openPeer(Database, peerFile);
  const server = await startServerChild(join(run.path, "server"), dist);
  const http = new CxdbHttpClient(`http://127.0.0.1:${server.httpPort}`);
  const binaries = await Promise.all(
    Array.from({ length: WRITERS }, () => CxdbBinaryClient.connect({ port: server.binaryPort, requestTimeoutMs: 0 })),
  );
  let cold;
  try {
    const libContexts = Array.from({ length: WRITERS }, () => store.createContext().contextId);
    const srvContexts = [];
    for (let i = 0; i < WRITERS; i++) srvContexts.push((await http.createContext()).contextId);
    // A build without group commit (CXDB_BENCH_DIST) runs the 32 writers on store.append.
    const grouped = typeof store.appendAsync === "function";
    const asyncAppend = grouped
      ? (ctx, input) => store.appendAsync(ctx, input)
      : async (ctx, input) => store.append(ctx, input);
    const cached = store.payloadCache !== undefined;

    const appendVariants = [
      {
        name: "lib1",
        count: sizes.lib1,
        sync: (i) => store.append(libContexts[i % WRITERS], { ...TYPE, payload: payloads.next() }),
      },
      {
        name: "lib32",
        count: sizes.lib32,
        writers: WRITERS,
        op: (_i, w) => asyncAppend(libContexts[w], { ...TYPE, payload: payloads.next() }),
      },
      {
        name: "http1",
        count: sizes.http1,
        writers: 1,
        op: (i) => http.append(srvContexts[i % WRITERS], { ...TYPE, payload: payloads.next() }),
      },
      {
        name: "http32",
        count: sizes.http32,
        writers: WRITERS,
        op: (_i, w) => http.append(srvContexts[w], { ...TYPE, payload: payloads.next() }),
      },
      {
        name: "bin1",
        count: sizes.bin1,
        writers: 1,
        op: (i) => binaries[0].appendTurn({ contextId: srvContexts[i % WRITERS], ...TYPE, payload: payloads.next() }),
      },
      {
        name: "bin32",
        count: sizes.bin32,
        writers: WRITERS,
        op: (_i, w) => binaries[w].appendTurn({ contextId: srvContexts[w], ...TYPE, payload: payloads.next() }),
      },
      { name: "peer", count: sizes.peer, sync: (i) => peer.insert.run(i % WRITERS, payloads.next()) },
    ];
    log(`cxdb: appends (${appendVariants.map((v) => `${v.name} ${v.count}`).join(", ")} per round)`);
    const appends = await measureRounds(appendVariants, { rounds, gc });

    // Every context needs 64 turns for the reads (a --quick run appends fewer).
    for (const ctx of libContexts) {
      for (let d = store.getHead(ctx).headDepth; d < 64; d++) store.append(ctx, { ...TYPE, payload: payloads.next() });
    }
    for (const ctx of srvContexts) {
      const head = await binaries[0].getHead(ctx);
      for (let d = head.headDepth; d < 64; d++) {
        await binaries[0].appendTurn({ contextId: ctx, ...TYPE, payload: payloads.next() });
      }
    }
    for (let ctx = 0; ctx < WRITERS; ctx++) {
      const have = peer.countIn.get(ctx).n;
      for (let k = have; k < 64; k++) peer.insert.run(ctx, payloads.next());
    }
    cold = await cxdb.openStore(libFile, { payloadCacheBytes: 0 });
    const last64 = (turns) => {
      if (turns.length !== 64) throw new Error(`a last-64 read returned ${turns.length} turns`);
    };
    const readVariants = [
      {
        name: "lib",
        count: sizes.readsLib,
        sync: (i) => last64(store.getLast(libContexts[i % WRITERS], 64, { includePayload: true })),
      },
      {
        name: "cold",
        count: sizes.readsCold,
        sync: (i) => last64(cold.getLast(libContexts[i % WRITERS], 64, { includePayload: true })),
      },
      {
        name: "bin",
        count: sizes.readsBin,
        writers: 1,
        op: async (i) =>
          last64(await binaries[0].getLast(srvContexts[i % WRITERS], { limit: 64, includePayload: true })),
      },
      {
        name: "http",
        count: sizes.readsHttp,
        writers: 1,
        op: async (i) => last64((await http.getTurns(srvContexts[i % WRITERS], { limit: 64, view: "raw" })).turns),
      },
      { name: "peer", count: sizes.readsLib, sync: (i) => last64(peer.last64.all(i % WRITERS)) },
    ];
    log("cxdb: last-64 reads");
    const reads = await measureRounds(readVariants, { rounds, gc });

    const stats = store.stats();
    cold.close();
    store.close(); // the last connection: checkpoints the WAL into the file
    const fileBytes = statSync(libFile).size + sizeOr0(`${libFile}-wal`);
    const peerRows = peer.count.get().n;
    peer.db.close();
    const peerFileBytes = statSync(peerFile).size + sizeOr0(`${peerFile}-wal`);
    const groups = typeof store.groupCommit === "object" ? store.groupCommit : undefined;

    return {
      id: "cxdb",
      title: `Context store: ${(payloads.meanBytes / 1024).toFixed(0)} KB turns, synchronous=FULL on disk`,
      params: {
        cxdb: version,
        betterSqlite3: sqliteVersion,
        payloadBytes: Math.round(payloads.meanBytes),
        rounds,
        sizes,
        dataDir: run.path,
        stated: CXDB_STATED,
      },
      rows: buildRows({
        appends,
        reads,
        stats,
        fileBytes,
        peerRows,
        peerFileBytes,
        groups,
        sqliteVersion,
        grouped,
        cached,
      }),
    };
  } finally {
    if (cold !== undefined && !cold.isClosed) cold.close();
    if (!store.isClosed) store.close();
    if (peer.db.open) peer.db.close();
    await Promise.allSettled(binaries.map((b) => b.close()));
    server.child.kill("SIGKILL");
    await server.exited;
    run.remove();
  }
}

/** The peer: one table, one 10 KB row per INSERT, each its own transaction (WAL, synchronous=FULL). */
function openPeer(Database, file) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE turns (id INTEGER PRIMARY KEY, ctx INTEGER NOT NULL, data BLOB NOT NULL)");
  db.exec("CREATE INDEX turns_ctx ON turns(ctx, id)");
  return {
    db,
    insert: db.prepare("INSERT INTO turns (ctx, data) VALUES (?, ?)"),
    last64: db.prepare("SELECT id, data FROM turns WHERE ctx = ? ORDER BY id DESC LIMIT 64"),
    count: db.prepare("SELECT count(*) AS n FROM turns"),
    countIn: db.prepare("SELECT count(*) AS n FROM turns WHERE ctx = ?"),
  };
}

/** Starts the server child on `dataDir` and waits for its "ready" line. */
function startServerChild(dataDir, dist) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serverScript, dataDir, dist ?? ""], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise((done) => child.once("exit", done));
    let out = "";
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (c) => {
      err += c;
    });
    child.stdout.setEncoding("utf8").on("data", (c) => {
      out += c;
      const m = /^ready (\d+) (\d+)$/m.exec(out);
      if (m) resolve({ child, httpPort: Number(m[1]), binaryPort: Number(m[2]), exited });
    });
    child.once("error", reject);
    exited.then((code) => reject(new Error(`cxdb server exited (${code}) before it was ready: ${err}`)));
  });
}

/**
 * Runs every variant once per round (order rotating), after one untimed warm-up round at a quarter
 * of the size. A variant is `{ name, count, sync(i) }` (a synchronous loop) or
 * `{ name, count, writers, op(i, writer) }` (that many concurrent loops, each awaiting its op).
 * @returns Map name → `{ latencies (all rounds), perSec (median of the rounds) }`
 */
async function measureRounds(variants, { rounds, gc }) {
  const out = new Map(variants.map((v) => [v.name, { latencies: [], rates: [] }]));
  for (let round = -1; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(Math.max(0, round) + k) % variants.length];
      const count = round < 0 ? Math.max(1, Math.ceil(v.count / 4)) : v.count;
      await yieldToEventLoop();
      gc?.();
      const { latencies, ms } = v.sync ? timeSync(v.sync, count) : await timeWriters(v.op, count, v.writers);
      if (round < 0) continue;
      const slot = out.get(v.name);
      slot.latencies.push(...latencies);
      slot.rates.push((count / ms) * 1000);
    }
  }
  return new Map(
    [...out].map(([name, { latencies, rates }]) => {
      const sorted = latencies.sort((a, b) => a - b);
      const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      return [name, { p50: at(0.5), p99: at(0.99), max: sorted.at(-1), count: sorted.length, perSec: median(rates) }];
    }),
  );
}

function timeSync(fn, count) {
  const latencies = new Array(count);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    fn(i);
    latencies[i] = performance.now() - t;
  }
  return { latencies, ms: performance.now() - started };
}

async function timeWriters(op, count, writers) {
  const latencies = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await op(i, w);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  return { latencies, ms: performance.now() - started };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function sizeOr0(file) {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const f2 = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rate = (x) => Math.round(x).toLocaleString("en-US");

/** "p50 … · p99 … · N/s", and how that stands against CXDB's stated append figures. */
function appendNotes(m, writers) {
  const s = CXDB_STATED;
  const checks = [
    `p50 ${m.p50 < s.appendP50Ms ? "<" : "≥"} ${s.appendP50Ms} ms`,
    `p99 ${m.p99 < s.appendP99Ms ? "<" : "≥"} ${s.appendP99Ms} ms`,
    `${(m.perSec / s.appendsPerSec).toFixed(2)}× its ~${rate(s.appendsPerSec)}/s`,
  ];
  return `p50 ${f2(m.p50)} ms · p99 ${f2(m.p99)} ms · ${rate(m.perSec)} appends/s (${writers}) | vs CXDB stated: ${checks.join(", ")}`;
}

function buildRows({
  appends,
  reads,
  stats,
  fileBytes,
  peerRows,
  peerFileBytes,
  groups,
  sqliteVersion,
  grouped,
  cached,
}) {
  const peerName = `better-sqlite3 ${sqliteVersion} INSERT`;
  const peer = appends.get("peer");
  const latencyRow = (name, kind, m, extra) =>
    row(
      name,
      kind,
      { ms: m.p50 },
      { p50Ms: round(m.p50), p99Ms: round(m.p99), perSec: Math.round(m.perSec), ops: m.count, ...extra },
    );
  const perAppend = (m) => ({ ms: 1000 / m.perSec, unit: "append" });
  const appendRow = (key, name, writers) => {
    const m = appends.get(key);
    const ratio =
      writers === 1
        ? compare(m.p50, peer.p50, `${peerName} (p50)`)
        : compare(1000 / m.perSec, 1000 / peer.perSec, `${peerName} (appends/s)`);
    return latencyRow(name, "ours", m, {
      perUnit: perAppend(m),
      ...ratio,
      notes: appendNotes(m, writers === 1 ? "1 writer" : `${writers} writers`),
    });
  };
  const readRow = (key, name, kind, notes) => {
    const m = reads.get(key);
    const stated = CXDB_STATED.last64P50Ms;
    return latencyRow(name, kind, m, {
      ...(kind === "ours"
        ? compare(m.p50, reads.get("peer").p50, `${peerName.replace("INSERT", "SELECT")} (p50)`)
        : {}),
      notes: `p50 ${f2(m.p50)} ms · p99 ${f2(m.p99)} ms${kind === "ours" ? ` | vs CXDB stated: p50 ${m.p50 < stated ? "<" : "≥"} ${stated} ms` : ""}; ${notes}`,
    });
  };
  const turns = stats.turns;
  return [
    appendRow("lib1", "ours: library store.append, 1 writer", 1),
    appendRow(
      "lib32",
      grouped
        ? "ours: library store.appendAsync, 32 writers (group commit)"
        : "ours: library store.append, 32 async writers (no group commit)",
      WRITERS,
    ),
    appendRow("http1", "ours: HTTP POST …/append (CxdbHttpClient), 1 writer", 1),
    appendRow("http32", "ours: HTTP POST …/append, 32 writers", WRITERS),
    appendRow("bin1", "ours: binary APPEND_TURN (CxdbBinaryClient), 1 writer", 1),
    appendRow("bin32", "ours: binary APPEND_TURN, 32 connections", WRITERS),
    latencyRow(`peer: ${peerName} of the same 10 KB row, 1 transaction each`, "peer", peer, {
      perUnit: perAppend(peer),
      notes: `p50 ${f2(peer.p50)} ms · p99 ${f2(peer.p99)} ms · ${rate(peer.perSec)} rows/s; WAL + synchronous=FULL, no hash, no compression: the floor of one fsync per append`,
    }),
    readRow(
      "lib",
      "ours: library getLast(64, payloads), warm",
      "ours",
      cached ? "payloads from the decompressed-payload cache" : "this build has no payload cache",
    ),
    readRow(
      "cold",
      "ours: library getLast(64, payloads), cache off",
      "ours",
      "payloadCacheBytes 0: 64 zstd decompressions per read",
    ),
    readRow("bin", "ours: binary GET_LAST 64 with payloads", "ours", "client-observed, server in another process"),
    readRow("http", "ours: HTTP GET …/turns?limit=64&view=raw", "ours", "client-observed; payloads as base64 JSON"),
    readRow(
      "peer",
      `peer: ${peerName.replace("INSERT", "SELECT")} of the last 64 rows`,
      "peer",
      "raw rows, nothing to decompress",
    ),
    row(
      "storage: bytes per turn (library store)",
      "derived",
      { ms: undefined },
      {
        bytesPerTurn: Math.round(fileBytes / turns),
        blobStoredPerTurn: Math.round(stats.blobStoredBytes / turns),
        blobRawPerTurn: Math.round(stats.blobRawBytes / turns),
        notes:
          `${turns} turns: database file ${rate(fileBytes / turns)} B/turn after close; blobs ${rate(stats.blobStoredBytes / turns)} B stored for ` +
          `${rate(stats.blobRawBytes / turns)} B raw (zstd ${(stats.blobRawBytes / stats.blobStoredBytes).toFixed(2)}×); ` +
          `peer file ${rate(peerFileBytes / peerRows)} B/row` +
          (groups ? `; group commit: ${groups.units} appends in ${groups.groups} groups` : ""),
      },
    ),
  ];
}
