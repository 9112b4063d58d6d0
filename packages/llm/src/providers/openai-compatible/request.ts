/**
 * Unified Request -> Chat Completions body (unified-llm-spec §7.10, §5.3, §3.10).
 * @module
 */
import { resolveMedia } from "../../http/media.js";
import type { ContentPart, Message, ToolResultData } from "../../types/message.js";
import type { Request } from "../../types/request.js";
import type { Warning } from "../../types/response.js";
import type { ToolChoice } from "../../types/tool.js";
import type { OpenAICompatibleProviderOptions } from "./adapter.js";
import type {
  ChatContentPart,
  ChatMessageParam,
  ChatRequest,
  ChatStreamRequest,
  ChatToolChoice,
} from "./wire-types.js";

/** A translated request and what had to be left out of it. */
export interface ChatRequestBuild<Body> {
  body: Body;
  /** Content the endpoint cannot take and that was dropped. */
  warnings: Warning[];
}

interface Context {
  provider: string;
  warnings: Warning[];
}

function warn(ctx: Context, message: string, code: string): void {
  if (!ctx.warnings.some((w) => w.code === code && w.message === message)) ctx.warnings.push({ message, code });
}

/** §5.3 tool choice -> `tool_choice`. */
export function chatToolChoice(choice: ToolChoice): ChatToolChoice {
  if (choice.mode === "named") return { type: "function", function: { name: choice.toolName ?? "" } };
  return choice.mode;
}

/** Tool output as the `content` string of a `tool` message (objects and lists as JSON). */
function toolContent(result: ToolResultData): string {
  return typeof result.content === "string" ? result.content : JSON.stringify(result.content);
}

function joinText(parts: ContentPart[], separator: string): string {
  return parts.flatMap((p) => (p.kind === "text" ? [p.text] : [])).join(separator);
}

async function userPart(part: ContentPart, ctx: Context): Promise<ChatContentPart | undefined> {
  switch (part.kind) {
    case "text":
      return { type: "text", text: part.text };
    case "image": {
      const media = await resolveMedia(part.image, "image/png");
      const url = media.kind === "data" ? `data:${media.mediaType};base64,${media.base64}` : media.url;
      return { type: "image_url", image_url: { url, ...(part.image.detail ? { detail: part.image.detail } : {}) } };
    }
    case "audio": {
      const media = await resolveMedia(part.audio, "audio/wav");
      if (media.kind === "data") {
        const format = /mp3|mpeg/.test(media.mediaType) ? "mp3" : "wav";
        return { type: "input_audio", input_audio: { data: media.base64, format } };
      }
      warn(
        ctx,
        `${ctx.provider}: audio by URL is not supported by Chat Completions and was left out`,
        "audio_url_dropped",
      );
      return undefined;
    }
    case "document": {
      const media = await resolveMedia(part.document, "application/pdf");
      if (media.kind === "data") {
        const fileData = `data:${media.mediaType};base64,${media.base64}`;
        return {
          type: "file",
          file: { file_data: fileData, ...(part.document.fileName ? { filename: part.document.fileName } : {}) },
        };
      }
      warn(
        ctx,
        `${ctx.provider}: documents by URL are not supported by Chat Completions and were left out`,
        "document_url_dropped",
      );
      return undefined;
    }
    default:
      warn(ctx, `${ctx.provider}: a ${part.kind} part in a user message was left out`, `${part.kind}_dropped`);
      return undefined;
  }
}

function toolMessages(message: Message, ctx: Context): ChatMessageParam[] {
  const out: ChatMessageParam[] = [];
  for (const part of message.content) {
    if (part.kind !== "tool_result") continue;
    out.push({
      role: "tool",
      tool_call_id: part.toolResult.toolCallId || message.toolCallId || "",
      content: toolContent(part.toolResult),
    });
    if (part.toolResult.imageData) {
      warn(
        ctx,
        `${ctx.provider}: images in tool results are not supported by Chat Completions and were left out`,
        "tool_image_dropped",
      );
    }
  }
  return out;
}

