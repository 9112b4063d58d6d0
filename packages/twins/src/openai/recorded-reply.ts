/**
 * Record mode for the OpenAI twin: what the real API answered (a Responses object, a chat
 * completion, or either as an SSE text) read back into a script reply with its text, reasoning
 * summary, function calls, finish reason and usage.
 * @module
 */
import type { FinishReason } from "../kit/conversation.js";
import { jsonObject, recordedUsage, sseJson } from "../kit/record/recorded-text.js";
import type { ScriptReply, ScriptToolCall } from "../kit/script/types.js";
import { isObject, type Json } from "./validate.js";

/**
 * The reply the API sent to `path` (`/v1/responses` or `/v1/chat/completions`; `body` the JSON
 * text or the whole SSE text), or undefined for anything else.
 */
export function readOpenAIRecordedReply(path: string, body: string, contentType: string): ScriptReply | undefined {
  const streamed = contentType.includes("text/event-stream");
  if (path === "/v1/responses") {
    const response = streamed ? finalResponse(body) : jsonObject(body);
    return response ? responsesReply(response) : undefined;
  }
  if (path === "/v1/chat/completions") return streamed ? chatStreamReply(body) : chatReply(jsonObject(body));
  return undefined;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** The response of a Responses stream's `response.completed` (or `.incomplete`) event. */
function finalResponse(sse: string): Json | undefined {
  const done = sseJson(sse).find((e) => e.data.type === "response.completed" || e.data.type === "response.incomplete");
  return done && isObject(done.data.response) ? done.data.response : undefined;
}

function responsesReply(response: Json): ScriptReply {
  const reply: ScriptReply = {};
  const text: string[] = [];
  const reasoning: string[] = [];
  const calls: ScriptToolCall[] = [];
  for (const item of list(response.output)) {
    if (item.type === "message") for (const part of list(item.content)) text.push(String(part.text ?? ""));
    if (item.type === "reasoning") for (const part of list(item.summary)) reasoning.push(String(part.text ?? ""));
    if (item.type === "function_call") calls.push(toolCall(item.call_id, item.name, item.arguments));
  }
  if (text.length > 0) reply.text = text.join("");
  if (reasoning.length > 0) reply.reasoning = reasoning.join("\n\n");
  if (calls.length > 0) reply.toolCalls = calls;
  const incomplete = isObject(response.incomplete_details) ? response.incomplete_details.reason : undefined;
  if (incomplete === "max_output_tokens") reply.finishReason = "length";
  if (incomplete === "content_filter") reply.finishReason = "content_filter";
  const usage = isObject(response.usage) ? response.usage : {};
  reply.usage = recordedUsage({
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    reasoningTokens: isObject(usage.output_tokens_details) ? usage.output_tokens_details.reasoning_tokens : undefined,
    cachedInputTokens: isObject(usage.input_tokens_details) ? usage.input_tokens_details.cached_tokens : undefined,
  });
  return reply;
}

function chatReply(completion: Json | undefined): ScriptReply | undefined {
  const choice = list(completion?.choices)[0];
  const message = isObject(choice?.message) ? choice.message : undefined;
  if (!completion || !choice || !message) return undefined;
  const calls = list(message.tool_calls).map((call) => {
    const fn = isObject(call.function) ? call.function : {};
    return toolCall(call.id, fn.name, fn.arguments);
  });
  return chatReplyOf(
    typeof message.content === "string" ? message.content : "",
    calls,
    choice.finish_reason,
    completion.usage,
  );
}

/** A chat stream's deltas added up: content, tool calls by index, finish reason, the usage chunk. */
function chatStreamReply(sse: string): ScriptReply | undefined {
  let text = "";
  let finish: unknown;
  let usage: unknown;
  const calls: { id?: unknown; name?: unknown; arguments: string }[] = [];
  for (const { data } of sseJson(sse)) {
    if (isObject(data.usage)) usage = data.usage;
    const choice = list(data.choices)[0];
    if (!choice) continue;
    finish = choice.finish_reason ?? finish;
    const delta = isObject(choice.delta) ? choice.delta : {};
    if (typeof delta.content === "string") text += delta.content;
    for (const call of list(delta.tool_calls)) {
      const index = typeof call.index === "number" ? call.index : 0;
      calls[index] ??= { arguments: "" };
      const fn = isObject(call.function) ? call.function : {};
      calls[index].id ??= call.id;
      calls[index].name ??= fn.name;
      if (typeof fn.arguments === "string") calls[index].arguments += fn.arguments;
    }
  }
  if (finish === undefined) return undefined;
  const toolCalls = calls.filter(Boolean).map((c) => toolCall(c.id, c.name, c.arguments));
  return chatReplyOf(text, toolCalls, finish, usage);
}

const CHAT_FINISH: Record<string, FinishReason> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
  content_filter: "content_filter",
};

function chatReplyOf(text: string, calls: ScriptToolCall[], finish: unknown, usage: unknown): ScriptReply {
  const reply: ScriptReply = {};
  if (text !== "") reply.text = text;
  if (calls.length > 0) reply.toolCalls = calls;
  const reason = CHAT_FINISH[String(finish)];
  if (reason === "length" || reason === "content_filter") reply.finishReason = reason;
  if (isObject(usage)) {
    reply.usage = recordedUsage({
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
      reasoningTokens: isObject(usage.completion_tokens_details)
        ? usage.completion_tokens_details.reasoning_tokens
        : undefined,
      cachedInputTokens: isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details.cached_tokens : undefined,
    });
  }
  return reply;
}

function toolCall(id: unknown, name: unknown, args: unknown): ScriptToolCall {
  return {
    name: String(name ?? ""),
    ...(typeof id === "string" ? { id } : {}),
    arguments: typeof args === "string" ? args : "{}",
  };
}
