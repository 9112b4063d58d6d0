import { describe, expect, it, vi } from "vitest";
import { CallbackInterviewer } from "../../src/interviewer/callback-interviewer.js";
import type { Answer, Question } from "../../src/interviewer/types.js";

const question: Question = {
  id: "review-1",
  text: "Review the change",
  type: "multiple_choice",
  options: [
    { key: "A", label: "Approve" },
    { key: "R", label: "Reject" },
  ],
  stage: "review",
};

describe("CallbackInterviewer (attractor-spec §6.4)", () => {
  it("§11.8: CallbackInterviewer delegates to a provided function", async () => {
    const callback = vi.fn((q: Question): Answer => ({ value: q.options[1]!.key, selectedOption: q.options[1] }));
    const interviewer = new CallbackInterviewer(callback);
    expect(await interviewer.ask(question)).toEqual({ value: "R", selectedOption: question.options[1] });
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback.mock.calls[0]![0]).toBe(question);
  });

  it("awaits an async callback", async () => {
    const interviewer = new CallbackInterviewer(async () => {
      await new Promise((r) => setTimeout(r, 2));
      return { value: "A" };
    });
    expect(await interviewer.ask(question)).toEqual({ value: "A" });
  });

  it("passes a signal that aborts when the question times out, and resolves the default", async () => {
    let seen: AbortSignal | undefined;
    const interviewer = new CallbackInterviewer(
      (_q, signal) =>
        new Promise<Answer>(() => {
          seen = signal;
        }),
    );
    const answer = await interviewer.ask({ ...question, timeoutMs: 10, default: { value: "A" } });
    expect(answer).toEqual({ value: "A" });
    expect(seen?.aborted).toBe(true);
    expect((seen!.reason as DOMException).name).toBe("TimeoutError");
  });

  it("ignores an answer that arrives after the deadline", async () => {
    const interviewer = new CallbackInterviewer(
      () => new Promise<Answer>((resolve) => setTimeout(() => resolve({ value: "R" }), 30)),
    );
    expect(await interviewer.ask({ ...question, timeoutMs: 5 })).toEqual({ value: "timeout" });
  });

  it("rejects when the callback throws", async () => {
    const interviewer = new CallbackInterviewer(() => {
      throw new Error("slack is down");
    });
    await expect(interviewer.ask(question)).rejects.toThrow("slack is down");
  });

  it("forwards inform to onInform", () => {
    const onInform = vi.fn();
    new CallbackInterviewer(() => ({ value: "A" }), { onInform }).inform("Build passed", "build");
    expect(onInform).toHaveBeenCalledWith("Build passed", "build");
  });

  it("askMultiple calls the callback once per question, in order", async () => {
    const seen: string[] = [];
    const interviewer = new CallbackInterviewer((q) => {
      seen.push(q.id);
      return { value: "yes" };
    });
    await interviewer.askMultiple([
      { ...question, id: "one" },
      { ...question, id: "two" },
    ]);
    expect(seen).toEqual(["one", "two"]);
  });
});
