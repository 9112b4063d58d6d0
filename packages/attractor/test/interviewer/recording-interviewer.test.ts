import { describe, expect, it, vi } from "vitest";
import { CallbackInterviewer } from "../../src/interviewer/callback-interviewer.js";
import { QueueInterviewer } from "../../src/interviewer/queue-interviewer.js";
import { RecordingInterviewer } from "../../src/interviewer/recording-interviewer.js";
import type { Answer, Question } from "../../src/interviewer/types.js";

const question: Question = { id: "deploy", text: "Deploy?", type: "yes_no", options: [], stage: "gate" };

describe("RecordingInterviewer (attractor-spec §6.4)", () => {
  it("forwards to the inner interviewer and records each question with its answer", async () => {
    const recorder = new RecordingInterviewer(new QueueInterviewer([{ value: "yes" }, { value: "no" }]));
    const second = { ...question, id: "rollback" };
    expect(await recorder.ask(question)).toEqual({ value: "yes" });
    expect(await recorder.ask(second)).toEqual({ value: "no" });
    expect(recorder.recordings.map((r) => [r.question, r.answer])).toEqual([
      [question, { value: "yes" }],
      [second, { value: "no" }],
    ]);
    expect(Number.isNaN(Date.parse(recorder.recordings[0]!.at))).toBe(false);
  });

  it("records the answer given on timeout even when the inner interviewer ignores timeoutMs", async () => {
    const ignoresDeadline = { ask: () => new Promise<Answer>(() => {}) };
    const recorder = new RecordingInterviewer(ignoresDeadline);
    const answer = await recorder.ask({ ...question, timeoutMs: 10, default: { value: "no" } });
    expect(answer).toEqual({ value: "no" });
    expect(recorder.recordings.map((r) => r.answer)).toEqual([{ value: "no" }]);
  });

  it("passes a signal to the inner interviewer and records nothing when cancelled", async () => {
    let innerSignal: AbortSignal | undefined;
    const recorder = new RecordingInterviewer(
      new CallbackInterviewer((_q, signal) => {
        innerSignal = signal;
        return new Promise<Answer>(() => {});
      }),
    );
    const controller = new AbortController();
    const pending = recorder.ask(question, controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(pending).rejects.toThrow("cancelled");
    expect(innerSignal?.aborted).toBe(true);
    expect(recorder.recordings).toEqual([]);
  });

  it("records askMultiple exchanges in order, and clear forgets them", async () => {
    const recorder = new RecordingInterviewer(new QueueInterviewer([{ value: "yes" }, { value: "no" }]));
    await recorder.askMultiple([question, { ...question, id: "second" }]);
    expect(recorder.recordings.map((r) => r.question.id)).toEqual(["deploy", "second"]);
    recorder.clear();
    expect(recorder.recordings).toEqual([]);
  });

  it("forwards inform to the inner interviewer", () => {
    const onInform = vi.fn();
    new RecordingInterviewer(new CallbackInterviewer(() => ({ value: "yes" }), { onInform })).inform("hi", "s");
    expect(onInform).toHaveBeenCalledWith("hi", "s");
  });
});
