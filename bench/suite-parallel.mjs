/**
 * Suite 3: run a 100-branch fan-out pipeline in simulation at a few `max_parallel` values, against
 * the same codergen stages run one after another in a linear pipeline.
 * @module
 */
import { generateLinearPipeline, generateParallelPipeline } from "./generate.mjs";
import { engine, tempRunDir } from "./lib/engine.mjs";
import { compare, row } from "./lib/rows.mjs";
import { timeInterleaved } from "./lib/stats.mjs";

/**
 * Runs the parallel suite.
 * @param options.branches branch count (default 100)
 * @param options.maxParallel the `max_parallel` values to measure (default: branches, 4, 1)
 * @param options.runs timed runs per measurement (median reported); options.warmup untimed runs first
 * @param options.gc a `gc()` function, or undefined
 * @param options.log progress sink `(line) => void`
 * @returns `{ id, title, params, rows }`
 * @throws Error when a run does not execute every branch: the figures would not be comparable
 */
export async function runParallelSuite({ branches = 100, maxParallel, runs = 7, warmup = 1, gc, log = () => {} }) {
  const limits = maxParallel ?? [...new Set([branches, 4, 1])];
  const perBranch = (ms) => ({ ms: ms / branches, unit: "branch" });
  const peerName = "linear run of the same stages";
  const dirs = [];
  const newDir = () => {
    const dir = tempRunDir();
    dirs.push(dir);
    return dir;
  };
  const variant = (name, graph, check) => ({
    name,
    setup: newDir,
    fn: (dir) => engine.runPipeline(graph, { logsRoot: dir.path, skipValidation: true }),
    teardown: (_dir, result) => check(result),
  });

  // Peer: the same codergen stages, run one after another (start + branches + exit).
  const linear = engine.parseDot(generateLinearPipeline(branches + 2).source);
  const variants = [
    variant("peer", linear, (result) => expect(result.status === "success", `linear peer ended ${result.status}`)),
    ...limits.map((limit) =>
      variant(
        `max_parallel=${limit}`,
        engine.parseDot(generateParallelPipeline({ branches, maxParallel: limit }).source),
        (result) => {
          expect(result.status === "success", `parallel run ended ${result.status}`);
          // start, fan_out, join and exit run at the top level; the branches' outcomes are recorded too.
          expect(Object.keys(result.nodeOutcomes).length === branches + 4, "not every branch ran");
        },
      ),
    ),
  ];
  log(`parallel: ${branches} branches at max_parallel=${limits.join(", ")} and the linear peer, interleaved`);
  let timings;
  try {
    timings = await timeInterleaved(variants, { runs, warmup, gc });
  } finally {
    for (const dir of dirs) dir.remove();
  }
  const peer = timings.get("peer");

  const rows = limits.map((limit) => {
    const timing = timings.get(`max_parallel=${limit}`);
    return row(`ours: ${branches} branches, max_parallel=${limit}`, "ours", timing, {
      perUnit: perBranch(timing.ms),
      peer: peerName,
      ...compare(timing.ms / branches, peer.ms / (branches + 2), `${peerName} (per stage)`),
      maxParallel: limit,
      notes: "start -> fan_out (component) -> branches (box) -> join (tripleoctagon) -> exit; 4 checkpoints in all",
    });
  });
  rows.push(
    row(`peer: ${peerName} (${branches + 2} nodes)`, "peer", peer, {
      perUnit: { ms: peer.ms / (branches + 2), unit: "node" },
      notes: `one checkpoint per node: ${branches + 2} checkpoints, against 4 for the fan-out`,
    }),
  );
  return {
    id: "parallel",
    title: `Run a ${branches}-branch parallel pipeline in simulation`,
    params: { branches, maxParallel: limits, runs, warmup },
    rows,
  };
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}
