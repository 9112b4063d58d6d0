import { describe, expect, it } from "vitest";
import { AutoApproveInterviewer } from "../../src/interviewer/auto-approve-interviewer.js";
import type { Question } from "../../src/interviewer/types.js";

const base = { id: "q", text: "Proceed?", options: [], stage: "gate" } as const;
const options = [
  { key: "A", label: "[A] Approve" },
  { key: "R", label: "[R] Reject" },
];

describe("AutoApproveInterviewer (attractor-spec §6.4)", () => {
  const interviewer = new AutoApproveInterviewer();

  it("§11.8: AutoApproveInterviewer always selects the first option", async () => {
    const question: Question = { ...base, type: "multiple_choice", options };
    for (let i = 0; i < 3; i++) {
      expect(await interviewer.ask(question)).toEqual({ value: "A", selectedOption: options[0] });
    }
  });

  it("answers yes to yes/no and confirmation questions", async () => {
    expect(await interviewer.ask({ ...base, type: "yes_no" })).toEqual({ value: "yes" });
    expect(await interviewer.ask({ ...base, type: "confirmation" })).toEqual({ value: "yes" });
  });

  it("answers freeform questions with 'auto-approved'", async () => {
    expect(await interviewer.ask({ ...base, type: "freeform" })).toEqual({
      value: "auto-approved",
      text: "auto-approved",
    });
  });

  it("answers 'auto-approved' to a multiple-choice question without options", async () => {
    expect(await interviewer.ask({ ...base, type: "multiple_choice" })).toEqual({
      value: "auto-approved",
      text: "auto-approved",
    });
  });

  it("ignores the question's default and timeout", async () => {
    const question: Question = { ...base, type: "yes_no", default: { value: "no" }, timeoutMs: 0 };
    expect(await interviewer.ask(question)).toEqual({ value: "yes" });
  });

  it("askMultiple approves each question", async () => {
    const answers = await interviewer.askMultiple([
      { ...base, type: "yes_no" },
      { ...base, type: "multiple_choice", options },
    ]);
    expect(answers.map((a) => a.value)).toEqual(["yes", "A"]);
  });
});
