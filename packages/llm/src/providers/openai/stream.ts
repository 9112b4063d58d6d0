/**
 * OpenAI Responses API stream -> unified stream events (unified-llm-spec §7.7, §3.13): an async
 * generator over SSE messages; the `finish` event's Response is built by a StreamAccumulator.
 * @module
 */
import { StreamError } from "../../errors/client-errors.js";
import { LlmError } from "../../errors/llm-error.js";
import { parseSseJson, type SseMessage } from "../../http/sse.js";
import { StreamAccumulator } from "../../stream/stream-accumulator.js";
import type { StreamEvent } from "../../types/stream-event.js";
import type { ToolCall } from "../../types/tool.js";
import { streamFailure } from "./errors.js";
import { mapFinishReason, mapUsage, providerPart, type TranslateContext } from "./response.js";
import { expandParallelWrapper, mayBeParallelWrapper, toolCallFromItem } from "./tool-calls.js";
import type { WireOutputItem, WireStreamEvent } from "./wire-types.js";

/** A text or reasoning segment: started once its first text arrives, ended once. */
interface Segment {
  id: string;
  text: string;
  started: boolean;
  ended: boolean;
}

/** A function or custom tool call in flight. `buffered` holds back a possible `parallel` wrapper. */
interface CallState {
  id: string;
  name: string;
  args: string;
  started: boolean;
  ended: boolean;
  buffered: boolean;
}

/** What is known about one output item, keyed by `output_index` (item ids may rotate behind proxies). */
interface ItemState {
  id: string;
  texts: Map<number, Segment>;
  reasoning: Map<string, Segment>;
  call?: CallState;
}

/** The per-stream state machine: one provider event in, zero or more unified events out. */
class OpenAIStreamTranslator {
  private readonly acc: StreamAccumulator;
  private readonly items = new Map<number, ItemState>();
  private readonly indexById = new Map<string, number>();
  private out: StreamEvent[] = [];
  private raw: unknown;
  private started = false;
  private sawToolCall = false;

  constructor(private readonly context: TranslateContext) {
    this.acc = new StreamAccumulator({ provider: context.provider });
  }

  handle(event: WireStreamEvent): StreamEvent[] {
    this.out = [];
    this.raw = event;
    if (event.type === "error" || event.type === "response.failed") {
      const error =
        event.type === "error"
          ? (event.error ?? { code: event.code, message: event.message, param: event.param })
          : event.response?.error;
      this.emit({ type: "error", error: streamFailure(this.context.provider, error, event), raw: event });
      return this.out;
    }
    if (!this.started) {
      this.started = true;
      const { id, model } = event.response ?? {};
      this.emit({
        type: "stream_start",
        warnings: this.context.warnings,
        ...(id ? { id } : {}),
        ...(model ? { model } : {}),
        raw: event,
      });
    }
    this.dispatch(event);
    if (this.out.length === 0) this.out.push({ type: "provider_event", raw: event });
    return this.out;
  }

  private dispatch(event: WireStreamEvent): void {
    const index = this.indexOf(event);
    switch (event.type) {
      case "response.output_item.added":
        if (event.item && index !== undefined) this.itemAdded(index, event.item);
        return;
      case "response.output_text.delta":
      case "response.refusal.delta":
        if (index !== undefined) this.textDelta(this.text(index, event.content_index ?? 0), event.delta ?? "");
        return;
      case "response.output_text.done":
      case "response.refusal.done":
        if (index !== undefined) this.endText(this.text(index, event.content_index ?? 0), event.text ?? event.refusal);
        return;
      case "response.reasoning_summary_text.delta":
        if (index !== undefined)
          this.reasoningDelta(this.reasoning(index, `summary:${event.summary_index ?? 0}`), event.delta ?? "");
        return;
      case "response.reasoning_summary_text.done":
        if (index !== undefined)
          this.endReasoning(this.reasoning(index, `summary:${event.summary_index ?? 0}`), event.text);
        return;
      case "response.reasoning_text.delta":
        if (index !== undefined)
          this.reasoningDelta(this.reasoning(index, `content:${event.content_index ?? 0}`), event.delta ?? "");
        return;
      case "response.reasoning_text.done":
        if (index !== undefined)
          this.endReasoning(this.reasoning(index, `content:${event.content_index ?? 0}`), event.text);
        return;
      case "response.function_call_arguments.delta":
      case "response.custom_tool_call_input.delta":
        if (index !== undefined) this.argumentsDelta(index, event.delta ?? "");
        return;
      case "response.output_item.done":
        if (event.item && index !== undefined) this.itemDone(index, event.item);
        return;
      case "response.completed":
      case "response.incomplete":
        this.finish(event);
        return;
      default:
        return;
    }
  }

  private emit(event: StreamEvent): void {
    this.acc.process(event);
    this.out.push(event);
  }

  private indexOf(event: WireStreamEvent): number | undefined {
    if (typeof event.output_index === "number") return event.output_index;
    const id = event.item_id ?? event.item?.id;
    return id === undefined ? undefined : this.indexById.get(id);
  }

