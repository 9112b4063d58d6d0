import { describe, expect, it } from "vitest";
import type { BackoffConfig } from "../../src/index.js";
import {
  buildRetryPolicy,
  DEFAULT_BACKOFF,
  defaultShouldRetry,
  delayForAttempt,
  parseDot,
  RETRY_PRESETS,
} from "../../src/index.js";

const noJitter = (overrides: Partial<BackoffConfig> = {}): BackoffConfig => ({
  ...DEFAULT_BACKOFF,
  jitter: false,
  ...overrides,
});
const delays = (config: BackoffConfig, n: number, random?: () => number) =>
  Array.from({ length: n }, (_, i) => delayForAttempt(i + 1, config, random));

function policyOf(graphAttrs: string, nodeAttrs: string) {
  const g = parseDot(`digraph G { ${graphAttrs} n [${nodeAttrs}] }`);
  return buildRetryPolicy(g.nodes.get("n")!, g);
}

describe("delayForAttempt (§3.6)", () => {
  it("§11.5 exponential: initial × factor^(attempt-1), the spec default 200ms × 2", () => {
    expect(DEFAULT_BACKOFF).toMatchObject({ initialDelayMs: 200, backoffFactor: 2, maxDelayMs: 60_000, jitter: true });
    expect(delays(noJitter(), 5)).toEqual([200, 400, 800, 1600, 3200]);
  });

  it("§11.5 linear: initial × attempt", () => {
    expect(delays(noJitter({ strategy: "linear", initialDelayMs: 300 }), 4)).toEqual([300, 600, 900, 1200]);
  });

  it("§11.5 constant: the initial delay every time", () => {
    expect(delays(noJitter({ strategy: "constant", initialDelayMs: 250 }), 3)).toEqual([250, 250, 250]);
  });

  it("caps every delay at maxDelayMs", () => {
    expect(delays(noJitter({ initialDelayMs: 1000, maxDelayMs: 3000 }), 4)).toEqual([1000, 2000, 3000, 3000]);
  });

  it("§11.5 jitter multiplies by uniform(0.5, 1.5): bounds with an injected random", () => {
    const config = noJitter({ jitter: true, initialDelayMs: 1000 });
    expect(delayForAttempt(1, config, () => 0)).toBe(500);
    expect(delayForAttempt(1, config, () => 0.5)).toBe(1000);
    expect(delayForAttempt(1, config, () => 0.999_999)).toBe(1500);
    expect(delayForAttempt(3, config, () => 0.25)).toBe(3000);
  });

  it("jitter is applied after the cap, so a capped delay still varies within [0.5, 1.5] × cap", () => {
    const config = noJitter({ jitter: true, initialDelayMs: 10_000, maxDelayMs: 10_000 });
    expect(delayForAttempt(5, config, () => 0)).toBe(5000);
    expect(delayForAttempt(5, config, () => 0.999_999)).toBe(15_000);
  });

  it("stays within the jitter bounds for Math.random", () => {
    const config = noJitter({ jitter: true });
    for (let i = 0; i < 200; i++) {
      const d = delayForAttempt(2, config);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(600);
    }
  });
});

describe("RETRY_PRESETS (§3.6 table)", () => {
  it.each([
    ["none", 1, []],
    ["standard", 5, [200, 400, 800, 1600, 3200]],
    ["aggressive", 5, [500, 1000, 2000, 4000, 8000]],
    ["linear", 3, [500, 500, 500]],
    ["patient", 3, [2000, 6000, 18000]],
  ] as const)("%s: %i attempts, delays %j", (name, attempts, expected) => {
    const preset = RETRY_PRESETS[name];
    expect(preset.maxAttempts).toBe(attempts);
    expect(delays({ ...preset.backoff, jitter: false }, expected.length)).toEqual(expected);
  });
});

describe("buildRetryPolicy (§3.5)", () => {
  it("defaults to one attempt (no retries)", () => {
    expect(policyOf("", "").maxAttempts).toBe(1);
  });

  it("max_retries=3 means 4 attempts", () => {
    expect(policyOf("", "max_retries=3").maxAttempts).toBe(4);
  });

  it("falls back to graph default_max_retries, and the legacy default_max_retry", () => {
    expect(policyOf("default_max_retries=2;", "").maxAttempts).toBe(3);
    expect(policyOf("default_max_retry=1;", "").maxAttempts).toBe(2);
    expect(policyOf("default_max_retries=2;", "max_retries=0").maxAttempts).toBe(1);
  });

  it("takes attempts and backoff from a retry_policy preset (node over graph)", () => {
    const p = policyOf("retry_policy=patient;", "retry_policy=aggressive");
    expect(p.maxAttempts).toBe(5);
    expect(p.backoff.initialDelayMs).toBe(500);
    expect(policyOf("retry_policy=linear;", "").maxAttempts).toBe(3);
  });

  it("an explicit max_retries overrides the preset's attempts but keeps its backoff", () => {
    const p = policyOf("", "retry_policy=patient, max_retries=1");
    expect(p.maxAttempts).toBe(2);
    expect(p.backoff.backoffFactor).toBe(3);
  });

  it("reads backoff attributes from the node, else the graph", () => {
    const p = policyOf(
      "retry_backoff=linear; retry_jitter=true;",
      'retry_delay="50ms", retry_max_delay="2s", retry_backoff_factor=1.5, retry_jitter=false',
    );
    expect(p.backoff).toEqual({
      strategy: "linear",
      initialDelayMs: 50,
      maxDelayMs: 2000,
      backoffFactor: 1.5,
      jitter: false,
    });
  });

  it("ignores malformed backoff attributes", () => {
    const p = policyOf("", 'retry_backoff=wobbly, retry_delay="soon", retry_backoff_factor=-2, retry_jitter=maybe');
    expect(p.backoff).toEqual(DEFAULT_BACKOFF);
  });

  it("uses the default should_retry predicate", () => {
    expect(policyOf("", "").shouldRetry).toBe(defaultShouldRetry);
  });
});

describe("defaultShouldRetry (§3.6)", () => {
  it.each([
    [{ status: 429 }, true],
    [{ status: 500 }, true],
    [{ status: 503 }, true],
    [{ statusCode: 408 }, true],
    [{ status: 400 }, false],
    [{ status: 401 }, false],
    [{ status: 403 }, false],
    [{ code: "ECONNRESET" }, true],
    [{ code: "ETIMEDOUT" }, true],
    [{ code: "EACCES" }, false],
    [{ name: "TimeoutError" }, true],
    [{ retryable: true, status: 400 }, true],
    [{ retryable: false, status: 503 }, false],
  ])("%j -> %s", (error, expected) => {
    expect(defaultShouldRetry(error)).toBe(expected);
  });

  it("does not retry validation, configuration, authentication or checkpoint errors", () => {
    for (const name of ["ValidationError", "ConfigurationError", "AuthenticationError", "CheckpointError"]) {
      expect(defaultShouldRetry(Object.assign(new Error("x"), { name }))).toBe(false);
    }
  });

  it("retries unclassified errors: the node asked for retries and an unknown failure may pass", () => {
    expect(defaultShouldRetry(new Error("flaky"))).toBe(true);
    expect(defaultShouldRetry("boom")).toBe(true);
    expect(defaultShouldRetry(undefined)).toBe(true);
  });
});
