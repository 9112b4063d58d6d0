/**
 * Gemini `GenerateContentResponse` -> unified Response (unified-llm-spec §7.5, §3.8, §3.9).
 * The part, finish-reason and usage translations are shared with the stream translator.
 * @module
 */
import { randomUUID } from "node:crypto";
import type { ContentPart } from "../../types/message.js";
import type { FinishReason, ResponseFields, Usage } from "../../types/response.js";
import type { GeminiCallMetadata } from "./contents.js";
import type { GeminiFunctionCallOut, GeminiPartOut, GeminiResponse, GeminiUsageMetadata } from "./wire-types.js";

/** A synthetic tool call id, `call_<uuid>` (Gemini assigns none, §3.5). */
export function syntheticCallId(): string {
  return `call_${randomUUID()}`;
}

const CONTENT_FILTER = new Set([
  "SAFETY",
  "RECITATION",
  "BLOCKLIST",
  "PROHIBITED_CONTENT",
  "SPII",
  "IMAGE_SAFETY",
  "IMAGE_PROHIBITED_CONTENT",
  "IMAGE_RECITATION",
]);

/**
 * §3.8 Gemini finish reasons: STOP -> `stop`, or `tool_calls` when the candidate holds function
 * calls (Gemini has no reason of its own for that); MAX_TOKENS -> `length`; SAFETY, RECITATION,
 * BLOCKLIST, PROHIBITED_CONTENT, SPII and the IMAGE_* filters -> `content_filter`; anything else
 * (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, ...) -> `other`. `raw` keeps Gemini's word.
 */
export function mapGeminiFinishReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  const withRaw = (reason: FinishReason["reason"]): FinishReason => (raw === undefined ? { reason } : { reason, raw });
  if (raw === "STOP") return withRaw(hasToolCalls ? "tool_calls" : "stop");
  if (raw === "MAX_TOKENS") return withRaw("length");
  if (raw !== undefined && CONTENT_FILTER.has(raw)) return withRaw("content_filter");
  return withRaw("other");
}

/** `promptFeedback.blockReason` (the prompt itself was blocked) as a finish reason. */
export function blockedFinishReason(blockReason: string): FinishReason {
  return { reason: "content_filter", raw: blockReason };
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * §3.9 `usageMetadata` -> Usage. `inputTokens` = promptTokenCount (+ toolUsePromptTokenCount);
 * `outputTokens` = candidatesTokenCount + thoughtsTokenCount: Gemini bills thoughts as output
 * and its `candidatesTokenCount` leaves them out, so they are added to keep `reasoningTokens`
 * a part of `outputTokens` as for the other providers (then `totalTokens` equals Gemini's
 * `totalTokenCount`). `reasoningTokens` = thoughtsTokenCount; `cacheReadTokens` =
 * cachedContentTokenCount. `raw` is the metadata object.
 */
export function geminiUsage(metadata: GeminiUsageMetadata | undefined): Usage {
  const m = metadata ?? {};
  const thoughts = count(m.thoughtsTokenCount);
  const cached = count(m.cachedContentTokenCount);
  const inputTokens = (count(m.promptTokenCount) ?? 0) + (count(m.toolUsePromptTokenCount) ?? 0);
  const outputTokens = (count(m.candidatesTokenCount) ?? 0) + (thoughts ?? 0);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(thoughts !== undefined ? { reasoningTokens: thoughts } : {}),
    ...(cached !== undefined ? { cacheReadTokens: cached } : {}),
    ...(metadata ? { raw: metadata } : {}),
  };
}

/** A tool call part from a complete `functionCall`. */
export function toolCallPart(call: GeminiFunctionCallOut, thoughtSignature: string | undefined): ContentPart {
  const gemini: GeminiCallMetadata = {
    ...(thoughtSignature ? { thoughtSignature } : {}),
    ...(call.id ? { functionCallId: call.id } : {}),
  };
  return {
    kind: "tool_call",
    toolCall: {
      id: call.id ?? syntheticCallId(),
      name: call.name ?? "",
      arguments: call.args ?? {},
      ...(Object.keys(gemini).length > 0 ? { providerMetadata: { gemini } } : {}),
    },
  };
}

