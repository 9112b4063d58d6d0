/**
 * Retry policies and backoff (attractor-spec §3.5-3.6).
 * @module
 */
import { maxRetriesOf } from "../model/attributes.js";
import { parseDuration } from "../model/duration.js";
import type { Graph, Node } from "../model/graph.js";

/** Delay calculation between attempts (attractor-spec §3.6). */
export interface BackoffConfig {
  /**
   * How delays grow: `exponential` (initial × factor^(n-1), the spec's formula), `linear`
   * (initial × n) or `constant` (initial). Default exponential.
   */
  strategy: "exponential" | "linear" | "constant";
  /** First retry delay in ms (default 200). */
  initialDelayMs: number;
  /** Multiplier for each later delay (default 2.0). */
  backoffFactor: number;
  /** Cap on any delay in ms (default 60000). */
  maxDelayMs: number;
  /** Multiply each delay by uniform(0.5, 1.5) (default true). */
  jitter: boolean;
}

/** How often and how patiently a node is retried (attractor-spec §3.6). */
export interface RetryPolicy {
  /** Total executions allowed, at least 1 (`max_retries + 1`). */
  maxAttempts: number;
  backoff: BackoffConfig;
  /** Whether a thrown error deserves another attempt. */
  shouldRetry(error: unknown): boolean;
}

/** attractor-spec §3.6 default backoff. */
export const DEFAULT_BACKOFF: Readonly<BackoffConfig> = Object.freeze({
  strategy: "exponential",
  initialDelayMs: 200,
  backoffFactor: 2,
  maxDelayMs: 60_000,
  jitter: true,
});

/** attractor-spec §3.6 preset policies, selectable with the node or graph attribute `retry_policy`. */
export const RETRY_PRESETS: Readonly<Record<string, { maxAttempts: number; backoff: BackoffConfig }>> = Object.freeze({
  none: { maxAttempts: 1, backoff: { ...DEFAULT_BACKOFF } },
  // "linear" in the spec's table is a fixed delay (factor 1.0), so it uses the constant strategy.
  standard: { maxAttempts: 5, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 200, backoffFactor: 2 } },
  aggressive: { maxAttempts: 5, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 500, backoffFactor: 2 } },
  linear: {
    maxAttempts: 3,
    backoff: { ...DEFAULT_BACKOFF, strategy: "constant", initialDelayMs: 500, backoffFactor: 1 },
  },
  patient: { maxAttempts: 3, backoff: { ...DEFAULT_BACKOFF, initialDelayMs: 2000, backoffFactor: 3 } },
});

/**
 * Delay before retry number `attempt` (1-based: the first retry is attempt 1), in ms
 * (attractor-spec §3.6). `random` returns [0, 1) and is injectable for tests.
 */
export function delayForAttempt(attempt: number, config: BackoffConfig, random: () => number = Math.random): number {
  let delay =
    config.strategy === "constant"
      ? config.initialDelayMs
      : config.strategy === "linear"
        ? config.initialDelayMs * attempt
        : config.initialDelayMs * config.backoffFactor ** (attempt - 1);
  delay = Math.min(delay, config.maxDelayMs);
  if (config.jitter) delay *= 0.5 + random();
  return Math.round(delay);
}

/**
 * attractor-spec §3.6 default predicate. Not retried: errors marked `retryable: false`, HTTP 400,
 * 401, 403, 404, 409 and 422 (bad request, authentication, configuration), and errors named
 * `ValidationError`, `ConfigurationError`, `AuthenticationError` or `CheckpointError`, and
 * permission errors (EACCES, EPERM). Retried:
 * errors marked `retryable: true`, HTTP 408, 429 and 5xx, network errors, timeouts, and any
 * other error — the node asked for retries with `max_retries`, and an unknown failure may pass.
 */
export function defaultShouldRetry(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return true;
  const e = error as { retryable?: unknown; status?: unknown; statusCode?: unknown; name?: unknown; code?: unknown };
  if (typeof e.retryable === "boolean") return e.retryable;
  const status = typeof e.status === "number" ? e.status : typeof e.statusCode === "number" ? e.statusCode : undefined;
  if (status !== undefined) return status === 408 || status === 429 || status >= 500 || status < 400;
  if (e.code === "EACCES" || e.code === "EPERM") return false;
  return !(typeof e.name === "string" && TERMINAL_ERROR_NAMES.has(e.name));
}

const TERMINAL_ERROR_NAMES: ReadonlySet<string> = new Set([
  "ValidationError",
  "ConfigurationError",
  "AuthenticationError",
  "CheckpointError",
]);

/**
 * The policy for `node` (attractor-spec §3.5-3.6). Attempts: explicit `max_retries` (else graph
 * `default_max_retries`) + 1, else the `retry_policy` preset's (node, else graph), else 1.
 * Backoff: the preset's, adjusted by node-then-graph attributes `retry_backoff`
 * (`exponential`|`linear`|`constant`), `retry_delay` and `retry_max_delay` (durations),
 * `retry_backoff_factor` (number) and `retry_jitter` (boolean).
 */
export function buildRetryPolicy(node: Node, graph: Graph): RetryPolicy {
  const attr = (key: string): string | undefined => node.attrs.get(key) ?? graph.attrs.get(key);
  const presetName = attr("retry_policy");
  const preset = presetName ? RETRY_PRESETS[presetName] : undefined;
  const explicit =
    node.attrs.has("max_retries") || graph.attrs.has("default_max_retries") || graph.attrs.has("default_max_retry");
  const maxAttempts = explicit || !preset ? maxRetriesOf(node, graph) + 1 : preset.maxAttempts;
  const backoff: BackoffConfig = { ...(preset?.backoff ?? DEFAULT_BACKOFF) };
  const strategy = attr("retry_backoff");
  if (strategy === "exponential" || strategy === "linear" || strategy === "constant") backoff.strategy = strategy;
  const delay = parseDuration(attr("retry_delay") ?? "");
  if (delay !== undefined) backoff.initialDelayMs = delay;
  const maxDelay = parseDuration(attr("retry_max_delay") ?? "");
  if (maxDelay !== undefined) backoff.maxDelayMs = maxDelay;
  const factor = Number(attr("retry_backoff_factor"));
  if (attr("retry_backoff_factor") !== undefined && Number.isFinite(factor) && factor > 0)
    backoff.backoffFactor = factor;
  const jitter = attr("retry_jitter");
  if (jitter === "true" || jitter === "false") backoff.jitter = jitter === "true";
  return { maxAttempts: Math.max(1, maxAttempts), backoff, shouldRetry: defaultShouldRetry };
}
