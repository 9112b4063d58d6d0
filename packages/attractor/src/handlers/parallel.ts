/**
 * Parallel handler (attractor-spec §4.8): runs the branch of every unconditional outgoing edge
 * concurrently (at most `max_parallel` at a time, default 4), each with an isolated clone of the context, then applies
 * the join policy and continues at the fan-in node the branches converge on.
 *
 * Node attributes: `join_policy` = `wait_all` (default) | `first_success` (cancel the rest once
 * one branch succeeds); `error_policy` = `continue` (default) | `fail_fast` (cancel the rest once
 * one branch fails); `max_parallel` (integer >= 1).
 * @module
 */
import { setMaxListeners } from "node:events";
import type { Context, ContextValue } from "../engine/context.js";
import { isSuccessful, type Outcome, outcomeWord } from "../engine/outcome.js";
import { readInt } from "../model/attributes.js";
import type { Graph, Node } from "../model/graph.js";
import type { BranchResult, Handler, StageRuntime } from "./types.js";

/** Default bound on concurrently running branches (§4.8). */
export const DEFAULT_MAX_PARALLEL = 4;

/** One branch's result as stored in the `parallel.results` context key (read by fan-in). */
export interface ParallelResultEntry {
  /** Branch id: the node the branch started at. */
  id: string;
  status: Outcome["status"];
  /** The outcome word conditions see (custom outcome or status). */
  outcome: string;
  notes?: string;
  failure_reason?: string;
  /** Optional numeric score a branch reported in its context (`score` key), for fan-in ranking. */
  score?: number;
  completed_nodes: string[];
  /** Context keys the branch set or changed. */
  context_updates: Record<string, ContextValue>;
  /** The fan-in (or exit) node the branch stopped before, if any. */
  join_node?: string;
}

/** The fan-out handler (component). */
export class ParallelHandler implements Handler {
  async execute(
    node: Node,
    context: Context,
    graph: Graph,
    _logsRoot: string,
    runtime: StageRuntime,
  ): Promise<Outcome> {
    // Edges with a condition route the fan-out's outcome (e.g. `outcome=fail`); the rest are branches.
    const edges = graph.outgoing(node.id).filter((e) => (e.attrs.get("condition") ?? "").trim() === "");
    if (edges.length === 0) {
      return {
        status: "fail",
        failureReason: `parallel node '${node.id}' has no unconditional outgoing edges to fan out to`,
      };
    }
    const joinPolicy = node.attrs.get("join_policy") ?? "wait_all";
    const errorPolicy = node.attrs.get("error_policy") ?? "continue";
    const maxParallel = Math.max(1, readInt(node.attrs, "max_parallel") ?? DEFAULT_MAX_PARALLEL);
    const started = Date.now();
    runtime.emit({ type: "parallel_started", nodeId: node.id, branchCount: edges.length, maxParallel });

    const stopRest = new AbortController();
    // Every running branch stage listens to this signal; hundreds of branches are legitimate.
    setMaxListeners(0, stopRest.signal);
    const onAbort = () => stopRest.abort(runtime.signal.reason);
    runtime.signal.addEventListener("abort", onAbort, { once: true });
    const parentSnapshot = context.snapshot();
    const results: Array<BranchResult | undefined> = new Array(edges.length);
    let next = 0;
    const worker = async () => {
      while (next < edges.length && !stopRest.signal.aborted) {
        const index = next++;
        const edge = edges[index];
        runtime.emit({ type: "parallel_branch_started", nodeId: node.id, branchId: edge.to, index });
        let result: BranchResult;
        try {
          result = await runtime.runBranch(edge.to, context.clone(), {
            branchPath: `${runtime.branchPath ? `${runtime.branchPath}/` : ""}${node.id}/${edge.to}`,
            signal: stopRest.signal,
            incoming: edge,
          });
        } catch (error) {
          // Cancelled because the join was already decided: the branch simply does not count.
          if (stopRest.signal.aborted && !runtime.signal.aborted) continue;
          throw error;
        }
        results[index] = result;
        const success = isSuccessful(result.outcome.status);
        runtime.emit({
          type: "parallel_branch_completed",
          nodeId: node.id,
          branchId: edge.to,
          index,
          durationMs: result.durationMs,
          success,
        });
        if ((joinPolicy === "first_success" && success) || (errorPolicy === "fail_fast" && !success)) {
          stopRest.abort("parallel join satisfied");
        }
      }
    };
    try {
      const settled = await Promise.allSettled(Array.from({ length: Math.min(maxParallel, edges.length) }, worker));
      const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
      if (failure) throw failure.reason;
    } finally {
      runtime.signal.removeEventListener("abort", onAbort);
    }

    const finished = results.filter((r): r is BranchResult => r !== undefined);
    const entries = finished.map((r) => toEntry(r, parentSnapshot));
    const successCount = finished.filter((r) => isSuccessful(r.outcome.status)).length;
    const failureCount = finished.length - successCount;
    runtime.emit({
      type: "parallel_completed",
      nodeId: node.id,
      durationMs: Date.now() - started,
      successCount,
      failureCount,
    });

    const joins = new Set(finished.map((r) => r.joinNodeId).filter((j): j is string => j !== undefined));
    if (joins.size > 1) {
      return {
        status: "fail",
        failureReason: `branches of '${node.id}' converge on different nodes: ${[...joins].join(", ")}`,
      };
    }
    const contextUpdates: Record<string, ContextValue> = {
      "parallel.results": entries,
      "parallel.branch_count": edges.length,
      "parallel.success_count": successCount,
      "parallel.failure_count": failureCount,
    };
    for (const entry of entries) {
      for (const [key, value] of Object.entries(entry.context_updates))
        contextUpdates[`parallel.${node.id}.${entry.id}.${key}`] = value;
    }
    const [join] = joins;
    const base = { contextUpdates, ...(join ? { jumpTo: join } : {}) };
    const summary = `${successCount}/${edges.length} branches succeeded`;
    if (joinPolicy === "first_success") {
      return successCount > 0
        ? { ...base, status: "success", notes: summary }
        : { ...base, status: "fail", failureReason: `no branch succeeded (${summary})` };
    }
    if (failureCount === 0 && finished.length === edges.length) return { ...base, status: "success", notes: summary };
    if (successCount === 0)
      return { ...base, status: "fail", failureReason: `every branch failed: ${firstReasons(finished)}` };
    return { ...base, status: "partial_success", notes: `${summary}; failed: ${firstReasons(finished)}` };
  }
}

function toEntry(r: BranchResult, parent: Record<string, ContextValue>): ParallelResultEntry {
  const after = r.context.snapshot();
  const changed: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(after)) {
    if (key === "current_node" || key.startsWith("internal.") || key.startsWith("parallel.")) continue;
    if (JSON.stringify(parent[key]) !== JSON.stringify(value)) changed[key] = value;
  }
  const score = Number(after.score);
  return {
    id: r.id,
    status: r.outcome.status,
    outcome: outcomeWord(r.outcome),
    ...(r.outcome.notes ? { notes: r.outcome.notes } : {}),
    ...(r.outcome.failureReason ? { failure_reason: r.outcome.failureReason } : {}),
    ...(after.score !== undefined && Number.isFinite(score) ? { score } : {}),
    completed_nodes: r.completedNodes,
    context_updates: changed,
    ...(r.joinNodeId ? { join_node: r.joinNodeId } : {}),
  };
}

function firstReasons(results: BranchResult[]): string {
  return results
    .filter((r) => !isSuccessful(r.outcome.status))
    .map((r) => `${r.id} (${r.outcome.failureReason ?? r.outcome.status})`)
    .join(", ");
}
