/**
 * Responses API request -> neutral Conversation: input items (after those of the
 * `previous_response_id` chain), instructions, function tools, tool choice, text format,
 * reasoning; plus the prompt blocks usage and caching are computed over. Also checks that
 * function calls and their outputs pair up, as the API does.
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
import { decryptReasoning } from "./encrypted-reasoning.js";
import { OpenAIRequestError } from "./errors.js";
import type { OpenAIModel } from "./models.js";
import { isObject, type Json } from "./validate.js";

/** The input items of a request as a list (a string input is one user message). */
export function inputItems(body: Json): Json[] {
  if (typeof body.input === "string") return [{ type: "message", role: "user", content: body.input }];
  return Array.isArray(body.input) ? (body.input.filter(isObject) as Json[]) : [];
}

/**
 * Translates a validated body. `items` are all input items (stored ones first).
 * @throws OpenAIRequestError when function calls and outputs do not pair up.
 */
export function responsesConversation(body: Json, items: readonly Json[], model: OpenAIModel): Conversation {
  checkPairing(items);
  const system: string[] = typeof body.instructions === "string" && body.instructions !== "" ? [body.instructions] : [];
  const messages: ConversationMessage[] = [];
  const blocks: PromptBlock[] = [];
  const tools = functionTools(body.tools);
  for (const tool of Array.isArray(body.tools) ? body.tools : []) blocks.push(promptBlock("tool", tool));
  if (system.length > 0) blocks.push(promptBlock("instructions", system[0]));
  for (const item of items) {
    blocks.push(itemBlock(item));
    const translated = translateItem(item, system);
    if (!translated) continue;
    const last = messages.at(-1);
    if (last && last.role === translated.role) last.parts.push(...translated.parts);
    else messages.push(translated);
  }
  const reasoning = isObject(body.reasoning) ? body.reasoning : {};
  const effort =
    (reasoning.effort as string | undefined) ?? model.defaultEffort ?? (model.reasoning ? "medium" : "none");
  const format = isObject(body.text) && isObject(body.text.format) ? body.text.format : undefined;
  return {
    model: String(body.model),
    system: system.join("\n\n"),
    messages,
    tools,
    toolChoice: toolChoiceOf(body.tool_choice),
    responseFormat: formatOf(format),
    stream: body.stream === true,
    ...(typeof body.max_output_tokens === "number" ? { maxOutputTokens: body.max_output_tokens } : {}),
    ...(model.reasoning && effort !== "none"
      ? { reasoning: { effort, summary: Boolean(reasoning.summary ?? reasoning.generate_summary) } }
      : {}),
    promptBlocks: blocks,
  };
}

function translateItem(item: Json, system: string[]): ConversationMessage | undefined {
  const type = item.type ?? "message";
  if (type === "message") {
    const parts = contentParts(item.content);
    if (item.role === "system" || item.role === "developer") {
      system.push(parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n"));
      return undefined;
    }
    return { role: item.role === "assistant" ? "assistant" : "user", parts };
  }
  if (type === "function_call") {
    return {
      role: "assistant",
      parts: [
        { type: "tool_call", id: String(item.call_id), name: String(item.name), arguments: String(item.arguments) },
      ],
    };
  }
  if (type === "function_call_output") {
    return {
      role: "user",
      parts: [{ type: "tool_result", callId: String(item.call_id), output: outputText(item.output) }],
    };
  }
  if (type === "reasoning") {
    const summary = (Array.isArray(item.summary) ? item.summary : []).filter(isObject).map((s) => String(s.text ?? ""));
    const text = decryptReasoning(item.encrypted_content) ?? summary.join("\n");
    return { role: "assistant", parts: [{ type: "reasoning", text }] };
  }
  return undefined;
}

function contentParts(content: unknown): ConversationPart[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  const parts: ConversationPart[] = [];
  for (const part of Array.isArray(content) ? content.filter(isObject) : []) {
    if (part.type === "input_text" || part.type === "output_text")
      parts.push({ type: "text", text: String(part.text) });
    else if (part.type === "refusal") parts.push({ type: "text", text: String(part.refusal ?? "") });
    else if (part.type === "input_image") {
      const url = typeof part.image_url === "string" ? part.image_url : undefined;
      const media = url ? /^data:([^;,]+)/.exec(url)?.[1] : undefined;
      parts.push({
        type: "image",
        ...(url && !url.startsWith("data:") ? { url } : {}),
        ...(media ? { mediaType: media } : {}),
      });
    }
  }
  return parts;
}

function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  if (!Array.isArray(output)) return JSON.stringify(output ?? "");
  return output
    .filter(isObject)
    .map((p) => (p.type === "input_text" ? String(p.text) : JSON.stringify(p)))
    .join("\n");
}

/** A prompt block per input item; message text is counted as text, everything else as JSON. */
function itemBlock(item: Json): PromptBlock {
  const type = String(item.type ?? "message");
  const { id: _id, status: _status, ...content } = item;
  if (type !== "message") return promptBlock(`item:${type}`, content);
  const parts = contentParts(item.content);
  const text = parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
  const images = parts.filter((p) => p.type === "image").length;
  return promptBlock(`message:${String(item.role)}`, content, { tokens: estimateTokens(text) + images * IMAGE_TOKENS });
}

function functionTools(tools: unknown): ConversationTool[] {
  return (Array.isArray(tools) ? tools.filter(isObject) : [])
    .filter((t) => t.type === "function")
    .map((t) => conversationTool(t.name, t.description, t.parameters));
}

function toolChoiceOf(choice: unknown): ToolChoice {
  if (choice === "none" || choice === "required") return { mode: choice };
  if (isObject(choice)) {
    if (choice.type === "function" && typeof choice.name === "string") return { mode: "tool", name: choice.name };
    if (choice.type === "allowed_tools" && choice.mode === "required") return { mode: "required" };
  }
  return { mode: "auto" };
}

function formatOf(format: Json | undefined): ResponseFormat {
  if (format?.type === "json_object") return { type: "json_object" };
  if (format?.type === "json_schema" && isObject(format.schema)) {
    return { type: "json_schema", name: String(format.name), schema: format.schema, strict: format.strict === true };
  }
  return { type: "text" };
}

/**
 * Every function call needs its output later in the input, and every output a call before it.
 * @throws OpenAIRequestError (param `input`) with the API's wording.
 */
export function checkPairing(items: readonly Json[]): void {
  const calls = new Set<string>();
  const answered = new Set<string>();
  for (const item of items) {
    if (item.type === "function_call") calls.add(String(item.call_id));
    if (item.type === "function_call_output") {
      const id = String(item.call_id);
      if (!calls.has(id)) {
        throw new OpenAIRequestError({
          message: `No tool call found for function call output with call_id ${id}.`,
          param: "input",
        });
      }
      answered.add(id);
    }
  }
  for (const id of calls) {
    if (!answered.has(id))
      throw new OpenAIRequestError({ message: `No tool output found for function call ${id}.`, param: "input" });
  }
}
