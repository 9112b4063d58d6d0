/**
 * CallbackInterviewer (attractor-spec §6.4): delegates each question to a function, for Slack,
 * web UIs, APIs or tests.
 * @module
 */
import { askSequentially } from "./ask-multiple.js";
import { withTimeout } from "./timeout.js";
import type { Answer, Interviewer, Question } from "./types.js";

/**
 * Answers one question. May be async. `signal` aborts when the question's `timeoutMs` elapses
 * (reason: `DOMException` `TimeoutError`) or the run is cancelled; the callback should stop
 * waiting then (its late answer is ignored either way). A throw or rejection rejects `ask`.
 */
export type InterviewerCallback = (question: Question, signal: AbortSignal) => Answer | Promise<Answer>;

/** Options of {@link CallbackInterviewer}. */
export interface CallbackInterviewerOptions {
  /** Receives `inform(message, stage)` calls; they are discarded when unset. Must not throw. */
  onInform?: (message: string, stage: string) => void;
}

/**
 * Delegates `ask` to a callback (attractor-spec §6.4). The deadline and cancellation are applied
 * around the callback (see {@link withTimeout}): after `timeoutMs` ms it resolves the question's
 * default, else `{ value: "timeout" }`; an aborted `signal` rejects with `signal.reason`.
 * @example new CallbackInterviewer(async (q) => ({ value: await slack.ask(q.text) }))
 */
export class CallbackInterviewer implements Interviewer {
  readonly #callback: InterviewerCallback;
  readonly #onInform: ((message: string, stage: string) => void) | undefined;

  constructor(callback: InterviewerCallback, options: CallbackInterviewerOptions = {}) {
    this.#callback = callback;
    this.#onInform = options.onInform;
  }

  ask(question: Question, signal?: AbortSignal): Promise<Answer> {
    return withTimeout(question, (inner) => this.#callback(question, inner), signal);
  }

  askMultiple(questions: Question[], signal?: AbortSignal): Promise<Answer[]> {
    return askSequentially(this, questions, signal);
  }

  inform(message: string, stage: string): void {
    this.#onInform?.(message, stage);
  }
}