/** The signature of a text or media part, kept as a Gemini provider part right after it. */
export function signaturePart(thoughtSignature: string): ContentPart {
  return { kind: "provider", provider: "gemini", data: { thoughtSignature } };
}

/** Inline or file media from the model (e.g. generated images). */
export function mediaContentPart(part: GeminiPartOut): ContentPart | undefined {
  const inline = part.inlineData;
  const file = part.fileData;
  const mediaType = inline?.mimeType ?? file?.mimeType ?? "application/octet-stream";
  const media =
    inline && typeof inline.data === "string"
      ? { data: new Uint8Array(Buffer.from(inline.data, "base64")), mediaType }
      : file && typeof file.fileUri === "string"
        ? { url: file.fileUri, mediaType }
        : undefined;
  if (!media) return undefined;
  if (mediaType.startsWith("image/")) return { kind: "image", image: media };
  if (mediaType.startsWith("audio/")) return { kind: "audio", audio: media };
  return { kind: "document", document: media };
}

/**
 * Response parts -> content parts: text -> text (a `thoughtSignature` on it follows as a Gemini
 * provider part `{ thoughtSignature }`, which request translation puts back on the text);
 * `thought: true` text -> thinking with its signature; `functionCall` -> tool call with a
 * synthetic id (or the server's) and `providerMetadata.gemini.thoughtSignature`; inline/file
 * media -> image/audio/document; anything else (executableCode, codeExecutionResult, ...) -> a
 * Gemini provider part `{ part }` sent back unchanged.
 */
export function geminiPartsToContent(parts: GeminiPartOut[]): ContentPart[] {
  const content: ContentPart[] = [];
  for (const part of parts) {
    if (typeof part !== "object" || part === null) continue;
    const signature = typeof part.thoughtSignature === "string" ? part.thoughtSignature : undefined;
    if (part.functionCall) {
      content.push(toolCallPart(part.functionCall, signature));
    } else if (typeof part.text === "string" && part.thought === true) {
      content.push({
        kind: "thinking",
        thinking: { text: part.text, redacted: false, ...(signature ? { signature } : {}) },
      });
    } else if (typeof part.text === "string") {
      if (part.text !== "") content.push({ kind: "text", text: part.text });
      if (signature) content.push(signaturePart(signature));
    } else {
      const media = mediaContentPart(part);
      if (media) {
        content.push(media);
        if (signature) content.push(signaturePart(signature));
      } else {
        content.push({ kind: "provider", provider: "gemini", data: { part } });
      }
    }
  }
  return content;
}

/**
 * A whole `generateContent` body -> Response fields (the first candidate; `raw` is the body).
 * A prompt blocked by `promptFeedback.blockReason` gives an empty message with `content_filter`.
 */
export function parseGeminiResponse(
  body: GeminiResponse,
  meta: { provider: string; model: string },
): Omit<ResponseFields, "warnings"> {
  const candidate = Array.isArray(body.candidates) ? body.candidates[0] : undefined;
  const parts = Array.isArray(candidate?.content?.parts) ? candidate.content.parts : [];
  const content = geminiPartsToContent(parts);
  const hasToolCalls = content.some((p) => p.kind === "tool_call");
  const blockReason = body.promptFeedback?.blockReason;
  const finishReason =
    !candidate && typeof blockReason === "string"
      ? blockedFinishReason(blockReason)
      : mapGeminiFinishReason(candidate?.finishReason, hasToolCalls);
  return {
    id: typeof body.responseId === "string" ? body.responseId : "",
    model: typeof body.modelVersion === "string" ? body.modelVersion : meta.model,
    provider: meta.provider,
    message: { role: "assistant", content },
    finishReason,
    usage: geminiUsage(body.usageMetadata),
    raw: body,
  };
}
