/**
 * Chat Completions request -> neutral Conversation: system/developer messages become the system
 * text, tool messages become tool results, assistant `tool_calls` become tool calls; plus the
 * prompt blocks usage and caching are computed over.
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
import type { OpenAIModel } from "./models.js";
import { isObject, type Json } from "./validate.js";

/** Translates a validated Chat Completions body. */
export function chatConversation(body: Json, model: OpenAIModel): Conversation {
  const system: string[] = [];
  const messages: ConversationMessage[] = [];
  const blocks: PromptBlock[] = [];
  for (const tool of Array.isArray(body.tools) ? body.tools : []) blocks.push(promptBlock("tool", tool));
  for (const message of (body.messages as unknown[]).filter(isObject)) {
    const parts = partsOf(message);
    const text = parts
      .flatMap((p) => (p.type === "text" ? [p.text] : p.type === "tool_result" ? [p.output] : []))
      .join("\n");
    const images = parts.filter((p) => p.type === "image").length;
    const calls = parts.flatMap((p) => (p.type === "tool_call" ? [`${p.name} ${p.arguments}`] : [])).join("\n");
    blocks.push(
      promptBlock(`message:${String(message.role)}`, message, {
        tokens: estimateTokens(text) + estimateTokens(calls) + images * IMAGE_TOKENS,
      }),
    );
    if (message.role === "system" || message.role === "developer") {
      system.push(text);
      continue;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const last = messages.at(-1);
    if (last && last.role === role) last.parts.push(...parts);
    else messages.push({ role, parts });
  }
  const effort =
    (body.reasoning_effort as string | undefined) ?? model.defaultEffort ?? (model.reasoning ? "medium" : "none");
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  return {
    model: String(body.model),
    system: system.join("\n\n"),
    messages,
    tools: functionTools(body.tools),
    toolChoice: toolChoiceOf(body.tool_choice),
    responseFormat: formatOf(body.response_format),
    stream: body.stream === true,
    ...(typeof maxTokens === "number" ? { maxOutputTokens: maxTokens } : {}),
    ...(model.reasoning && effort !== "none" ? { reasoning: { effort, summary: false } } : {}),
    promptBlocks: blocks,
  };
}

function partsOf(message: Json): ConversationPart[] {
  const parts: ConversationPart[] = [];
  const content = message.content;
  if (message.role === "tool") {
    return [{ type: "tool_result", callId: String(message.tool_call_id), output: contentText(content) }];
  }
  if (message.role === "function") {
    return [
      { type: "tool_result", callId: String(message.name), name: String(message.name), output: contentText(content) },
    ];
  }
  if (typeof content === "string") parts.push({ type: "text", text: content });
  else if (Array.isArray(content)) {
    for (const part of content.filter(isObject)) {
      if (part.type === "text") parts.push({ type: "text", text: String(part.text) });
      else if (part.type === "refusal") parts.push({ type: "text", text: String(part.refusal ?? "") });
      else if (part.type === "image_url" && isObject(part.image_url)) {
        const url = String(part.image_url.url ?? "");
        const media = /^data:([^;,]+)/.exec(url)?.[1];
        parts.push({
          type: "image",
          ...(url.startsWith("data:") ? {} : { url }),
          ...(media ? { mediaType: media } : {}),
        });
      }
    }
  }
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls.filter(isObject) : []) {
    const fn = isObject(call.function) ? call.function : {};
    parts.push({
      type: "tool_call",
      id: String(call.id),
      name: String(fn.name ?? ""),
      arguments: String(fn.arguments ?? ""),
    });
  }
  if (isObject(message.function_call)) {
    const fn = message.function_call;
    parts.push({
      type: "tool_call",
      id: String(fn.name),
      name: String(fn.name),
      arguments: String(fn.arguments ?? ""),
    });
  }
  return parts;
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .filter(isObject)
    .map((p) => String(p.text ?? ""))
    .join("\n");
}

function functionTools(tools: unknown): ConversationTool[] {
  return (Array.isArray(tools) ? tools.filter(isObject) : [])
    .filter((t) => t.type === "function" && isObject(t.function))
    .map((t) => {
      const fn = t.function as Json;
      return conversationTool(fn.name, fn.description, fn.parameters);
    });
}

function toolChoiceOf(choice: unknown): ToolChoice {
  if (choice === "none" || choice === "required") return { mode: choice };
  if (isObject(choice)) {
    if (choice.type === "function" && isObject(choice.function))
      return { mode: "tool", name: String(choice.function.name) };
    if (choice.type === "allowed_tools" && isObject(choice.allowed_tools) && choice.allowed_tools.mode === "required") {
      return { mode: "required" };
    }
  }
  return { mode: "auto" };
}

function formatOf(format: unknown): ResponseFormat {
  if (!isObject(format)) return { type: "text" };
  if (format.type === "json_object") return { type: "json_object" };
  if (format.type === "json_schema" && isObject(format.json_schema)) {
    const spec = format.json_schema;
    return {
      type: "json_schema",
      name: String(spec.name),
      schema: isObject(spec.schema) ? spec.schema : {},
      strict: spec.strict === true,
    };
  }
  return { type: "text" };
}
