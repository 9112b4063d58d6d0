/**
 * The Interviewer pattern (attractor-spec §6): every human interaction goes through this
 * interface, whatever the frontend.
 * @module
 */

/** attractor-spec §6.2 question types, lowercase. */
export type QuestionType = "yes_no" | "multiple_choice" | "freeform" | "confirmation";

/** One selectable option of a multiple-choice question. */
export interface Option {
  /** Accelerator key, e.g. `Y`, `A`. */
  key: string;
  /** Display text, e.g. `[A] Approve`. */
  label: string;
}

/** A question for a human (attractor-spec §6.2). */
export interface Question {
  /** Unique within a run, e.g. `review-1`. */
  id: string;
  text: string;
  type: QuestionType;
  /** For `multiple_choice`. */
  options: readonly Option[];
  /** Answer used when the human does not answer within `timeoutMs`. */
  default?: Answer;
  /** Maximum wait in milliseconds; unset waits forever. */
  timeoutMs?: number;
  /** The originating stage (node id). */
  stage: string;
  metadata?: Record<string, unknown>;
}

/** attractor-spec §6.3 special answer values. */
export type AnswerValue = "yes" | "no" | "skipped" | "timeout";

/** An answer (attractor-spec §6.3). */
export interface Answer {
  /** `yes`/`no`/`skipped`/`timeout`, or the selected option's key. */
  value: AnswerValue | string;
  /** The full selected option, for multiple choice. */
  selectedOption?: Option;
  /** Free text, for freeform questions. */
  text?: string;
}

/**
 * A human-interaction frontend (attractor-spec §6.1). `ask` resolves with an answer; it never
 * rejects for a missing human: a timeout resolves `{ value: "timeout" }` (or the question's default,
 * attractor-spec §6.5), and a human who declines resolves `{ value: "skipped" }`.
 * `signal` aborts a pending question (the run was cancelled): `ask` then rejects with
 * `signal.reason`. `askMultiple` asks in order and resolves the answers in the same order.
 * `inform` shows a message without waiting for an answer and must not throw.
 * The built-in implementations apply timeouts and cancellation through `withTimeout`.
 */
export interface Interviewer {
  ask(question: Question, signal?: AbortSignal): Promise<Answer>;
  askMultiple?(questions: Question[], signal?: AbortSignal): Promise<Answer[]>;
  inform?(message: string, stage: string): void;
}
