/**
 * AutoApproveInterviewer (attractor-spec §6.4): answers every question at once, for CI and tests.
 * @module
 */
import { askSequentially } from "./ask-multiple.js";
import { answerForOption } from "./option-matching.js";
import { withTimeout } from "./timeout.js";
import type { Answer, Interviewer, Question } from "./types.js";

/** The text (and value) an auto-approved freeform question answers with. */
export const AUTO_APPROVED = "auto-approved";

/**
 * Approves everything without a human (attractor-spec §6.4):
 * - `yes_no` and `confirmation` → `{ value: "yes" }`;
 * - `multiple_choice` → the first option (`{ value: key, selectedOption }`);
 * - `freeform`, or `multiple_choice` without options → `{ value: "auto-approved", text: "auto-approved" }`.
 *
 * Answers at once, so `timeoutMs` never elapses. Rejects with `signal.reason` only when `signal`
 * is already aborted. `inform` discards the message.
 */
export class AutoApproveInterviewer implements Interviewer {
  ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    return withTimeout(question, () => autoApprove(question), signal);
  }

  askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    return askSequentially(this, questions, signal);
  }

  inform(_message: string, _stage: string): void {}
}

function autoApprove(question: Question): Answer {
  switch (question.type) {
    case "yes_no":
    case "confirmation":
      return { value: "yes" };
    case "multiple_choice": {
      const first = question.options[0];
      return first ? answerForOption(first) : { value: AUTO_APPROVED, text: AUTO_APPROVED };
    }
    case "freeform":
      return { value: AUTO_APPROVED, text: AUTO_APPROVED };
    default: {
      const never: never = question.type;
      throw new TypeError(`unknown question type ${String(never)}`);
    }
  }
}
