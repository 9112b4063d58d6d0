import { describe, expect, it, vi } from "vitest";
import { askSequentially } from "../../src/interviewer/ask-multiple.js";
import { timeoutAnswer, withTimeout } from "../../src/interviewer/timeout.js";
import type { Answer, Question } from "../../src/interviewer/types.js";

const question: Question = { id: "q", text: "Deploy?", type: "yes_no", options: [], stage: "gate" };
const never = (signal: AbortSignal) =>
  new Promise<Answer>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));

describe("timeoutAnswer (attractor-spec §6.5)", () => {
  it("is the question's default when set", () => {
    expect(timeoutAnswer({ ...question, default: { value: "no" } })).toEqual({ value: "no" });
  });

  it("is { value: 'timeout' } without a default", () => {
    expect(timeoutAnswer(question)).toEqual({ value: "timeout" });
  });
});

describe("withTimeout", () => {
  it("resolves the answer of ask when it comes first", async () => {
    expect(await withTimeout({ ...question, timeoutMs: 1000 }, () => ({ value: "yes" }))).toEqual({ value: "yes" });
  });

  it("resolves the default after timeoutMs and aborts the inner signal with a TimeoutError", async () => {
    let innerReason: unknown;
    const answer = await withTimeout({ ...question, timeoutMs: 15, default: { value: "no" } }, (signal) => {
      signal.addEventListener("abort", () => {
        innerReason = signal.reason;
      });
      return never(signal);
    });
    expect(answer).toEqual({ value: "no" });
    expect(innerReason).toBeInstanceOf(DOMException);
    expect((innerReason as DOMException).name).toBe("TimeoutError");
  });

  it("resolves { value: 'timeout' } after timeoutMs without a default", async () => {
    expect(await withTimeout({ ...question, timeoutMs: 5 }, never)).toEqual({ value: "timeout" });
  });

  it("waits forever without timeoutMs (and for negative or infinite values)", async () => {
    for (const timeoutMs of [undefined, -1, Number.POSITIVE_INFINITY]) {
      const controller = new AbortController();
      const pending = withTimeout({ ...question, timeoutMs }, never, controller.signal);
      const outcome = await Promise.race([pending, new Promise((r) => setTimeout(() => r("still waiting"), 20))]);
      expect(outcome).toBe("still waiting");
      controller.abort(new Error("done"));
      await expect(pending).rejects.toThrow("done");
    }
  });

  it("lets an immediate answer win over timeoutMs 0", async () => {
    expect(await withTimeout({ ...question, timeoutMs: 0 }, () => ({ value: "yes" }))).toEqual({ value: "yes" });
  });

  it("rejects with the reason of an already-aborted signal without calling ask", async () => {
    const ask = vi.fn(() => ({ value: "yes" }));
    const reason = new Error("cancelled");
    await expect(withTimeout(question, ask, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(ask).not.toHaveBeenCalled();
  });

  it("rejects with the abort reason and aborts the inner signal when cancelled while waiting", async () => {
    const controller = new AbortController();
    let inner: AbortSignal | undefined;
    const pending = withTimeout(
      { ...question, timeoutMs: 1000 },
      (signal) => {
        inner = signal;
        return never(signal);
      },
      controller.signal,
    );
    const reason = new Error("cancelled");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(inner?.aborted).toBe(true);
    expect(inner?.reason).toBe(reason);
  });

  it("rejects when ask throws or rejects", async () => {
    await expect(
      withTimeout(question, () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(withTimeout(question, () => Promise.reject(new Error("late boom")))).rejects.toThrow("late boom");
  });

  it("clears its timer once settled (no pending timer keeps the process alive)", async () => {
    vi.useFakeTimers();
    try {
      const pending = withTimeout({ ...question, timeoutMs: 60_000 }, () => ({ value: "yes" }));
      await vi.advanceTimersByTimeAsync(0);
      await pending;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("removes its abort listener once settled", async () => {
    const controller = new AbortController();
    await withTimeout(question, () => ({ value: "yes" }), controller.signal);
    // Aborting afterwards must not throw or reject anything.
    expect(() => controller.abort()).not.toThrow();
  });
});

describe("askSequentially (attractor-spec §6.1 ask_multiple)", () => {
  it("asks one question at a time, in order", async () => {
    const log: string[] = [];
    const interviewer = {
      ask: async (q: Question) => {
        log.push(`start ${q.id}`);
        await new Promise((r) => setTimeout(r, 1));
        log.push(`end ${q.id}`);
        return { value: q.id };
      },
    };
    const answers = await askSequentially(interviewer, [
      { ...question, id: "a" },
      { ...question, id: "b" },
    ]);
    expect(answers).toEqual([{ value: "a" }, { value: "b" }]);
    expect(log).toEqual(["start a", "end a", "start b", "end b"]);
  });

  it("stops before the next question once the signal is aborted", async () => {
    const controller = new AbortController();
    const ask = vi.fn(async () => {
      controller.abort(new Error("cancelled"));
      return { value: "yes" };
    });
    await expect(askSequentially({ ask }, [question, question], controller.signal)).rejects.toThrow("cancelled");
    expect(ask).toHaveBeenCalledTimes(1);
  });
});
