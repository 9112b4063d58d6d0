/**
 * Record mode for the Gemini twin: what the real API answered to `:generateContent` or
 * `:streamGenerateContent` (one response, the SSE chunks, or the JSON array of chunks) read back
 * into a script reply with its text, thoughts, function calls, finish reason and usage.
 * @module
 */
import { jsonObject, recordedUsage, sseJson } from "../kit/record/recorded-text.js";
import type { ScriptReply } from "../kit/script/types.js";
import { isObject, type Json } from "./proto-json.js";

/**
 * The reply the API sent to a `models/{model}:generateContent` or `:streamGenerateContent` path
 * (`body` the JSON text, the JSON array text or the whole SSE text), or undefined for anything
 * else.
 */
export function readGeminiRecordedReply(path: string, body: string, contentType: string): ScriptReply | undefined {
  const method = path.slice(path.lastIndexOf(":") + 1);
  if (method !== "generateContent" && method !== "streamGenerateContent") return undefined;
  const chunks = contentType.includes("text/event-stream") ? sseJson(body).map((e) => e.data) : jsonChunks(body);
  if (chunks.length === 0) return undefined;
  const reply: ScriptReply = {};
  let text = "";
  let thoughts = "";
  let finish: unknown;
  let usage: Json = {};
  for (const chunk of chunks) {
    const candidate = Array.isArray(chunk.candidates) ? chunk.candidates.find(isObject) : undefined;
    if (isObject(chunk.usageMetadata)) usage = chunk.usageMetadata;
    if (!candidate) continue;
    finish = candidate.finishReason ?? finish;
    const content = isObject(candidate.content) ? candidate.content : {};
    for (const part of Array.isArray(content.parts) ? content.parts.filter(isObject) : []) {
      if (typeof part.text === "string") {
        if (part.thought === true) thoughts += part.text;
        else text += part.text;
      }
      const call = part.functionCall;
      if (isObject(call)) {
        reply.toolCalls ??= [];
        reply.toolCalls.push({
          name: String(call.name ?? ""),
          ...(typeof call.id === "string" ? { id: call.id } : {}),
          arguments: JSON.stringify(call.args ?? {}),
        });
      }
    }
  }
  if (text !== "") reply.text = text;
  if (thoughts !== "") reply.reasoning = thoughts;
  if (finish === "MAX_TOKENS") reply.finishReason = "length";
  if (finish === "SAFETY" || finish === "PROHIBITED_CONTENT") reply.finishReason = "content_filter";
  const candidates = typeof usage.candidatesTokenCount === "number" ? usage.candidatesTokenCount : 0;
  const thoughtTokens = typeof usage.thoughtsTokenCount === "number" ? usage.thoughtsTokenCount : 0;
  reply.usage = recordedUsage({
    inputTokens: usage.promptTokenCount,
    // The twin's output count includes the thoughts: Gemini reports them apart from the candidates.
    outputTokens: candidates + thoughtTokens,
    reasoningTokens: thoughtTokens,
    cachedInputTokens: usage.cachedContentTokenCount ?? 0,
  });
  return reply;
}

/** One response, or the JSON array of a `:streamGenerateContent` without `alt=sse`. */
function jsonChunks(body: string): Json[] {
  const single = jsonObject(body);
  if (single) return [single];
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) ? value.filter(isObject) : [];
  } catch {
    return [];
  }
}
