/**
 * The provider-neutral view of a model request (a Conversation) and of the model's reply (an
 * Answer). Each provider twin translates its wire request to a Conversation and renders an
 * Answer back to its wire format, so one script drives every provider.
 * @module
 */
import type { PromptBlock } from "./prompt-cache.js";

/** A JSON Schema, as the request sent it. */
export type JsonSchema = Record<string, unknown>;

/** One piece of a message. */
export type ConversationPart =
  | { type: "text"; text: string }
  | { type: "image"; url?: string; mediaType?: string }
  | {
      type: "tool_call";
      /** The provider's call id (OpenAI `call_id`, Anthropic `tool_use.id`; Gemini: minted). */
      id: string;
      name: string;
      /** Arguments as the JSON text the model produced. */
      arguments: string;
    }
  | {
      type: "tool_result";
      /** Id of the call this answers. */
      callId: string;
      /** Tool name, when the wire format carries it (Gemini) or it can be found from the call. */
      name?: string;
      /** The result as text (JSON text for structured results). */
      output: string;
      isError?: boolean;
    }
  | {
      type: "reasoning";
      text: string;
      /** The provider's opaque proof of the reasoning (Anthropic `signature`, Gemini `thoughtSignature`), when sent back. */
      signature?: string;
    };

/** One turn: `user` (including tool results) or `assistant` (text, tool calls, reasoning). */
export interface ConversationMessage {
  role: "user" | "assistant";
  parts: ConversationPart[];
}

/** A function tool the request declares. */
export interface ConversationTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: JsonSchema;
}

/**
 * A tool from a wire declaration's `name`, `description` and JSON Schema `parameters`; a
 * description that is not a string and parameters that are not a JSON object are left out.
 */
export function conversationTool(name: unknown, description: unknown, parameters: unknown): ConversationTool {
  const isSchema = typeof parameters === "object" && parameters !== null && !Array.isArray(parameters);
  return {
    name: String(name),
    ...(typeof description === "string" ? { description } : {}),
    ...(isSchema ? { parameters: parameters as JsonSchema } : {}),
  };
}

/** What the request allows or forces about tool calls. */
export type ToolChoice = { mode: "auto" } | { mode: "none" } | { mode: "required" } | { mode: "tool"; name: string };

/** The output format the request asks for. */
export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema: JsonSchema; strict: boolean };

/** A model request in provider-neutral form. */
export interface Conversation {
  /** The model as the request named it. */
  model: string;
  /** System, developer and instructions text, joined by blank lines ("" when none). */
  system: string;
  messages: ConversationMessage[];
  tools: ConversationTool[];
  toolChoice: ToolChoice;
  responseFormat: ResponseFormat;
  stream: boolean;
  /** Output limit of the request in tokens, when it set one. */
  maxOutputTokens?: number;
  /** Present when the request asks the model to reason; `summary` when it asks to see the reasoning. */
  reasoning?: { effort?: string; summary: boolean };
  /** The prompt as cacheable blocks, in order (usage and prompt caching are computed over them). */
  promptBlocks: PromptBlock[];
}

/** Why the model stopped, in neutral terms; each provider maps it to its own. */
export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/** Token usage of one answer. */
export interface Usage {
  /** All prompt tokens, cached ones included. */
  inputTokens: number;
  /** All output tokens, reasoning included. */
  outputTokens: number;
  /** Output tokens spent on reasoning. */
  reasoningTokens: number;
  /** Prompt tokens read from the prompt cache. */
  cachedInputTokens: number;
  /** Prompt tokens written to the prompt cache (Anthropic reports them). */
  cacheWriteInputTokens: number;
}

/** A tool call of an answer. */
export interface AnswerToolCall {
  id: string;
  name: string;
  /** JSON text (or, when a script says so, deliberately malformed text). */
  arguments: string;
}

/** The model's reply in neutral form. */
export interface Answer {
  /** The visible text ("" when the answer is only tool calls). */
  text: string;
  toolCalls: AnswerToolCall[];
  /** Reasoning text, when the model reasoned. */
  reasoning?: string;
  finishReason: FinishReason;
  usage: Usage;
  /** Index of the script rule that produced it (0-based), absent for the default reply. */
  ruleIndex?: number;
}

/** Text of a message's text parts, joined by newlines. */
export function textOf(message: ConversationMessage | undefined): string {
  return (message?.parts ?? []).flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
}

/** The text of the last user message that has text ("" when none). */
export function lastUserText(conversation: Conversation): string {
  for (let i = conversation.messages.length - 1; i >= 0; i--) {
    const message = conversation.messages[i];
    if (message.role === "user" && message.parts.some((p) => p.type === "text")) return textOf(message);
  }
  return "";
}

/**
 * The user text the request ends with: the text of its last message when that is a user message
 * with text, else "" (a request that ends with tool results has no current user text). Script
 * rules match `userText`/`userTextRegex` on it, so a rule for the question does not fire again on
 * the tool-result follow-up.
 */
export function currentUserText(conversation: Conversation): string {
  const last = conversation.messages.at(-1);
  return last?.role === "user" && last.parts.some((p) => p.type === "text") ? textOf(last) : "";
}

/** Number of user turns: user messages with text (tool results alone do not start a turn). */
export function userTurns(conversation: Conversation): number {
  return conversation.messages.filter((m) => m.role === "user" && m.parts.some((p) => p.type === "text")).length;
}

/** The tool results the request ends with (those in its last message, when that is a user message). */
export function trailingToolResults(conversation: Conversation): Extract<ConversationPart, { type: "tool_result" }>[] {
  const last = conversation.messages.at(-1);
  if (last?.role !== "user") return [];
  return last.parts.flatMap((p) => (p.type === "tool_result" ? [p] : []));
}

/** The name of the tool call `callId` in the conversation, when the call is in it. */
export function toolNameOf(conversation: Conversation, callId: string): string | undefined {
  for (const message of conversation.messages)
    for (const part of message.parts) if (part.type === "tool_call" && part.id === callId) return part.name;
  return undefined;
}