function assistantMessage(message: Message, ctx: Context): ChatMessageParam | undefined {
  const toolCalls = message.content.flatMap((p) =>
    p.kind === "tool_call"
      ? [
          {
            id: p.toolCall.id,
            type: "function" as const,
            function: {
              name: p.toolCall.name,
              arguments:
                typeof p.toolCall.arguments === "string" ? p.toolCall.arguments : JSON.stringify(p.toolCall.arguments),
            },
          },
        ]
      : [],
  );
  for (const part of message.content) {
    if (part.kind !== "text" && part.kind !== "tool_call" && part.kind !== "thinking") {
      warn(ctx, `${ctx.provider}: a ${part.kind} part in an assistant message was left out`, `${part.kind}_dropped`);
    }
  }
  const text = joinText(message.content, "");
  if (text === "" && toolCalls.length === 0) return undefined;
  return {
    role: "assistant",
    content: text === "" ? null : text,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

/**
 * §7.10 messages: system -> `system`; developer -> `system` (many third-party servers reject
 * the `developer` role; `providerOptions[name].developerRole: "developer"` keeps it); their text
 * parts joined by newlines. User -> `user` with a string (one text part) or a content array
 * (`text`, `image_url` with data URIs for bytes and local files, `input_audio` for audio bytes,
 * `file` for document bytes); assistant -> text joined into `content` (null when there is none)
 * and `tool_calls` (arguments as JSON strings); thinking is not sent back (Chat Completions has
 * no field for it); tool results -> one `tool` message each with `tool_call_id` and a string
 * `content` (objects as JSON). What cannot be sent is dropped with a warning.
 */
export async function chatMessages(request: Request, provider: string, developerRole: "system" | "developer") {
  const ctx: Context = { provider, warnings: [] };
  const messages: ChatMessageParam[] = [];
  for (const message of request.messages) {
    switch (message.role) {
      case "system":
      case "developer": {
        const role = message.role === "developer" ? developerRole : "system";
        messages.push({ role, content: joinText(message.content, "\n") });
        break;
      }
      case "user": {
        messages.push(...toolMessages(message, ctx));
        const parts = message.content.filter((p) => p.kind !== "tool_result");
        if (parts.length === 0) break;
        if (parts.length === 1 && parts[0].kind === "text") {
          messages.push({ role: "user", content: parts[0].text });
          break;
        }
        const content: ChatContentPart[] = [];
        for (const part of parts) {
          const translated = await userPart(part, ctx);
          if (translated) content.push(translated);
        }
        if (content.length > 0) messages.push({ role: "user", content });
        break;
      }
      case "assistant": {
        const translated = assistantMessage(message, ctx);
        if (translated) messages.push(translated);
        break;
      }
      case "tool":
        messages.push(...toolMessages(message, ctx));
        break;
    }
  }
  return { messages, warnings: ctx.warnings };
}

const OPTION_KEYS = new Set(["useMaxCompletionTokens", "developerRole", "includeUsage"]);

/**
 * Builds the `POST /chat/completions` body: messages (see {@link chatMessages}); tools as
 * `{ type: "function", function: { name, description, parameters } }`; `tool_choice` (only with
 * tools); `response_format` (`json_object` for json, `json_schema` with `name` default
 * `response` and `strict`); `temperature`, `top_p`, `max_tokens` (or `max_completion_tokens`
 * with `useMaxCompletionTokens`), `stop`, `reasoning_effort`. Streaming adds `stream: true` and
 * `stream_options: { include_usage: true }` (unless `includeUsage: false`). Then every other
 * key of `providerOptions[name]` is copied to the body as it is (wire names, e.g. `top_k`,
 * `seed`, `parallel_tool_calls`, `max_completion_tokens`, which replaces `max_tokens`).
 * `request.metadata` is not sent (OpenAI only stores it with `store: true`).
 * @throws ConfigurationError when a local media file cannot be read.
 */
export async function buildChatRequest(
  request: Request,
  provider: string,
  stream: boolean,
): Promise<ChatRequestBuild<ChatRequest | ChatStreamRequest>> {
  const options: OpenAICompatibleProviderOptions = request.providerOptions?.[provider] ?? {};
  const developerRole = options.developerRole === "developer" ? "developer" : "system";
  const { messages, warnings } = await chatMessages(request, provider, developerRole);
  const format = request.responseFormat;
  const tools = request.tools ?? [];
  const body = {
    model: request.model,
    messages,
    ...(tools.length > 0
      ? {
          tools: tools.map((tool) => ({
            type: "function" as const,
            function: { name: tool.name, description: tool.description, parameters: tool.parameters },
          })),
        }
      : {}),
    ...(tools.length > 0 && request.toolChoice ? { tool_choice: chatToolChoice(request.toolChoice) } : {}),
    ...(format?.type === "json" ? { response_format: { type: "json_object" as const } } : {}),
    ...(format?.type === "json_schema"
      ? {
          response_format: {
            type: "json_schema" as const,
            json_schema: {
              name: format.name ?? "response",
              schema: format.jsonSchema ?? {},
              strict: format.strict ?? false,
            },
          },
        }
      : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
    ...(request.maxTokens !== undefined
      ? options.useMaxCompletionTokens
        ? { max_completion_tokens: request.maxTokens }
        : { max_tokens: request.maxTokens }
      : {}),
    ...(request.stopSequences?.length ? { stop: request.stopSequences } : {}),
    ...(request.reasoningEffort ? { reasoning_effort: request.reasoningEffort } : {}),
  } satisfies ChatRequest;
  const full: ChatRequest | ChatStreamRequest = stream
    ? ({
        ...body,
        stream: true,
        ...(options.includeUsage === false ? {} : { stream_options: { include_usage: true } }),
      } satisfies ChatStreamRequest)
    : body;
  for (const [key, value] of Object.entries(options)) {
    if (!OPTION_KEYS.has(key)) (full as unknown as Record<string, unknown>)[key] = value;
  }
  if ("max_completion_tokens" in options) delete (full as { max_tokens?: unknown }).max_tokens;
  return { body: full, warnings };
}
