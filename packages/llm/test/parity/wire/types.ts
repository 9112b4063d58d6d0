// Provider-neutral view of a provider's wire traffic, shared by the three wire codecs
// (openai.ts, anthropic.ts, gemini.ts): what a request says, and what a scripted model answers.
import type { RecordedRequest, Reply } from "../../helpers/provider-server.js";

/** The providers of the §8.9 matrix. */
export type ParityProvider = "openai" | "anthropic" | "gemini";

/** One part of a message as the provider received it. */
export type WirePart =
  | { type: "text"; text: string }
  /** An image sent inline (`base64`) or by reference (`url`). */
  | { type: "image"; base64?: string; url?: string; mediaType?: string }
  /** `id` is undefined for Gemini, which addresses calls by name. */
  | { type: "tool_call"; id?: string; name: string; args: Record<string, unknown>; signature?: string }
  /** `output` is the result as text (Gemini's `{ result }` object unwrapped). */
  | { type: "tool_result"; id?: string; name?: string; output: string; isError: boolean }
  | { type: "reasoning"; text: string; signature?: string };

/** One message: system text lives in {@link WireView.system}; tool results travel in user messages. */
export interface WireMessage {
  role: "user" | "assistant";
  parts: WirePart[];
}

/** One unit of the prompt in the provider's caching order (tools, system, messages). */
export interface PromptBlock {
  /** Canonical serialization (cache marks removed), identical across turns for identical content. */
  key: string;
  /** Token count of the block (see tokens.ts). */
  tokens: number;
  /** Carries an explicit cache breakpoint (Anthropic `cache_control`). */
  marked: boolean;
}

/** What a provider request says, read from its path, headers and body. */
export interface WireView {
  provider: ParityProvider;
  model: string;
  stream: boolean;
  /** The API key the request authenticated with. */
  apiKey: string | undefined;
  /** System/developer instructions, joined with blank lines ("" when none). */
  system: string;
  messages: WireMessage[];
  /** Names of the declared function tools. */
  tools: string[];
  toolChoice?: { mode: "auto" | "none" | "required" | "named"; name?: string };
  /** The JSON schema of a native structured-output request. */
  responseSchema?: Record<string, unknown>;
  /** Reasoning/thinking was requested (effort, thinking config). */
  reasoning: boolean;
  /** The provider would return reasoning text (Anthropic thinking, Gemini includeThoughts, OpenAI summary). */
  reasoningText: boolean;
  blocks: PromptBlock[];
  /** Values of the `anthropic-beta` header. */
  betas: string[];
  body: Record<string, unknown>;
  headers: RecordedRequest["headers"];
}

/** Token counts of one answer, as a provider-neutral model reports them. */
export interface NeutralUsage {
  /** Every prompt token, cached or not. */
  input: number;
  /** Every generated token, reasoning included. */
  output: number;
  reasoning?: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** What the scripted model answers to one request. */
export interface ModelTurn {
  reasoning?: string;
  text?: string;
  toolCalls?: { name: string; args: Record<string, unknown> }[];
}

/** Per-server counters used for ids and signatures, so that every answer is unique. */
export interface IdSource {
  next(prefix: string): string;
  /** Thought signatures the server issued (Gemini checks them on the way back). */
  signatures: Set<string>;
}

/** Reads and writes one provider's wire format. */
export interface WireCodec {
  provider: ParityProvider;
  /** The base URL an adapter should be given for a server at `origin`. */
  baseUrl(origin: string): string;
  /**
   * Reads a request.
   * @throws Error when the request is not one this provider's API accepts (answered as a 400).
   */
  read(request: RecordedRequest): WireView;
  /** A provider-specific conversation check (Gemini thought signatures); a message when it fails. */
  validate?(view: WireView, ids: IdSource): string | undefined;
  /** The non-streaming response body. */
  json(turn: ModelTurn, usage: NeutralUsage, view: WireView, ids: IdSource): Record<string, unknown>;
  /** The streaming response, framed exactly as the provider frames its SSE. */
  sse(turn: ModelTurn, usage: NeutralUsage, view: WireView, ids: IdSource): string[];
  /** The provider's answer to a wrong API key. */
  unauthorized(apiKey: string | undefined): Reply;
  /** The provider's 429, asking to retry after `seconds`. */
  rateLimited(seconds: number, model: string): Reply;
  /** The provider's answer for a model it does not serve. */
  modelNotFound(model: string): Reply;
  /** The provider's 400 for a malformed request. */
  invalidRequest(message: string): Reply;
}

/** Splits text into stream deltas of about `size` characters, on word boundaries. */
export function deltas(text: string, size = 12): string[] {
  const out: string[] = [];
  let current = "";
  for (const piece of text.split(/(?<=\s)/)) {
    current += piece;
    if (current.length >= size) {
      out.push(current);
      current = "";
    }
  }
  if (current !== "") out.push(current);
  return out;
}

/** A string property of a JSON object, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A list property, or []. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