  private item(index: number, wire?: WireOutputItem): ItemState {
    let state = this.items.get(index);
    if (!state) {
      state = { id: wire?.id ?? `item_${index}`, texts: new Map(), reasoning: new Map() };
      this.items.set(index, state);
    }
    if (wire?.id && !this.indexById.has(wire.id)) this.indexById.set(wire.id, index);
    return state;
  }

  private text(index: number, contentIndex: number): Segment {
    const item = this.item(index);
    let seg = item.texts.get(contentIndex);
    if (!seg) {
      seg = { id: `${item.id}:${contentIndex}`, text: "", started: false, ended: false };
      item.texts.set(contentIndex, seg);
    }
    return seg;
  }

  private reasoning(index: number, key: string): Segment {
    const item = this.item(index);
    let seg = item.reasoning.get(key);
    if (!seg) {
      seg = { id: `${item.id}:${key}`, text: "", started: false, ended: false };
      item.reasoning.set(key, seg);
    }
    return seg;
  }

  private textDelta(seg: Segment, delta: string): void {
    if (seg.ended || delta === "") return;
    if (!seg.started) {
      seg.started = true;
      this.emit({ type: "text_start", textId: seg.id, raw: this.raw });
    }
    seg.text += delta;
    this.emit({ type: "text_delta", textId: seg.id, delta, raw: this.raw });
  }

  /** Ends a text segment; text in `final` beyond what the deltas carried is sent as a last delta. */
  private endText(seg: Segment, final: string | undefined): void {
    if (seg.ended) return;
    if (final !== undefined && final.length > seg.text.length && final.startsWith(seg.text)) {
      this.textDelta(seg, final.slice(seg.text.length));
    }
    if (!seg.started) return;
    seg.ended = true;
    this.emit({ type: "text_end", textId: seg.id, text: seg.text, raw: this.raw });
  }

  private reasoningDelta(seg: Segment, delta: string): void {
    if (seg.ended || delta === "") return;
    if (!seg.started) {
      seg.started = true;
      this.emit({ type: "reasoning_start", reasoningId: seg.id, raw: this.raw });
    }
    seg.text += delta;
    this.emit({ type: "reasoning_delta", reasoningId: seg.id, delta, raw: this.raw });
  }

  private endReasoning(seg: Segment, final: string | undefined): void {
    if (seg.ended) return;
    if (final !== undefined && final.length > seg.text.length && final.startsWith(seg.text)) {
      this.reasoningDelta(seg, final.slice(seg.text.length));
    }
    if (!seg.started) return;
    seg.ended = true;
    this.emit({ type: "reasoning_end", reasoningId: seg.id, text: seg.text, raw: this.raw });
  }

  private itemAdded(index: number, wire: WireOutputItem): void {
    const item = this.item(index, wire);
    if (wire.type !== "function_call" && wire.type !== "custom_tool_call") return;
    const call = toolCallFromItem(wire);
    item.call = {
      id: call.id,
      name: call.name,
      args: "",
      started: false,
      ended: false,
      buffered: wire.type === "function_call" && mayBeParallelWrapper(call.name, this.context.declaredTools),
    };
    this.startCall(item.call);
    if (call.rawArguments) this.argumentsDelta(index, call.rawArguments);
  }

  private startCall(call: CallState): void {
    if (call.started || call.buffered) return;
    call.started = true;
    this.emit({ type: "tool_call_start", toolCallId: call.id, toolName: call.name, raw: this.raw });
  }

  private argumentsDelta(index: number, delta: string): void {
    const call = this.items.get(index)?.call;
    if (!call || call.ended || delta === "") return;
    call.args += delta;
    if (call.buffered) return;
    this.startCall(call);
    this.emit({ type: "tool_call_delta", toolCallId: call.id, argumentsDelta: delta, raw: this.raw });
  }

  /** Sends the whole call at once: start, one delta with the arguments, end. */
  private wholeCall(call: ToolCall): void {
    this.emit({ type: "tool_call_start", toolCallId: call.id, toolName: call.name, raw: this.raw });
    if (call.rawArguments) {
      this.emit({ type: "tool_call_delta", toolCallId: call.id, argumentsDelta: call.rawArguments, raw: this.raw });
    }
    this.emit({ type: "tool_call_end", toolCall: call, raw: this.raw });
  }

  private endCall(index: number, wire: WireOutputItem): void {
    const item = this.item(index, wire);
    const call = toolCallFromItem(wire);
    this.sawToolCall = true;
    const state = item.call;
    if (!state) {
      const buffered = wire.type === "function_call" && mayBeParallelWrapper(call.name, this.context.declaredTools);
      const calls = (buffered && expandParallelWrapper(call, this.context.declaredTools)) || [call];
      for (const c of calls) this.wholeCall(c);
      return;
    }
    if (state.ended) return;
    state.ended = true;
    if (state.buffered) {
      for (const c of expandParallelWrapper(call, this.context.declaredTools) ?? [call]) this.wholeCall(c);
      return;
    }
    this.startCall(state);
    const final = call.rawArguments ?? "";
    if (final.length > state.args.length && final.startsWith(state.args)) {
      const rest = final.slice(state.args.length);
      state.args = final;
      this.emit({ type: "tool_call_delta", toolCallId: state.id, argumentsDelta: rest, raw: this.raw });
    }
    // The id the consumer saw at the start wins (proxies may rotate ids between events).
    this.emit({ type: "tool_call_end", toolCall: { ...call, id: state.id }, raw: this.raw });
  }

