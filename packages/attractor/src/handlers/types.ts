/**
 * The handler interface (attractor-spec §4.1) and the CodergenBackend interface (§4.5).
 * @module
 */
import type { ArtifactStore } from "../engine/artifact-store.js";
import type { Context } from "../engine/context.js";
import type { PipelineEventInput } from "../engine/events.js";
import type { Outcome } from "../engine/outcome.js";
import type { Edge, Graph, Node } from "../model/graph.js";

/** Context fidelity modes (attractor-spec §5.4). */
export type FidelityMode = "full" | "truncate" | "compact" | "summary:low" | "summary:medium" | "summary:high";

/** The result of running one parallel branch to its join point. */
export interface BranchResult {
  /** Id of the node the branch started at. */
  id: string;
  outcome: Outcome;
  /** Nodes the branch executed, in order. */
  completedNodes: string[];
  /** The branch's context after it finished (isolated from the parent). */
  context: Context;
  /** The join node it stopped before, if it reached one. */
  joinNodeId: string | undefined;
  durationMs: number;
}

/** How to run a parallel branch. */
export interface BranchOptions {
  /** Display path of the branch, e.g. `fan_out/branch_a`; stage events carry it as `branch`. */
  branchPath: string;
  signal: AbortSignal;
  /** The fan-out edge into the branch (its `fidelity`/`thread_id` apply to the first node). */
  incoming?: Edge;
}

/** Per-execution services the engine gives a handler, beyond the spec's four arguments. */
export interface StageRuntime {
  /** `{logsRoot}/{nodeId}`, already created. */
  stageDir: string;
  /** The run's artifact store (§5.5), for outputs too large for the context. */
  artifacts: ArtifactStore;
  /** The parallel branch this stage runs in (`fan/a`, nested: `fan/a/inner/x`); undefined at the top level. */
  branchPath: string | undefined;
  /** 1-based attempt number under the retry policy. */
  attempt: number;
  /** Aborted when the run is cancelled or the node's `timeout` elapses. */
  signal: AbortSignal;
  /** Emits an event (the engine adds `ts` and the branch path). */
  emit(event: PipelineEventInput): void;
  /** Resolved context fidelity for this node (§5.4). */
  fidelity: FidelityMode;
  /** Thread key for session reuse when fidelity is `full` (§5.4), else undefined. */
  threadId: string | undefined;
  /** Context carried over for non-`full` fidelity (§9.2 preamble); empty for `full`. */
  preamble: string;
  /**
   * Runs a branch of the graph from `startNodeId` with its own context, stopping before a
   * fan-in node or at a node with no outgoing edges (used by the parallel handler, §4.8).
   */
  runBranch(startNodeId: string, context: Context, options: BranchOptions): Promise<BranchResult>;
}

/**
 * A node handler (attractor-spec §4.1). Exceptions are caught by the engine and become FAIL
 * outcomes (§4.12), so a handler may throw.
 */
export interface Handler {
  /**
   * @returns the outcome; `undefined` means "no outcome" and defers to a status.json written in
   *   the stage directory, then to `auto_status` (Appendix C).
   */
  execute(
    node: Node,
    context: Context,
    graph: Graph,
    logsRoot: string,
    runtime: StageRuntime,
  ): Promise<Outcome | undefined>;
}

/** Options the codergen handler passes to a backend. */
export interface CodergenRunOptions {
  stageDir: string;
  /** The parallel branch the stage runs in (`fan/a`), as stage events carry it; undefined at the top level. */
  branchPath?: string;
  signal: AbortSignal;
  fidelity: FidelityMode;
  threadId: string | undefined;
  /** Carry-over text for non-`full` fidelity; prepend it to the session (§5.4, §9.2). */
  preamble: string;
  /** Shell commands to run around each LLM tool call (§9.7); node value wins over graph value. */
  toolHooks: ToolHooks;
  emit(event: PipelineEventInput): void;
  graph: Graph;
}

/** Tool call hook commands (attractor-spec §9.7). */
export interface ToolHooks {
  pre?: string;
  post?: string;
}

/**
 * An LLM execution backend for codergen nodes (attractor-spec §4.5). Return the response text,
 * or an Outcome to decide routing yourself. Throwing yields a FAIL outcome.
 */
export interface CodergenBackend {
  run(node: Node, prompt: string, context: Context, options: CodergenRunOptions): Promise<string | Outcome | undefined>;
}
