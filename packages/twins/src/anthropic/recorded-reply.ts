/**
 * Record mode for the Anthropic twin: what the real API answered to `POST /v1/messages` (a
 * Message, or its SSE events) read back into a script reply with its text, thinking, tool uses,
 * stop reason and usage (cache reads and writes included).
 * @module
 */
import type { FinishReason } from "../kit/conversation.js";
import { jsonObject, recordedUsage, sseJson } from "../kit/record/recorded-text.js";
import type { ScriptReply } from "../kit/script/types.js";
import { isObject, type Json } from "./validate.js";

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

/**
 * The reply the API sent to `/v1/messages` (`body` the JSON text or the whole SSE text), or
 * undefined for another path or a body that is not a message.
 */
export function readAnthropicRecordedReply(path: string, body: string, contentType: string): ScriptReply | undefined {
  if (path !== "/v1/messages") return undefined;
  const message = contentType.includes("text/event-stream") ? assembleStream(body) : jsonObject(body);
  if (message?.type !== "message") return undefined;
  const reply: ScriptReply = {};
  const text: string[] = [];
  const thinking: string[] = [];
  const content = Array.isArray(message.content) ? message.content.filter(isObject) : [];
  for (const block of content) {
    if (block.type === "text") text.push(String(block.text ?? ""));
    if (block.type === "thinking") thinking.push(String(block.thinking ?? ""));
    if (block.type === "tool_use") {
      reply.toolCalls ??= [];
      reply.toolCalls.push({
        name: String(block.name ?? ""),
        ...(typeof block.id === "string" ? { id: block.id } : {}),
        arguments: JSON.stringify(block.input ?? {}),
      });
    }
  }
  if (text.length > 0) reply.text = text.join("");
  if (thinking.length > 0) reply.reasoning = thinking.join("\n\n");
  const reason = STOP_REASONS[String(message.stop_reason)];
  if (reason === "length" || reason === "content_filter") reply.finishReason = reason;
  const usage = isObject(message.usage) ? message.usage : {};
  const count = (value: unknown): number => (typeof value === "number" ? value : 0);
  const read = count(usage.cache_read_input_tokens);
  const write = count(usage.cache_creation_input_tokens);
  reply.usage = recordedUsage({
    // The twin's input count is the whole prompt: Anthropic reports the uncached rest apart.
    inputTokens: typeof usage.input_tokens === "number" ? usage.input_tokens + read + write : undefined,
    outputTokens: usage.output_tokens,
    cachedInputTokens: read,
    cacheWriteInputTokens: write,
  });
  return reply;
}

/** A Messages stream put back together as the Message it streams. */
function assembleStream(sse: string): Json | undefined {
  let message: Json | undefined;
  const blocks: Json[] = [];
  const partialJson: string[] = [];
  for (const { data } of sseJson(sse)) {
    if (data.type === "message_start" && isObject(data.message)) message = { ...data.message, content: blocks };
    const index = typeof data.index === "number" ? data.index : 0;
    if (data.type === "content_block_start" && isObject(data.content_block)) {
      blocks[index] = { ...data.content_block };
      partialJson[index] = "";
    }
    const delta = isObject(data.delta) ? data.delta : {};
    const block = blocks[index];
    if (data.type === "content_block_delta" && block) {
      if (delta.type === "text_delta") block.text = `${String(block.text ?? "")}${String(delta.text ?? "")}`;
      if (delta.type === "thinking_delta")
        block.thinking = `${String(block.thinking ?? "")}${String(delta.thinking ?? "")}`;
      if (delta.type === "input_json_delta") partialJson[index] += String(delta.partial_json ?? "");
    }
    if (data.type === "content_block_stop" && block?.type === "tool_use" && partialJson[index] !== "") {
      block.input = jsonObject(partialJson[index]) ?? {};
    }
    if (data.type === "message_delta" && message) {
      message.stop_reason = delta.stop_reason;
      message.usage = {
        ...(isObject(message.usage) ? message.usage : {}),
        ...(isObject(data.usage) ? data.usage : {}),
      };
    }
  }
  return message;
}
