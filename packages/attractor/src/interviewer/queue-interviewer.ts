/**
 * QueueInterviewer (attractor-spec §6.4): answers from a pre-filled queue, for deterministic
 * tests and replay.
 * @module
 */
import { askSequentially } from "./ask-multiple.js";
import { withTimeout } from "./timeout.js";
import type { Answer, Interviewer, Question } from "./types.js";

/**
 * Answers each question with the next queued answer, first in first out, and with
 * `{ value: "skipped" }` once the queue is empty (attractor-spec §6.4). Answers are returned as
 * queued, whatever the question. Answers at once, so `timeoutMs` never elapses; an already
 * aborted `signal` rejects with `signal.reason` and leaves the queue untouched.
 * `inform` messages are kept in {@link QueueInterviewer.informed}.
 */
export class QueueInterviewer implements Interviewer {
  readonly #answers: Answer[];
  readonly #informed: { message: string; stage: string }[] = [];

  /** @param answers Answers to give, in order; copied. */
  constructor(answers: Iterable<Answer> = []) {
    this.#answers = [...answers];
  }

  /** Appends answers to the end of the queue. */
  enqueue(...answers: Answer[]): void {
    this.#answers.push(...answers);
  }

  /** How many queued answers are left. */
  get remaining(): number {
    return this.#answers.length;
  }

  /** The `inform` calls received, oldest first. */
  get informed(): ReadonlyArray<{ message: string; stage: string }> {
    return this.#informed;
  }

  ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    return withTimeout(question, () => this.#answers.shift() ?? { value: "skipped" }, signal);
  }

  askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    return askSequentially(this, questions, signal);
  }

  inform(message: string, stage: string): void {
    this.#informed.push({ message, stage });
  }
}
