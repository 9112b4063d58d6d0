/**
 * attractor-spec §6.1 `ask_multiple`, shared by the built-in interviewers.
 * @module
 */
import type { Answer, Interviewer, Question } from "./types.js";

/**
 * attractor-spec §6.1 `ask_multiple`: asks `questions` one after another through `interviewer.ask`
 * and resolves the answers in the same order. Rejects with the first rejection (an aborted
 * `signal` stops before the next question).
 */
export async function askSequentially(
  interviewer: Pick<Interviewer, "ask">,
  questions: readonly Question[],
  signal?: AbortSignal,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const question of questions) {
    signal?.throwIfAborted();
    answers.push(await interviewer.ask(question, signal));
  }
  return answers;
}
