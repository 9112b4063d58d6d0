/**
 * The mutable state of one pipeline run, shared by the runner, the stage executor and the
 * branch runner.
 * @module
 */
import type { BranchOptions, BranchResult, FidelityMode } from "../handlers/types.js";
import type { Graph } from "../model/graph.js";
import type { ArtifactStore } from "./artifact-store.js";
import type { Context } from "./context.js";
import type { PipelineEventInput } from "./events.js";
import type { HandlerRegistry } from "./handler-registry.js";
import type { Outcome } from "./outcome.js";
import type { RunDirectory } from "./run-directory.js";

/** Everything the engine tracks while a run is in progress. */
export interface RunState {
  readonly graph: Graph;
  readonly registry: HandlerRegistry;
  readonly dir: RunDirectory;
  readonly runId: string;
  readonly artifacts: ArtifactStore;
  /** True when codergen stages have no LLM backend. */
  readonly simulated: boolean;
  /** Aborted on cancel. */
  readonly signal: AbortSignal;
  context: Context;
  completedNodes: string[];
  /** Latest outcome per node, in first-completion order (goal gates walk it, §3.4). */
  nodeOutcomes: Map<string, Outcome>;
  nodeRetries: Map<string, number>;
  /** Completed stages with outcomes, for preambles. */
  history: Array<{ nodeId: string; outcome: Outcome }>;
  restartCount: number;
  /** Executions per node in the current (restart) run, for the loop guard. */
  visits: Map<string, number>;
  /** Running count of stage executions, the `index` of stage events. */
  stepIndex: number;
  lastFidelity: FidelityMode | undefined;
  /** Emits an event (adds `ts`). */
  emit(event: PipelineEventInput): void;
  /** Sleeps `ms`, rejecting when `signal` aborts. Injectable for tests. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Uniform [0,1) for backoff jitter. Injectable for tests. */
  random(): number;
  /** Runs a parallel branch (implemented by the branch runner). */
  runBranch(startNodeId: string, context: Context, options: BranchOptions): Promise<BranchResult>;
}