  private itemDone(index: number, wire: WireOutputItem): void {
    const item = this.item(index, wire);
    switch (wire.type) {
      case "message":
        (wire.content ?? []).forEach((content, i) => {
          this.endText(this.text(index, i), content.type === "refusal" ? content.refusal : content.text);
        });
        for (const seg of item.texts.values()) this.endText(seg, undefined);
        return;
      case "function_call":
      case "custom_tool_call":
        this.endCall(index, wire);
        return;
      case "reasoning":
        (wire.summary ?? []).forEach((s, i) => {
          this.endReasoning(this.reasoning(index, `summary:${i}`), s.text);
        });
        (wire.content ?? []).forEach((c, i) => {
          if (c.type === "reasoning_text") this.endReasoning(this.reasoning(index, `content:${i}`), c.text);
        });
        for (const seg of item.reasoning.values()) this.endReasoning(seg, undefined);
        break;
    }
    // Reasoning and built-in tool items travel as provider parts; consumers see them as provider events.
    this.acc.addPart(providerPart(wire));
    this.out.push({ type: "provider_event", raw: this.raw });
  }

  private finish(event: WireStreamEvent): void {
    const response = event.response ?? {};
    // A stream that carried no item events (some proxies) still has the output in the terminal event.
    if (this.items.size === 0) {
      for (const [i, item] of (response.output ?? []).entries()) this.itemDone(i, item);
    }
    for (const [index, item] of this.items) {
      for (const seg of item.texts.values()) this.endText(seg, undefined);
      for (const seg of item.reasoning.values()) this.endReasoning(seg, undefined);
      if (item.call && !item.call.ended) {
        this.endCall(index, {
          type: "function_call",
          call_id: item.call.id,
          name: item.call.name,
          arguments: item.call.args,
        });
      }
    }
    const finishReason = mapFinishReason(response, this.sawToolCall);
    const usage = mapUsage(response.usage);
    const final = this.acc.response({
      ...(response.id ? { id: response.id } : {}),
      ...(response.model ? { model: response.model } : {}),
      provider: this.context.provider,
      finishReason,
      usage,
      raw: response,
      warnings: this.context.warnings,
      ...(this.context.rateLimit ? { rateLimit: this.context.rateLimit } : {}),
    });
    this.emit({ type: "finish", finishReason, usage, response: final, raw: event });
  }
}

/**
 * Translates a Responses API event stream (§7.7): `response.created` -> `stream_start`;
 * `output_text.delta` -> `text_start` (first) + `text_delta`, `output_text.done`/`output_item.done`
 * -> `text_end`; reasoning summary (and reasoning text) deltas -> `reasoning_*`; function call and
 * custom tool input deltas -> `tool_call_start`/`tool_call_delta`, `output_item.done` ->
 * `tool_call_end` with parsed arguments; reasoning and built-in tool items -> `provider_event`
 * (and `provider` parts of the final message); `response.completed`/`response.incomplete` ->
 * `finish` with the accumulated Response. Other events pass through as `provider_event`.
 *
 * Failures: before any event has been yielded, errors are thrown from the iterator; after, the
 * stream ends with one `error` event. `response.failed` and `error` events carry the mapped
 * LlmError; malformed data and a stream that ends without a terminal event give a StreamError;
 * read timeouts and aborts come from `messages` (RequestTimeoutError, AbortError). A `[DONE]`
 * message (test framing) is skipped. Reading stops after the terminal event.
 */
export async function* translateStream(
  messages: AsyncIterable<SseMessage>,
  context: TranslateContext,
): AsyncGenerator<StreamEvent> {
  const translator = new OpenAIStreamTranslator(context);
  let emitted = false;
  try {
    for await (const message of messages) {
      const data = message.data.trim();
      if (data === "" || data === "[DONE]") continue;
      const event = parseSseJson(context.provider, message) as WireStreamEvent | null;
      if (typeof event !== "object" || event === null || typeof event.type !== "string") {
        throw new StreamError({ message: `${context.provider}: stream event without a type: ${data.slice(0, 200)}` });
      }
      for (const out of translator.handle(event)) {
        if (out.type === "error" && !emitted) throw out.error;
        emitted = true;
        yield out;
        if (out.type === "error" || out.type === "finish") return;
      }
    }
    throw new StreamError({ message: `${context.provider}: the stream ended before response.completed` });
  } catch (error) {
    const failure = LlmError.isInstance(error)
      ? error
      : new StreamError({ message: `${context.provider}: stream failed: ${(error as Error).message}`, cause: error });
    if (!emitted) throw failure;
    yield { type: "error", error: failure };
  }
}
