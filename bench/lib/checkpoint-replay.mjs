/**
 * Checkpoint writes replayed outside the engine: the checkpoints a linear run writes, rebuilt at
 * the same sizes from its final checkpoint, written with the engine's `saveCheckpoint` or with a
 * bare `writeFileSync`.
 * @module
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { engine } from "./engine.mjs";

/**
 * The checkpoints a linear run of `count` nodes writes, one per completed node: the k-th holds
 * the first k completed nodes and their outcomes (the context is the final one, which a
 * simulated linear run keeps at a constant size).
 * @param final the run's last checkpoint (from `loadCheckpoint`)
 */
export function sizedCheckpoints(final, count) {
  const ids = final.completedNodes;
  const all = [];
  for (let k = 1; k <= Math.min(count, ids.length); k++) {
    const completed = ids.slice(0, k);
    const outcomes = {};
    for (const id of completed) if (final.nodeOutcomes[id]) outcomes[id] = final.nodeOutcomes[id];
    all.push({
      ...final,
      currentNode: completed[k - 1],
      completedNodes: completed,
      nodeOutcomes: outcomes,
      status: "running",
    });
  }
  return all;
}

/**
 * Writes every checkpoint to `{dir}/checkpoint.json`, in order.
 * @param how `saveCheckpoint` (the engine: compact snake_case JSON, temp file + fsync + rename),
 *   `serialize` (the engine's serialization alone, nothing written: `checkpointToJson`, then
 *   `JSON.stringify` as `saveCheckpoint` does) or `writeFileSync` (the peer: the same JSON,
 *   written in place: no temp file, no fsync, no rename)
 * @returns the total length of the serialized JSON for `serialize`, else undefined
 */
export function replayCheckpointWrites(checkpoints, dir, how) {
  const path = join(dir, "checkpoint.json");
  if (how === "serialize") {
    let chars = 0;
    for (const cp of checkpoints) chars += JSON.stringify(engine.checkpointToJson(cp)).length;
    return chars;
  }
  if (how === "saveCheckpoint") {
    for (const cp of checkpoints) engine.saveCheckpoint(path, cp);
  } else {
    for (const cp of checkpoints) writeFileSync(path, JSON.stringify(engine.checkpointToJson(cp)));
  }
}
