// pipelineEventItems: each engine event becomes a `system` turn carrying the event unchanged, with a
// severity and one human line; a human's answer at a gate is also recorded as user input.
import type { PipelineEvent } from "@darkfactory/attractor";
import { encodeConversationItem } from "@darkfactory/cxdb";
import { describe, expect, it } from "vitest";
import { pipelineEventItems } from "../../src/record/event-items.js";
import { EventClock, sampleRun } from "../helpers/events.js";

describe("pipelineEventItems", () => {
  it("records every event as a system item holding the event exactly as emitted", () => {
    for (const event of sampleRun(new EventClock())) {
      const [item, ...rest] = pipelineEventItems(event);
      expect(rest).toEqual([]);
      expect(item).toMatchObject({
        itemType: "system",
        id: event.type,
        timestampMs: Date.parse(event.ts),
        system: { content: JSON.stringify(event) },
      });
      expect(item.system?.title).not.toBe("");
      expect(() => encodeConversationItem(item)).not.toThrow();
    }
  });

  it("gives failures, retries and gates their severity, and one readable line", () => {
    const byType = new Map<string, ReturnType<typeof pipelineEventItems>[number][]>();
    for (const event of sampleRun(new EventClock())) {
      const item = pipelineEventItems(event)[0];
      byType.set(event.type, [...(byType.get(event.type) ?? []), item]);
    }
    const first = (type: string) => byType.get(type)?.[0];
    expect(first("pipeline_started")?.system).toMatchObject({
      kind: "info",
      title: "pipeline demo started (7 nodes, simulated)",
    });
    expect(first("stage_failed")).toMatchObject({
      status: "error",
      system: { kind: "warning", title: "stage plan failed (attempt 1): exit code 1 — will retry" },
    });
    expect(byType.get("stage_failed")?.[1]).toMatchObject({
      status: "error",
      system: { kind: "error", title: "stage fan/b: b failed (attempt 1): boom" },
    });
    expect(first("stage_retrying")?.system).toMatchObject({
      kind: "warning",
      title: "stage plan retrying: attempt 2 in 200ms",
    });
    expect(byType.get("stage_completed")?.[3]?.system).toMatchObject({
      kind: "warning",
      title: "stage fan partial_success in 50ms: 1/2 branches succeeded",
    });
    expect(first("goal_gate_unsatisfied")?.system?.kind).toBe("warning");
    expect(first("pipeline_completed")).toMatchObject({
      status: "complete",
      system: { kind: "info", title: "pipeline completed: success in 2.1s (start -> plan -> fan -> exit)" },
    });
  });

  it("marks failed and cancelled pipelines", () => {
    const clock = new EventClock();
    const failed = pipelineEventItems(
      clock.at({ type: "pipeline_failed", error: "stage build failed", durationMs: 5, completedNodes: [] }),
    )[0];
    expect(failed).toMatchObject({
      status: "error",
      system: { kind: "error", title: "pipeline failed: stage build failed" },
    });
    const cancelled = pipelineEventItems(
      clock.at({ type: "pipeline_cancelled", reason: "Ctrl-C", durationMs: 5, currentNode: "plan" }),
    )[0];
    expect(cancelled).toMatchObject({ status: "cancelled", system: { kind: "warning" } });
  });

  it("records a gate's question, and the answer also as the human's input", () => {
    const clock = new EventClock();
    const question = {
      id: "review-1",
      text: "Approve the release note?",
      type: "multiple_choice" as const,
      options: [
        { key: "A", label: "[A] Approve" },
        { key: "R", label: "[R] Revise" },
      ],
      stage: "review",
    };
    const asked = pipelineEventItems(clock.at({ type: "interview_started", question, stage: "review" }));
    expect(asked).toHaveLength(1);
    expect(asked[0].system?.title).toBe("question at review: Approve the release note?");
    const answered: PipelineEvent = clock.at({
      type: "interview_completed",
      question,
      answer: { value: "A", selectedOption: question.options[0] },
      durationMs: 1200,
    });
    const [event, input] = pipelineEventItems(answered);
    expect(event.system?.title).toBe("answer at review: Approve");
    expect(input).toMatchObject({
      itemType: "user_input",
      id: "interview_answer",
      userInput: { text: "Approve" },
      timestampMs: Date.parse(answered.ts),
    });
  });
});
