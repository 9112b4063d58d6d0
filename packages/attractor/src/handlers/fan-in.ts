/**
 * Fan-in handler (attractor-spec §4.9): consolidates the `parallel.results` of the preceding
 * parallel node and selects the best branch, by asking the LLM backend when the node has a
 * `prompt`, else by the heuristic (status rank, then score, then id).
 * @module
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Context } from "../engine/context.js";
import type { Outcome, StageStatus } from "../engine/outcome.js";
import type { Graph, Node } from "../model/graph.js";
import { backendOptions, buildStagePrompt } from "./codergen.js";
import type { ParallelResultEntry } from "./parallel.js";
import type { CodergenBackend, Handler, StageRuntime } from "./types.js";

const RANK: Record<StageStatus, number> = { success: 0, partial_success: 1, retry: 2, fail: 3, skipped: 4 };

/** §4.9 heuristic: best status, then highest score, then lowest id. */
export function heuristicSelect(candidates: readonly ParallelResultEntry[]): ParallelResultEntry {
  return [...candidates].sort(
    (a, b) =>
      RANK[a.status] - RANK[b.status] || (b.score ?? 0) - (a.score ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0];
}

/**
 * Picks the candidate an LLM response names: a JSON `{"best_id": "..."}`, else the candidate id
 * mentioned first in the text. Undefined when it names none.
 */
export function parseSelection(
  response: string,
  candidates: readonly ParallelResultEntry[],
): ParallelResultEntry | undefined {
  const json = /\{[^{}]*"best_id"\s*:\s*"([^"]+)"[^{}]*\}/.exec(response);
  if (json) {
    const hit = candidates.find((c) => c.id === json[1]);
    if (hit) return hit;
  }
  let best: ParallelResultEntry | undefined;
  let bestAt = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const at = new RegExp(`\\b${c.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).exec(response)?.index ?? -1;
    if (at >= 0 && at < bestAt) {
      best = c;
      bestAt = at;
    }
  }
  return best;
}

/** The fan-in handler (tripleoctagon). */
export class FanInHandler implements Handler {
  constructor(private readonly backend: CodergenBackend | undefined) {}

  async execute(
    node: Node,
    context: Context,
    graph: Graph,
    _logsRoot: string,
    runtime: StageRuntime,
  ): Promise<Outcome> {
    const raw = context.get("parallel.results");
    const results = Array.isArray(raw) ? (raw as ParallelResultEntry[]) : [];
    if (results.length === 0) return { status: "fail", failureReason: "No parallel results to evaluate" };
    if (results.every((r) => r.status === "fail")) {
      return { status: "fail", failureReason: `all ${results.length} candidates failed` };
    }
    const eligible = results.filter((r) => r.status !== "fail");
    let best = heuristicSelect(eligible);
    let method = "heuristic";
    if (node.attrs.get("prompt") && this.backend) {
      const prompt = `${buildStagePrompt(node, graph, context)}\n\nCandidates:\n${eligible
        .map((c) => `- ${c.id}: ${c.outcome}${c.notes ? ` — ${c.notes}` : ""}`)
        .join("\n")}\n\nAnswer with {"best_id": "<candidate id>"}.`;
      writeFileSync(join(runtime.stageDir, "prompt.md"), prompt);
      const response = await this.backend.run(node, prompt, context, backendOptions(node, graph, runtime));
      const text = typeof response === "string" ? response : (response?.notes ?? "");
      writeFileSync(join(runtime.stageDir, "response.md"), text);
      const chosen = parseSelection(text, eligible);
      if (chosen) {
        best = chosen;
        method = "llm";
      }
    }
    return {
      status: "success",
      contextUpdates: { "parallel.fan_in.best_id": best.id, "parallel.fan_in.best_outcome": best.outcome },
      notes: `Selected best candidate: ${best.id} (${method})`,
    };
  }
}
