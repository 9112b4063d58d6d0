// A scripted ProviderAdapter for Layer 3/4 tests: each complete()/stream() call takes the next
// scripted step (a response, an error, a list of stream events, or a hang), and every call is
// recorded with its request and the time it started.
import { Client } from "../../src/client/client.js";
import { AbortError } from "../../src/errors/client-errors.js";
import type { ProviderAdapter } from "../../src/types/adapter.js";
import type { ContentPart } from "../../src/types/message.js";
import type { CallOptions, Request } from "../../src/types/request.js";
import { createResponse, type FinishReason, type Response, type Usage } from "../../src/types/response.js";
import type { StreamEvent } from "../../src/types/stream-event.js";

/** What one call does. */
export type FakeStep =
  /** complete() resolves with it; stream() yields its events (see `eventsFor`). */
  | { kind: "response"; response: Response; delayMs?: number }
  /** Rejects (complete) or throws before the first event (stream). */
  | { kind: "error"; error: unknown; delayMs?: number }
  /**
   * stream() yields these, `delayMs` apart, then throws `thenThrow` or stalls (`thenHang`) if set;
   * complete() answers the finish event's response.
   */
  | { kind: "events"; events: StreamEvent[]; delayMs?: number; thenThrow?: unknown; thenHang?: boolean }
  /** Never answers; rejects with AbortError when the call's signal aborts, unless `ignoreSignal`. */
  | { kind: "hang"; ignoreSignal?: boolean };

/** One recorded call. */
export interface FakeCall {
  kind: "complete" | "stream";
  /** A deep copy of the request as sent. */
  request: Request;
  options: CallOptions | undefined;
  /** performance.now() when the call started. */
  at: number;
}

export function usage(inputTokens: number, outputTokens: number, extra: Partial<Usage> = {}): Usage {
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, ...extra };
}

export function responseOf(
  content: ContentPart[],
  options: { finishReason?: FinishReason; usage?: Usage; id?: string; provider?: string; model?: string } = {},
): Response {
  return createResponse({
    id: options.id ?? "resp_1",
    model: options.model ?? "fake-model",
    provider: options.provider ?? "fake",
    message: { role: "assistant", content },
    finishReason: options.finishReason ?? { reason: "stop" },
    usage: options.usage ?? usage(10, 5),
    warnings: [],
  });
}

export function textResponse(text: string, options: Parameters<typeof responseOf>[1] = {}): Response {
  return responseOf([{ kind: "text", text }], options);
}

/** A response asking for tool calls; `args` as an object, or as a raw argument string. */
export function toolCallsResponse(
  calls: { id: string; name: string; args: Record<string, unknown> | string }[],
  options: Parameters<typeof responseOf>[1] = {},
): Response {
  return responseOf(
    calls.map((c) => ({ kind: "tool_call", toolCall: { id: c.id, name: c.name, arguments: c.args } })),
    { finishReason: { reason: "tool_calls" }, ...options },
  );
}

/** The events an adapter would stream for `response`: start, text/tool call start-delta-end, finish. */
export function eventsFor(response: Response, options: { chunkSize?: number } = {}): StreamEvent[] {
  const size = options.chunkSize ?? 4;
  const events: StreamEvent[] = [{ type: "stream_start", id: response.id, model: response.model, warnings: [] }];
  response.message.content.forEach((part, i) => {
    if (part.kind === "text") {
      const textId = `t${i}`;
      events.push({ type: "text_start", textId });
      for (let at = 0; at < part.text.length; at += size) {
        events.push({ type: "text_delta", textId, delta: part.text.slice(at, at + size) });
      }
      events.push({ type: "text_end", textId, text: part.text });
    } else if (part.kind === "tool_call") {
      const { id, name } = part.toolCall;
      const raw =
        typeof part.toolCall.arguments === "string" ? part.toolCall.arguments : JSON.stringify(part.toolCall.arguments);
      events.push({ type: "tool_call_start", toolCallId: id, toolName: name });
      for (let at = 0; at < raw.length; at += size) {
        events.push({ type: "tool_call_delta", toolCallId: id, argumentsDelta: raw.slice(at, at + size) });
      }
      const call = response.toolCalls.find((c) => c.id === id);
      if (call) events.push({ type: "tool_call_end", toolCall: call });
    }
  });
  events.push({ type: "finish", finishReason: response.finishReason, usage: response.usage, response });
  return events;
}

