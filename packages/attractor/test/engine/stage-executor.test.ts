import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Handler, Outcome } from "../../src/index.js";
import { dot, eventLog, readJson, run, scriptedHandler, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

const F: Outcome = { status: "fail", failureReason: "flaky" };
const S: Outcome = { status: "success" };
const R: Outcome = { status: "retry", failureReason: "again" };

/** start -> n (custom type `x`) -> exit, with a fail edge to `fixer` when asked. */
const pipeline = (nodeAttrs: string, extra = "") =>
  dot(`n [type="x", ${nodeAttrs}]\n start -> n\n n -> exit [condition="outcome=success"]\n${extra}`);

describe("retries (§3.5)", () => {
  it("§11.5 retries FAIL outcomes while attempts remain, then succeeds", async () => {
    const h = scriptedHandler(F, F, S);
    const log = eventLog();
    const r = await run(pipeline("max_retries=2"), tmp(), { handlers: { x: h }, onEvent: log.onEvent });
    expect(r.status).toBe("success");
    expect(h.calls).toEqual(["n", "n", "n"]);
    const retrying = log.events.filter((e) => e.type === "stage_retrying");
    expect(retrying.map((e) => e.type === "stage_retrying" && e.attempt)).toEqual([2, 3]);
    const failed = log.events.filter((e) => e.type === "stage_failed");
    expect(failed.map((e) => e.type === "stage_failed" && [e.attempt, e.willRetry, e.error])).toEqual([
      [1, true, "flaky"],
      [2, true, "flaky"],
    ]);
  });

  it("§11.5 retries RETRY outcomes and fails with 'max retries exceeded' when they run out", async () => {
    const h = scriptedHandler(R);
    const r = await run(pipeline("max_retries=1"), tmp(), { handlers: { x: h } });
    expect(h.calls).toHaveLength(2);
    expect(r.status).toBe("fail");
    expect(r.nodeOutcomes.n).toMatchObject({ status: "fail", failureReason: "max retries exceeded: again" });
  });

  it("accepts PARTIAL_SUCCESS on retry exhaustion with allow_partial=true", async () => {
    const r = await run(
      pipeline("max_retries=1, allow_partial=true", `n -> exit [condition="outcome=partial_success"]`),
      tmp(),
      {
        handlers: { x: scriptedHandler(R) },
      },
    );
    expect(r.status).toBe("success");
    expect(r.nodeOutcomes.n).toMatchObject({ status: "partial_success", notes: "retries exhausted, partial accepted" });
  });

  it("§11.5 tracks the retry count per node and respects the limit", async () => {
    const h = scriptedHandler(F);
    const dir = tmp();
    const r = await run(pipeline("max_retries=3"), dir, { handlers: { x: h } });
    expect(h.calls).toHaveLength(4);
    expect(r.context["internal.retry_count.n"]).toBe(3);
    expect(readJson(join(dir, "checkpoint.json")).node_retries).toEqual({ n: 3 });
  });

  it("§11.5 after retry exhaustion the final outcome is used for edge selection", async () => {
    const h = scriptedHandler(F);
    const fixer = scriptedHandler(S);
    const body = `n [type="x", max_retries=1]; fixer [type="fixer"]
      start -> n; n -> exit [condition="outcome=success"]; n -> fixer [condition="outcome=fail"]; fixer -> exit`;
    const r = await run(dot(body), tmp(), { handlers: { x: h, fixer } });
    expect(h.calls).toHaveLength(2);
    expect(r.completedNodes).toEqual(["start", "n", "fixer", "exit"]);
  });

  it("§11.5 waits the backoff delay between attempts (injected sleep and random)", async () => {
    const slept: number[] = [];
    await run(pipeline('max_retries=3, retry_delay="100ms", retry_backoff_factor=3'), tmp(), {
      handlers: { x: scriptedHandler(F) },
      sleep: async (ms) => void slept.push(ms),
      random: () => 0,
    });
    expect(slept).toEqual([50, 150, 450]); // 100 × 3^(n-1) × 0.5 (jitter with random 0)
  });

  it("resets the retry counter once the node succeeds", async () => {
    const dir = tmp();
    await run(pipeline("max_retries=2"), dir, { handlers: { x: scriptedHandler(F, S) } });
    expect(readJson(join(dir, "checkpoint.json")).node_retries).toEqual({});
  });
});

describe("handler exceptions (§4.12)", () => {
  it("a thrown error becomes a FAIL outcome with its message, not a crash", async () => {
    const r = await run(pipeline(""), tmp(), { handlers: { x: scriptedHandler(new Error("kaboom")) } });
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toBe("kaboom");
    expect(r.nodeOutcomes.n).toMatchObject({ status: "fail", failureReason: "kaboom" });
  });

  it("an error should_retry rejects (HTTP 400) fails at once, without the remaining attempts (Appendix D)", async () => {
    const terminal = Object.assign(new Error("bad request"), { status: 400 });
    const h = scriptedHandler(terminal, S);
    const r = await run(pipeline("max_retries=3"), tmp(), { handlers: { x: h } });
    expect(h.calls).toHaveLength(1);
    expect(r.status).toBe("fail");
    expect(r.nodeOutcomes.n.failureReason).toBe("bad request");
  });

  it("an unclassified thrown error is retried when the node asked for retries", async () => {
    const h = scriptedHandler(new Error("flaky"), S);
    const r = await run(pipeline("max_retries=3"), tmp(), { handlers: { x: h } });
    expect(h.calls).toHaveLength(2);
    expect(r.status).toBe("success");
  });

  it("a retryable error (status 503) is retried", async () => {
    const transient = Object.assign(new Error("unavailable"), { status: 503 });
    const h = scriptedHandler(transient, S);
    const r = await run(pipeline("max_retries=1"), tmp(), { handlers: { x: h } });
    expect(h.calls).toHaveLength(2);
    expect(r.status).toBe("success");
  });
});

describe("timeouts", () => {
  const hang: Handler = {
    execute: (_n, _c, _g, _l, runtime) =>
      new Promise((_, reject) => runtime.signal.addEventListener("abort", () => reject(runtime.signal.reason))),
  };

  it("a node exceeding its timeout fails with a timeout reason", async () => {
    const started = Date.now();
    const r = await run(pipeline('timeout="50ms"'), tmp(), { handlers: { x: hang } });
    expect(r.status).toBe("fail");
    expect(r.nodeOutcomes.n.failureReason).toBe("timed out after 50ms");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a timeout counts as retryable", async () => {
    let calls = 0;
    const slowThenFast: Handler = {
      execute: async (n, c, g, l, runtime) => (++calls === 1 ? hang.execute(n, c, g, l, runtime) : S),
    };
    const r = await run(pipeline('timeout="30ms", max_retries=1'), tmp(), { handlers: { x: slowThenFast } });
    expect(calls).toBe(2);
    expect(r.status).toBe("success");
  });

  it("a handler that ignores the signal still times out when it resolves late", async () => {
    const sluggish: Handler = { execute: () => new Promise((resolve) => setTimeout(() => resolve(S), 120)) };
    const r = await run(pipeline('timeout="20ms"'), tmp(), { handlers: { x: sluggish } });
    expect(r.nodeOutcomes.n).toMatchObject({ status: "fail", failureReason: "timed out after 20ms" });
  });
});

describe("status-file contract (Appendix C)", () => {
  const writing = (status: unknown, returned: Outcome | undefined = S): Handler => ({
    async execute(_n, _c, _g, _l, runtime) {
      writeFileSync(
        join(runtime.stageDir, "status.json"),
        typeof status === "string" ? status : JSON.stringify(status),
      );
      return returned;
    },
  });

  it("§11.3 writes the outcome to {logs_root}/{node_id}/status.json", async () => {
    const dir = tmp();
    await run(pipeline(""), dir, {
      handlers: {
        x: scriptedHandler({ status: "success", notes: "did it", preferredLabel: "Go", contextUpdates: { k: 1 } }),
      },
    });
    expect(readJson(join(dir, "n", "status.json"))).toEqual({
      outcome: "success",
      preferred_label: "Go",
      context_updates: { k: 1 },
      notes: "did it",
    });
  });

  it("a status.json written during execution decides the outcome over the returned one", async () => {
    const r = await run(pipeline("", `n -> exit [condition="outcome=fail"]`), tmp(), {
      handlers: { x: writing({ outcome: "fail", failure_reason: "written by the agent" }) },
    });
    expect(r.nodeOutcomes.n).toMatchObject({ status: "fail", failureReason: "written by the agent" });
  });

  it("a custom outcome word becomes customOutcome and routes through conditions on `outcome`", async () => {
    const body = `n [type="x"]; dod [type="y"]
      start -> n; n -> dod [condition="outcome=needs_dod"]; n -> exit [condition="outcome=success"]; dod -> exit`;
    const dir = tmp();
    const r = await run(dot(body), dir, { handlers: { x: writing({ outcome: "needs_dod" }), y: scriptedHandler(S) } });
    expect(r.completedNodes).toEqual(["start", "n", "dod", "exit"]);
    expect(r.nodeOutcomes.n).toMatchObject({ status: "success", customOutcome: "needs_dod" });
    expect(r.context.outcome).toBe("success"); // the last node (exit) overwrote it
    expect(readJson(join(dir, "n", "status.json"))).toMatchObject({ outcome: "needs_dod", status: "success" });
  });

  it("merges the handler's context updates under the file's (the file wins)", async () => {
    const r = await run(pipeline(""), tmp(), {
      handlers: {
        x: writing(
          { outcome: "success", context_updates: { shared: "file", fileOnly: 1 } },
          {
            status: "success",
            contextUpdates: { shared: "handler", handlerOnly: 2 },
          },
        ),
      },
    });
    expect(r.context).toMatchObject({ shared: "file", fileOnly: 1, handlerOnly: 2 });
  });

  it("an unreadable status.json fails the stage with the problem", async () => {
    const r = await run(pipeline(""), tmp(), { handlers: { x: writing("{ not json") } });
    expect(r.nodeOutcomes.n.failureReason).toMatch(/^n: status\.json is not valid JSON/);
  });

  it("no outcome and no status.json fails the stage and explains auto_status", async () => {
    const r = await run(pipeline(""), tmp(), { handlers: { x: scriptedHandler(undefined as unknown as Outcome) } });
    expect(r.nodeOutcomes.n.failureReason).toMatch(/returned no outcome and wrote no status\.json.*auto_status=true/);
  });

  it("auto_status=true synthesizes success when nothing was reported", async () => {
    const r = await run(pipeline("auto_status=true"), tmp(), {
      handlers: { x: scriptedHandler(undefined as unknown as Outcome) },
    });
    expect(r.status).toBe("success");
    expect(r.nodeOutcomes.n).toEqual({
      status: "success",
      notes: "auto-status: handler completed without writing status",
    });
  });

  it("a status.json left by an earlier attempt does not decide a later one", async () => {
    let attempt = 0;
    const h: Handler = {
      async execute(_n, _c, _g, _l, runtime) {
        if (++attempt === 1) writeFileSync(join(runtime.stageDir, "status.json"), JSON.stringify({ outcome: "fail" }));
        return S;
      },
    };
    const r = await run(pipeline("max_retries=1"), tmp(), { handlers: { x: h } });
    expect(attempt).toBe(2);
    expect(r.status).toBe("success");
  });
});

describe("handler resolution warnings", () => {
  it("warns when an explicit type is unknown and says what runs instead", async () => {
    const log = eventLog();
    const r = await run(dot(`n [type="mystery", shape=box, prompt="p"]; start -> n -> exit`), tmp(), {
      onEvent: log.onEvent,
      skipValidation: true,
    });
    expect(r.status).toBe("success");
    expect(log.events).toContainEqual(
      expect.objectContaining({
        type: "stage_log",
        nodeId: "n",
        level: "warning",
        message: "unknown handler type 'mystery': running it as 'codergen'",
      }),
    );
  });
});
