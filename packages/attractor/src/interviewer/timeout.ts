/**
 * Question timeouts and cancellation (attractor-spec §6.5), written once for every Interviewer.
 * @module
 */
import type { Answer, Question } from "./types.js";

/**
 * The answer a question resolves with when nobody answers in time (attractor-spec §6.5):
 * the question's `default` when set, else `{ value: "timeout" }`.
 */
export function timeoutAnswer(question: Question): Answer {
  return question.default ?? { value: "timeout" };
}

/**
 * Runs `ask` under the question's deadline and the caller's abort signal.
 *
 * - `ask` receives a signal that aborts when the deadline passes (reason: a `DOMException`
 *   named `TimeoutError`) or when `signal` aborts (reason: `signal.reason`). Implementations
 *   stop waiting and release their resources (listeners, timers, raw mode) when it aborts.
 * - When `question.timeoutMs` is a finite number >= 0 and `ask` has not settled within that many
 *   milliseconds, resolves {@link timeoutAnswer}. Unset, negative or non-finite waits forever.
 *   An answer available at once wins over `timeoutMs: 0`.
 * - When `signal` is already aborted, rejects with `signal.reason` without calling `ask`; when it
 *   aborts while waiting, rejects with `signal.reason`.
 * - When `ask` throws or rejects first, rejects with that error.
 *
 * The timer is cleared as soon as the promise settles, so it never keeps the process alive.
 * @param question The question; only `timeoutMs` and `default` are read.
 * @param ask Produces the answer; may return synchronously.
 * @param signal Cancels the question (the run was cancelled).
 */
export function withTimeout(
  question: Question,
  ask: (signal: AbortSignal) => Answer | Promise<Answer>,
  signal?: AbortSignal,
): Promise<Answer> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  const inner = new AbortController();
  return new Promise<Answer>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      finish();
    };
    const onAbort = (): void => {
      settle(() => {
        inner.abort(signal!.reason);
        reject(signal!.reason);
      });
    };
    signal?.addEventListener("abort", onAbort, { once: true });

    const timeoutMs = question.timeoutMs;
    if (timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs >= 0) {
      timer = setTimeout(() => {
        settle(() => {
          inner.abort(new DOMException(`question "${question.id}" timed out after ${timeoutMs}ms`, "TimeoutError"));
          resolve(timeoutAnswer(question));
        });
      }, timeoutMs);
    }

    let pending: Answer | Promise<Answer>;
    try {
      pending = ask(inner.signal);
    } catch (error) {
      settle(() => reject(error));
      return;
    }
    Promise.resolve(pending).then(
      (answer) => settle(() => resolve(answer)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/**
 * Shows questions one at a time, in call order, each under {@link withTimeout}: for frontends
 * that own one terminal (console, TTY menu). A question's clock starts when it is shown.
 */
export class QuestionQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Queues `question`; `present` renders it and resolves its answer once it is its turn. */
  ask(
    question: Question,
    present: (question: Question, signal: AbortSignal) => Answer | Promise<Answer>,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const run = this.#tail.then(() => withTimeout(question, (inner) => present(question, inner), signal));
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
