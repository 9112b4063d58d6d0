/**
 * Gemini `streamGenerateContent?alt=sse` -> unified stream events (unified-llm-spec §7.7 Gemini).
 * Each SSE `data:` is a whole GenerateContentResponse; the stream ends when the connection closes.
 * @module
 */
import { StreamError } from "../../errors/client-errors.js";
import { parseSseJson, type SseMessage } from "../../http/sse.js";
import { StreamAccumulator } from "../../stream/stream-accumulator.js";
import type { ContentPart } from "../../types/message.js";
import type { FinishReason, RateLimitInfo, Warning } from "../../types/response.js";
import type { StreamEvent } from "../../types/stream-event.js";
import { geminiStreamError } from "./errors.js";
import { type FunctionCallAssembler, startFunctionCall } from "./function-call-stream.js";
import {
  blockedFinishReason,
  geminiUsage,
  mapGeminiFinishReason,
  mediaContentPart,
  signaturePart,
} from "./response.js";
import type { GeminiFunctionCallOut, GeminiPartOut, GeminiResponse, GeminiUsageMetadata } from "./wire-types.js";

/** What the stream translator needs to know about the call. */
export interface GeminiStreamContext {
  provider: string;
  /** The requested model (used until a chunk names `modelVersion`). */
  model: string;
  /** Warnings from request translation, reported on `stream_start` and the final Response. */
  warnings: Warning[];
  rateLimit?: RateLimitInfo;
}

/**
 * The state machine of one stream: feed it chunks with {@link GeminiStreamTranslator.chunk},
 * then call {@link GeminiStreamTranslator.end} when the connection closes.
 */
export class GeminiStreamTranslator {
  private readonly acc: StreamAccumulator;
  private out: StreamEvent[] = [];
  private raw: GeminiResponse | undefined;
  private started = false;
  private segments = 0;
  private text: { id: string; text: string } | undefined;
  private reasoning: { id: string; text: string } | undefined;
  private call: FunctionCallAssembler | undefined;
  private sawToolCall = false;
  private finishRaw: string | undefined;
  private blockReason: string | undefined;
  private usage: GeminiUsageMetadata | undefined;

  constructor(private readonly ctx: GeminiStreamContext) {
    this.acc = new StreamAccumulator({ provider: ctx.provider, model: ctx.model });
  }

  /** Events for one chunk. @throws StreamError for function-call pieces outside a call. */
  chunk(chunk: GeminiResponse): StreamEvent[] {
    this.out = [];
    this.raw = chunk;
    if (!this.started) {
      this.started = true;
      this.emit({
        type: "stream_start",
        ...(typeof chunk.responseId === "string" ? { id: chunk.responseId } : {}),
        ...(typeof chunk.modelVersion === "string" ? { model: chunk.modelVersion } : {}),
        warnings: this.ctx.warnings,
      });
    }
    if (chunk.usageMetadata && typeof chunk.usageMetadata === "object") {
      this.usage = { ...this.usage, ...chunk.usageMetadata };
    }
    if (typeof chunk.promptFeedback?.blockReason === "string") this.blockReason = chunk.promptFeedback.blockReason;
    const candidate = Array.isArray(chunk.candidates) ? chunk.candidates[0] : undefined;
    const parts = candidate?.content?.parts;
    for (const part of Array.isArray(parts) ? parts : []) {
      if (typeof part === "object" && part !== null) this.part(part);
    }
    if (typeof candidate?.finishReason === "string") {
      this.closeAll();
      this.finishRaw = candidate.finishReason;
    }
    return this.out;
  }

