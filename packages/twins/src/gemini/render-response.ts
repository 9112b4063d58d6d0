/**
 * Neutral Answer -> `GenerateContentResponse` (`generateContent`): one candidate with the model's
 * parts (thought summaries when `includeThoughts`, text, function calls with `args`), thought
 * signatures where Gemini puts them, the finish reason, and `usageMetadata` computed from the
 * answer's usage (thoughts apart from candidates, cached prompt tokens, tokens by modality).
 * @module
 */
import type { Answer, FinishReason, Usage } from "../kit/conversation.js";
import type { GeminiPrompt, Thinking } from "./conversation.js";
import type { Json } from "./proto-json.js";

/** Where thought signatures go (see {@link signaturePolicy}). */
export type SignaturePolicy = "gemini3" | "first_part" | "none";

/** Everything a response needs besides the answer. */
export interface ResponseFrame {
  responseId: string;
  modelVersion: string;
  thinking: Thinking;
  signatures: SignaturePolicy;
  prompt: GeminiPrompt;
}

/**
 * Gemini 3 (while thinking, which it always does): a signature on the first function call of
 * the answer, or on its last text part when there is no call. Gemini 2.5 while thinking with
 * function declarations in the request: on the first part after the thoughts. Otherwise none.
 */
export function signaturePolicy(options: { thinking: Thinking; gemini3: boolean; hasTools: boolean }): SignaturePolicy {
  if (!options.thinking.on) return "none";
  if (options.gemini3) return "gemini3";
  return options.hasTools ? "first_part" : "none";
}

/** An opaque signature (base64), deterministic for the response and the part it goes on. */
export function thoughtSignature(responseId: string, index: number): string {
  return Buffer.from(`twin-thought-signature:${responseId}:${index}`, "utf8").toString("base64");
}

/** STOP (also for function calls), MAX_TOKENS, SAFETY. */
export function finishReasonOf(reason: FinishReason): string {
  switch (reason) {
    case "length":
      return "MAX_TOKENS";
    case "content_filter":
      return "SAFETY";
    default:
      return "STOP";
  }
}

/** The `functionCall` parts of an answer (`args` parsed; text that is not a JSON object is sent as `{}`). */
export function functionCallParts(answer: Answer): Json[] {
  return answer.toolCalls.map((call) => {
    let args: unknown;
    try {
      args = JSON.parse(call.arguments);
    } catch {
      args = undefined;
    }
    const object = typeof args === "object" && args !== null && !Array.isArray(args) ? args : {};
    return { functionCall: { name: call.name, args: object } };
  });
}

/** The thought summary part, when the request asked for thoughts and the model reasoned. */
export function thoughtParts(answer: Answer, thinking: Thinking): Json[] {
  return thinking.includeThoughts && answer.reasoning ? [{ text: answer.reasoning, thought: true }] : [];
}

/** The parts of a whole (non-streamed) answer, with its signature in place. */
export function answerParts(answer: Answer, frame: ResponseFrame): Json[] {
  const thoughts = thoughtParts(answer, frame.thinking);
  const calls = functionCallParts(answer);
  const visible: Json[] = [...(answer.text !== "" || calls.length === 0 ? [{ text: answer.text }] : []), ...calls];
  if (answer.finishReason === "length" && answer.text === "" && calls.length === 0) visible.length = 0;
  const sign = (part: Json | undefined): void => {
    if (part) part.thoughtSignature = thoughtSignature(frame.responseId, 0);
  };
  if (frame.signatures === "gemini3") sign(calls[0] ?? visible.at(-1));
  if (frame.signatures === "first_part") sign(visible[0]);
  return [...thoughts, ...visible];
}

/** Options of {@link usageMetadata}. */
export interface UsageOptions {
  /** Candidate tokens sent so far (a stream's running count); default all of them. */
  candidatesSoFar?: number;
  /** Add `candidatesTokensDetails` (the final answer, not a stream's intermediate chunks). */
  final: boolean;
}

/**
 * `usageMetadata`: `promptTokenCount` (cached tokens included), `candidatesTokenCount` (visible
 * output: text and calls), `totalTokenCount` (prompt + candidates + thoughts),
 * `cachedContentTokenCount` and `cacheTokensDetails` when the implicit cache was read,
 * `promptTokensDetails` by modality, `candidatesTokensDetails`, and `thoughtsTokenCount` when the
 * model reasoned. Zero counts are left out, as Gemini does.
 */
export function usageMetadata(usage: Usage, prompt: GeminiPrompt, options: UsageOptions): Json {
  const allCandidates = Math.max(0, usage.outputTokens - usage.reasoningTokens);
  const candidates = Math.min(allCandidates, options.candidatesSoFar ?? allCandidates);
  const thoughts = usage.reasoningTokens;
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const other = prompt.modalities.filter((m) => m.modality !== "TEXT");
  const otherTokens = other.reduce((sum, m) => sum + m.tokenCount, 0);
  const promptDetails = [{ modality: "TEXT", tokenCount: Math.max(0, usage.inputTokens - otherTokens) }, ...other];
  return {
    promptTokenCount: usage.inputTokens,
    ...(candidates > 0 ? { candidatesTokenCount: candidates } : {}),
    totalTokenCount: usage.inputTokens + candidates + thoughts,
    ...(cached > 0 ? { cachedContentTokenCount: cached } : {}),
    promptTokensDetails: promptDetails,
    ...(cached > 0 ? { cacheTokensDetails: [{ modality: "TEXT", tokenCount: cached }] } : {}),
    ...(options.final && candidates > 0
      ? { candidatesTokensDetails: [{ modality: "TEXT", tokenCount: candidates }] }
      : {}),
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
  };
}

/** A candidate: its content (parts left out when there are none), finish reason and index. */
export function candidate(parts: Json[], finishReason?: string, extra: Json = {}): Json {
  return {
    content: { ...(parts.length > 0 ? { parts } : {}), role: "model" },
    ...(finishReason !== undefined ? { finishReason } : {}),
    index: 0,
    ...extra,
  };
}

/** Safety ratings of a candidate stopped by the safety filter. */
export const BLOCKED_RATINGS: readonly Json[] = [
  { category: "HARM_CATEGORY_SEXUALLY_EXPLICIT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_HATE_SPEECH", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_HARASSMENT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true },
];

/** The whole `GenerateContentResponse` of a non-streamed answer. */
export function generateContentResponse(answer: Answer, frame: ResponseFrame): Json {
  const reason = finishReasonOf(answer.finishReason);
  const filtered = answer.finishReason === "content_filter";
  const parts = filtered ? [] : answerParts(answer, frame);
  const extra: Json = filtered
    ? { safetyRatings: [...BLOCKED_RATINGS] }
    : answer.toolCalls.length > 0
      ? { finishMessage: "Model generated function call(s)." }
      : {};
  return {
    candidates: [filtered ? { finishReason: reason, index: 0, ...extra } : candidate(parts, reason, extra)],
    usageMetadata: usageMetadata(answer.usage, frame.prompt, { final: true }),
    modelVersion: frame.modelVersion,
    responseId: frame.responseId,
  };
}
