/**
 * Chat Completions stream (`stream: true`) -> unified stream events (unified-llm-spec §7.7,
 * §7.10): `data: <chunk>` events ending with `data: [DONE]`.
 * @module
 */
import { StreamError } from "../../errors/client-errors.js";
import { parseSseJson, type SseMessage } from "../../http/sse.js";
import { StreamAccumulator } from "../../stream/stream-accumulator.js";
import type { RateLimitInfo, Warning } from "../../types/response.js";
import type { StreamEvent } from "../../types/stream-event.js";
import { chatBodyError } from "./errors.js";
import { chatUsage, mapChatFinishReason, parseChatArguments, syntheticCallId } from "./response.js";
import type { ChatChunk, ChatToolCallDelta, ChatUsage } from "./wire-types.js";

/** What the stream translator needs to know about the call. */
export interface ChatStreamContext {
  provider: string;
  /** The requested model (used until a chunk names one). */
  model: string;
  /** Warnings from request translation, reported on `stream_start` and the final Response. */
  warnings: Warning[];
  rateLimit?: RateLimitInfo;
}

interface PendingCall {
  id: string;
  name: string;
  args: string;
  started: boolean;
}

/** The state machine of one stream: {@link ChatStreamTranslator.chunk} per chunk, then `end`. */
export class ChatStreamTranslator {
  private readonly acc: StreamAccumulator;
  private out: StreamEvent[] = [];
  private raw: ChatChunk | undefined;
  private started = false;
  private segments = 0;
  private text: { id: string; text: string } | undefined;
  private reasoning: { id: string; text: string } | undefined;
  /** Open tool calls by `index`, in the order they started. */
  private readonly calls = new Map<number, PendingCall>();
  private sawToolCall = false;
  private finishRaw: string | undefined;
  private usage: ChatUsage | undefined;

  constructor(private readonly ctx: ChatStreamContext) {
    this.acc = new StreamAccumulator({ provider: ctx.provider, model: ctx.model });
  }

