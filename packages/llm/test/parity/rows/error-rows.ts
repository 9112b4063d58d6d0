// §8.9 rows: an invalid API key (AuthenticationError, not retried) and a rate limit (429,
// retried transparently after the provider's Retry-After).
import { expect } from "vitest";
import { AuthenticationError, RateLimitError } from "../../../src/errors/provider-error.js";
import { generate } from "../../../src/generate/generate.js";
import { DEFAULT_RETRY_POLICY } from "../../../src/http/retry.js";
import { PROMPTS } from "../scenarios.js";
import { base, type ParityRow, wireViews } from "./context.js";

export const errorRows: ParityRow[] = [
  {
    id: "invalid_api_key",
    title: "Error handling (invalid API key -> 401)",
    async run(ctx) {
      const slept: number[] = [];
      const failure = await generate({
        model: ctx.model,
        provider: ctx.provider,
        client: ctx.target.invalidKeyClient(),
        prompt: PROMPTS.hello,
        maxRetries: 2,
        retryRuntime: { sleep: async (ms) => void slept.push(ms) },
      }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(AuthenticationError);
      // Gemini reports a wrong key as HTTP 400 (reason API_KEY_INVALID): the error class is what is portable.
      const status = ctx.provider === "gemini" ? 400 : 401;
      expect(failure).toMatchObject({ provider: ctx.provider, statusCode: status, retryable: false });
      expect(slept, "an authentication error is not retried").toEqual([]);
      if (!ctx.probe) return;
      const [view] = wireViews(ctx.probe, 1);
      expect(view.apiKey).toBeTruthy();
    },
  },
  {
    id: "rate_limit",
    title: "Error handling (rate limit -> 429)",
    async run(ctx) {
      const retries: { error: unknown; attempt: number; delaySeconds: number }[] = [];
      const slept: number[] = [];
      const result = await generate({
        ...base(ctx),
        prompt: PROMPTS.hello,
        maxRetries: 2,
        retryPolicy: { onRetry: (error, attempt, delaySeconds) => void retries.push({ error, attempt, delaySeconds }) },
        retryRuntime: { sleep: async (ms) => void slept.push(ms) },
      });
      expect(result.text.trim(), "the caller only sees the answer of the retry").not.toBe("");
      expect(retries).toHaveLength(1);
      const [{ error, attempt, delaySeconds }] = retries;
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ provider: ctx.provider, statusCode: 429, retryable: true });
      const retryAfter = (error as RateLimitError).retryAfter;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelay);
      expect(attempt).toBe(1);
      expect(delaySeconds, "Retry-After replaces the computed backoff").toBe(retryAfter);
      expect(slept).toEqual([(retryAfter ?? 0) * 1000]);
      expect(ctx.calls).toHaveLength(2);
      expect(ctx.calls[1].request).toEqual(ctx.calls[0].request);
      if (!ctx.probe) return;
      const views = wireViews(ctx.probe, 2);
      expect(views[1].body).toEqual(views[0].body);
    },
  },
];
