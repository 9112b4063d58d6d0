/**
 * Sending answers: provider error bodies, JSON bodies and SSE streams, with the stream faults
 * (`slow`, `stream_cut`, `malformed_sse`, `hang`) and streaming physics applied, and the body
 * sent recorded for the journal.
 * @module
 */
import type { ServerResponse } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Fault } from "./faults/types.js";
import { requestState } from "./request-state.js";
import type { StreamingPhysics, TwinKit, WireError } from "./types.js";

/** One server-sent event. */
export interface SseEvent {
  /** The `event:` line; omitted when absent (data-only SSE). */
  event?: string;
  /** The `data:` payload (one line). */
  data: string;
  /** Tokens this event carries (text or argument deltas), for the streaming physics; default 0. */
  tokens?: number;
}

/** Sends a provider error answer (JSON body, the error's headers). */
export function sendWireError(reply: FastifyReply, error: WireError): FastifyReply {
  reply.code(error.status);
  for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
  return reply.type("application/json").send(JSON.stringify(error.body));
}

/** The physics of this request: a `slow` fault's, else the twin's defaults. */
function physicsOf(fault: Fault | undefined, kit: TwinKit): StreamingPhysics {
  if (fault?.kind === "slow") return { ttftMs: 200, tokensPerSecond: 20, ...fault };
  return kit.options.streaming ?? {};
}

function jittered(delayMs: number, jitter: number | undefined, kit: TwinKit): number {
  if (!jitter || delayMs <= 0) return delayMs;
  return Math.max(0, delayMs * (1 + (kit.random() * 2 - 1) * jitter));
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Options of {@link sendJson}. */
export interface SendJsonOptions {
  /** Default 200. */
  status?: number;
  /** Output tokens of the answer, for the physics (a slow answer waits ttft + tokens / tps). */
  tokens?: number;
}

/**
 * Sends a JSON body. Faults: `slow` (and default physics) wait `ttftMs + tokens / tokensPerSecond`
 * first; `stream_cut` sends half of the body and closes the connection; `malformed_sse` sends half
 * of the body as a complete 200 response (malformed JSON); a mid-stream `overloaded` fault gets the
 * provider's overloaded answer.
 */
export async function sendJson(
  request: FastifyRequest,
  reply: FastifyReply,
  kit: TwinKit,
  body: unknown,
  options: SendJsonOptions = {},
): Promise<FastifyReply> {
  const state = requestState(request);
  const fault = state?.streamFault;
  const physics = physicsOf(fault, kit);
  const tokens = options.tokens ?? 0;
  const waitMs = (physics.ttftMs ?? 0) + (physics.tokensPerSecond ? (tokens * 1000) / physics.tokensPerSecond : 0);
  await sleep(jittered(waitMs, physics.jitter, kit));
  // A mid-stream error fault (see `isMidStreamFault`) on an answer that does not stream.
  if (fault?.kind === "overloaded") return sendWireError(reply, kit.definition.errors.overloaded());
  const text = JSON.stringify(body);
  const status = options.status ?? 200;
  if (fault?.kind === "stream_cut") {
    const part = text.slice(0, Math.floor(text.length / 2));
    reply.hijack();
    const raw = reply.raw;
    const headers = {
      ...(reply.getHeaders() as Record<string, string>),
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(text)),
    };
    if (state) state.responseHeaders = headers;
    raw.writeHead(status, headers);
    if (state) state.responseText = part;
    await write(raw, part);
    cut(raw, state);
    return reply;
  }
  const sent = fault?.kind === "malformed_sse" ? text.slice(0, Math.floor(text.length / 2)) : text;
  return reply.code(status).type("application/json").send(sent);
}

/** Options of {@link sendSse}. */
export interface SendSseOptions {
  /** Line ending of the SSE framing (default `\n`; the Gemini twin sends `\r\n` as Google does). */
  lineEnding?: "\n" | "\r\n";
}

/**
 * Streams `events` as SSE (`text/event-stream`), pacing token-carrying events by the physics
 * (`ttftMs` before the first, then `tokens / tokensPerSecond` each, ± jitter). Writes are
 * coalesced: without pacing the whole stream goes out in one write; with pacing, the events
 * between two waits go out together, just before the wait (a socket write per token, not per
 * event). Faults:
 * `stream_cut` closes the connection after `afterEvents` events (default half); `malformed_sse`
 * sends, after `afterEvents` events, one event whose JSON data is cut in half, then ends the
 * stream; a mid-stream `overloaded` fault sends, after `afterEvents` events, the provider's error
 * event (`TwinErrorBodies.streamError`), then ends the stream. Stops early when the client goes away.
 */
