/**
 * Unified messages → Anthropic `system` blocks and `messages` (unified-llm-spec §7.3 "Anthropic
 * Message Translation", §3.5, §5.10).
 * @module
 */
import type {
  Base64ImageSource,
  DocumentBlockParam,
  ImageBlockParam,
  ToolResultBlockParam,
  ToolUseBlockParam,
} from "@anthropic-ai/sdk/resources/messages";
import { ConfigurationError } from "../../errors/client-errors.js";
import type { ResolvedMedia } from "../../http/media.js";
import type { ContentPart, DocumentData, ImageData, Message, ToolResultData } from "../../types/message.js";
import { isForeignThinking } from "../../types/message.js";
import type { Warning } from "../../types/response.js";
import { PROVIDER } from "./errors.js";
import type { ContentBlockParam, MessageParam, TextBlockParam } from "./wire-types.js";

/** Resolves media to inline base64 or a URL (the shared `resolveMedia`, injectable for tests). */
export type MediaResolver = (
  media: { url?: string; data?: Uint8Array; mediaType?: string },
  fallbackMediaType: string,
) => Promise<ResolvedMedia>;

/** The translated conversation. */
export interface ConvertedMessages {
  /** System and developer messages, in order, as text blocks (empty when there are none). */
  system: TextBlockParam[];
  /** Strictly alternating user/assistant messages. */
  messages: MessageParam[];
  warnings: Warning[];
}

const IMAGE_TYPES = new Set<string>(["image/jpeg", "image/png", "image/gif", "image/webp"]);

type UserOrAssistant = "user" | "assistant";

/**
 * Translates the conversation (§7.3):
 * - SYSTEM and DEVELOPER messages → `system` text blocks, wherever they appear;
 * - USER → `user`; ASSISTANT → `assistant`; TOOL → `user` with `tool_result` blocks;
 * - consecutive messages of the same role are merged (strict alternation), and in each user
 *   message the `tool_result` blocks are moved first, as the API requires;
 * - text → `text` (empty text dropped); image (URL, bytes, local path, data URI) → `image`;
 *   document → `document` (PDF as base64 or URL, text/plain as a text source); tool call →
 *   `tool_use` (with its `caller` from `providerMetadata.anthropic`); tool result → `tool_result`
 *   (`is_error`, string content, or blocks when it carries an image); thinking → `thinking` with
 *   its signature, verbatim; redacted thinking → `redacted_thinking` with its data, verbatim;
 *   `provider` parts of provider `anthropic` (server tool blocks, MCP, compaction, ...) → the
 *   block as received.
 * Dropped with a Warning: thinking without a signature (the API rejects it), provider parts of
 * other providers, and unparseable tool-call arguments (sent as `{}`).
 * @throws ConfigurationError for audio (Anthropic has no audio input), unsupported image or
 *   document types, unreadable local files, and parts in a role that cannot hold them.
 */
export async function convertMessages(messages: Message[], resolve: MediaResolver): Promise<ConvertedMessages> {
  const system: TextBlockParam[] = [];
  const out: { role: UserOrAssistant; content: ContentBlockParam[] }[] = [];
  const warnings: Warning[] = [];

  for (const [i, message] of messages.entries()) {
    const where = `messages[${i}] (${message.role})`;
    if (message.role === "system" || message.role === "developer") {
      for (const part of message.content) {
        if (part.kind !== "text") throw unsupported(where, part.kind, "system and developer messages hold text only");
        if (part.text !== "") system.push({ type: "text", text: part.text });
      }
      continue;
    }
    const role: UserOrAssistant = message.role === "assistant" ? "assistant" : "user";
    const blocks: ContentBlockParam[] = [];
    for (const part of message.content) {
      const block =
        message.role === "assistant"
          ? convertAssistantPart(part, where, warnings)
          : await convertUserPart(part, message, where, resolve, warnings);
      if (block) blocks.push(block);
    }
    if (blocks.length === 0) continue;
    const previous = out[out.length - 1];
    if (previous && previous.role === role) previous.content.push(...blocks);
    else out.push({ role, content: blocks });
  }

  for (const message of out) {
    if (message.role !== "user") continue;
    const results = message.content.filter((b) => b.type === "tool_result");
    if (results.length > 0 && results.length < message.content.length) {
      message.content = [...results, ...message.content.filter((b) => b.type !== "tool_result")];
    }
  }
  return { system, messages: out, warnings };
}

function unsupported(where: string, kind: string, why: string): ConfigurationError {
  return new ConfigurationError({ message: `anthropic: ${where}: a '${kind}' part is not supported: ${why}` });
}

