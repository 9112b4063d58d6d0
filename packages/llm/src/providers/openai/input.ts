/**
 * Unified messages -> Responses API `instructions` and `input` items (unified-llm-spec §7.3).
 * @module
 */
import { basename } from "node:path";
import { ConfigurationError } from "../../errors/client-errors.js";
import { resolveMedia } from "../../http/media.js";
import type { ContentPart, DocumentData, ImageData, Message, ToolResultData } from "../../types/message.js";
import type { Warning } from "../../types/response.js";
import { OPENAI_PART_PROVIDER } from "./response.js";
import type { OpenAIToolCallMetadata } from "./tool-calls.js";
import type {
  AssistantInputMessage,
  FunctionCallInputItem,
  OpenAIInputItem,
  ResponseInputContent,
  ResponseInputImage,
  ResponseInputItem,
} from "./wire-types.js";

/** An OpenAI file id (`file-...`), sent as `file_id` rather than a URL. */
const FILE_ID = /^file-[A-Za-z0-9_-]+$/;

function dataUri(mediaType: string, base64: string): string {
  return `data:${mediaType};base64,${base64}`;
}

/** §3.5 image -> `input_image`: URL, data URI (bytes or a local file), or an OpenAI file id. */
export async function inputImage(image: ImageData): Promise<ResponseInputImage> {
  const detail = image.detail ?? "auto";
  if (image.url && FILE_ID.test(image.url)) return { type: "input_image", file_id: image.url, detail };
  const media = await resolveMedia(image, "image/png");
  const url = media.kind === "data" ? dataUri(media.mediaType, media.base64) : media.url;
  return { type: "input_image", image_url: url, detail };
}

/** §3.5 document -> `input_file`: `file_url`, `file_id`, or `file_data` (a data URI) with a file name. */
export async function inputFile(document: DocumentData): Promise<ResponseInputContent> {
  if (document.url && FILE_ID.test(document.url)) return { type: "input_file", file_id: document.url };
  const media = await resolveMedia(document, "application/pdf");
  if (media.kind === "url") {
    return { type: "input_file", file_url: media.url, ...(document.fileName ? { filename: document.fileName } : {}) };
  }
  const fromUrl = document.url && !document.url.startsWith("data:") ? basename(document.url) : undefined;
  const extension = media.mediaType.split("/")[1]?.split(/[+;]/)[0] ?? "bin";
  return {
    type: "input_file",
    file_data: dataUri(media.mediaType, media.base64),
    filename: document.fileName ?? fromUrl ?? `document.${extension}`,
  };
}

function resultText(result: ToolResultData): string {
  const text = typeof result.content === "string" ? result.content : JSON.stringify(result.content);
  // OpenAI has no error flag on tool outputs: say it in the text.
  return result.isError && !/^error\b/i.test(text) ? `Error: ${text}` : text;
}

/**
 * §5.10 tool result -> `function_call_output` (or `custom_tool_call_output` when it answers a
 * custom tool call). A result image is sent as an `input_image` next to the text.
 */
async function toolOutput(result: ToolResultData, customCallIds: ReadonlySet<string>): Promise<ResponseInputItem> {
  const text = resultText(result);
  if (customCallIds.has(result.toolCallId)) {
    return { type: "custom_tool_call_output", call_id: result.toolCallId, output: text };
  }
  if (!result.imageData) return { type: "function_call_output", call_id: result.toolCallId, output: text };
  const image = await inputImage({ data: result.imageData, mediaType: result.imageMediaType });
  return {
    type: "function_call_output",
    call_id: result.toolCallId,
    output: [{ type: "input_text", text }, image],
  };
}

function toolCallItem(part: Extract<ContentPart, { kind: "tool_call" }>): OpenAIInputItem {
  const call = part.toolCall;
  const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
  if (call.type === "custom") return { type: "custom_tool_call", call_id: call.id, name: call.name, input: args };
  const meta = (call.providerMetadata?.openai ?? {}) as OpenAIToolCallMetadata;
  return {
    type: "function_call",
    call_id: call.id,
    name: call.name,
    arguments: args,
    ...(meta.namespace ? { namespace: meta.namespace } : {}),
    ...(meta.caller ? { caller: meta.caller } : {}),
  } satisfies FunctionCallInputItem;
}

function unsupported(warnings: Warning[], message: string): void {
  if (!warnings.some((w) => w.message === message)) warnings.push({ code: "unsupported_content", message });
}

