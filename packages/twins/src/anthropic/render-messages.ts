/**
 * Neutral Answer -> Messages API `Message` (`POST /v1/messages` without streaming, and the shell
 * of the `message_start` event): content blocks (thinking with its signature, text, `tool_use`),
 * `stop_reason`/`stop_sequence`, and usage with the cache fields, as the API reports them.
 * @module
 */
import type { Answer, AnswerToolCall, Usage } from "../kit/conversation.js";
import type { PromptBlock } from "../kit/prompt-cache.js";
import { estimateTokens } from "../kit/token-estimator.js";
import { signThinking } from "./thinking-signature.js";
import { CACHE_TTL_MS, isObject, type Json } from "./validate.js";

/** Anthropic's `stop_reason` values the twin gives. */
export type StopReason = "end_turn" | "max_tokens" | "stop_sequence" | "tool_use" | "refusal";

/** An answer ready to render: the Answer after stop sequences and parallel-call limits. */
export interface RenderedAnswer {
  answer: Answer;
  stopReason: StopReason;
  /** The stop sequence that ended the text, when one did. */
  stopSequence: string | null;
}

/** Everything a Message needs besides the answer. */
export interface MessageFrame {
  id: string;
  /** The model id the response reports (`claude-sonnet-4-5-20250929` for `claude-sonnet-4-5`). */
  model: string;
  /** How thinking is shown: `omitted` sends thinking blocks with empty text (signature only). */
  thinkingDisplay: "summarized" | "omitted";
  /** Prompt tokens up to the last 1-hour cache breakpoint (splits `cache_creation` by lifetime). */
  oneHourPrefixTokens: number;
}

function toolCallTokens(calls: readonly AnswerToolCall[]): number {
  return calls.reduce((sum, call) => sum + estimateTokens(`${call.name} ${call.arguments}`), 0);
}

/** What {@link finishAnswer} applies. */
export interface FinishOptions {
  stopSequences: readonly string[];
  disableParallelToolUse: boolean;
  /** The request enables thinking; without it a scripted reasoning text is not shown. */
  thinking: boolean;
}

/**
 * Applies what the model itself would have done: think only when asked (a script's reasoning is
 * dropped otherwise), stop at the first `stop_sequences` match in the text (stop reason
 * `stop_sequence`, no tool calls after it), and make at most one tool call when
 * `disable_parallel_tool_use` is set. Output tokens shrink with what was dropped.
 */
export function finishAnswer(answer: Answer, options: FinishOptions): RenderedAnswer {
  let { text, toolCalls } = answer;
  let dropped = 0;
  let reasoning = answer.reasoning;
  let reasoningTokens = answer.usage.reasoningTokens;
  if (!options.thinking && reasoning !== undefined) {
    dropped += reasoningTokens;
    reasoningTokens = 0;
    reasoning = undefined;
  }
  let stopSequence: string | null = null;
  let at = -1;
  for (const sequence of options.stopSequences) {
    const index = text.indexOf(sequence);
    if (index >= 0 && (at < 0 || index < at)) {
      at = index;
      stopSequence = sequence;
    }
  }
  if (stopSequence !== null) {
    const cut = text.slice(0, at);
    dropped += estimateTokens(text) - estimateTokens(cut) + toolCallTokens(toolCalls);
    text = cut;
    toolCalls = [];
  }
  if (options.disableParallelToolUse && toolCalls.length > 1) {
    dropped += toolCallTokens(toolCalls.slice(1));
    toolCalls = toolCalls.slice(0, 1);
  }
  const usage = { ...answer.usage, reasoningTokens, outputTokens: Math.max(1, answer.usage.outputTokens - dropped) };
  const { reasoning: _shown, ...rest } = answer;
  const finished: Answer = { ...rest, text, toolCalls, usage, ...(reasoning !== undefined ? { reasoning } : {}) };
  const stopReason: StopReason =
    stopSequence !== null
      ? "stop_sequence"
      : answer.finishReason === "length"
        ? "max_tokens"
        : answer.finishReason === "content_filter"
          ? "refusal"
          : toolCalls.length > 0
            ? "tool_use"
            : "end_turn";
  return { answer: finished, stopReason, stopSequence };
}

