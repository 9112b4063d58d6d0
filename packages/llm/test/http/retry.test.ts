import { describe, expect, it } from "vitest";
import { AbortError, ConfigurationError, NetworkError, RequestTimeoutError } from "../../src/errors/client-errors.js";
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
} from "../../src/errors/provider-error.js";
import { DEFAULT_RETRY_POLICY, isRetryable, retry, retryDelay, sleepMs } from "../../src/http/retry.js";

const server = () => new ServerError({ message: "boom", provider: "p", statusCode: 503 });

function recorder() {
  const delaysMs: number[] = [];
  return { delaysMs, sleep: async (ms: number) => void delaysMs.push(ms) };
}

/** A function that fails with `errors` in turn, then returns "ok". */
function failing(errors: unknown[]) {
  let calls = 0;
  const fn = async () => {
    const error = errors[calls++];
    if (error !== undefined) throw error;
    return "ok";
  };
  return { fn, calls: () => calls };
}

describe("retry (§6.6)", () => {
  it("has the spec's defaults", () => {
    expect(DEFAULT_RETRY_POLICY).toMatchObject({
      maxRetries: 2,
      baseDelay: 1,
      maxDelay: 60,
      backoffMultiplier: 2,
      jitter: true,
    });
  });

  it("§8.8 exponential backoff: delay = min(base * multiplier^n, maxDelay)", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, jitter: false };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n, policy))).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(retryDelay(2, { ...policy, baseDelay: 0.5, backoffMultiplier: 3 })).toBe(4.5);
  });

  it("§8.8 jitter multiplies the delay by a factor in [0.5, 1.5)", () => {
    expect(retryDelay(1, DEFAULT_RETRY_POLICY, () => 0)).toBe(1);
    expect(retryDelay(1, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(2);
    expect(retryDelay(1, DEFAULT_RETRY_POLICY, () => 0.999)).toBeCloseTo(2.998);
    for (let i = 0; i < 100; i++) {
      const d = retryDelay(2, DEFAULT_RETRY_POLICY);
      expect(d).toBeGreaterThanOrEqual(2);
      expect(d).toBeLessThan(6);
    }
  });

  it("§8.8 retries retryable errors with growing delays, then succeeds", async () => {
    const { fn, calls } = failing([server(), new NetworkError({ message: "reset" })]);
    const { sleep, delaysMs } = recorder();
    expect(await retry(fn, {}, { sleep, random: () => 0.5 })).toBe("ok");
    expect(calls()).toBe(3);
    expect(delaysMs).toEqual([1000, 2000]);
  });

  it("throws the last error when the retries are spent", async () => {
    const last = server();
    const { fn, calls } = failing([server(), server(), last, server()]);
    const { sleep } = recorder();
    await expect(retry(fn, {}, { sleep })).rejects.toBe(last);
    expect(calls()).toBe(3);
  });

  it("§8.8 maxRetries = 0 disables retries", async () => {
    const { fn, calls } = failing([server()]);
    await expect(retry(fn, { maxRetries: 0 }, recorder())).rejects.toBeInstanceOf(ServerError);
    expect(calls()).toBe(1);
  });

  it("§8.8 Retry-After within maxDelay replaces the computed delay", async () => {
    const { fn } = failing([new RateLimitError({ message: "429", provider: "p", retryAfter: 3.5 })]);
    const { sleep, delaysMs } = recorder();
    await retry(fn, {}, { sleep, random: () => 0.5 });
    expect(delaysMs).toEqual([3500]);
  });

  it("§8.8 Retry-After beyond maxDelay raises at once, with retryAfter on the error", async () => {
    const error = new RateLimitError({ message: "429", provider: "p", retryAfter: 61 });
    const { fn, calls } = failing([error]);
    const { sleep, delaysMs } = recorder();
    await expect(retry(fn, {}, { sleep })).rejects.toBe(error);
    expect(error.retryAfter).toBe(61);
    expect(calls()).toBe(1);
    expect(delaysMs).toEqual([]);
  });

  it("§8.8 non-retryable errors are raised immediately", async () => {
    for (const error of [
      new AuthenticationError({ message: "401", provider: "p", statusCode: 401 }),
      new NotFoundError({ message: "404", provider: "p", statusCode: 404 }),
      new InvalidRequestError({ message: "400", provider: "p", statusCode: 400 }),
      new ConfigurationError({ message: "bad" }),
      new RequestTimeoutError({ message: "slow", scope: "request" }),
    ]) {
      const { fn, calls } = failing([error]);
      await expect(retry(fn, {}, recorder())).rejects.toBe(error);
      expect(calls()).toBe(1);
    }
  });

  it("§6.3 unknown errors default to retryable", async () => {
    expect(isRetryable(new Error("weird"))).toBe(true);
    expect(isRetryable("string")).toBe(true);
    const { fn, calls } = failing([new TypeError("fetch failed")]);
    expect(await retry(fn, {}, recorder())).toBe("ok");
    expect(calls()).toBe(2);
  });

  it("shouldRetry overrides the classification (opting in to timeout retries)", async () => {
    const { fn, calls } = failing([new RequestTimeoutError({ message: "slow", scope: "request" })]);
    await retry(fn, { shouldRetry: () => true }, recorder());
    expect(calls()).toBe(2);
  });

  it("calls onRetry with the error, the 1-based attempt and the delay in seconds", async () => {
    const seen: [unknown, number, number][] = [];
    const e1 = server();
    const { fn } = failing([e1]);
    await retry(fn, { jitter: false, onRetry: (e, a, d) => seen.push([e, a, d]) }, recorder());
    expect(seen).toEqual([[e1, 1, 1]]);
  });

  it("an abort during the wait rejects with AbortError", async () => {
    const controller = new AbortController();
    const { fn } = failing([server()]);
    const call = retry(fn, { baseDelay: 10 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(call).rejects.toBeInstanceOf(AbortError);
  });

  it("sleepMs waits, and rejects at once on an aborted signal", async () => {
    const started = performance.now();
    await sleepMs(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    controller.abort();
    await expect(sleepMs(1000, controller.signal)).rejects.toBeInstanceOf(AbortError);
  });
});
