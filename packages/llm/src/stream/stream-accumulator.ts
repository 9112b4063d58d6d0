/**
 * Collects unified stream events into a Response (unified-llm-spec §4.4 StreamAccumulator):
 * what `complete()` would have returned. Adapters use it to build the `finish` event's response.
 * @module
 */
import type { ContentPart, Message } from "../types/message.js";
import {
  createResponse,
  emptyUsage,
  type FinishReason,
  type Response,
  type ResponseFields,
} from "../types/response.js";
import type { StreamEvent } from "../types/stream-event.js";

type Segment =
  | { kind: "text"; id: string; text: string }
  | { kind: "reasoning"; id: string; text: string; signature?: string; redacted: boolean }
  | { kind: "tool_call"; id: string; name: string; args: string; done?: ContentPart }
  | { kind: "part"; part: ContentPart };

/** Accumulates events; `response()` gives the final (or, mid-stream, the partial) Response. */
export class StreamAccumulator {
  private readonly segments: Segment[] = [];
  private readonly byId = new Map<string, Segment>();
  private finished: Response | undefined;
  private meta: { id: string; model: string; provider: string } = { id: "", model: "", provider: "" };

  constructor(meta?: Partial<{ id: string; model: string; provider: string }>) {
    if (meta) this.meta = { ...this.meta, ...meta };
  }

  /** Feeds one event. */
  process(event: StreamEvent): void {
    switch (event.type) {
      case "stream_start":
        if (event.id) this.meta.id = event.id;
        if (event.model) this.meta.model = event.model;
        break;
      case "text_start":
        this.open(`t:${event.textId}`, { kind: "text", id: event.textId, text: "" });
        break;
      case "text_delta": {
        const seg = this.get(`t:${event.textId}`, () => ({ kind: "text", id: event.textId, text: "" }));
        if (seg.kind === "text") seg.text += event.delta;
        break;
      }
      case "text_end": {
        const seg = this.get(`t:${event.textId}`, () => ({ kind: "text", id: event.textId, text: "" }));
        if (seg.kind === "text") seg.text = event.text;
        break;
      }
      case "reasoning_start":
        this.open(`r:${event.reasoningId}`, {
          kind: "reasoning",
          id: event.reasoningId,
          text: "",
          redacted: event.redacted ?? false,
        });
        break;
      case "reasoning_delta": {
        const seg = this.get(`r:${event.reasoningId}`, () => ({
          kind: "reasoning",
          id: event.reasoningId,
          text: "",
          redacted: false,
        }));
        if (seg.kind === "reasoning") seg.text += event.delta;
        break;
      }
      case "reasoning_end": {
        const seg = this.get(`r:${event.reasoningId}`, () => ({
          kind: "reasoning",
          id: event.reasoningId,
          text: "",
          redacted: false,
        }));
        if (seg.kind === "reasoning") {
          seg.text = event.text;
          if (event.signature !== undefined) seg.signature = event.signature;
          if (event.redacted !== undefined) seg.redacted = event.redacted;
        }
        break;
      }
      case "tool_call_start":
        this.open(`c:${event.toolCallId}`, { kind: "tool_call", id: event.toolCallId, name: event.toolName, args: "" });
        break;
      case "tool_call_delta": {
        const seg = this.get(`c:${event.toolCallId}`, () => ({
          kind: "tool_call",
          id: event.toolCallId,
          name: "",
          args: "",
        }));
        if (seg.kind === "tool_call") seg.args += event.argumentsDelta;
        break;
      }
      case "tool_call_end": {
        const call = event.toolCall;
        const seg = this.get(`c:${call.id}`, () => ({ kind: "tool_call", id: call.id, name: call.name, args: "" }));
        if (seg.kind === "tool_call") {
          seg.done = {
            kind: "tool_call",
            toolCall: {
              id: call.id,
              name: call.name,
              arguments:
                call.rawArguments !== undefined && Object.keys(call.arguments).length === 0
                  ? call.rawArguments
                  : call.arguments,
              ...(call.type ? { type: call.type } : {}),
              ...(call.providerMetadata ? { providerMetadata: call.providerMetadata } : {}),
            },
          };
        }
        break;
      }
      case "finish":
        this.finished = event.response;
        break;
      case "error":
      case "provider_event":
      case "step_finish":
        break;
      default: {
        // A compile error here means a new event type needs handling above.
        const unhandled: never = event;
        void unhandled;
      }
    }
  }

  /** Adds a content part that has no stream events of its own (e.g. a provider item). */
  addPart(part: ContentPart): void {
    this.segments.push({ kind: "part", part });
  }

  /** The assistant message accumulated so far. */
  message(): Message {
    const content: ContentPart[] = [];
    for (const seg of this.segments) {
      if (seg.kind === "text") {
        if (seg.text !== "") content.push({ kind: "text", text: seg.text });
      } else if (seg.kind === "reasoning") {
        content.push({
          kind: seg.redacted ? "redacted_thinking" : "thinking",
          thinking: {
            text: seg.text,
            redacted: seg.redacted,
            ...(seg.signature !== undefined ? { signature: seg.signature } : {}),
          },
        });
      } else if (seg.kind === "tool_call") {
        content.push(seg.done ?? { kind: "tool_call", toolCall: { id: seg.id, name: seg.name, arguments: seg.args } });
      } else {
        content.push(seg.part);
      }
    }
    return { role: "assistant", content };
  }

  /**
   * Builds the Response: the one a `finish` event carried if there was one, else one made of
   * what was accumulated and `fields` (finish reason, usage, ...).
   */
  response(fields: Partial<Omit<ResponseFields, "message">> = {}): Response {
    if (this.finished && Object.keys(fields).length === 0) return this.finished;
    const finishReason: FinishReason = fields.finishReason ?? { reason: "other" };
    return createResponse({
      id: fields.id ?? this.meta.id,
      model: fields.model ?? this.meta.model,
      provider: fields.provider ?? this.meta.provider,
      message: this.message(),
      finishReason,
      usage: fields.usage ?? emptyUsage(),
      warnings: fields.warnings ?? [],
      ...(fields.raw !== undefined ? { raw: fields.raw } : {}),
      ...(fields.rateLimit ? { rateLimit: fields.rateLimit } : {}),
    });
  }

  private open(key: string, seg: Segment): void {
    if (this.byId.has(key)) return;
    this.byId.set(key, seg);
    this.segments.push(seg);
  }

  private get(key: string, create: () => Segment): Segment {
    let seg = this.byId.get(key);
    if (!seg) {
      seg = create();
      this.open(key, seg);
    }
    return seg;
  }
}
