/**
 * Unified messages -> Gemini `contents` and `systemInstruction` (unified-llm-spec §7.3 Gemini,
 * §5.10).
 * @module
 */
import { ConfigurationError } from "../../errors/client-errors.js";
import { mimeFromPath, resolveMedia } from "../../http/media.js";
import type { ContentPart, Message, ToolResultData } from "../../types/message.js";
import { isForeignThinking } from "../../types/message.js";
import type { Warning } from "../../types/response.js";
import type { GeminiContent, GeminiPart } from "./wire-types.js";

/** The dummy signature Google documents for function calls that did not come from Gemini. */
export const SKIP_SIGNATURE = "skip_thought_signature_validator";

/** True for Gemini 1.x/2.x model ids (no thought-signature checks; `thinkingBudget`, not `thinkingLevel`). */
export function isLegacyGeminiModel(model: string): boolean {
  return /(^|\/)gemini-(1|2)([.-]|$)/.test(model);
}

/** Gemini's round-trip data on a tool call: `providerMetadata.gemini`. */
export interface GeminiCallMetadata {
  /** The `thoughtSignature` that came with the `functionCall` part. */
  thoughtSignature?: string;
  /** The server's `functionCall.id`, when it sent one (sent back on the call and its response). */
  functionCallId?: string;
}

/** `providerMetadata.gemini` of a tool call, if any. */
export function geminiCallMetadata(metadata: Record<string, unknown> | undefined): GeminiCallMetadata {
  const gemini = metadata?.gemini;
  return typeof gemini === "object" && gemini !== null ? (gemini as GeminiCallMetadata) : {};
}

interface CallInfo {
  name: string;
  functionCallId?: string;
}

/** Translation state of one request. */
interface Context {
  /** Tool call id -> function name (and server id), from the conversation's assistant messages. */
  calls: Map<string, CallInfo>;
  warnings: Warning[];
}

function warn(ctx: Context, message: string, code: string): void {
  if (!ctx.warnings.some((w) => w.code === code && w.message === message)) ctx.warnings.push({ message, code });
}

function urlMime(url: string): string | undefined {
  try {
    return mimeFromPath(new URL(url).pathname);
  } catch {
    return mimeFromPath(url);
  }
}

/** Media -> `inlineData` (bytes, local files, base64 data URIs) or `fileData` (URLs). */
async function mediaPart(media: { url?: string; data?: Uint8Array; mediaType?: string }, fallback: string) {
  const resolved = await resolveMedia(media, fallback);
  if (resolved.kind === "data") {
    return { inlineData: { mimeType: resolved.mediaType, data: resolved.base64 } } satisfies GeminiPart;
  }
  const mimeType = resolved.mediaType ?? urlMime(resolved.url) ?? fallback;
  return { fileData: { mimeType, fileUri: resolved.url } } satisfies GeminiPart;
}

/**
 * §7.3 `functionResponse.response` must be an object: an object result is sent as it is, a
 * string or list as `{ result }`; a failed call (`isError`) as `{ error }` (Gemini's convention
 * for error details).
 */
function responseObject(result: ToolResultData): Record<string, unknown> {
  const content = result.content;
  if (result.isError) return { error: content };
  if (typeof content === "object" && content !== null && !Array.isArray(content)) return content;
  return { result: content };
}

function toolResultParts(result: ToolResultData, fallbackName: string | undefined, ctx: Context): GeminiPart[] {
  const call = ctx.calls.get(result.toolCallId);
  const name = call?.name ?? fallbackName;
  if (!name) {
    throw new ConfigurationError({
      message: `gemini: no function name for tool result '${result.toolCallId}': Gemini addresses results by name; keep the assistant message with the tool call in the conversation, or set the tool message's name`,
    });
  }
  const parts: GeminiPart[] = [
    {
      functionResponse: {
        name,
        response: responseObject(result),
        ...(call?.functionCallId ? { id: call.functionCallId } : {}),
      },
    },
  ];
  if (result.imageData) {
    parts.push({
      inlineData: {
        mimeType: result.imageMediaType ?? "image/png",
        data: Buffer.from(result.imageData).toString("base64"),
      },
    });
  }
  return parts;
}

