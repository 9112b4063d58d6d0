/**
 * Fault kinds a twin can inject, and fault rules that choose requests to inject them into.
 * @module
 */

/**
 * A fault. Error faults answer in place of the model (with the provider's own error body and
 * headers); stream faults (`stream_cut`, `malformed_sse`, `slow`) shape how the answer is sent.
 */
export type Fault =
  /** 429 with the provider's rate-limit body, `Retry-After` (default 1 s) and rate-limit headers. */
  | { kind: "rate_limit"; retryAfterSeconds?: number }
  /** 500 (default) or 502/503/504 with the provider's server-error body. */
  | { kind: "server_error"; status?: 500 | 502 | 503 | 504 }
  /**
   * The provider's "overloaded" answer (Anthropic 529; providers without one use their 503). With
   * `afterEvents`, a streamed answer of a twin whose provider has mid-stream errors
   * (`TwinErrorBodies.streamError`) starts normally and, after that many SSE events, carries the
   * provider's error event instead of the rest (Anthropic `event: error` with `overloaded_error`);
   * a non-streamed answer still gets the overloaded status.
   */
  | { kind: "overloaded"; afterEvents?: number }
  /**
   * The connection is closed after `afterEvents` SSE events (default: half of them); a
   * non-streaming answer is cut after half of its body.
   */
  | { kind: "stream_cut"; afterEvents?: number }
  /**
   * After `afterEvents` events (default: half of them) one event with truncated JSON data is sent
   * and the stream ends; a non-streaming answer is sent as truncated JSON with status 200.
   */
  | { kind: "malformed_sse"; afterEvents?: number }
  /** No answer at all until the client gives up (closes the connection). */
  | { kind: "hang" }
  /**
   * Slow tokens: `ttftMs` before the first token, then `tokensPerSecond`, each delay varied by
   * up to ±`jitter` (a fraction, 0..1). A non-streaming answer waits for the whole time.
   */
  | { kind: "slow"; ttftMs?: number; tokensPerSecond?: number; jitter?: number };

/** The `kind` of a {@link Fault}. */
export type FaultKind = Fault["kind"];

/** Every fault kind, in documentation order. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "rate_limit",
  "server_error",
  "overloaded",
  "stream_cut",
  "malformed_sse",
  "hang",
  "slow",
];

/** Fault kinds that shape the answer instead of replacing it. */
export const STREAM_FAULT_KINDS: readonly FaultKind[] = ["stream_cut", "malformed_sse", "slow"];

/** True for faults that replace the answer (errors, hang). */
export function isErrorFault(fault: Fault): boolean {
  return !STREAM_FAULT_KINDS.includes(fault.kind);
}

/**
 * A fault rule, as given in options or to `POST /_twin/faults`. A request is a *match* when its
 * path and model match the globs; among matches, the rule *fires* on the `nth` one (or on every
 * one), with `probability`, at most `times` times.
 */
export interface FaultRuleInput {
  /** Glob on the request path without the query (`/v1/*`); default any. */
  path?: string;
  /** Glob on the request's model; default any (a rule with `model` never matches model-less requests). */
  model?: string;
  /** Fire only on this 1-based match. */
  nth?: number;
  /** Chance (0..1) of firing on each eligible match, drawn from a generator seeded by `seed`; default 1. */
  probability?: number;
  /** Seed of this rule's generator; default the twin's seed. */
  seed?: number;
  /** Fire at most this many times; default unlimited. */
  times?: number;
  fault: Fault;
}

/** A fault rule as the twin keeps it, with its id and counters. */
export interface FaultRule extends FaultRuleInput {
  /** `f1`, `f2`, ... in the order rules were added. */
  id: string;
  /** Requests that matched its path and model so far. */
  matched: number;
  /** Times it fired so far. */
  fired: number;
}
