/**
 * Typed pipeline events (attractor-spec §9.6), a discriminated union on `type`. Every event
 * carries `ts` (ISO-8601 time it was emitted). Stage events inside a parallel branch carry
 * `branch`, the id of the node the branch started at.
 * @module
 */
import type { Answer, Question } from "../interviewer/types.js";
import type { Outcome } from "./outcome.js";

interface Base {
  /** ISO-8601 timestamp. */
  ts: string;
}

/** Where a stage event happened when it is inside a parallel branch. */
interface InBranch {
  /** Parallel branch path (`fan_out/branch_a`); absent at the top level. */
  branch?: string;
}

/**
 * Every event the engine emits (attractor-spec §9.6), discriminated on `type`. Consumers switch
 * on `type` with a `never` check; `factory run --json` prints them unchanged, one per line.
 */
export type PipelineEvent =
  | (Base & {
      type: "pipeline_started";
      runId: string;
      name: string;
      goal: string;
      logsRoot: string;
      nodeCount: number;
      edgeCount: number;
      /** True when codergen stages run without an LLM backend. */
      simulated: boolean;
      /** Set when the run continues from a checkpoint. */
      resumedFrom?: string;
    })
  | (Base & {
      type: "pipeline_completed";
      durationMs: number;
      artifactCount: number;
      outcome: Outcome;
      completedNodes: string[];
    })
  | (Base & { type: "pipeline_failed"; error: string; durationMs: number; completedNodes: string[] })
  | (Base & { type: "pipeline_cancelled"; reason: string; durationMs: number; currentNode: string })
  | (Base &
      InBranch & {
        type: "stage_started";
        nodeId: string;
        label: string;
        handlerType: string;
        index: number;
        attempt: number;
      })
  | (Base &
      InBranch & {
        type: "stage_completed";
        nodeId: string;
        index: number;
        durationMs: number;
        attempt: number;
        outcome: Outcome;
      })
  | (Base &
      InBranch & {
        type: "stage_failed";
        nodeId: string;
        index: number;
        error: string;
        willRetry: boolean;
        attempt: number;
        /** How long the failed attempt ran, in ms. */
        durationMs: number;
      })
  | (Base & InBranch & { type: "stage_retrying"; nodeId: string; index: number; attempt: number; delayMs: number })
  | (Base & InBranch & { type: "edge_selected"; from: string; to: string; label: string; reason: EdgeSelectionReason })
  | (Base & { type: "goal_gate_unsatisfied"; nodeId: string; retryTarget: string | undefined })
  | (Base & { type: "loop_restart"; from: string; to: string; restartCount: number; logsRoot: string })
  | (Base & InBranch & { type: "parallel_started"; nodeId: string; branchCount: number; maxParallel: number })
  | (Base & InBranch & { type: "parallel_branch_started"; nodeId: string; branchId: string; index: number })
  | (Base &
      InBranch & {
        type: "parallel_branch_completed";
        nodeId: string;
        branchId: string;
        index: number;
        durationMs: number;
        success: boolean;
      })
  | (Base &
      InBranch & {
        type: "parallel_completed";
        nodeId: string;
        durationMs: number;
        successCount: number;
        failureCount: number;
      })
  | (Base & { type: "interview_started"; question: Question; stage: string })
  | (Base & { type: "interview_completed"; question: Question; answer: Answer; durationMs: number })
  | (Base & { type: "interview_timeout"; question: Question; stage: string; durationMs: number })
  | (Base & { type: "checkpoint_saved"; nodeId: string; path: string })
  | (Base & InBranch & { type: "stage_log"; nodeId: string; level: "info" | "warning"; message: string });

/** Why edge selection chose an edge (attractor-spec §3.3 steps, plus engine jumps). */
export type EdgeSelectionReason =
  | "condition"
  | "preferred_label"
  | "suggested_next_id"
  | "weight"
  | "lexical"
  | "fail_edge"
  | "retry_target"
  | "goal_gate_retry"
  | "join"
  | "simulation";

/** The event types, for exhaustive switches. */
export type PipelineEventType = PipelineEvent["type"];

/** An event without its timestamp, as handlers and the engine build it. */
export type PipelineEventInput = PipelineEvent extends infer E
  ? E extends PipelineEvent
    ? Omit<E, "ts">
    : never
  : never;

/** Receives events as they happen. Must not throw (a throwing sink is ignored). */
export type EventSink = (event: PipelineEvent) => void;
