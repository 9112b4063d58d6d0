/**
 * Outcome of a node handler (attractor-spec §5.2) and the status-file contract (Appendix C).
 * @module
 */

/** attractor-spec §5.2 StageStatus, in the lowercase spelling used by conditions and status.json. */
export type StageStatus = "success" | "partial_success" | "retry" | "fail" | "skipped";

/** Enum-style access to {@link StageStatus} values. */
export const StageStatus = Object.freeze({
  SUCCESS: "success",
  PARTIAL_SUCCESS: "partial_success",
  RETRY: "retry",
  FAIL: "fail",
  SKIPPED: "skipped",
} as const satisfies Record<string, StageStatus>);

/** The result of executing a node (attractor-spec §5.2). */
export interface Outcome {
  status: StageStatus;
  /** Edge label to prefer in edge selection (§3.3 step 2). */
  preferredLabel?: string;
  /** Target node ids to prefer (§3.3 step 3). */
  suggestedNextIds?: string[];
  /** Key-value pairs merged into the run context after the node. Values must be JSON-serializable. */
  contextUpdates?: Record<string, unknown>;
  notes?: string;
  failureReason?: string;
  /**
   * A custom outcome word a stage reported in `status.json` (`"outcome": "process"`). Conditions
   * on `outcome` compare against it; `status` holds how the engine treats it (success unless it
   * names a standard status).
   */
  customOutcome?: string;
  /**
   * Continue at this node instead of selecting an outgoing edge. The parallel handler uses it to
   * go on at the branches' fan-in node. Not written to status.json.
   */
  jumpTo?: string;
}

const STATUSES: ReadonlySet<string> = new Set(Object.values(StageStatus));

/** True when `value` is one of the five standard statuses. */
export function isStageStatus(value: string): value is StageStatus {
  return STATUSES.has(value);
}

/** True for SUCCESS and PARTIAL_SUCCESS, the statuses that satisfy a goal gate (§3.4). */
export function isSuccessful(status: StageStatus): boolean {
  return status === "success" || status === "partial_success";
}

/** The word conditions see for `outcome` (§10.4): the custom outcome if any, else the status. */
export function outcomeWord(outcome: Outcome): string {
  return outcome.customOutcome ?? outcome.status;
}