  /**
   * Events when the connection closes: the `finish` event with the accumulated Response.
   * @throws StreamError when no chunk came, or none carried a finishReason (or a prompt block
   *   reason): a stream cut short would otherwise pass for a complete, shorter answer.
   */
  end(): StreamEvent[] {
    this.out = [];
    if (!this.started) throw new StreamError({ message: `${this.ctx.provider}: the stream ended without any data` });
    if (this.finishRaw === undefined && this.blockReason === undefined) {
      throw new StreamError({
        message: `${this.ctx.provider}: the stream ended before a finishReason (the connection closed early)`,
      });
    }
    this.closeAll();
    const finishReason: FinishReason =
      this.finishRaw !== undefined
        ? mapGeminiFinishReason(this.finishRaw, this.sawToolCall)
        : blockedFinishReason(this.blockReason as string);
    const usage = geminiUsage(this.usage);
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

  private addPart(part: ContentPart, raw: unknown): void {
    this.acc.addPart(part);
    this.out.push({ type: "provider_event", raw });
  }

  private part(part: GeminiPartOut): void {
    const signature = typeof part.thoughtSignature === "string" ? part.thoughtSignature : undefined;
    if (part.functionCall && typeof part.functionCall === "object") {
      this.functionCall(part.functionCall, signature);
      return;
    }
    this.closeCall();
    if (typeof part.text === "string" && part.thought === true) {
      this.closeText();
      if (!this.reasoning) {
        this.reasoning = { id: `r${this.segments++}`, text: "" };
        this.emit({ type: "reasoning_start", reasoningId: this.reasoning.id });
      }
      if (part.text !== "") {
        this.reasoning.text += part.text;
        this.emit({ type: "reasoning_delta", reasoningId: this.reasoning.id, delta: part.text });
      }
      if (signature) this.closeReasoning(signature);
      return;
    }
    this.closeReasoning();
    if (typeof part.text === "string") {
      if (part.text !== "") {
        if (!this.text) {
          this.text = { id: `t${this.segments++}`, text: "" };
          this.emit({ type: "text_start", textId: this.text.id });
        }
        this.text.text += part.text;
        this.emit({ type: "text_delta", textId: this.text.id, delta: part.text });
      }
      if (signature) {
        this.closeText();
        this.addPart(signaturePart(signature), part);
      }
      return;
    }
    this.closeText();
    const media = mediaContentPart(part);
    this.addPart(media ?? { kind: "provider", provider: "gemini", data: { part } }, part);
    if (media && signature) this.addPart(signaturePart(signature), part);
  }

  private functionCall(call: GeminiFunctionCallOut, signature: string | undefined): void {
    this.closeText();
    this.closeReasoning();
    if (typeof call.name === "string" && call.name !== "") {
      this.closeCall(); // A new call while one is open: the open one had no terminal piece.
      const assembler = startFunctionCall(call, signature);
      this.sawToolCall = true;
      this.emit({ type: "tool_call_start", toolCallId: assembler.id, toolName: assembler.name });
      if (call.willContinue === true) this.call = assembler;
      else this.finishCall(assembler);
      return;
    }
    const hasArguments = (call.partialArgs?.length ?? 0) > 0 || call.args !== undefined;
    if (!this.call) {
      if (hasArguments) {
        throw new StreamError({ message: `${this.ctx.provider}: function call arguments arrived outside a call` });
      }
      return; // A stray terminal `functionCall: {}`.
    }
    this.call.apply(call);
    if (call.willContinue !== true) this.closeCall();
  }

  private finishCall(assembler: FunctionCallAssembler): void {
    const toolCall = assembler.toolCall();
    this.emit({ type: "tool_call_delta", toolCallId: toolCall.id, argumentsDelta: JSON.stringify(toolCall.arguments) });
    this.emit({ type: "tool_call_end", toolCall });
  }

  private closeCall(): void {
    if (!this.call) return;
    const call = this.call;
    this.call = undefined;
    this.finishCall(call);
  }

  private closeText(): void {
    if (!this.text) return;
    const { id, text } = this.text;
    this.text = undefined;
    this.emit({ type: "text_end", textId: id, text });
  }

  private closeReasoning(signature?: string): void {
    if (!this.reasoning) return;
    const { id, text } = this.reasoning;
    this.reasoning = undefined;
    this.emit({ type: "reasoning_end", reasoningId: id, text, ...(signature ? { signature } : {}) });
  }

  private closeAll(): void {
    this.closeText();
    this.closeReasoning();
    this.closeCall();
  }
}

/**
 * Translates SSE messages into unified events (§7.7): the first chunk -> `stream_start`; text ->
 * `text_start`/`text_delta` (`text_end` when something else starts, a signature arrives or the
 * candidate finishes); `thought: true` text -> `reasoning_*` (the signature on `reasoning_end`);
 * a complete `functionCall` -> `tool_call_start` + `tool_call_delta` (the whole JSON) +
 * `tool_call_end` at once; a call streamed in pieces (Vertex `partialArgs`/`willContinue`) ->
 * `tool_call_start` at its first piece and delta + end when it completes (a piece without
 * `willContinue`, the next call, another part, or the finishReason); other parts -> a
 * `provider_event` (their content part is in the final Response). When the connection closes:
 * `finish` with the accumulated Response. Blank `data:` lines are skipped.
 * @throws StreamError for data that is not a JSON object or a stream that ends before a
 *   finishReason; the mapped ProviderError for an `{ error }` chunk. (The adapter turns throws
 *   after the first event into an `error` event.)
 */
export async function* translateGeminiStream(
  messages: AsyncIterable<SseMessage>,
  ctx: GeminiStreamContext,
): AsyncGenerator<StreamEvent> {
  const translator = new GeminiStreamTranslator(ctx);
  for await (const message of messages) {
    if (message.data.trim() === "") continue;
    const chunk = parseSseJson(ctx.provider, message);
    if (typeof chunk !== "object" || chunk === null || Array.isArray(chunk)) {
      throw new StreamError({
        message: `${ctx.provider}: stream data is not an object: ${message.data.slice(0, 200)}`,
      });
    }
    const response = chunk as GeminiResponse;
    if (response.error) throw geminiStreamError(ctx.provider, response, message.data);
    yield* translator.chunk(response);
  }
  yield* translator.end();
}
