/**
 * Rate-limit headers to {@link RateLimitInfo} (unified-llm-spec §3.12): OpenAI's
 * `x-ratelimit-*` and Anthropic's `anthropic-ratelimit-*`.
 * @module
 */
import type { RateLimitInfo } from "../types/response.js";

function num(headers: Headers, ...names: string[]): number | undefined {
  for (const name of names) {
    const v = headers.get(name);
    if (v !== null && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  }
  return undefined;
}

/** OpenAI durations such as `1s`, `6m0s`, `250ms`, `1h2m3s`, in ms. */
function durationMs(text: string): number | undefined {
  let total = 0;
  let matched = false;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    matched = true;
    const n = Number(m[1]);
    total += m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : m[2] === "m" ? n * 60_000 : n * 3_600_000;
  }
  return matched ? total : undefined;
}

/** Reads rate-limit headers; undefined when the response has none. */
export function parseRateLimit(headers: Headers, now: number = Date.now()): RateLimitInfo | undefined {
  const info: RateLimitInfo = {};
  const requestsRemaining = num(headers, "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining");
  const requestsLimit = num(headers, "x-ratelimit-limit-requests", "anthropic-ratelimit-requests-limit");
  const tokensRemaining = num(headers, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining");
  const tokensLimit = num(headers, "x-ratelimit-limit-tokens", "anthropic-ratelimit-tokens-limit");
  if (requestsRemaining !== undefined) info.requestsRemaining = requestsRemaining;
  if (requestsLimit !== undefined) info.requestsLimit = requestsLimit;
  if (tokensRemaining !== undefined) info.tokensRemaining = tokensRemaining;
  if (tokensLimit !== undefined) info.tokensLimit = tokensLimit;
  const anthropicReset =
    headers.get("anthropic-ratelimit-requests-reset") ?? headers.get("anthropic-ratelimit-tokens-reset");
  const openaiReset = headers.get("x-ratelimit-reset-requests") ?? headers.get("x-ratelimit-reset-tokens");
  if (anthropicReset && !Number.isNaN(Date.parse(anthropicReset))) info.resetAt = new Date(anthropicReset);
  else if (openaiReset) {
    const ms = durationMs(openaiReset);
    if (ms !== undefined) info.resetAt = new Date(now + ms);
  }
  return Object.keys(info).length > 0 ? info : undefined;
}
