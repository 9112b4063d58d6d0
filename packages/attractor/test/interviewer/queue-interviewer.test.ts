import { describe, expect, it } from "vitest";
import { QueueInterviewer } from "../../src/interviewer/queue-interviewer.js";
import type { Question } from "../../src/interviewer/types.js";

const question: Question = { id: "q", text: "Deploy?", type: "yes_no", options: [], stage: "gate" };

describe("QueueInterviewer (attractor-spec §6.4)", () => {
  it("§11.8: QueueInterviewer reads from a pre-filled answer queue", async () => {
    const interviewer = new QueueInterviewer([{ value: "yes" }, { value: "no" }]);
    expect(await interviewer.ask(question)).toEqual({ value: "yes" });
    expect(await interviewer.ask(question)).toEqual({ value: "no" });
  });

  it("answers skipped once the queue is empty", async () => {
    const interviewer = new QueueInterviewer([{ value: "yes" }]);
    await interviewer.ask(question);
    expect(await interviewer.ask(question)).toEqual({ value: "skipped" });
    expect(await interviewer.ask(question)).toEqual({ value: "skipped" });
  });

  it("copies the initial answers and accepts more with enqueue", async () => {
    const initial = [{ value: "A" }];
    const interviewer = new QueueInterviewer(initial);
    initial.push({ value: "changed" });
    interviewer.enqueue({ value: "B" }, { value: "C" });
    expect(interviewer.remaining).toBe(3);
    const answers = await interviewer.askMultiple([question, question, question, question]);
    expect(answers.map((a) => a.value)).toEqual(["A", "B", "C", "skipped"]);
    expect(interviewer.remaining).toBe(0);
  });

  it("does not consume an answer when the signal is already aborted", async () => {
    const interviewer = new QueueInterviewer([{ value: "yes" }]);
    await expect(interviewer.ask(question, AbortSignal.abort())).rejects.toThrow();
    expect(interviewer.remaining).toBe(1);
  });

  it("keeps inform messages", () => {
    const interviewer = new QueueInterviewer();
    interviewer.inform("Tests passed", "test");
    expect(interviewer.informed).toEqual([{ message: "Tests passed", stage: "test" }]);
  });
});