/** A user/developer message being assembled; flushed when an item of another kind interrupts it. */
class Pending {
  private content: ResponseInputContent[] = [];
  private texts: string[] = [];
  constructor(
    private readonly role: "user" | "developer" | "assistant",
    private readonly out: OpenAIInputItem[],
  ) {}
  addText(text: string): void {
    if (this.role === "assistant") this.texts.push(text);
    else this.content.push({ type: "input_text", text });
  }
  addInput(content: ResponseInputContent): void {
    this.content.push(content);
  }
  flush(): void {
    if (this.role === "assistant" && this.texts.length > 0) {
      const message: AssistantInputMessage = {
        type: "message",
        role: "assistant",
        content: this.texts.map((text) => ({ type: "output_text" as const, text, annotations: [] })),
      };
      this.out.push(message);
    } else if (this.role !== "assistant" && this.content.length > 0) {
      this.out.push({ type: "message", role: this.role, content: this.content });
    }
    this.content = [];
    this.texts = [];
  }
}

/**
 * §7.3 translates the conversation. System text is joined (blank line between) into
 * `instructions`. Developer, user and assistant messages become `message` items (assistant text as
 * `output_text`); tool calls become `function_call`/`custom_tool_call` items and tool results
 * `function_call_output`/`custom_tool_call_output` items, in conversation order. `provider`
 * parts from OpenAI (reasoning items with `encrypted_content`, built-in tool items, MCP approval
 * responses) are replayed verbatim. Thinking parts are not sent (an OpenAI reasoning item travels
 * as its `provider` part); other providers' items and assistant images are dropped with a warning.
 * @throws ConfigurationError for audio parts, which the Responses API does not accept.
 */
export async function translateMessages(
  messages: Message[],
  warnings: Warning[],
): Promise<{ instructions?: string; input: OpenAIInputItem[] }> {
  const system: string[] = [];
  const input: OpenAIInputItem[] = [];
  const customCallIds = new Set<string>();
  for (const message of messages) {
    for (const part of message.content) {
      if (part.kind === "tool_call" && part.toolCall.type === "custom") customCallIds.add(part.toolCall.id);
    }
  }
  for (const message of messages) {
    if (message.role === "system") {
      for (const part of message.content) {
        if (part.kind === "text") system.push(part.text);
        else unsupported(warnings, `openai: only text is sent from system messages; a ${part.kind} part was dropped`);
      }
      continue;
    }
    const pending = new Pending(message.role === "tool" ? "user" : message.role, input);
    let answered = false;
    for (const part of message.content) {
      switch (part.kind) {
        case "text":
          if (message.role === "tool") continue;
          pending.addText(part.text);
          break;
        case "image":
          if (message.role === "assistant") unsupported(warnings, "openai: images in assistant messages are not sent");
          else pending.addInput(await inputImage(part.image));
          break;
        case "document":
          if (message.role === "assistant")
            unsupported(warnings, "openai: documents in assistant messages are not sent");
          else pending.addInput(await inputFile(part.document));
          break;
        case "audio":
          throw new ConfigurationError({
            message:
              "openai: the Responses API does not accept audio input; transcribe it first or use another provider",
          });
        case "tool_call":
          pending.flush();
          input.push(toolCallItem(part));
          break;
        case "tool_result":
          pending.flush();
          input.push(await toolOutput(part.toolResult, customCallIds));
          answered = true;
          break;
        case "thinking":
        case "redacted_thinking":
          break;
        case "provider":
          if (part.provider !== OPENAI_PART_PROVIDER) {
            unsupported(warnings, `openai: '${part.provider}' provider items cannot be sent to OpenAI; dropped`);
            break;
          }
          pending.flush();
          // An output item from an earlier response, replayed as it came (untyped JSON).
          input.push(part.data as unknown as ResponseInputItem);
          break;
        default: {
          const never: never = part;
          return never;
        }
      }
    }
    if (message.role === "tool" && !answered && message.toolCallId) {
      const text = message.content.flatMap((p) => (p.kind === "text" ? [p.text] : [])).join("");
      input.push(await toolOutput({ toolCallId: message.toolCallId, content: text, isError: false }, customCallIds));
    }
    pending.flush();
  }
  return { ...(system.length > 0 ? { instructions: system.join("\n\n") } : {}), input };
}
