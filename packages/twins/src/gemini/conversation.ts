/**
 * Parsed `generateContent` body -> neutral Conversation: `systemInstruction`, `contents` (thought
 * parts as reasoning with their signatures, function calls and responses paired by name),
 * function declarations, `toolConfig`, structured output, thinking; plus the prompt blocks usage
 * and implicit caching are computed over, with their tokens by modality.
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
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from "../kit/token-estimator.js";
import type { GeminiModel } from "./models.js";
import { isObject, type Json } from "./proto-json.js";
import { toJsonSchema } from "./schema-convert.js";

/** Tokens Gemini bills per image (and, in the twin, per other media part). */
export const GEMINI_MEDIA_TOKENS = 258;

/** Prompt tokens of one modality (`TEXT`, `IMAGE`, `AUDIO`, `VIDEO`, `DOCUMENT`). */
export interface ModalityTokens {
  modality: string;
  tokenCount: number;
}

/** A prompt as cacheable blocks, and its tokens by modality (they add up to the blocks' tokens). */
export interface GeminiPrompt {
  blocks: PromptBlock[];
  modalities: ModalityTokens[];
}

/** Whether and how the model thinks for a request. */
export interface Thinking {
  on: boolean;
  /** `high`, `low`, `dynamic`, a budget in tokens, ... (for the conversation's reasoning effort). */
  effort?: string;
  /** `thinkingConfig.includeThoughts`: thought summaries are sent as `thought: true` parts. */
  includeThoughts: boolean;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** The generation config of a parsed body ({} when absent). */
export function generationConfigOf(body: Json): Json {
  return isObject(body.generationConfig) ? body.generationConfig : {};
}

/**
 * How `model` thinks for this request: Gemini 3 always (its `thinkingLevel`, default HIGH);
 * Gemini 2.5 unless `thinkingBudget: 0` (Flash-Lite only when given a budget); others never.
 */
export function thinkingOf(body: Json, model: GeminiModel): Thinking {
  const config = generationConfigOf(body);
  const t = isObject(config.thinkingConfig) ? config.thinkingConfig : {};
  const spec = model.thinking;
  const budget = typeof t.thinkingBudget === "number" ? t.thinkingBudget : undefined;
  const level =
    typeof t.thinkingLevel === "string" && t.thinkingLevel !== "THINKING_LEVEL_UNSPECIFIED"
      ? t.thinkingLevel
      : undefined;
  const dynamicOr = (b: number | undefined): string => (b === undefined || b < 0 ? "dynamic" : String(b));
  let on = false;
  let effort: string | undefined;
  if (spec.kind === "level") {
    on = true;
    effort = (level ?? (budget !== undefined ? dynamicOr(budget) : spec.defaultLevel)).toLowerCase();
  } else if (spec.kind === "budget") {
    on = budget === undefined ? spec.defaultOn : budget !== 0;
    effort = dynamicOr(budget);
  }
  return on
    ? { on, ...(effort ? { effort } : {}), includeThoughts: t.includeThoughts === true }
    : { on, includeThoughts: false };
}

function modalityOf(mimeType: unknown): string {
  const mime = typeof mimeType === "string" ? mimeType : "";
  if (mime.startsWith("image/")) return "IMAGE";
  if (mime.startsWith("audio/")) return "AUDIO";
  if (mime.startsWith("video/")) return "VIDEO";
  return "DOCUMENT";
}

/**
 * The prompt blocks of a parsed body, in the order Gemini reads them: the system instruction,
 * each tool, then each content. Text (and function call/response JSON) is estimated; each media
 * part costs {@link GEMINI_MEDIA_TOKENS}.
 */
export function promptOf(body: Json): GeminiPrompt {
  const blocks: PromptBlock[] = [];
  const byModality = new Map<string, number>([["TEXT", 0]]);
  const add = (modality: string, tokens: number): void => {
    byModality.set(modality, (byModality.get(modality) ?? 0) + tokens);
  };
  const system = isObject(body.systemInstruction) ? textOfParts(list(body.systemInstruction.parts)) : "";
  if (system !== "") blocks.push(promptBlock("system", system));
  for (const tool of list(body.tools)) blocks.push(promptBlock("tool", tool));
  for (const block of blocks) add("TEXT", block.tokens);
  for (const content of list(body.contents)) {
    let text = 0;
    let media = 0;
    for (const part of list(content.parts)) {
      const data = part.inlineData ?? part.fileData;
      if (isObject(data)) {
        media += GEMINI_MEDIA_TOKENS;
        add(modalityOf(data.mimeType), GEMINI_MEDIA_TOKENS);
      } else if (typeof part.text === "string") text += estimateTokens(part.text);
      else if (isObject(part.functionCall)) text += estimateTokens(JSON.stringify(part.functionCall));
      else if (isObject(part.functionResponse)) text += estimateTokens(JSON.stringify(part.functionResponse));
      else text += estimateTokens(JSON.stringify(part));
    }
    const role = content.role === "model" ? "model" : "user";
    blocks.push(promptBlock(`content:${role}`, content, { tokens: text + media }));
    add("TEXT", text + MESSAGE_OVERHEAD_TOKENS);
  }
  const modalities = [...byModality]
    .filter(([m, n]) => m === "TEXT" || n > 0)
    .map(([modality, tokenCount]) => ({ modality, tokenCount }));
  return { blocks, modalities };
}

function textOfParts(parts: Json[]): string {
  return parts.flatMap((p) => (typeof p.text === "string" && p.thought !== true ? [p.text] : [])).join("\n");
}

/** Options of {@link geminiConversation}. */
export interface ConversationOptions {
  stream: boolean;
  thinking: Thinking;
  prompt: GeminiPrompt;
}

/** Translates a parsed and validated body for `model`. */
export function geminiConversation(body: Json, model: GeminiModel, options: ConversationOptions): Conversation {
  const config = generationConfigOf(body);
  const thinking = options.thinking;
  return {
    model: model.id,
    system: isObject(body.systemInstruction) ? textOfParts(list(body.systemInstruction.parts)) : "",
    messages: messagesOf(list(body.contents)),
    tools: toolsOf(body.tools),
    toolChoice: toolChoiceOf(body.toolConfig),
    responseFormat: responseFormatOf(config),
    stream: options.stream,
    ...(typeof config.maxOutputTokens === "number" ? { maxOutputTokens: config.maxOutputTokens } : {}),
    ...(thinking.on
      ? { reasoning: { ...(thinking.effort ? { effort: thinking.effort } : {}), summary: thinking.includeThoughts } }
      : {}),
    promptBlocks: options.prompt.blocks,
  };
}

function messagesOf(contents: Json[]): ConversationMessage[] {
  const messages: ConversationMessage[] = [];
  /** Ids of the calls of the last model step that no response answered yet, by name. */
  let open = new Map<string, string[]>();
  contents.forEach((content, i) => {
    const role = content.role === "model" ? "assistant" : "user";
    if (role === "assistant" && messages.at(-1)?.role !== "assistant") open = new Map();
    const out: ConversationPart[] = [];
    list(content.parts).forEach((part, j) => {
      const signature = typeof part.thoughtSignature === "string" ? part.thoughtSignature : undefined;
      if (typeof part.text === "string" && part.thought === true) {
        out.push({ type: "reasoning", text: part.text, ...(signature ? { signature } : {}) });
      } else if (typeof part.text === "string") {
        if (part.text !== "") out.push({ type: "text", text: part.text });
      } else if (isObject(part.inlineData) || isObject(part.fileData)) {
        const data = (part.inlineData ?? part.fileData) as Json;
        out.push({
          type: "image",
          ...(typeof data.fileUri === "string" ? { url: data.fileUri } : {}),
          ...(typeof data.mimeType === "string" ? { mediaType: data.mimeType } : {}),
        });
      } else if (isObject(part.functionCall)) {
        const call = part.functionCall;
        const name = String(call.name);
        const id = typeof call.id === "string" && call.id !== "" ? call.id : `${name}@${i}.${j}`;
        open.set(name, [...(open.get(name) ?? []), id]);
        out.push({ type: "tool_call", id, name, arguments: JSON.stringify(call.args ?? {}) });
      } else if (isObject(part.functionResponse)) {
        const response = part.functionResponse;
        const name = String(response.name);
        const ids = open.get(name) ?? [];
        const callId = typeof response.id === "string" && response.id !== "" ? response.id : (ids.shift() ?? name);
        out.push({ type: "tool_result", callId, name, output: JSON.stringify(response.response ?? {}) });
      }
    });
    const last = messages.at(-1);
    if (last && last.role === role) last.parts.push(...out);
    else messages.push({ role, parts: out });
  });
  return messages;
}

function toolsOf(tools: unknown): ConversationTool[] {
  return list(tools).flatMap((tool) =>
    list(tool.functionDeclarations).map((d) => {
      const parameters = isObject(d.parametersJsonSchema)
        ? d.parametersJsonSchema
        : isObject(d.parameters)
          ? toJsonSchema(d.parameters, false)
          : undefined;
      return conversationTool(d.name, d.description, parameters);
    }),
  );
}

function toolChoiceOf(toolConfig: unknown): ToolChoice {
  const config =
    isObject(toolConfig) && isObject(toolConfig.functionCallingConfig) ? toolConfig.functionCallingConfig : {};
  const allowed = Array.isArray(config.allowedFunctionNames) ? config.allowedFunctionNames.map(String) : [];
  if (config.mode === "NONE") return { mode: "none" };
  if (config.mode === "ANY") return allowed.length > 0 ? { mode: "tool", name: allowed[0] } : { mode: "required" };
  return { mode: "auto" };
}

/**
 * `responseMimeType` + schema -> the answer's format: `application/json` (or `text/x.enum`) with
 * `responseJsonSchema` or `responseSchema` -> a schema instance; `application/json` alone -> a
 * JSON object; anything else -> text.
 */
export function responseFormatOf(config: Json): ResponseFormat {
  const mime = config.responseMimeType;
  if (mime !== "application/json" && mime !== "text/x.enum") return { type: "text" };
  const schema = isObject(config.responseJsonSchema)
    ? config.responseJsonSchema
    : isObject(config.responseSchema)
      ? toJsonSchema(config.responseSchema, true)
      : undefined;
  if (schema) return { type: "json_schema", name: "response", schema, strict: true };
  return mime === "application/json" ? { type: "json_object" } : { type: "text" };
}
