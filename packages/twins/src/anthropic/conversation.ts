/**
 * Messages API request -> neutral Conversation: system text (`system` and system-role messages),
 * messages (text, images, documents, tool use and results, thinking), custom tools, tool choice,
 * structured output and thinking; plus the prompt blocks that usage and prompt caching are
 * computed over, in the order Anthropic reads them (tools, system, messages), with the
 * `cache_control` marks as breakpoints.
 * @module
 */
import {
  type Conversation,
  type ConversationMessage,
  type ConversationPart,
  type ConversationTool,
  conversationTool,
  type ResponseFormat,
  type ToolChoice,
} from "../kit/conversation.js";
import { type PromptBlock, promptBlock } from "../kit/prompt-cache.js";
import { estimateTokens, IMAGE_TOKENS } from "../kit/token-estimator.js";
import { verifyThinkingSignature } from "./thinking-signature.js";
import { CACHE_TTL_MS, isObject, type Json } from "./validate.js";
import type { ValidatedRequest } from "./validate-request.js";

/** The content of a message as blocks (a string is one text block). */
export function contentBlocks(content: unknown): Json[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  return Array.isArray(content) ? content.filter(isObject) : [];
}

/** The system text blocks of a request (`system` as a string or a list of text blocks). */
function systemBlocks(system: unknown): Json[] {
  return typeof system === "string" ? (system === "" ? [] : [{ type: "text", text: system }]) : contentBlocks(system);
}

/**
 * Translates a validated body.
 * @param validated what `validateMessagesRequest` returned for it.
 */
export function messagesConversation(body: Json, validated: ValidatedRequest): Conversation {
  const blocks: PromptBlock[] = [];
  const system: string[] = [];
  const tools = Array.isArray(body.tools) ? body.tools.filter(isObject) : [];
  for (const tool of tools) blocks.push(block("tool", tool, estimateTokens(JSON.stringify(withoutMark(tool)))));
  for (const part of systemBlocks(body.system)) {
    system.push(String(part.text));
    blocks.push(block("system", part, estimateTokens(String(part.text))));
  }
  const messages: ConversationMessage[] = [];
  const names = new Map<string, string>();
  for (const message of Array.isArray(body.messages) ? body.messages.filter(isObject) : []) {
    const role = String(message.role);
    const content = contentBlocks(message.content);
    for (const part of content) blocks.push(block(`message:${role}`, part, blockTokens(part)));
    if (role === "system") {
      system.push(content.map((p) => String(p.text ?? "")).join("\n"));
      continue;
    }
    const parts = content.flatMap((p) => translateBlock(p, names));
    messages.push({ role: role === "assistant" ? "assistant" : "user", parts });
  }
  if (isObject(body.cache_control) && blocks.length > 0) {
    const ttl = body.cache_control.ttl === "1h" ? CACHE_TTL_MS["1h"] : undefined;
    blocks[blocks.length - 1] = { ...blocks[blocks.length - 1], breakpoint: true, ...(ttl ? { ttlMs: ttl } : {}) };
  }
  const thinking = validated.thinking;
  const outputConfig = isObject(body.output_config) ? body.output_config : {};
  return {
    model: String(body.model),
    system: system.join("\n\n"),
    messages,
    tools: tools.filter((t) => t.type === undefined || t.type === null || t.type === "custom").map(customTool),
    toolChoice: toolChoiceOf(body.tool_choice),
    responseFormat: formatOf(outputConfig.format ?? body.output_format),
    stream: body.stream === true,
    ...(typeof body.max_tokens === "number" ? { maxOutputTokens: body.max_tokens } : {}),
    ...(thinking
      ? {
          reasoning: {
            ...(typeof outputConfig.effort === "string" ? { effort: outputConfig.effort } : {}),
            summary: thinking.display === "summarized",
          },
        }
      : {}),
    promptBlocks: blocks,
  };
}

/** The block without its cache marks, nested ones included (a moved mark must not change what is cached). */
function withoutMark(part: Json): Json {
  const { cache_control: _mark, ...rest } = part;
  if (Array.isArray(rest.content)) rest.content = rest.content.map((p) => (isObject(p) ? withoutMark(p) : p));
  return rest;
}