export const respond = (response: Response, delayMs?: number): FakeStep => ({ kind: "response", response, delayMs });
export const fail = (error: unknown, delayMs?: number): FakeStep => ({ kind: "error", error, delayMs });
export const hang = (ignoreSignal = false): FakeStep => ({ kind: "hang", ignoreSignal });

function wait(ms: number | undefined, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError({ message: "aborted (fake adapter)" }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError({ message: "aborted (fake adapter)" }));
    };
    const timer =
      ms === undefined
        ? undefined
        : setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The scripted adapter. */
export class FakeAdapter implements ProviderAdapter {
  readonly calls: FakeCall[] = [];
  /** Stream generators that ended (finished, failed or closed early). */
  endedStreams = 0;
  private readonly steps: FakeStep[];

  constructor(
    steps: FakeStep[] = [],
    readonly name = "fake",
  ) {
    this.steps = [...steps];
  }

  /** Queues more steps. */
  script(...steps: FakeStep[]): this {
    this.steps.push(...steps);
    return this;
  }

  /** Requests received, in order. */
  get requests(): Request[] {
    return this.calls.map((c) => c.request);
  }

  private next(kind: FakeCall["kind"], request: Request, options?: CallOptions): FakeStep {
    this.calls.push({ kind, request: structuredClone(request), options, at: performance.now() });
    const step = this.steps.shift();
    if (!step) throw new Error(`FakeAdapter: no scripted step left for call ${this.calls.length}`);
    return step;
  }

  async complete(request: Request, options?: CallOptions): Promise<Response> {
    const step = this.next("complete", request, options);
    switch (step.kind) {
      case "response":
        await wait(step.delayMs ?? 0, options?.signal);
        return step.response;
      case "error":
        await wait(step.delayMs ?? 0, options?.signal);
        throw step.error;
      case "events": {
        const finish = step.events.find((e) => e.type === "finish");
        if (finish?.type !== "finish") throw step.thenThrow ?? new Error("no finish event");
        return finish.response;
      }
      case "hang":
        await wait(undefined, step.ignoreSignal ? undefined : options?.signal);
        throw new Error("unreachable");
    }
  }

  stream(request: Request, options?: CallOptions): AsyncIterable<StreamEvent> {
    const step = this.next("stream", request, options);
    const adapter = this;
    async function* run(): AsyncGenerator<StreamEvent> {
      try {
        switch (step.kind) {
          case "response":
            for (const event of eventsFor(step.response)) {
              await wait(step.delayMs ?? 0, options?.signal);
              yield event;
            }
            return;
          case "error":
            await wait(step.delayMs ?? 0, options?.signal);
            throw step.error;
          case "events":
            for (const event of step.events) {
              await wait(step.delayMs ?? 0, options?.signal);
              yield event;
            }
            if (step.thenThrow !== undefined) throw step.thenThrow;
            if (step.thenHang) await wait(undefined, options?.signal);
            return;
          case "hang":
            await wait(undefined, step.ignoreSignal ? undefined : options?.signal);
        }
      } finally {
        adapter.endedStreams++;
      }
    }
    return run();
  }
}

/** A client whose default (and only) provider is a FakeAdapter with `steps`. */
export function fakeClient(steps: FakeStep[] = [], name = "fake"): { client: Client; adapter: FakeAdapter } {
  const adapter = new FakeAdapter(steps, name);
  return { client: new Client({ providers: { [name]: adapter } }), adapter };
}

/** Collects an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
