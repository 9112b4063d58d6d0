/**
 * Neutral Answer -> the chunks of `streamGenerateContent`, each a whole `GenerateContentResponse`
 * as Gemini streams them: thought summaries first (`thought: true`), then text a few words at a
 * time, then the function calls whole (arguments are never split on the Gemini API); every chunk
 * carries the running `usageMetadata`, `modelVersion` and `responseId`. The last chunk has the
 * finish reason: after function calls it is an empty text part (as recorded), after a Gemini 3
 * text answer an empty text part with the thought signature.
 * @module
 */
import type { Answer } from "../kit/conversation.js";
import { estimateTokens, splitDeltas } from "../kit/token-estimator.js";
import type { Json } from "./proto-json.js";
import {
  BLOCKED_RATINGS,
  candidate,
  finishReasonOf,
  functionCallParts,
  type ResponseFrame,
  thoughtSignature,
  usageMetadata,
} from "./render-response.js";

/** One streamed chunk and the output tokens it carries (for the streaming physics). */
export interface StreamChunk {
  response: Json;
  tokens: number;
}

/** Words per streamed text chunk. */
export const WORDS_PER_CHUNK = 6;

function pieces(text: string, size: number): string[] {
  const deltas = splitDeltas(text);
  const out: string[] = [];
  for (let i = 0; i < deltas.length; i += size) out.push(deltas.slice(i, i + size).join(""));
  return out;
}

/** The chunks of a streamed answer. */
export function streamChunks(answer: Answer, frame: ResponseFrame): StreamChunk[] {
  const reason = finishReasonOf(answer.finishReason);
  const planned: { parts: Json[]; candidateTokens: number }[] = [];
  if (frame.thinking.includeThoughts && answer.reasoning) {
    for (const text of pieces(answer.reasoning, WORDS_PER_CHUNK * 2))
      planned.push({ parts: [{ text, thought: true }], candidateTokens: 0 });
  }
  const filtered = answer.finishReason === "content_filter";
  const calls = filtered ? [] : functionCallParts(answer);
  if (!filtered)
    for (const text of pieces(answer.text, WORDS_PER_CHUNK))
      planned.push({ parts: [{ text }], candidateTokens: estimateTokens(text) });
  if (calls.length > 0) {
    const tokens = answer.toolCalls.reduce((sum, c) => sum + estimateTokens(`${c.name} ${c.arguments}`), 0);
    planned.push({ parts: calls, candidateTokens: tokens });
  }
  const firstVisible = planned.find((p) => p.parts[0]?.thought !== true)?.parts[0];
  let trailing: Json[] | undefined;
  if (frame.signatures === "first_part" && firstVisible)
    firstVisible.thoughtSignature = thoughtSignature(frame.responseId, 0);
  if (frame.signatures === "gemini3") {
    if (calls.length > 0) calls[0].thoughtSignature = thoughtSignature(frame.responseId, 0);
    else if (firstVisible) trailing = [{ text: "", thoughtSignature: thoughtSignature(frame.responseId, 0) }];
  }
  if (calls.length > 0) trailing = [{ text: "" }];
  if (trailing || planned.length === 0) planned.push({ parts: trailing ?? [], candidateTokens: 0 });

  const allCandidates = Math.max(0, answer.usage.outputTokens - answer.usage.reasoningTokens);
  let sent = 0;
  return planned.map((chunk, i) => {
    const last = i === planned.length - 1;
    sent += chunk.candidateTokens;
    const usage = usageMetadata(answer.usage, frame.prompt, {
      candidatesSoFar: last ? allCandidates : sent,
      final: last,
    });
    const blocked = last && filtered && chunk.parts.length === 0;
    return {
      response: {
        candidates: [
          blocked
            ? { finishReason: reason, index: 0, safetyRatings: [...BLOCKED_RATINGS] }
            : candidate(chunk.parts, last ? reason : undefined),
        ],
        usageMetadata: usage,
        modelVersion: frame.modelVersion,
        responseId: frame.responseId,
      },
      tokens: chunk.parts.reduce(
        (sum, p) => sum + (typeof p.text === "string" ? estimateTokens(p.text) : p.functionCall ? 1 : 0),
        0,
      ),
    };
  });
}
