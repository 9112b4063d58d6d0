// The tool-call/tool-result pairing rule every provider enforces (each with its own 400 message):
// the tool calls of an assistant turn must be answered by the results in the next user turn.
import type { WireMessage } from "./types.js";

/** What is wrong with the pairing, for the codec to word as its provider does. */
export type PairingProblem =
  /** A call of message `index` has no result in the next message. */
  | { kind: "unanswered"; index: number; id: string }
  /** A result in message `index` answers no call of the previous message. */
  | { kind: "unexpected"; index: number; id: string }
  /** Message `index` holds `results` results for `calls` calls (Gemini counts; it has no ids). */
  | { kind: "count"; index: number; calls: number; results: number };

/**
 * Checks every assistant turn with tool calls against the next message. With `byId`, results
 * are matched to calls by id (OpenAI, Anthropic); without, only their number is checked (Gemini).
 * A trailing assistant turn (a conversation that ends on calls) is not checked.
 */
export function pairingProblem(messages: WireMessage[], byId: boolean): PairingProblem | undefined {
  for (const [index, message] of messages.entries()) {
    const results = message.parts.flatMap((p) => (p.type === "tool_result" ? [p] : []));
    const previous = index > 0 ? messages[index - 1] : undefined;
    const calls =
      previous?.role === "assistant" ? previous.parts.flatMap((p) => (p.type === "tool_call" ? [p] : [])) : [];
    if (message.role === "user" && byId) {
      const callIds = new Set(calls.map((c) => c.id));
      const stray = results.find((r) => !callIds.has(r.id));
      if (stray) return { kind: "unexpected", index, id: stray.id ?? "" };
    }
    if (message.role !== "assistant") continue;
    const own = message.parts.flatMap((p) => (p.type === "tool_call" ? [p] : []));
    const next = messages[index + 1];
    if (own.length === 0 || !next) continue;
    const answers = next.parts.flatMap((p) => (p.type === "tool_result" ? [p] : []));
    if (!byId) {
      if (answers.length !== own.length) {
        return { kind: "count", index: index + 1, calls: own.length, results: answers.length };
      }
      continue;
    }
    const answered = new Set(answers.map((a) => a.id));
    const missing = own.find((c) => !answered.has(c.id));
    if (missing) return { kind: "unanswered", index, id: missing.id ?? "" };
  }
  return undefined;
}
