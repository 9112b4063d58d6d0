/**
 * Chat Completions wire types (`POST /chat/completions`), snake_case as sent.
 *
 * Request types are `openai@6`'s own (`ChatCompletionCreateParams` and its parts), imported as
 * types only: the SDK is a devDependency and never loaded at run time. Response types are ours
 * and lenient (every field optional): third-party servers (Ollama, vLLM, gateways) differ in
 * what they fill in, and some add `reasoning_content` / `reasoning` for thinking models.
 * @module
 */
import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
} from "openai/resources/chat/completions";

/** A non-streaming request body. */
export type ChatRequest = ChatCompletionCreateParamsNonStreaming;
/** A streaming request body (`stream: true`). */
export type ChatStreamRequest = ChatCompletionCreateParamsStreaming;
/** One `messages[]` entry. */
export type ChatMessageParam = ChatCompletionMessageParam;
/** One part of a user message's content array. */
export type ChatContentPart = ChatCompletionContentPart;
/** One `tools[]` entry. */
export type ChatTool = ChatCompletionTool;
/** `tool_choice`. */
export type ChatToolChoice = ChatCompletionToolChoiceOption;

/** A tool call in a response message. */
export interface ChatToolCallOut {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

/** `usage` (on the response, or on the last chunk with `stream_options.include_usage`). */
export interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** The assistant message of a non-streaming response. */
export interface ChatMessageOut {
  role?: string;
  content?: string | null;
  refusal?: string | null;
  /** vLLM, DeepSeek: the model's reasoning text. */
  reasoning_content?: string | null;
  /** Ollama, OpenRouter: the model's reasoning text. */
  reasoning?: string | null;
  tool_calls?: ChatToolCallOut[] | null;
}

/** A non-streaming response (`chat.completion`). */
export interface ChatCompletionOut {
  id?: string;
  model?: string;
  object?: string;
  choices?: Array<{ index?: number; message?: ChatMessageOut; finish_reason?: string | null }>;
  usage?: ChatUsage | null;
  /** Some gateways report failures inside a 200 body. */
  error?: ChatErrorDetail | string;
}

/** A piece of a tool call in a stream chunk, addressed by `index`. */
export interface ChatToolCallDelta {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

/** One `chat.completion.chunk`. */
export interface ChatChunk {
  id?: string;
  model?: string;
  object?: string;
  choices?: Array<{
    index?: number;
    delta?: {
      role?: string;
      content?: string | null;
      refusal?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ChatToolCallDelta[] | null;
    };
    finish_reason?: string | null;
  }>;
  usage?: ChatUsage | null;
  error?: ChatErrorDetail | string;
}

/** `error` of an OpenAI-style error body. */
export interface ChatErrorDetail {
  message?: string;
  type?: string;
  code?: string | number | null;
  param?: string | null;
}

/**
 * An error body: OpenAI's `{ error: { message, type, code } }`, Ollama's `{ error: "..." }`,
 * vLLM's `{ object: "error", message, type, code }`, FastAPI's `{ detail }`.
 */
export interface ChatErrorBody {
  error?: ChatErrorDetail | string;
  message?: string;
  type?: string;
  code?: string | number | null;
  detail?: unknown;
}
