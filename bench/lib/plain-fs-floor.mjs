/**
 * The plain-fs floor: what writing the same files as a simulated linear run costs with the
 * plainest fs calls (no temp file, no fsync, no rename), as a reference for the engine's run.
 * @module
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { engine } from "./engine.mjs";

/**
 * Per node: mkdir the stage directory, write prompt.md, response.md and status.json, write
 * checkpoint.json (the run's checkpoint at that size), append four event lines.
 * @param checkpoints from `sizedCheckpoints`, one per node
 * @param dir the run directory (must exist)
 */
export function plainFsFloor(checkpoints, dir) {
  const events = join(dir, "events.ndjson");
  for (const cp of checkpoints) {
    const id = cp.currentNode;
    const stage = join(dir, id);
    mkdirSync(stage, { recursive: true });
    writeFileSync(join(stage, "prompt.md"), `Do step of ${id}`);
    writeFileSync(join(stage, "response.md"), `[Simulated] Response for stage: ${id}`);
    writeFileSync(join(stage, "status.json"), JSON.stringify({ outcome: "success", notes: `Stage completed: ${id}` }));
    writeFileSync(join(dir, "checkpoint.json"), JSON.stringify(engine.checkpointToJson(cp)));
    for (const type of ["stage_started", "stage_completed", "checkpoint_saved", "edge_selected"]) {
      appendFileSync(events, `${JSON.stringify({ ts: new Date().toISOString(), type, nodeId: id })}\n`);
    }
  }
}
