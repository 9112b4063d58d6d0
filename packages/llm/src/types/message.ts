/**
 * Messages and content parts (unified-llm-spec §3.1-3.5).
 * @module
 */

/** §3.2 roles. */
export type Role = "system" | "user" | "assistant" | "tool" | "developer";

/** §3.5 an image: a URL (or a local file path: `/`, `./`, `~`), or bytes with a MIME type. */
export interface ImageData {
  url?: string;
  data?: Uint8Array;
  /** MIME type; defaults to `image/png` for bytes. */
  mediaType?: string;
  /** OpenAI's fidelity hint; ignored by the other providers. */
  detail?: "auto" | "low" | "high";
}

/** §3.5 audio input. */
export interface AudioData {
  url?: string;
  data?: Uint8Array;
  mediaType?: string;
}

/** §3.5 a document such as a PDF. */
export interface DocumentData {
  url?: string;
  data?: Uint8Array;
  mediaType?: string;
  fileName?: string;
}

/** §3.5 a model-initiated tool invocation inside an assistant message. */
export interface ToolCallData {
  /** Provider-assigned id (synthetic for Gemini). */
  id: string;
  name: string;
  /** Parsed JSON arguments, or the raw string when it did not parse. */
  arguments: Record<string, unknown> | string;
  /** `function` (default) or `custom` (free-form input tools). */
  type?: "function" | "custom";
  /** Provider data that must round-trip with the call (e.g. a Gemini thought signature). */
  providerMetadata?: Record<string, unknown>;
}

/** §3.5 the result of a tool call, sent back in a tool message. */
export interface ToolResultData {
  toolCallId: string;
  content: string | Record<string, unknown> | unknown[];
  isError: boolean;
  imageData?: Uint8Array;
  imageMediaType?: string;
}

/** §3.5 model reasoning. `redacted` blocks carry opaque data in `text` that must round-trip verbatim. */
export interface ThinkingData {
  text: string;
  /**
   * The provider that produced it (set by the client). Signatures only verify with that provider:
   * adapters leave out thinking from another one (§3.5 cross-provider portability).
   */
  provider?: string;
  /** Provider signature that must be sent back unchanged (Anthropic, Gemini). */
  signature?: string;
  redacted: boolean;
}

/**
 * §3.3 one part of a message, discriminated on `kind`. `provider` parts carry provider-specific
 * output items that must round-trip unchanged (e.g. OpenAI reasoning items with encrypted content).
 */
export type ContentPart =
  | { kind: "text"; text: string }
  | { kind: "image"; image: ImageData }
  | { kind: "audio"; audio: AudioData }
  | { kind: "document"; document: DocumentData }
  | { kind: "tool_call"; toolCall: ToolCallData }
  | { kind: "tool_result"; toolResult: ToolResultData }
  | { kind: "thinking"; thinking: ThinkingData }
  | { kind: "redacted_thinking"; thinking: ThinkingData }
  | { kind: "provider"; provider: string; data: Record<string, unknown> };

/** §3.4 the content kinds. */
export type ContentKind = ContentPart["kind"];

/** §3.1 one message of a conversation. */
export interface Message {
  role: Role;
  content: ContentPart[];
  /** For tool messages and developer attribution. */
  name?: string;
  /** Links a tool-result message to its tool call. */
  toolCallId?: string;
}

function parts(content: string | ContentPart[]): ContentPart[] {
  return typeof content === "string" ? [{ kind: "text", text: content }] : content;
}

/** §3.1 convenience constructors. */
export const Message = Object.freeze({
  system: (content: string | ContentPart[]): Message => ({ role: "system", content: parts(content) }),
  developer: (content: string | ContentPart[]): Message => ({ role: "developer", content: parts(content) }),
  user: (content: string | ContentPart[]): Message => ({ role: "user", content: parts(content) }),
  assistant: (content: string | ContentPart[]): Message => ({ role: "assistant", content: parts(content) }),
  /** A tool message answering `toolCallId`. */
  toolResult: (options: {
    toolCallId: string;
    content: ToolResultData["content"];
    isError?: boolean;
    name?: string;
  }): Message => ({
    role: "tool",
    toolCallId: options.toolCallId,
    ...(options.name ? { name: options.name } : {}),
    content: [
      {
        kind: "tool_result",
        toolResult: { toolCallId: options.toolCallId, content: options.content, isError: options.isError ?? false },
      },
    ],
  }),
});

/** §3.1 `message.text`: the concatenated text parts ("" when there are none). */
export function messageText(message: Message): string {
  let text = "";
  for (const part of message.content) if (part.kind === "text") text += part.text;
  return text;
}

/** True when `part` is thinking produced by a provider other than `provider` (§3.5). */
export function isForeignThinking(part: ContentPart, provider: string): boolean {
  return (
    (part.kind === "thinking" || part.kind === "redacted_thinking") &&
    part.thinking.provider !== undefined &&
    part.thinking.provider !== provider
  );
}

/** Marks unmarked thinking parts of `message` as produced by `provider` (in place). */
export function tagThinking(message: Message, provider: string): void {
  for (const part of message.content) {
    if ((part.kind === "thinking" || part.kind === "redacted_thinking") && part.thinking.provider === undefined) {
      part.thinking.provider = provider;
    }
  }
}
