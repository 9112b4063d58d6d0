/**
 * Suite 2: run a 1,000-node linear pipeline in simulation and split the time per node into the
 * checkpoint write and everything else (status.json, events.ndjson, stage files, directories,
 * engine CPU).
 * @module
 */
import { accessSync, constants } from "node:fs";
import { generateLinearPipeline } from "./generate.mjs";
import { replayCheckpointWrites, sizedCheckpoints } from "./lib/checkpoint-replay.mjs";
import { engine, tempRunDir } from "./lib/engine.mjs";
import { installFsProbe } from "./lib/fs-probe.mjs";
import { plainFsFloor } from "./lib/plain-fs-floor.mjs";
import { compare, row } from "./lib/rows.mjs";
import { timeInterleaved, yieldToEventLoop } from "./lib/stats.mjs";

/** A tmpfs to compare against, when there is one. */
const TMPFS = "/dev/shm";

/**
 * Runs the linear suite.
 * @param options.nodes pipeline size including start and exit (default 1,000)
 * @param options.runs timed runs per measurement (median reported); options.warmup untimed runs first
 * @param options.gc a `gc()` function, or undefined
 * @param options.log progress sink `(line) => void`
 * @returns `{ id, title, params, rows, breakdown }`
 * @throws Error when a run does not complete every node: the figures would not be comparable
 */
export async function runLinearSuite({ nodes = 1000, runs = 7, warmup = 1, gc, log = () => {} }) {
  const graph = engine.parseDot(generateLinearPipeline(nodes).source);
  const perNode = (ms) => ({ ms: ms / nodes, unit: "node" });
  // Run directories are removed at the end, so deleting thousands of files never overlaps a timed run.
  const dirs = [];
  const newDir = (root) => {
    const dir = tempRunDir(root);
    dirs.push(dir);
    return dir;
  };
  const run = (dir) => engine.runPipeline(graph, { logsRoot: dir.path, skipValidation: true });
  const check = (_input, result) => {
    if (result.status !== "success" || result.completedNodes.length !== nodes) {
      throw new Error(`linear run ended ${result.status} after ${result.completedNodes.length} of ${nodes} nodes`);
    }
  };

  try {
    const instrumented = Math.max(1, Math.ceil(runs / 2));
    log(`linear: ${nodes}-node run, ${instrumented} instrumented runs (fs calls timed by file)`);
    const { probed, finalCheckpoint } = await instrumentedRuns(graph, nodes, instrumented, newDir);
    const checkpoints = sizedCheckpoints(finalCheckpoint, nodes);

    const tmpfsRoot = isWritable(TMPFS) ? TMPFS : undefined;
    log(`linear: real, stubbed-checkpoint${tmpfsRoot ? ", tmpfs" : ""}, replay and floor variants, interleaved`);
    const timings = await timeInterleaved(
      [
        { name: "real", setup: () => newDir(), fn: run, teardown: check },
        {
          name: "stubbed",
          setup: () => ({ dir: newDir(), probe: installFsProbe({ stubCheckpointIo: true, time: false }) }),
          fn: ({ dir }) => run(dir),
          teardown: ({ probe }, result) => {
            probe.uninstall();
            check(undefined, result);
          },
        },
        ...(tmpfsRoot ? [{ name: "tmpfs", setup: () => newDir(tmpfsRoot), fn: run, teardown: check }] : []),
        {
          name: "saved",
          setup: () => newDir(),
          fn: (dir) => replayCheckpointWrites(checkpoints, dir.path, "saveCheckpoint"),
        },
        {
          name: "serialize",
          setup: () => newDir(),
          fn: (dir) => replayCheckpointWrites(checkpoints, dir.path, "serialize"),
        },
        {
          name: "bare",
          setup: () => newDir(),
          fn: (dir) => replayCheckpointWrites(checkpoints, dir.path, "writeFileSync"),
        },
        { name: "floor", setup: () => newDir(), fn: (dir) => plainFsFloor(checkpoints, dir.path) },
      ],
      { runs, warmup, gc },
    );
    const names = ["real", "stubbed", "tmpfs", "saved", "serialize", "bare", "floor"];
    const [real, stubbed, tmpfs, saved, serialize, bare, floor] = names.map((k) => timings.get(k));
    const checkpointBytes = Buffer.byteLength(JSON.stringify(engine.checkpointToJson(checkpoints.at(-1)), null, 2));
    return linearResult({
      nodes,
      runs,
      warmup,
      instrumented,
      tmpfsRoot,
      real,
      stubbed,
      tmpfs,
      saved,
      serialize,
      checkpointBytes,
      bare,
      floor,
      probed,
      perNode,
    });
  } finally {
    for (const dir of dirs) dir.remove();
  }
}

