/**
 * Anthropic Messages SSE events → unified stream events (unified-llm-spec §7.7, §3.13-3.14).
 * Pure: an async generator over already-parsed SSE messages; the final Response is built with
 * the shared StreamAccumulator.
 * @module
 */
import { StreamError } from "../../errors/client-errors.js";
import { LlmError } from "../../errors/llm-error.js";
import { parseSseJson, type SseMessage } from "../../http/sse.js";
import { StreamAccumulator } from "../../stream/stream-accumulator.js";
import type { RateLimitInfo, Warning } from "../../types/response.js";
import type { StreamEvent } from "../../types/stream-event.js";
import { errorFromErrorBody, isErrorBody, PROVIDER } from "./errors.js";
import { convertBlock, convertUsage, mapStopReason } from "./response.js";
import type { AnthropicBlock, AnthropicMessage, AnthropicUsage } from "./wire-types.js";

/** What the stream translation needs besides the events. */
export interface StreamContext {
  /** Request-translation warnings, put on `stream_start` and the final Response. */
  warnings: Warning[];
  rateLimit?: RateLimitInfo;
  /** The stream's `request-id` header, put on errors. */
  requestId?: string;
}

/** A content block between its `content_block_start` and `content_block_stop`. */
type OpenBlock =
  | { kind: "text"; id: string; block: AnthropicBlock; text: string; citations: unknown[] }
  | { kind: "thinking"; id: string; text: string; signature: string }
  | { kind: "redacted"; id: string; data: string }
  | { kind: "tool"; id: string; name: string; block: AnthropicBlock; json: string }
  | { kind: "provider"; block: AnthropicBlock; json: string; content?: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function protocolError(message: string): StreamError {
  return new StreamError({ message: `${PROVIDER}: malformed stream: ${message}` });
}

/**
 * Translates a Messages stream (§7.7):
 * - `message_start` → `stream_start` (a repeated `message_start` with the same message id is
 *   ignored; one with another id while the message is open fails with StreamError); blocks
 *   already present in `message.content` are emitted as if streamed;
 * - text blocks → `text_start` / `text_delta` / `text_end` (id `text_<index>`); thinking →
 *   `reasoning_start` / `reasoning_delta` / `reasoning_end` with the signature from
 *   `signature_delta`; redacted thinking → `reasoning_start` / `reasoning_end` with `redacted`;
 *   `tool_use` → `tool_call_start` / `tool_call_delta` (`input_json_delta`) / `tool_call_end`;
 *   other blocks (server tools, MCP, compaction, fallback, ...) are assembled (their
 *   `input_json_delta` parsed into `input`, `compaction_delta` into `content`) and emitted as one
 *   `provider_event`, and become `provider` parts of the final message;
 * - `ping` is ignored; `message_delta` sets the stop reason and usage (its non-null counts,
 *   input tokens included, replace those of `message_start`); `message_stop` → `finish` with the
 *   accumulated Response (its `raw` is the message rebuilt in the non-streaming shape), after
 *   which the rest of the connection is not read; unknown event types → `provider_event`;
 * - an `error` event → an `error` event with the matching ProviderError (see errors.ts).
 * Failures before `stream_start` are thrown (nothing was delivered, so the call can be retried);
 * after it they end the stream with one `error` event: a StreamError for malformed data or a
 * stream that ends without `message_stop`, or the reader's own error (AbortError,
 * RequestTimeoutError, StreamError). Data-only framing (`data: [DONE]`, empty data) is accepted.
 */
export async function* translateStream(
  messages: AsyncIterable<SseMessage>,
  context: StreamContext,
): AsyncGenerator<StreamEvent> {
  const translator = new AnthropicStreamTranslator(context);
  let delivered = false;
  try {
    for await (const message of messages) {
      if (message.data.trim() === "" || message.data.trim() === "[DONE]") continue;
      translator.handle(parseSseJson(PROVIDER, message));
      for (const event of translator.take()) {
        if (event.type === "error" && !delivered) throw event.error;
        yield event;
        delivered = true;
      }
      if (translator.done) return;
    }
    throw new StreamError({ message: `${PROVIDER}: the stream ended before message_stop` });
  } catch (error) {
    const failure = LlmError.isInstance(error)
      ? error
      : new StreamError({ message: `${PROVIDER}: stream failed: ${(error as Error)?.message}`, cause: error });
    // Events translated before the failure (e.g. stream_start) still go out first.
    for (const event of translator.take()) {
      if (event.type === "error") continue;
      yield event;
      delivered = true;
    }
    if (!delivered) throw failure;
    yield { type: "error", error: failure };
  }
}

/** The state of one Messages stream. */
class AnthropicStreamTranslator {
  /** Set once `message_stop` or an `error` event ended the stream. */
  done = false;
  private started = false;
  private messageId = "";
  private model = "";
  private usage: AnthropicUsage & Json = {};
  private stopReason: string | null = null;
  private stopSequence: string | null = null;
  private readonly extras: Json = {};
  private readonly open = new Map<number, OpenBlock>();
  private readonly finished: { index: number; block: AnthropicBlock }[] = [];
  private thinkingText = "";
  private readonly accumulator = new StreamAccumulator({ provider: PROVIDER });
  private readonly pending: StreamEvent[] = [];

  constructor(private readonly context: StreamContext) {}

  /** Removes and returns the unified events translated so far. */
  take(): StreamEvent[] {
    return this.pending.splice(0);
  }

  /**
   * Translates one provider event; its unified events are queued for {@link take}, even when
   * a later part of the same event fails.
   * @throws StreamError for protocol violations.
   */
  handle(data: unknown): void {
    if (!isObject(data) || typeof data.type !== "string") {
      throw protocolError(`an event without a type: ${JSON.stringify(data).slice(0, 200)}`);
    }
    const out = this.pending;
    const emit = (event: StreamEvent) => {
      this.accumulator.process(event);
      out.push(event);
    };
    switch (data.type) {
      case "ping":
        break;
      case "message_start":
        this.messageStart(data, emit);
        break;
      case "content_block_start":
        this.requireOpen(data.type);
        this.blockStart(this.index(data), data.content_block, data, emit);
        break;
      case "content_block_delta":
        this.requireOpen(data.type);
        this.blockDelta(this.index(data), data.delta, data, emit);
        break;
      case "content_block_stop":
        this.requireOpen(data.type);
        this.blockStop(this.index(data), data, emit);
        break;
      case "message_delta":
        this.requireOpen(data.type);
        this.messageDelta(data);
        break;
      case "message_stop":
        this.requireOpen(data.type);
        this.finish(data, emit);
        break;
      case "error":
        if (!isErrorBody(data)) throw protocolError(`an error event without an error: ${JSON.stringify(data)}`);
        this.done = true;
        out.push({ type: "error", error: errorFromErrorBody(data, this.context.requestId), raw: data });
        break;
      default:
        out.push({ type: "provider_event", raw: data });
    }
  }

  private requireOpen(type: string): void {
    if (!this.started) throw protocolError(`'${type}' before message_start`);
  }

  private index(data: Json): number {
    if (typeof data.index !== "number") throw protocolError(`'${data.type}' without an index`);
    return data.index;
  }

  private messageStart(data: Json, emit: (e: StreamEvent) => void): void {
    const message = data.message as AnthropicMessage | undefined;
    if (!isObject(message) || typeof message.id !== "string") throw protocolError("message_start without a message");
    if (this.started) {
      if (message.id === this.messageId) return; // a duplicate of the open message
      throw protocolError(`message_start for '${message.id}' while message '${this.messageId}' is still open`);
    }
    this.started = true;
    this.messageId = message.id;
    this.model = typeof message.model === "string" ? message.model : "";
    this.usage = { ...(message.usage ?? {}) };
    this.stopReason = message.stop_reason ?? null;
    this.stopSequence = message.stop_sequence ?? null;
    emit({ type: "stream_start", id: this.messageId, model: this.model, warnings: this.context.warnings, raw: data });
    // Some messages arrive with their content already filled in (programmatic tool calling).
    for (const [index, block] of (Array.isArray(message.content) ? message.content : []).entries()) {
      this.blockStart(index, block, data, emit);
      this.blockStop(index, data, emit);
    }
  }

  private blockStart(index: number, block: unknown, raw: Json, emit: (e: StreamEvent) => void): void {
    if (!isObject(block) || typeof block.type !== "string") throw protocolError(`block ${index} has no type`);
    if (this.open.has(index)) throw protocolError(`block ${index} started twice`);
    const wire = block as AnthropicBlock;
    switch (wire.type) {
      case "text": {
        const id = `text_${index}`;
        const text = typeof block.text === "string" ? block.text : "";
        this.open.set(index, { kind: "text", id, block: wire, text, citations: [] });
        emit({ type: "text_start", textId: id, raw });
        if (text !== "") emit({ type: "text_delta", textId: id, delta: text, raw });
        break;
      }
      case "thinking": {
        const id = `reasoning_${index}`;
        const text = typeof block.thinking === "string" ? block.thinking : "";
        const signature = typeof block.signature === "string" ? block.signature : "";
        this.open.set(index, { kind: "thinking", id, text, signature });
        emit({ type: "reasoning_start", reasoningId: id, raw });
        if (text !== "") emit({ type: "reasoning_delta", reasoningId: id, delta: text, raw });
        break;
      }
      case "redacted_thinking": {
        const id = `reasoning_${index}`;
        this.open.set(index, { kind: "redacted", id, data: typeof block.data === "string" ? block.data : "" });
        emit({ type: "reasoning_start", reasoningId: id, redacted: true, raw });
        break;
      }
      case "tool_use": {
        if (typeof block.id !== "string" || typeof block.name !== "string") {
          throw protocolError(`tool_use block ${index} without id or name`);
        }
        const input = block.input;
        const json = isObject(input) && Object.keys(input).length === 0 ? "" : JSON.stringify(input ?? {});
        this.open.set(index, { kind: "tool", id: block.id, name: block.name, block: wire, json });
        emit({ type: "tool_call_start", toolCallId: block.id, toolName: block.name, raw });
        if (json !== "") emit({ type: "tool_call_delta", toolCallId: block.id, argumentsDelta: json, raw });
        break;
      }
      default:
        this.open.set(index, { kind: "provider", block: { ...wire }, json: "" });
    }
  }

  private blockDelta(index: number, delta: unknown, raw: Json, emit: (e: StreamEvent) => void): void {
    const block = this.open.get(index);
    if (!block) throw protocolError(`a delta for block ${index}, which is not open`);
    if (!isObject(delta) || typeof delta.type !== "string") throw protocolError(`a delta without a type`);
    const text = (key: string): string => {
      const value = delta[key];
      if (typeof value === "string") return value;
      if (value === null || value === undefined) return "";
      throw protocolError(`${delta.type}.${key} is not a string`);
    };
    switch (delta.type) {
      case "text_delta":
        if (block.kind !== "text") throw protocolError(`text_delta for a ${block.kind} block`);
        block.text += text("text");
        if (text("text") !== "") emit({ type: "text_delta", textId: block.id, delta: text("text"), raw });
        break;
      case "citations_delta":
        if (block.kind === "text") block.citations.push(delta.citation);
        break;
      case "thinking_delta":
        if (block.kind !== "thinking") throw protocolError(`thinking_delta for a ${block.kind} block`);
        block.text += text("thinking");
        if (text("thinking") !== "")
          emit({ type: "reasoning_delta", reasoningId: block.id, delta: text("thinking"), raw });
        break;
      case "signature_delta":
        if (block.kind === "thinking") block.signature += text("signature");
        break;
      case "input_json_delta":
        if (block.kind === "tool") {
          block.json += text("partial_json");
          if (text("partial_json") !== "") {
            emit({ type: "tool_call_delta", toolCallId: block.id, argumentsDelta: text("partial_json"), raw });
          }
        } else if (block.kind === "provider") {
          block.json += text("partial_json");
        } else {
          throw protocolError(`input_json_delta for a ${block.kind} block`);
        }
        break;
      case "compaction_delta":
        if (block.kind === "provider") block.content = (block.content ?? "") + text("content");
        break;
      default:
        // A delta type this adapter does not know yet: kept out of the message, visible to observers.
        emit({ type: "provider_event", raw });
    }
  }

  private blockStop(index: number, raw: Json, emit: (e: StreamEvent) => void): void {
    const block = this.open.get(index);
    if (!block) throw protocolError(`content_block_stop for block ${index}, which is not open`);
    this.open.delete(index);
    let wire: AnthropicBlock;
    switch (block.kind) {
      case "text":
        wire = {
          ...block.block,
          text: block.text,
          ...(block.citations.length > 0 ? { citations: block.citations } : {}),
        };
        emit({ type: "text_end", textId: block.id, text: block.text, raw });
        break;
      case "thinking":
        this.thinkingText += block.text;
        wire = { type: "thinking", thinking: block.text, signature: block.signature };
        emit({
          type: "reasoning_end",
          reasoningId: block.id,
          text: block.text,
          ...(block.signature !== "" ? { signature: block.signature } : {}),
          raw,
        });
        break;
      case "redacted":
        wire = { type: "redacted_thinking", data: block.data };
        emit({ type: "reasoning_end", reasoningId: block.id, text: block.data, redacted: true, raw });
        break;
      case "tool": {
        const input = parseJson(block.json === "" ? "{}" : block.json);
        wire = { ...block.block, input: input.ok ? input.value : block.json };
        const part = convertBlock({ ...wire, input: input.ok ? input.value : {} });
        const metadata = part?.kind === "tool_call" ? part.toolCall.providerMetadata : undefined;
        const args = input.ok && isObject(input.value) ? input.value : {};
        // An empty input stays an object in the message (as in `complete`), not the string "{}".
        const keepRaw = block.json !== "" && !(input.ok && Object.keys(args).length === 0 && isObject(input.value));
        emit({
          type: "tool_call_end",
          toolCall: {
            id: block.id,
            name: block.name,
            arguments: args,
            ...(keepRaw ? { rawArguments: block.json } : {}),
            ...(metadata ? { providerMetadata: metadata } : {}),
          },
          raw,
        });
        break;
      }
      case "provider": {
        wire = { ...block.block };
        if (block.json !== "") {
          const input = parseJson(block.json);
          wire.input = input.ok ? input.value : block.json;
        }
        if (block.content !== undefined) wire.content = block.content;
        this.accumulator.addPart({ kind: "provider", provider: PROVIDER, data: wire });
        emit({ type: "provider_event", raw: wire });
        break;
      }
    }
    this.finished.push({ index, block: wire });
  }

  private messageDelta(data: Json): void {
    const delta = isObject(data.delta) ? data.delta : {};
    if (typeof delta.stop_reason === "string") this.stopReason = delta.stop_reason;
    if (typeof delta.stop_sequence === "string") this.stopSequence = delta.stop_sequence;
    for (const [key, value] of Object.entries(delta)) {
      if (key !== "stop_reason" && key !== "stop_sequence" && value !== undefined) this.extras[key] = value;
    }
    for (const [key, value] of Object.entries(data)) {
      if (key !== "type" && key !== "delta" && key !== "usage") this.extras[key] = value;
    }
    if (isObject(data.usage)) {
      for (const [key, value] of Object.entries(data.usage)) {
        if (value !== null && value !== undefined) this.usage[key] = value;
      }
    }
  }

  private finish(raw: Json, emit: (e: StreamEvent) => void): void {
    for (const index of [...this.open.keys()]) this.blockStop(index, raw, emit);
    this.done = true;
    const finishReason = mapStopReason(this.stopReason);
    const usage = convertUsage(this.usage, this.thinkingText);
    const message = {
      id: this.messageId,
      type: "message",
      role: "assistant",
      model: this.model,
      content: [...this.finished].sort((a, b) => a.index - b.index).map((f) => f.block),
      stop_reason: this.stopReason,
      stop_sequence: this.stopSequence,
      ...this.extras,
      usage: this.usage,
    };
    const response = this.accumulator.response({
      id: this.messageId,
      model: this.model,
      provider: PROVIDER,
      finishReason,
      usage,
      raw: message,
      warnings: this.context.warnings,
      ...(this.context.rateLimit ? { rateLimit: this.context.rateLimit } : {}),
    });
    emit({ type: "finish", finishReason, usage, response, raw });
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
