/**
 * Neutral Answer -> Chat Completions: the `chat.completion` object, and the
 * `chat.completion.chunk` stream (role chunk, content deltas, tool calls by index with their
 * arguments in pieces, the finish chunk, the usage chunk with `stream_options.include_usage`,
 * then `data: [DONE]`).
 * @module
 */
import type { Answer, Conversation, FinishReason, Usage } from "../kit/conversation.js";
import type { IdSource } from "../kit/prng.js";
import type { SseEvent } from "../kit/send.js";
import { splitChunks, splitDeltas } from "../kit/token-estimator.js";
import { SYSTEM_FINGERPRINT } from "./ids.js";
import type { Json } from "./validate.js";

/** What a completion needs besides the answer. */
export interface ChatFrame {
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model as the response reports it (the snapshot). */
  model: string;
  /** Number of choices (`n`, default 1); each is a copy of the answer. */
  choices: number;
  conversation: Conversation;
}

/** The chat usage object; with n choices, completion tokens count every choice. */
export function chatUsage(usage: Usage, choices = 1): Json {
  const completion = usage.outputTokens * choices;
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: completion,
    total_tokens: usage.inputTokens + completion,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens * choices,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Chat's finish reason; a forced named tool ends with `stop`, as the API reports it. */
export function chatFinishReason(answer: Answer, conversation: Conversation): FinishReason {
  if (answer.finishReason === "tool_calls" && conversation.toolChoice.mode === "tool") return "stop";
  return answer.finishReason;
}

/** The `chat.completion` object. */
export function chatCompletion(frame: ChatFrame, answer: Answer): Json {
  const message: Json = {
    role: "assistant",
    content: answer.text === "" && answer.toolCalls.length > 0 ? null : answer.text,
    refusal: null,
    annotations: [],
  };
  if (answer.toolCalls.length > 0) {
    message.tool_calls = answer.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: frame.id,
    object: "chat.completion",
    created: frame.created,
    model: frame.model,
    choices: Array.from({ length: frame.choices }, (_, index) => ({
      index,
      message,
      logprobs: null,
      finish_reason: chatFinishReason(answer, frame.conversation),
    })),
    usage: chatUsage(answer.usage, frame.choices),
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/** Options of {@link chatChunks}. */
export interface ChatStreamOptions {
  /** `stream_options.include_usage`: `usage: null` on every chunk, then a usage chunk. */
  includeUsage: boolean;
  /** `obfuscation` padding on every chunk (default on; `stream_options.include_obfuscation: false`). */
  obfuscation: boolean;
  ids: IdSource;
}

/** The SSE events of a streamed completion (data-only SSE, ending with `[DONE]`). */
export function chatChunks(frame: ChatFrame, answer: Answer, options: ChatStreamOptions): SseEvent[] {
  const events: SseEvent[] = [];
  const base = {
    id: frame.id,
    object: "chat.completion.chunk",
    created: frame.created,
    model: frame.model,
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  const push = (choices: Json[], tokens = 0, usage?: Json): void => {
    const chunk: Json = { ...base, choices, ...(options.includeUsage ? { usage: usage ?? null } : {}) };
    if (options.obfuscation) chunk.obfuscation = options.ids.alnum(8);
    events.push({ data: JSON.stringify(chunk), ...(tokens > 0 ? { tokens } : {}) });
  };
  const choice = (index: number, delta: Json, finish: string | null = null): Json => ({
    index,
    delta,
    logprobs: null,
    finish_reason: finish,
  });
  for (let index = 0; index < frame.choices; index++) {
    const text = answer.text;
    if (text !== "" || answer.toolCalls.length === 0) {
      push([choice(index, { role: "assistant", content: "", refusal: null })]);
      for (const delta of splitDeltas(text)) push([choice(index, { content: delta })], 1);
    }
    answer.toolCalls.forEach((call, i) => {
      const header = { index: i, id: call.id, type: "function", function: { name: call.name, arguments: "" } };
      const delta: Json =
        text === "" && i === 0
          ? { role: "assistant", content: null, tool_calls: [header], refusal: null }
          : { tool_calls: [header] };
      push([choice(index, delta)]);
      for (const piece of splitChunks(call.arguments)) {
        push([choice(index, { tool_calls: [{ index: i, function: { arguments: piece } }] })], 1);
      }
    });
    push([choice(index, {}, chatFinishReason(answer, frame.conversation))]);
  }
  if (options.includeUsage) push([], 0, chatUsage(answer.usage, frame.choices));
  events.push({ data: "[DONE]" });
  return events;
}
