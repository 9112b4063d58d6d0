// Engine events for renderer tests, with timestamps from a fake clock.
import type { PipelineEvent, PipelineEventInput } from "@darkfactory/attractor";

/** Builds events stamped with `clock.ms` (milliseconds since the epoch, advanced by tests). */
export class EventClock {
  ms = Date.UTC(2025, 0, 2, 3, 4, 5);

  /** `input` with `ts` set to the clock's time. */
  at(input: PipelineEventInput): PipelineEvent {
    return { ts: new Date(this.ms).toISOString(), ...input } as PipelineEvent;
  }

  /** Advances the clock by `ms`. */
  tick(ms: number): this {
    this.ms += ms;
    return this;
  }
}

/** The events of `start -> plan -> fan(a, b) -> join -> exit` with a retry, a gate jump and a restart. */
export function sampleRun(clock: EventClock): PipelineEvent[] {
  const c = clock;
  return [
    c.at({
      type: "pipeline_started",
      runId: "r1",
      name: "demo",
      goal: "",
      logsRoot: "/l",
      nodeCount: 7,
      edgeCount: 7,
      simulated: true,
    }),
    c.at({ type: "stage_started", nodeId: "start", label: "start", handlerType: "start", index: 1, attempt: 1 }),
    c.tick(2).at({
      type: "stage_completed",
      nodeId: "start",
      index: 1,
      durationMs: 2,
      attempt: 1,
      outcome: { status: "success" },
    }),
    c.at({ type: "checkpoint_saved", nodeId: "start", path: "/l/checkpoint.json" }),
    c.at({ type: "stage_started", nodeId: "plan", label: "Plan the work", handlerType: "tool", index: 2, attempt: 1 }),
    c.tick(300).at({
      type: "stage_failed",
      nodeId: "plan",
      index: 2,
      error: "exit code 1",
      willRetry: true,
      attempt: 1,
      durationMs: 300,
    }),
    c.at({ type: "stage_retrying", nodeId: "plan", index: 2, attempt: 2, delayMs: 200 }),
    c
      .tick(200)
      .at({ type: "stage_started", nodeId: "plan", label: "Plan the work", handlerType: "tool", index: 3, attempt: 2 }),
    c.tick(1500).at({
      type: "stage_completed",
      nodeId: "plan",
      index: 3,
      durationMs: 1500,
      attempt: 2,
      outcome: { status: "success" },
    }),
    c.at({ type: "stage_started", nodeId: "fan", label: "Fan out", handlerType: "parallel", index: 4, attempt: 1 }),
    c.at({ type: "parallel_started", nodeId: "fan", branchCount: 2, maxParallel: 4 }),
    c.at({ type: "parallel_branch_started", nodeId: "fan", branchId: "a", index: 0 }),
    c.at({
      type: "stage_started",
      nodeId: "a",
      label: "Branch A",
      handlerType: "codergen",
      index: 5,
      attempt: 1,
      branch: "fan/a",
    }),
    c.at({ type: "parallel_branch_started", nodeId: "fan", branchId: "b", index: 1 }),
    c.at({
      type: "stage_started",
      nodeId: "b",
      label: "b",
      handlerType: "tool",
      index: 6,
      attempt: 1,
      branch: "fan/b",
    }),
    c.tick(10).at({
      type: "stage_completed",
      nodeId: "a",
      index: 5,
      durationMs: 10,
      attempt: 1,
      outcome: { status: "success" },
      branch: "fan/a",
    }),
    c.at({ type: "parallel_branch_completed", nodeId: "fan", branchId: "a", index: 0, durationMs: 10, success: true }),
    c.tick(40).at({
      type: "stage_failed",
      nodeId: "b",
      index: 6,
      error: "boom",
      willRetry: false,
      attempt: 1,
      durationMs: 50,
      branch: "fan/b",
    }),
    c.at({ type: "parallel_branch_completed", nodeId: "fan", branchId: "b", index: 1, durationMs: 50, success: false }),
    c.at({ type: "parallel_completed", nodeId: "fan", durationMs: 50, successCount: 1, failureCount: 1 }),
    c.at({
      type: "stage_completed",
      nodeId: "fan",
      index: 4,
      durationMs: 50,
      attempt: 1,
      outcome: { status: "partial_success", notes: "1/2 branches succeeded" },
    }),
    c.at({ type: "goal_gate_unsatisfied", nodeId: "plan", retryTarget: "plan" }),
    c.at({ type: "loop_restart", from: "join", to: "plan", restartCount: 1, logsRoot: "/l/restart-1" }),
    c.at({ type: "stage_started", nodeId: "exit", label: "exit", handlerType: "exit", index: 7, attempt: 1 }),
    c.tick(1).at({
      type: "stage_completed",
      nodeId: "exit",
      index: 7,
      durationMs: 1,
      attempt: 1,
      outcome: { status: "success" },
    }),
    c.at({
      type: "pipeline_completed",
      durationMs: 2100,
      artifactCount: 0,
      outcome: { status: "success" },
      completedNodes: ["start", "plan", "fan", "exit"],
    }),
  ];
}

/** The permanent lines {@link sampleRun} produces, without start lines. */
export const SAMPLE_LINES = [
  "▶ running demo (7 nodes)",
  "✓ start  2ms",
  "✗ plan  Plan the work  300ms — exit code 1",
  "↻ plan  retrying in 200ms (attempt 2)",
  "✓ plan  Plan the work  (attempt 2)  1.5s",
  "⇉ fan  2 branches in parallel (at most 4 at a time)",
  "  [a] ✓ a  Branch A  10ms",
  "  [a] ✓ branch succeeded  10ms",
  "  [b] ✗ b  50ms — boom",
  "  [b] ✗ branch failed  50ms",
  "⇉ fan  joined: 1 succeeded, 1 failed  50ms",
  "✓ fan  Fan out  50ms — partial success: 1/2 branches succeeded",
  "↩ goal gate plan not satisfied — jumping to plan",
  "⟲ loop restart 1: join -> plan",
  "✓ exit  1ms",
];