function parseArguments(args: Record<string, unknown> | string): Record<string, unknown> {
  if (typeof args !== "string") return args;
  try {
    const parsed: unknown = JSON.parse(args === "" ? "{}" : args);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Parts of one message, for the given Gemini role. */
async function partsOf(message: Message, ctx: Context): Promise<GeminiPart[]> {
  const parts: GeminiPart[] = [];
  for (const part of message.content) {
    const translated = await partOf(part, message, parts, ctx);
    if (translated) parts.push(...translated);
  }
  return parts;
}

async function partOf(
  part: ContentPart,
  message: Message,
  previous: GeminiPart[],
  ctx: Context,
): Promise<GeminiPart[] | undefined> {
  const isModel = message.role === "assistant";
  switch (part.kind) {
    case "text":
      return part.text === "" ? undefined : [{ text: part.text }];
    case "image":
      return [await mediaPart(part.image, "image/png")];
    case "audio":
      return [await mediaPart(part.audio, "audio/wav")];
    case "document":
      return [await mediaPart(part.document, "application/pdf")];
    case "tool_result":
      return toolResultParts(part.toolResult, message.name, ctx);
    case "tool_call": {
      if (!isModel) break;
      const meta = geminiCallMetadata(part.toolCall.providerMetadata);
      const id = meta.functionCallId;
      return [
        {
          functionCall: {
            name: part.toolCall.name,
            args: parseArguments(part.toolCall.arguments),
            ...(id ? { id } : {}),
          },
          ...(meta.thoughtSignature ? { thoughtSignature: meta.thoughtSignature } : {}),
        },
      ];
    }
    case "thinking": {
      if (!isModel || isForeignThinking(part, "gemini")) break;
      const { text, signature } = part.thinking;
      if (text === "" && !signature) return undefined;
      return [{ text, thought: true, ...(signature ? { thoughtSignature: signature } : {}) }];
    }
    case "redacted_thinking":
      warn(ctx, "gemini: redacted thinking has no Gemini form and was left out", "redacted_thinking_dropped");
      return undefined;
    case "provider": {
      if (part.provider !== "gemini") {
        warn(ctx, `gemini: a '${part.provider}' provider part was left out`, "provider_part_dropped");
        return undefined;
      }
      const data = part.data;
      if (typeof data.part === "object" && data.part !== null) return [{ ...(data.part as GeminiPart) }];
      if (typeof data.thoughtSignature === "string") {
        const last = previous.at(-1);
        // The signature of a text or media part (see response.ts): back on the part it came with.
        const carrier = last && (typeof last.text === "string" || last.inlineData || last.fileData);
        if (last && carrier && !last.thought && !last.thoughtSignature) {
          last.thoughtSignature = data.thoughtSignature;
          return undefined;
        }
        return [{ text: "", thoughtSignature: data.thoughtSignature }];
      }
      return undefined;
    }
  }
  warn(ctx, `gemini: a ${part.kind} part in a ${message.role} message was left out`, `${part.kind}_dropped`);
  return undefined;
}

/**
 * Gemini 3 rejects a turn's function calls without a thought signature; calls that came from
 * another provider (or were written by hand) get Google's documented dummy signature on the
 * first call of the message. Gemini 1.x/2.x models need none.
 */
function signFunctionCalls(parts: GeminiPart[], model: string): void {
  if (isLegacyGeminiModel(model)) return;
  const calls = parts.filter((p) => p.functionCall);
  if (calls.length > 0 && !calls.some((p) => p.thoughtSignature)) calls[0].thoughtSignature = SKIP_SIGNATURE;
}

/** Contents, system instruction and warnings of a conversation. */
export interface TranslatedContents {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  warnings: Warning[];
}

/**
 * §7.3: system and developer messages -> `systemInstruction` (their text parts, in order,
 * wherever they appear); user -> `user`; assistant -> `model`; tool -> `user` content of
 * `functionResponse` parts, addressed by function NAME (found from the assistant tool calls in
 * the conversation, else the tool message's `name`); consecutive tool messages share one
 * content. Text -> `text`; images, audio and documents -> `fileData` for URLs, `inlineData` for
 * bytes, base64 data URIs and local files; tool calls -> `functionCall` with their
 * `thoughtSignature` from `providerMetadata.gemini`; thinking -> `thought: true` text with its
 * signature; Gemini provider parts -> their part (or signature) back. Redacted thinking and
 * other providers' parts are dropped with a warning; messages left empty are skipped.
 * @throws ConfigurationError for a tool result whose function name cannot be found, or an
 *   unreadable local media file.
 */
export async function translateContents(messages: Message[], model: string): Promise<TranslatedContents> {
  const ctx: Context = { calls: new Map(), warnings: [] };
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    for (const part of message.content) {
      if (part.kind !== "tool_call") continue;
      const { functionCallId } = geminiCallMetadata(part.toolCall.providerMetadata);
      ctx.calls.set(part.toolCall.id, { name: part.toolCall.name, ...(functionCallId ? { functionCallId } : {}) });
    }
  }
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  let previousWasTool = false;
  for (const message of messages) {
    if (message.role === "system" || message.role === "developer") {
      for (const part of message.content) {
        if (part.kind === "text" && part.text !== "") system.push({ text: part.text });
        else if (part.kind !== "text")
          warn(ctx, `gemini: a ${part.kind} part in a system message was left out`, "system_part_dropped");
      }
      continue;
    }
    const parts = await partsOf(message, ctx);
    if (message.role === "assistant") signFunctionCalls(parts, model);
    if (parts.length === 0) continue;
    const isTool = message.role === "tool";
    const last = contents.at(-1);
    if (isTool && previousWasTool && last) last.parts?.push(...parts);
    else contents.push({ role: message.role === "assistant" ? "model" : "user", parts });
    previousWasTool = isTool;
  }
  return {
    contents,
    ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}),
    warnings: ctx.warnings,
  };
}