/** The cache mark of a block: its own, or one on a block of its content (a tool result's). */
function markOf(part: Json): Json | undefined {
  if (isObject(part.cache_control)) return part.cache_control;
  return contentBlocks(Array.isArray(part.content) ? part.content : undefined)
    .map((p) => p.cache_control)
    .find(isObject);
}

/** A prompt block for `part`, a breakpoint when it carries `cache_control`. */
function block(kind: string, part: Json, tokens: number): PromptBlock {
  const mark = markOf(part);
  return promptBlock(kind, withoutMark(part), {
    tokens,
    ...(mark ? { breakpoint: true } : {}),
    ...(mark?.ttl === "1h" ? { ttlMs: CACHE_TTL_MS["1h"] } : {}),
  });
}

/** Estimated tokens of one content block (overhead excluded). */
function blockTokens(part: Json): number {
  switch (part.type) {
    case "text":
      return estimateTokens(String(part.text));
    case "image":
      return IMAGE_TOKENS;
    case "thinking":
      return estimateTokens(String(part.thinking));
    case "tool_use":
      return estimateTokens(`${String(part.name)} ${JSON.stringify(part.input ?? {})}`);
    case "tool_result":
      return (
        estimateTokens(resultText(part.content)) +
        contentBlocks(part.content).filter((p) => p.type === "image").length * IMAGE_TOKENS
      );
    default:
      return estimateTokens(JSON.stringify(withoutMark(part)));
  }
}

function translateBlock(part: Json, names: Map<string, string>): ConversationPart[] {
  switch (part.type) {
    case "text":
      return [{ type: "text", text: String(part.text) }];
    case "image": {
      const source = isObject(part.source) ? part.source : {};
      return [
        {
          type: "image",
          ...(typeof source.url === "string" ? { url: source.url } : {}),
          ...(typeof source.media_type === "string" ? { mediaType: source.media_type } : {}),
        },
      ];
    }
    case "document": {
      const source = isObject(part.source) ? part.source : {};
      return source.type === "text" && typeof source.data === "string" ? [{ type: "text", text: source.data }] : [];
    }
    case "tool_use":
      names.set(String(part.id), String(part.name));
      return [
        {
          type: "tool_call",
          id: String(part.id),
          name: String(part.name),
          arguments: JSON.stringify(part.input ?? {}),
        },
      ];
    case "tool_result": {
      const callId = String(part.tool_use_id);
      const name = names.get(callId);
      return [
        {
          type: "tool_result",
          callId,
          ...(name !== undefined ? { name } : {}),
          output: resultText(part.content),
          ...(part.is_error === true ? { isError: true } : {}),
        },
      ];
    }
    case "thinking": {
      const signature = String(part.signature);
      const text = part.thinking !== "" ? String(part.thinking) : (verifyThinkingSignature(signature) ?? "");
      return [{ type: "reasoning", text, signature }];
    }
    default:
      return [];
  }
}

/** The text of a tool result's content (a string, or its text blocks joined by newlines). */
function resultText(content: unknown): string {
  if (content === undefined) return "";
  if (typeof content === "string") return content;
  return contentBlocks(content)
    .flatMap((p) => (p.type === "text" ? [String(p.text)] : []))
    .join("\n");
}

function customTool(tool: Json): ConversationTool {
  return conversationTool(tool.name, tool.description, tool.input_schema);
}

function toolChoiceOf(choice: unknown): ToolChoice {
  if (!isObject(choice)) return { mode: "auto" };
  if (choice.type === "none") return { mode: "none" };
  if (choice.type === "any") return { mode: "required" };
  if (choice.type === "tool" && typeof choice.name === "string") return { mode: "tool", name: choice.name };
  return { mode: "auto" };
}

function formatOf(format: unknown): ResponseFormat {
  if (isObject(format) && format.type === "json_schema" && isObject(format.schema)) {
    return { type: "json_schema", name: "output", schema: format.schema, strict: true };
  }
  return { type: "text" };
}