/** Prompt tokens up to (and including) the last block that ends a 1-hour cache breakpoint. */
export function oneHourPrefixTokens(blocks: readonly PromptBlock[]): number {
  let tokens = 0;
  let prefix = 0;
  for (const block of blocks) {
    tokens += block.tokens;
    if (block.breakpoint && block.ttlMs === CACHE_TTL_MS["1h"]) prefix = tokens;
  }
  return prefix;
}

/**
 * The usage object: `input_tokens` are the prompt tokens neither read from nor written to the
 * cache (Anthropic's total is `input_tokens + cache_creation_input_tokens +
 * cache_read_input_tokens`); writes are split into 5-minute and 1-hour entries.
 */
export function messageUsage(usage: Usage, frame: MessageFrame, reasoning: boolean): Json {
  const read = usage.cachedInputTokens;
  const write = usage.cacheWriteInputTokens;
  const oneHour = Math.max(0, Math.min(write, Math.min(read + write, frame.oneHourPrefixTokens) - read));
  return {
    input_tokens: Math.max(0, usage.inputTokens - read - write),
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
    cache_creation: { ephemeral_5m_input_tokens: write - oneHour, ephemeral_1h_input_tokens: oneHour },
    output_tokens: usage.outputTokens,
    ...(reasoning ? { output_tokens_details: { thinking_tokens: usage.reasoningTokens } } : {}),
    service_tier: "standard",
    inference_geo: "not_available",
  };
}

/** A tool call's input as the API sends it: the parsed arguments (a malformed script string as is). */
export function toolInput(call: AnswerToolCall): unknown {
  try {
    const parsed: unknown = JSON.parse(call.arguments);
    return isObject(parsed) ? parsed : call.arguments;
  } catch {
    return call.arguments;
  }
}

/** The content blocks of an answer: thinking (with its signature), text, then one `tool_use` per call. */
export function answerBlocks(answer: Answer, frame: MessageFrame): Json[] {
  const blocks: Json[] = [];
  if (answer.reasoning !== undefined) {
    blocks.push({
      type: "thinking",
      thinking: frame.thinkingDisplay === "omitted" ? "" : answer.reasoning,
      signature: signThinking(answer.reasoning),
    });
  }
  if (answer.text !== "") blocks.push({ type: "text", text: answer.text });
  for (const call of answer.toolCalls) {
    blocks.push({ type: "tool_use", id: call.id, name: call.name, input: toolInput(call), caller: { type: "direct" } });
  }
  return blocks;
}

/** `stop_details`: null, except for refusals. */
export function stopDetails(stopReason: StopReason | null): Json | null {
  return stopReason === "refusal" ? { type: "refusal", category: null, explanation: null } : null;
}

/**
 * The Message object. Without `rendered` it is the shell of `message_start` (no content, no stop
 * reason, usage with 1 output token so far).
 */
export function messageObject(frame: MessageFrame, usage: Usage, rendered?: RenderedAnswer): Json {
  const reasoning = rendered?.answer.reasoning !== undefined;
  const shellUsage = { ...usage, outputTokens: 1 };
  return {
    model: frame.model,
    id: frame.id,
    type: "message",
    role: "assistant",
    content: rendered ? answerBlocks(rendered.answer, frame) : [],
    stop_reason: rendered?.stopReason ?? null,
    stop_sequence: rendered?.stopSequence ?? null,
    stop_details: stopDetails(rendered?.stopReason ?? null),
    usage: messageUsage(rendered ? rendered.answer.usage : shellUsage, frame, reasoning),
  };
}