function linearResult({
  nodes,
  serialize,
  checkpointBytes,
  runs,
  warmup,
  instrumented,
  tmpfsRoot,
  real,
  stubbed,
  tmpfs,
  saved,
  bare,
  floor,
  probed,
  perNode,
}) {
  const overhead = { ms: real.ms - saved.ms, cpuMs: real.cpuMs - saved.cpuMs };
  const floorName = "plain-fs floor";
  const rows = [
    row(`ours: runPipeline, ${nodes}-node linear, simulated`, "ours", real, {
      perUnit: perNode(real.ms),
      peer: floorName,
      ...compare(real.ms, floor.ms, floorName),
      notes: "everything: checkpoint (fsync) + status.json + events.ndjson + prompt/response.md + mkdir + engine",
    }),
    row("ours: checkpoint writes alone (saveCheckpoint replayed)", "ours", saved, {
      perUnit: perNode(saved.ms),
      peer: "bare writeFileSync",
      ...compare(saved.ms, bare.ms, "bare writeFileSync"),
      notes: `${nodes} saveCheckpoint calls with the run's checkpoint sizes (temp file + fsync + rename, compact JSON)`,
    }),
    row("ours: checkpoint serialization alone (replayed, no I/O)", "ours", serialize, {
      perUnit: perNode(serialize.ms),
      notes: `checkpointToJson + JSON.stringify of the same checkpoints; the last is ${(checkpointBytes / 1024).toFixed(0)} KB`,
    }),
    row("ours: engine overhead excl. checkpoint writes (run - replay)", "derived", overhead, {
      perUnit: perNode(overhead.ms),
      notes: "aim: < 1 ms/node; includes status.json, events.ndjson, stage files, mkdir and engine CPU",
    }),
    row("ours: runPipeline, checkpoint file I/O stubbed out", "ours", stubbed, {
      perUnit: perNode(stubbed.ms),
      notes: "direct measure of the line above (checkpoint JSON still built and serialized)",
    }),
    ...(tmpfs
      ? [
          row(`ours: runPipeline, run directory on tmpfs (${tmpfsRoot})`, "ours", tmpfs, {
            perUnit: perNode(tmpfs.ms),
            notes: "same run with (nearly) free file I/O: fsync is a no-op on tmpfs",
          }),
        ]
      : []),
    row("peer: bare writeFileSync(JSON.stringify(checkpoint)) per node", "peer", bare, {
      perUnit: perNode(bare.ms),
      notes: "same checkpoints, compact JSON, no temp file, no fsync, no rename",
    }),
    row(`peer: ${floorName} (same files per node, plain fs calls)`, "peer", floor, {
      perUnit: perNode(floor.ms),
      notes: "mkdir + prompt.md + response.md + status.json + checkpoint.json + 4 event lines, no fsync/rename",
    }),
  ];
  return {
    id: "linear",
    title: `Run a ${nodes.toLocaleString("en")}-node linear pipeline in simulation`,
    params: { nodes, runs, warmup, instrumentedRuns: instrumented, tmpfs: tmpfsRoot ?? null },
    rows,
    breakdown: breakdownRows(probed, nodes),
  };
}

async function withProbe(options, fn) {
  const probe = installFsProbe(options);
  try {
    return await fn(probe);
  } finally {
    probe.uninstall();
  }
}

/**
 * `count` runs with every fs call timed; returns the run with the median total (so its parts add
 * up) and the last run's final checkpoint, for the replay.
 */
async function instrumentedRuns(graph, nodes, count, newDir) {
  const all = [];
  let finalCheckpoint;
  for (let i = 0; i < count; i++) {
    const dir = newDir();
    const probed = await withProbe({}, async (probe) => {
      const started = performance.now();
      const result = await engine.runPipeline(graph, { logsRoot: dir.path, skipValidation: true });
      const totalMs = performance.now() - started;
      if (result.completedNodes.length !== nodes) {
        throw new Error(`instrumented run completed ${result.completedNodes.length} of ${nodes} nodes`);
      }
      return { totalMs, categories: probe.report() };
    });
    all.push(probed);
    finalCheckpoint = engine.loadCheckpoint(`${dir.path}/checkpoint.json`);
    await yieldToEventLoop();
  }
  all.sort((a, b) => a.totalMs - b.totalMs);
  return { probed: all[(all.length - 1) >> 1], finalCheckpoint };
}

const LABELS = {
  checkpoint: "checkpoint.json file I/O (open, write, fsync, close, rename)",
  checkpoint_serialize: "checkpoint JSON.stringify",
  status: "status.json (atomic write, clear, existence check)",
  events: "events.ndjson appends",
  event_serialize: "event JSON.stringify",
  stage_file: "prompt.md / response.md writes",
  stage_dir: "stage directory mkdir",
  manifest: "manifest.json",
  other: "other fs calls",
};

/** The instrumented run's time by category, plus the remainder (engine CPU and the probe's own cost). */
function breakdownRows({ totalMs, categories }, nodes) {
  const rows = [];
  let accounted = 0;
  const ordered = Object.entries(categories).sort((a, b) => b[1].ms - a[1].ms);
  for (const [category, { ms, calls, byOp }] of ordered) {
    accounted += ms;
    const fsync = byOp.fsyncSync;
    rows.push(
      row(
        LABELS[category] ?? category,
        "breakdown",
        { ms },
        {
          perUnit: { ms: ms / nodes, unit: "node" },
          share: ms / totalMs,
          calls,
          byOp,
          notes: `${calls} calls, ${((100 * ms) / totalMs).toFixed(1)}% of the run${fsync ? `; fsync ${fsync.ms.toFixed(0)} ms` : ""}`,
        },
      ),
    );
  }
  const rest = totalMs - accounted;
  rows.push(
    row(
      "engine CPU and everything not listed",
      "breakdown",
      { ms: rest },
      {
        perUnit: { ms: rest / nodes, unit: "node" },
        share: rest / totalMs,
        notes: `${((100 * rest) / totalMs).toFixed(1)}% of the run; includes checkpointToJson, context snapshots, edge selection`,
      },
    ),
  );
  rows.unshift(
    row(
      "instrumented run, total",
      "breakdown",
      { ms: totalMs },
      {
        perUnit: { ms: totalMs / nodes, unit: "node" },
        share: 1,
        notes: "the median of the instrumented runs (every fs call timed; the probe adds a little time)",
      },
    ),
  );
  return rows;
}

function isWritable(path) {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