  /** Events for one chunk. */
  chunk(chunk: ChatChunk): StreamEvent[] {
    this.out = [];
    this.raw = chunk;
    if (!this.started) {
      this.started = true;
      this.emit({
        type: "stream_start",
        ...(typeof chunk.id === "string" ? { id: chunk.id } : {}),
        ...(typeof chunk.model === "string" ? { model: chunk.model } : {}),
        warnings: this.ctx.warnings,
      });
    }
    if (chunk.usage && typeof chunk.usage === "object") this.usage = chunk.usage;
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const choice = choices.find((c) => c?.index === 0) ?? choices[0];
    const delta = choice?.delta ?? {};
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === "string" && reasoning !== "") this.reasoningDelta(reasoning);
    for (const piece of [delta.content, delta.refusal]) {
      if (typeof piece === "string" && piece !== "") this.textDelta(piece);
    }
    for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      if (typeof call === "object" && call !== null) this.toolCallDelta(call);
    }
    if (typeof choice?.finish_reason === "string") {
      this.closeAll();
      this.finishRaw = choice.finish_reason;
    }
    return this.out;
  }

  /**
   * Events when the stream ends (`[DONE]`, or the connection closed): `finish` with the
   * accumulated Response. Without a finish_reason the reason is `other`.
   * @throws StreamError when no chunk came, or the connection closed with neither `[DONE]` nor
   *   a finish_reason (the stream was cut short).
   */
  end(sawDone: boolean): StreamEvent[] {
    this.out = [];
    if (!this.started) throw new StreamError({ message: `${this.ctx.provider}: the stream ended without any data` });
    if (!sawDone && this.finishRaw === undefined) {
      throw new StreamError({
        message: `${this.ctx.provider}: the stream ended before [DONE] or a finish_reason (the connection closed early)`,
      });
    }
    this.closeAll();
    const finishReason = mapChatFinishReason(this.finishRaw, this.sawToolCall);
    const usage = chatUsage(this.usage);
    const response = this.acc.response({
      finishReason,
      usage,
      provider: this.ctx.provider,
      warnings: this.ctx.warnings,
      raw: this.raw,
      ...(this.ctx.rateLimit ? { rateLimit: this.ctx.rateLimit } : {}),
    });
    this.emit({ type: "finish", finishReason, usage, response });
    return this.out;
  }

  private emit(event: StreamEvent): void {
    const withRaw = event.type === "provider_event" || this.raw === undefined ? event : { ...event, raw: this.raw };
    this.acc.process(withRaw);
    this.out.push(withRaw);
  }

  private reasoningDelta(delta: string): void {
    this.closeText();
    if (!this.reasoning) {
      this.reasoning = { id: `r${this.segments++}`, text: "" };
      this.emit({ type: "reasoning_start", reasoningId: this.reasoning.id });
    }
    this.reasoning.text += delta;
    this.emit({ type: "reasoning_delta", reasoningId: this.reasoning.id, delta });
  }

  private textDelta(delta: string): void {
    this.closeReasoning();
    if (!this.text) {
      this.text = { id: `t${this.segments++}`, text: "" };
      this.emit({ type: "text_start", textId: this.text.id });
    }
    this.text.text += delta;
    this.emit({ type: "text_delta", textId: this.text.id, delta });
  }

  /**
   * Tool calls arrive in pieces addressed by `index`: the first piece names the call (`id`,
   * `function.name`), later ones append `function.arguments`. A piece with a new `id` at an index
   * already in use starts a new call (servers that send every call at index 0).
   */
  private toolCallDelta(piece: ChatToolCallDelta): void {
    this.closeText();
    this.closeReasoning();
    const index =
      typeof piece.index === "number" ? piece.index : Math.max(-1, ...this.calls.keys()) + (piece.id ? 1 : 0);
    let call = this.calls.get(index);
    if (call && piece.id && call.id !== piece.id && call.started) {
      this.calls.delete(index);
      this.endCall(call);
      call = undefined;
    }
    if (!call) {
      call = { id: piece.id || syntheticCallId(), name: "", args: "", started: false };
      this.calls.set(index, call);
    }
    const name = piece.function?.name;
    const args = piece.function?.arguments;
    if (!call.started && typeof name === "string") call.name += name;
    if (typeof args === "string") call.args += args;
    if (!call.started && call.name !== "") {
      this.startCall(call);
    } else if (call.started && typeof args === "string" && args !== "") {
      this.emit({ type: "tool_call_delta", toolCallId: call.id, argumentsDelta: args });
    }
  }

  private startCall(call: PendingCall): void {
    call.started = true;
    this.sawToolCall = true;
    this.emit({ type: "tool_call_start", toolCallId: call.id, toolName: call.name });
    if (call.args !== "") this.emit({ type: "tool_call_delta", toolCallId: call.id, argumentsDelta: call.args });
  }

  private endCall(call: PendingCall): void {
    if (!call.started) this.startCall(call);
    this.emit({
      type: "tool_call_end",
      toolCall: { id: call.id, name: call.name, arguments: parseChatArguments(call.args), rawArguments: call.args },
    });
  }

  private closeText(): void {
    if (!this.text) return;
    const { id, text } = this.text;
    this.text = undefined;
    this.emit({ type: "text_end", textId: id, text });
  }

  private closeReasoning(): void {
    if (!this.reasoning) return;
    const { id, text } = this.reasoning;
    this.reasoning = undefined;
    this.emit({ type: "reasoning_end", reasoningId: id, text });
  }

  private closeAll(): void {
    this.closeText();
    this.closeReasoning();
    const indexes = [...this.calls.keys()].sort((a, b) => a - b);
    for (const index of indexes) {
      const call = this.calls.get(index) as PendingCall;
      this.calls.delete(index);
      this.endCall(call);
    }
  }
}

/**
 * Translates SSE messages into unified events: the first chunk -> `stream_start`;
 * `delta.content` -> `text_*`; `delta.reasoning_content`/`delta.reasoning` -> `reasoning_*`;
 * `delta.tool_calls` -> `tool_call_start` (once the name is known) and `tool_call_delta` per
 * arguments piece, with `tool_call_end` for every call when the finish_reason arrives; the
 * `include_usage` chunk (empty `choices`) gives the usage; `[DONE]` (or the connection closing
 * after a finish_reason) -> `finish` with the accumulated Response. Reading stops at `[DONE]`.
 * @throws StreamError for data that is not a JSON object, or a stream that ends early; the
 *   mapped ProviderError for an `{ error }` chunk. (The adapter turns throws after the first
 *   event into an `error` event.)
 */
export async function* translateChatStream(
  messages: AsyncIterable<SseMessage>,
  ctx: ChatStreamContext,
): AsyncGenerator<StreamEvent> {
  const translator = new ChatStreamTranslator(ctx);
  let sawDone = false;
  for await (const message of messages) {
    const data = message.data.trim();
    if (data === "") continue;
    if (data === "[DONE]") {
      sawDone = true;
      break;
    }
    const chunk = parseSseJson(ctx.provider, message);
    if (typeof chunk !== "object" || chunk === null || Array.isArray(chunk)) {
      throw new StreamError({ message: `${ctx.provider}: stream data is not an object: ${data.slice(0, 200)}` });
    }
    const typed = chunk as ChatChunk;
    if (typed.error !== undefined && typed.error !== null) throw chatBodyError(ctx.provider, typed, message.data);
    yield* translator.chunk(typed);
  }
  yield* translator.end(sawDone);
}
