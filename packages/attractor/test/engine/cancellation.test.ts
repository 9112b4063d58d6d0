import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Handler, PipelineEvent } from "../../src/index.js";
import { loadCheckpoint, RunCancelledError, startPipeline } from "../../src/index.js";
import { dot, eventLog, graphOf, noSleep, run, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

const body = `a [type="x"]; b [type="x"]; c [type="x"]; start -> a -> b -> c -> exit`;

/** Appends the node id to the `trail` context key; optionally blocks at `blockAt` until cancelled. */
function trail(blockAt?: string): Handler & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    execute: async (node, ctx, _g, _l, runtime) => {
      calls.push(node.id);
      if (node.id === blockAt) {
        await new Promise((resolve) => runtime.signal.addEventListener("abort", resolve, { once: true }));
      }
      return { status: "success", contextUpdates: { trail: `${ctx.getString("trail")}${node.id}` } };
    },
  };
}

describe("cancellation", () => {
  it("aborting mid-run ends the run as cancelled with a valid checkpoint; resume completes it", async () => {
    const dir = tmp();
    const controller = new AbortController();
    const log = eventLog();
    const first = trail("b");
    const onEvent = (e: PipelineEvent) => {
      log.onEvent(e);
      if (e.type === "stage_started" && e.nodeId === "b") setTimeout(() => controller.abort("user pressed Ctrl-C"), 5);
    };
    const cancelled = await run(dot(body), dir, {
      handlers: { x: first },
      signal: controller.signal,
      onEvent,
      runId: "r1",
    });

    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.completedNodes).toEqual(["start", "a"]);
    expect(log.events.at(-1)).toMatchObject({
      type: "pipeline_cancelled",
      reason: "user pressed Ctrl-C",
      currentNode: "a",
    });
    expect(log.types()).not.toContain("pipeline_completed");
    const cp = loadCheckpoint(join(dir, "checkpoint.json"));
    expect(cp).toMatchObject({ status: "cancelled", currentNode: "a", completedNodes: ["start", "a"], runId: "r1" });
    expect(cp.context.trail).toBe("a");

    const second = trail();
    const resumed = await run(dot(body), dir, { handlers: { x: second }, resume: true });
    expect(resumed.status).toBe("success");
    expect(second.calls).toEqual(["b", "c"]);
    expect(resumed.runId).toBe("r1");

    const straight = await run(dot(body), tmp(), { handlers: { x: trail() }, runId: "r1" });
    expect(resumed.context).toEqual(straight.context);
    expect(resumed.context.trail).toBe("abc");
  });

  it("cancel() on the handle cancels the run with its reason", async () => {
    const handle = startPipeline(graphOf(dot(body)), { logsRoot: tmp(), handlers: { x: trail("a") }, sleep: noSleep });
    for await (const e of handle) {
      if (e.type === "stage_started" && e.nodeId === "a") handle.cancel("stop now");
    }
    const r = await handle.result();
    expect(r.status).toBe("cancelled");
    expect(r.outcome.failureReason).toBe("stop now");
    expect(r.completedNodes).toEqual(["start"]);
  });

  it("an already aborted signal cancels before the first stage", async () => {
    const dir = tmp();
    const handler = trail();
    const r = await run(dot(body), dir, { handlers: { x: handler }, signal: AbortSignal.abort("too late") });
    expect(r.status).toBe("cancelled");
    expect(r.completedNodes).toEqual([]);
    expect(handler.calls).toEqual([]);
    expect(loadCheckpoint(join(dir, "checkpoint.json"))).toMatchObject({ status: "cancelled", currentNode: "" });
  });

  it("cancelling during a retry backoff ends the run promptly", async () => {
    const controller = new AbortController();
    const failing: Handler = { execute: async () => ({ status: "fail", failureReason: "flaky" }) };
    const started = Date.now();
    const r = await run(
      dot(`a [type="x", max_retries=5, retry_delay="30s", retry_jitter=false]; start -> a -> exit`),
      tmp(),
      {
        handlers: { x: failing },
        signal: controller.signal,
        sleep: undefined as never, // the real, abortable sleep
        onEvent: (e) => e.type === "stage_retrying" && controller.abort("cancel during backoff"),
      },
    );
    expect(r.status).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("RunCancelledError is an AttractorError with the reason as message", () => {
    const e = new RunCancelledError("why");
    expect(e.name).toBe("RunCancelledError");
    expect(e.message).toBe("why");
  });
});
