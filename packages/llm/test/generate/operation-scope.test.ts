import { describe, expect, it } from "vitest";
import { AbortError, ConfigurationError, RequestTimeoutError } from "../../src/errors/client-errors.js";
import { operationScope, timeoutConfig } from "../../src/generate/operation-scope.js";

const never = () => new Promise<never>(() => {});

describe("operationScope (§4.7)", () => {
  it("normalizes timeouts: a number is the total, in ms", () => {
    expect(timeoutConfig(500)).toEqual({ totalMs: 500 });
    expect(timeoutConfig({ perStepMs: 10 })).toEqual({ perStepMs: 10 });
    expect(timeoutConfig(undefined)).toEqual({});
    expect(() => timeoutConfig(-1)).toThrow(ConfigurationError);
    expect(() => timeoutConfig({ totalMs: Number.NaN })).toThrow(ConfigurationError);
  });

  it("the caller's abort becomes an AbortError reason on the scope and its steps", async () => {
    const controller = new AbortController();
    const scope = operationScope({ abortSignal: controller.signal });
    const step = scope.step();
    const racing = step.race(never());
    controller.abort("user said stop");
    await expect(racing).rejects.toBeInstanceOf(AbortError);
    expect(scope.signal.reason).toBeInstanceOf(AbortError);
    expect((scope.signal.reason as AbortError).cause).toBe("user said stop");
    expect(() => scope.throwIfAborted()).toThrow(AbortError);
    scope.dispose();
  });

  it("an already aborted signal aborts the scope at once", () => {
    const controller = new AbortController();
    controller.abort();
    const scope = operationScope({ abortSignal: controller.signal });
    expect(scope.signal.aborted).toBe(true);
    expect(scope.step().signal.aborted).toBe(true);
  });

  it("the total timeout aborts with RequestTimeoutError scope total", async () => {
    const scope = operationScope({ timeout: { totalMs: 10 } });
    const error = await scope.race(never()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).scope).toBe("total");
    scope.dispose();
  });

  it("the per-step timeout aborts the step only, with scope per_step, and restarts for each step", async () => {
    const scope = operationScope({ timeout: { perStepMs: 15 } });
    const first = scope.step();
    const error = await first.race(never()).catch((e: unknown) => e);
    expect((error as RequestTimeoutError).scope).toBe("per_step");
    expect(scope.signal.aborted).toBe(false);
    first.dispose();
    const second = scope.step();
    expect(second.signal.aborted).toBe(false);
    await expect(second.race(Promise.resolve("fast"))).resolves.toBe("fast");
    second.dispose();
    scope.dispose();
  });

  it("dispose clears the timers", async () => {
    const scope = operationScope({ timeout: { totalMs: 5 } });
    scope.dispose();
    await new Promise((r) => setTimeout(r, 20));
    expect(scope.signal.aborted).toBe(false);
  });

  it("race passes through results and errors", async () => {
    const scope = operationScope({});
    await expect(scope.race(Promise.resolve(1))).resolves.toBe(1);
    await expect(scope.race(Promise.reject(new Error("x")))).rejects.toThrow("x");
  });
});
