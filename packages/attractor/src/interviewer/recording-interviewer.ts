/**
 * RecordingInterviewer (attractor-spec §6.4): wraps another interviewer and keeps every
 * question with its answer, for replay, debugging and audit trails.
 * @module
 */
import { askSequentially } from "./ask-multiple.js";
import { withTimeout } from "./timeout.js";
import type { Answer, Interviewer, Question } from "./types.js";

/** One recorded exchange. `at` is when the answer arrived (ISO-8601). */
export interface Recording {
  question: Question;
  answer: Answer;
  at: string;
}

/**
 * Forwards each question to `inner` and records `(question, answer)` once answered
 * (attractor-spec §6.4). The question's deadline is enforced here too, so a timed-out exchange is
 * recorded with the answer the caller received (the default, or `{ value: "timeout" }`), even when
 * `inner` ignores `timeoutMs`. A rejected ask (cancelled, or `inner` failed) is not recorded.
 * `inform` is forwarded to `inner`.
 */
export class RecordingInterviewer implements Interviewer {
  readonly #inner: Interviewer;
  readonly #recordings: Recording[] = [];

  constructor(inner: Interviewer) {
    this.#inner = inner;
  }

  /** The recorded exchanges, oldest first (a live view). */
  get recordings(): readonly Recording[] {
    return this.#recordings;
  }

  /** Forgets every recording. */
  clear(): void {
    this.#recordings.length = 0;
  }

  async ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    const answer = await withTimeout(question, (inner) => this.#inner.ask(question, inner), signal);
    this.#recordings.push({ question, answer, at: new Date().toISOString() });
    return answer;
  }

  askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    return askSequentially(this, questions, signal);
  }

  inform(message: string, stage: string): void {
    this.#inner.inform?.(message, stage);
  }
}