export async function sendSse(
  request: FastifyRequest,
  reply: FastifyReply,
  kit: TwinKit,
  events: readonly SseEvent[],
  options: SendSseOptions = {},
): Promise<FastifyReply> {
  const eol = options.lineEnding ?? "\n";
  const state = requestState(request);
  const fault = state?.streamFault;
  const physics = physicsOf(fault, kit);
  const stopAt =
    fault?.kind === "stream_cut" || fault?.kind === "malformed_sse" || fault?.kind === "overloaded"
      ? Math.min(events.length, fault.afterEvents ?? Math.floor(events.length / 2))
      : events.length;
  reply.hijack();
  const raw = reply.raw;
  const headers = {
    ...(reply.getHeaders() as Record<string, string>),
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  };
  if (state) state.responseHeaders = headers;
  raw.writeHead(200, headers);
  const streamError = fault?.kind === "overloaded" ? kit.definition.errors.streamError?.(fault) : undefined;
  const malformed = (): string => {
    const next = events[stopAt]?.data ?? '{"type":"error","message":';
    return formatSse({ ...events[stopAt], data: next.slice(0, Math.max(1, Math.floor(next.length / 2))) }, eol);
  };
  if (!physics.ttftMs && !physics.tokensPerSecond) {
    // No pacing: the whole stream is one string and one socket write.
    let text = "";
    for (let i = 0; i < stopAt; i++) text += formatSse(events[i], eol);
    if (fault?.kind === "stream_cut") {
      if (state) state.responseText = text;
      await write(raw, text);
      cut(raw, state);
      return reply;
    }
    if (streamError) text += formatSse(streamError, eol);
    if (fault?.kind === "malformed_sse") text += malformed();
    if (state) state.responseText = text;
    raw.end(text);
    return reply;
  }
  // Paced: the events due before each wait are written together, then the wait.
  const chunks: string[] = [];
  if (state) state.responseChunks = chunks;
  let batch = "";
  const flush = (): Promise<void> => {
    if (batch === "") return Promise.resolve();
    chunks.push(batch);
    const written = write(raw, batch);
    batch = "";
    return written;
  };
  let first = true;
  for (let i = 0; i < stopAt; i++) {
    const event = events[i];
    const tokens = event.tokens ?? 0;
    if (tokens > 0) {
      const base = first
        ? (physics.ttftMs ?? 0)
        : physics.tokensPerSecond
          ? (tokens * 1000) / physics.tokensPerSecond
          : 0;
      first = false;
      const delay = jittered(base, physics.jitter, kit);
      if (delay > 0) {
        await flush();
        if (raw.destroyed) return reply;
        await sleep(delay);
      }
    }
    batch += formatSse(event, eol);
  }
  await flush();
  if (raw.destroyed) return reply;
  if (fault?.kind === "stream_cut") {
    cut(raw, state);
    return reply;
  }
  if (streamError) batch += formatSse(streamError, eol);
  if (fault?.kind === "malformed_sse") batch += malformed();
  await flush();
  raw.end();
  return reply;
}

/**
 * `event: X\ndata: Y\n\n` (no `event:` line when the event has no name); `eol` ends each line
 * (default `\n`; Google's servers use `\r\n`).
 */
export function formatSse(event: SseEvent, eol = "\n"): string {
  return `${event.event !== undefined ? `event: ${event.event}${eol}` : ""}data: ${event.data}${eol}${eol}`;
}

/**
 * The `hang` fault: takes the reply over and answers nothing; resolves when the client closes
 * the connection (or the server shuts down).
 */
export async function hang(reply: FastifyReply): Promise<FastifyReply> {
  reply.hijack();
  const raw = reply.raw;
  if (!raw.destroyed && !raw.socket?.destroyed) await new Promise<void>((resolve) => raw.once("close", resolve));
  return reply;
}

function write(raw: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    if (raw.destroyed) return resolve();
    raw.write(chunk, () => resolve());
  });
}

function cut(raw: ServerResponse, state: { cut?: boolean } | undefined): void {
  if (state) state.cut = true;
  raw.destroy();
}
