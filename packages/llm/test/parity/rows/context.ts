// What a §8.9 row gets to run with, and helpers the rows share.
import { expect } from "vitest";
import type { Client } from "../../../src/client/client.js";
import type { Middleware } from "../../../src/client/middleware.js";
import type { Request } from "../../../src/types/request.js";
import type { Usage } from "../../../src/types/response.js";
import type { StreamEvent } from "../../../src/types/stream-event.js";
import type { ParityProbe, ParityProvider, ParityRowId, ParityTarget } from "../parity-types.js";
import type { NeutralUsage, WirePart, WireView } from "../wire/types.js";

/** A unified request the client sent (recorded by a middleware), for every backend. */
export interface RecordedCall {
  kind: "complete" | "stream";
  request: Request;
}

/** The state one row runs with. */
export interface RowContext {
  provider: ParityProvider;
  target: ParityTarget;
  model: string;
  /** The target's client, with the call recorder installed. */
  client: Client;
  /** Unified requests sent since the row began. */
  calls: RecordedCall[];
  /** The wire probe, when the backend can observe the wire. */
  probe: ParityProbe | undefined;
}

/** One row of the matrix. */
export interface ParityRow {
  id: ParityRowId;
  /** The spec's wording of the row. */
  title: string;
  run(ctx: RowContext): Promise<void>;
}

/** A middleware that appends every request to `calls` (a fresh list per row via `reset`). */
export function callRecorder(): { middleware: Middleware; calls: () => RecordedCall[]; reset(): void } {
  let calls: RecordedCall[] = [];
  return {
    middleware: {
      name: "parity-call-recorder",
      complete(request, next, options) {
        calls.push({ kind: "complete", request });
        return next(request, options);
      },
      stream(request, next, options) {
        calls.push({ kind: "stream", request });
        return next(request, options);
      },
    },
    calls: () => calls,
    reset() {
      calls = [];
    },
  };
}

/** The options every high-level call of a row starts from. */
export function base(ctx: RowContext) {
  return { model: ctx.model, provider: ctx.provider, client: ctx.client };
}

/** Every event of an iterable. */
export async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** The parts of one type across a view's messages (or one message). */
export function partsOf<T extends WirePart["type"]>(
  view: WireView,
  type: T,
  messageIndex?: number,
): Extract<WirePart, { type: T }>[] {
  const messages = messageIndex === undefined ? view.messages : [view.messages.at(messageIndex)];
  return messages.flatMap((m) =>
    (m?.parts ?? []).flatMap((p) => (p.type === type ? [p as Extract<WirePart, { type: T }>] : [])),
  );
}

/** The probe's views, checking that exactly `count` requests reached the provider. */
export function wireViews(probe: ParityProbe, count: number): readonly WireView[] {
  expect(probe.requests, "requests the provider received").toHaveLength(count);
  return probe.views;
}

/** Checks the invariants every Usage must meet. */
export function expectSaneUsage(usage: Usage): void {
  expect(usage.inputTokens).toBeGreaterThan(0);
  expect(usage.outputTokens).toBeGreaterThan(0);
  expect(usage.totalTokens).toBe(usage.inputTokens + usage.outputTokens);
  expect(usage.reasoningTokens ?? 0).toBeLessThanOrEqual(usage.outputTokens);
  expect(usage.cacheReadTokens ?? 0).toBeLessThanOrEqual(usage.inputTokens);
}

/** Checks that a unified Usage says exactly what the provider reported (on the wire). */
export function expectReportedUsage(usage: Usage, reported: NeutralUsage | undefined): void {
  expect(reported, "the provider reported usage").toBeDefined();
  if (!reported) return;
  expect({
    input: usage.inputTokens,
    output: usage.outputTokens,
    total: usage.totalTokens,
    reasoning: usage.reasoningTokens ?? 0,
    cacheRead: usage.cacheReadTokens ?? 0,
    cacheWrite: usage.cacheWriteTokens ?? 0,
  }).toEqual({
    input: reported.input,
    output: reported.output,
    total: reported.input + reported.output,
    reasoning: reported.reasoning ?? 0,
    cacheRead: reported.cacheRead ?? 0,
    cacheWrite: reported.cacheWrite ?? 0,
  });
}

/** Types of the events, in order, with consecutive duplicates collapsed (for order checks). */
export function eventOutline(events: StreamEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) if (out.at(-1) !== e.type) out.push(e.type);
  return out;
}
