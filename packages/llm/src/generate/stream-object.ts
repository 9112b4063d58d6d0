/**
 * `streamObject()` (unified-llm-spec §4.6): structured output that yields partial objects as the
 * JSON text arrives, then the validated object.
 * @module
 */
import { parsePartialJson } from "../json/partial-json.js";
import type { StreamEvent } from "../types/stream-event.js";
import type { GenerateObjectResult } from "./generate-object.js";
import { resolveObjectPlan } from "./generate-object.js";
import {
  type ObjectOptions,
  type ObjectPlan,
  parseObjectOutput,
  planGenerateOptions,
  stripJsonFence,
  unwrapOutput,
} from "./object-strategy.js";
import { ReplayBuffer } from "./replay-buffer.js";
import { stream } from "./stream.js";
import type { StreamResult } from "./stream-result.js";

/** A value of which any part may still be missing. */
export type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * §4.6 a running structured-output stream: iterate it for partial objects (each one differs from
 * the one before; every iteration starts from the first), await `object()` for the final one.
 * Iteration throws when the stream fails; `object()` also rejects with NoObjectGeneratedError
 * when the final output is not valid.
 */
export interface StreamObjectResult<T> extends AsyncIterable<DeepPartial<T>> {
  /** The final object, parsed and validated against the schema. */
  object(): Promise<T>;
  /** The whole result, as `generateObject()` gives it. */
  result(): Promise<GenerateObjectResult<T>>;
  /** The underlying event stream. */
  readonly events: StreamResult;
}

/** Collects the output's JSON text from stream events, following the plan's mode. */
class OutputText {
  text = "";
  private toolCallId: string | undefined;
  constructor(private readonly plan: ObjectPlan) {}

  /** Feeds one event; true when the text grew. */
  process(event: StreamEvent): boolean {
    if (this.plan.mode === "json_schema") {
      if (event.type !== "text_delta") return false;
      this.text += event.delta;
      return true;
    }
    if (event.type === "tool_call_start" && event.toolName === this.plan.name) this.toolCallId ??= event.toolCallId;
    if (event.type === "tool_call_delta" && event.toolCallId === this.toolCallId) {
      this.text += event.argumentsDelta;
      return true;
    }
    if (event.type === "tool_call_end" && event.toolCall.id === this.toolCallId && this.text === "") {
      // Providers that deliver a call whole (Gemini) send no deltas.
      this.text = event.toolCall.rawArguments ?? JSON.stringify(event.toolCall.arguments);
      return true;
    }
    return false;
  }
}

async function pumpPartials<T>(events: StreamResult, plan: ObjectPlan, partials: ReplayBuffer<DeepPartial<T>>) {
  const output = new OutputText(plan);
  let last: string | undefined;
  try {
    for await (const event of events) {
      if (event.type === "error") throw event.error;
      if (!output.process(event)) continue;
      const parsed = parsePartialJson(plan.mode === "json_schema" ? stripJsonFence(output.text) : output.text);
      if (parsed.state !== "partial" && parsed.state !== "complete") continue;
      const value = unwrapOutput(parsed.value, plan);
      if (value === undefined) continue;
      const key = JSON.stringify(value);
      if (key === last) continue;
      last = key;
      partials.push(structuredClone(value) as DeepPartial<T>);
    }
    partials.close();
  } catch (error) {
    partials.fail(error);
  }
}

/**
 * Streams an object that satisfies `schema`, with the same provider strategies as
 * `generateObject()`. Partial objects come from incremental JSON parsing of the text (or of the
 * extraction tool's arguments); a property appears once its name is complete, strings grow as
 * they stream. The stream is retried only before its first event (§6.6).
 * @throws ConfigurationError at once for bad options (see `stream()`), or an invalid schema.
 */
export function streamObject<T = unknown>(options: ObjectOptions): StreamObjectResult<T> {
  const { client, plan } = resolveObjectPlan(options);
  const events = stream({ ...planGenerateOptions(options, plan), client });
  const partials = new ReplayBuffer<DeepPartial<T>>();
  void pumpPartials(events, plan, partials);
  const final = events
    .result()
    .then((result) => ({ ...result, output: parseObjectOutput(result.response, plan) as T }));
  final.catch(() => {});
  return {
    events,
    [Symbol.asyncIterator]: () => partials[Symbol.asyncIterator](),
    object: () => final.then((result) => result.output),
    result: () => final,
  };
}