function convertAssistantPart(part: ContentPart, where: string, warnings: Warning[]): ContentBlockParam | undefined {
  switch (part.kind) {
    case "text":
      return part.text === "" ? undefined : { type: "text", text: part.text };
    case "tool_call": {
      const call = part.toolCall;
      let input: unknown = call.arguments;
      if (typeof input === "string") {
        try {
          input = JSON.parse(input === "" ? "{}" : input);
        } catch {
          warnings.push({
            code: "invalid_tool_arguments",
            message: `${where}: tool call ${call.id} has arguments that are not JSON; sent as {}`,
          });
          input = {};
        }
      }
      const caller = (call.providerMetadata?.[PROVIDER] as { caller?: unknown } | undefined)?.caller;
      const block: ToolUseBlockParam = { type: "tool_use", id: call.id, name: call.name, input };
      if (caller !== undefined) block.caller = caller as ToolUseBlockParam["caller"];
      return block;
    }
    case "thinking":
      if (isForeignThinking(part, "anthropic")) return undefined;
      if (!part.thinking.signature) {
        warnings.push({
          code: "thinking_dropped",
          message: `${where}: a thinking part without a signature was dropped (Anthropic only accepts signed thinking)`,
        });
        return undefined;
      }
      return { type: "thinking", thinking: part.thinking.text, signature: part.thinking.signature };
    case "redacted_thinking":
      if (isForeignThinking(part, "anthropic")) return undefined;
      return { type: "redacted_thinking", data: part.thinking.text };
    case "provider":
      return providerBlock(part, where, warnings);
    default:
      throw unsupported(where, part.kind, "assistant messages hold text, tool calls, thinking and provider items");
  }
}

async function convertUserPart(
  part: ContentPart,
  message: Message,
  where: string,
  resolve: MediaResolver,
  warnings: Warning[],
): Promise<ContentBlockParam | undefined> {
  switch (part.kind) {
    case "text":
      if (message.role === "tool" && message.toolCallId) {
        return { type: "tool_result", tool_use_id: message.toolCallId, content: part.text };
      }
      return part.text === "" ? undefined : { type: "text", text: part.text };
    case "image":
      return convertImage(part.image, where, resolve);
    case "document":
      return convertDocument(part.document, where, resolve);
    case "audio":
      throw unsupported(where, "audio", "Anthropic's Messages API has no audio input");
    case "tool_result":
      return convertToolResult(part.toolResult, where, resolve);
    case "provider":
      return providerBlock(part, where, warnings);
    default:
      throw unsupported(where, part.kind, `${message.role} messages cannot hold it`);
  }
}

function providerBlock(
  part: Extract<ContentPart, { kind: "provider" }>,
  where: string,
  warnings: Warning[],
): ContentBlockParam | undefined {
  if (part.provider !== PROVIDER) {
    warnings.push({
      code: "provider_part_dropped",
      message: `${where}: a '${part.provider}' provider item was dropped (it only means something to ${part.provider})`,
    });
    return undefined;
  }
  // Sent back exactly as the API returned it; the SDK's union lacks some beta block types.
  return part.data as unknown as ContentBlockParam;
}

async function convertImage(image: ImageData, where: string, resolve: MediaResolver): Promise<ImageBlockParam> {
  const media = await resolve(image, "image/png");
  if (media.kind === "url") return { type: "image", source: { type: "url", url: media.url } };
  if (!IMAGE_TYPES.has(media.mediaType)) {
    throw unsupported(
      where,
      "image",
      `media type '${media.mediaType}' (Anthropic accepts ${[...IMAGE_TYPES].join(", ")})`,
    );
  }
  return {
    type: "image",
    source: { type: "base64", media_type: media.mediaType as Base64ImageSource["media_type"], data: media.base64 },
  };
}

async function convertDocument(
  document: DocumentData,
  where: string,
  resolve: MediaResolver,
): Promise<DocumentBlockParam> {
  const media = await resolve(document, "application/pdf");
  const title = document.fileName ? { title: document.fileName } : {};
  if (media.kind === "url") return { type: "document", source: { type: "url", url: media.url }, ...title };
  if (media.mediaType === "application/pdf") {
    return {
      type: "document",
      source: { type: "base64", media_type: "application/pdf", data: media.base64 },
      ...title,
    };
  }
  if (media.mediaType === "text/plain") {
    const data = Buffer.from(media.base64, "base64").toString("utf8");
    return { type: "document", source: { type: "text", media_type: "text/plain", data }, ...title };
  }
  throw unsupported(
    where,
    "document",
    `media type '${media.mediaType}' (Anthropic accepts application/pdf and text/plain)`,
  );
}

async function convertToolResult(
  result: ToolResultData,
  where: string,
  resolve: MediaResolver,
): Promise<ToolResultBlockParam> {
  const text = typeof result.content === "string" ? result.content : JSON.stringify(result.content);
  const block: ToolResultBlockParam = { type: "tool_result", tool_use_id: result.toolCallId, content: text };
  if (result.imageData) {
    const image = await convertImage(
      { data: result.imageData, mediaType: result.imageMediaType ?? "image/png" },
      `${where} tool result ${result.toolCallId}`,
      resolve,
    );
    block.content = text === "" ? [image] : [{ type: "text", text }, image];
  }
  if (result.isError) block.is_error = true;
  return block;
}
