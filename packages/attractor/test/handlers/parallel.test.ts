import { describe, expect, it } from "vitest";
import type { Handler, ParallelResultEntry } from "../../src/index.js";
import { dot, eventLog, fakeBackend, run, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

/**
 * A branch worker: waits `delay` ms (abortable), then ends with the node's `result` attribute
 * (default success), setting `mine_<id>` and `score` from the node. Tracks concurrency.
 */
function worker() {
  const stats = { active: 0, max: 0, started: [] as string[], cancelled: [] as string[], sawOthers: [] as string[] };
  const handler: Handler = {
    async execute(node, ctx, _g, _l, runtime) {
      stats.started.push(node.id);
      for (const k of ctx.keys()) if (k.startsWith("mine_")) stats.sawOthers.push(`${node.id} saw ${k}`);
      stats.active++;
      stats.max = Math.max(stats.max, stats.active);
      try {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Number(node.attrs.get("delay") ?? 10));
          runtime.signal.addEventListener("abort", () => {
            clearTimeout(timer);
            stats.cancelled.push(node.id);
            resolve();
          });
        });
      } finally {
        stats.active--;
      }
      const status = (node.attrs.get("result") ?? "success") as "success" | "fail";
      return {
        status,
        ...(status === "fail" ? { failureReason: `${node.id} broke` } : {}),
        contextUpdates: {
          [`mine_${node.id}`]: true,
          ...(node.attrs.has("score") ? { score: Number(node.attrs.get("score")) } : {}),
        },
      };
    },
  };
  return { stats, handler };
}

function fanOut(fanAttrs: string, branches: Record<string, string>) {
  const ids = Object.keys(branches);
  return dot(`fan [shape=component${fanAttrs ? `, ${fanAttrs}` : ""}]
    join [shape=tripleoctagon]
    start -> fan
    ${ids.map((id) => `${id} [type="w", ${branches[id] || 'delay="10"'}]; fan -> ${id}; ${id} -> join`).join("\n    ")}
    join -> exit`);
}

const results = (ctx: Record<string, unknown>) => ctx["parallel.results"] as ParallelResultEntry[];

describe("ParallelHandler (§4.8)", () => {
  it("§11.6 wait_all: runs every branch, joins at the fan-in node, and leaves results for it", async () => {
    const { stats, handler } = worker();
    const log = eventLog();
    const r = await run(fanOut("", { a: "score=1", b: "score=5", c: "" }), tmp(), {
      handlers: { w: handler },
      onEvent: log.onEvent,
    });
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["start", "fan", "join", "exit"]);
    expect(stats.started.sort()).toEqual(["a", "b", "c"]);
    expect(r.nodeOutcomes.fan).toMatchObject({ status: "success", notes: "3/3 branches succeeded" });
    expect(r.nodeOutcomes.a).toMatchObject({ status: "success" });
    expect(results(r.context).map((e) => [e.id, e.status, e.join_node, e.completed_nodes])).toEqual([
      ["a", "success", "join", ["a"]],
      ["b", "success", "join", ["b"]],
      ["c", "success", "join", ["c"]],
    ]);
    expect(results(r.context)[1]).toMatchObject({ score: 5, context_updates: { mine_b: true, score: 5 } });
    expect(r.context).toMatchObject({
      "parallel.branch_count": 3,
      "parallel.success_count": 3,
      "parallel.failure_count": 0,
    });
    expect(r.context["parallel.fan_in.best_id"]).toBe("b"); // highest score wins the heuristic
    expect(log.events.find((e) => e.type === "edge_selected" && e.from === "fan")).toMatchObject({
      to: "join",
      reason: "join",
    });
  });

  it("§3.8 gives each branch an isolated context; only the handler's updates reach the parent", async () => {
    const { stats, handler } = worker();
    const r = await run(fanOut("max_parallel=1", { a: "", b: "" }), tmp(), { handlers: { w: handler } });
    expect(stats.sawOthers).toEqual([]); // b ran after a but did not see a's key
    expect(r.context).not.toHaveProperty("mine_a");
    expect(r.context).toMatchObject({ "parallel.fan.a.mine_a": true, "parallel.fan.b.mine_b": true });
  });

  it("wait_all with a failed branch is PARTIAL_SUCCESS, with every branch failed it is FAIL", async () => {
    const partial = await run(fanOut("", { a: "", b: "result=fail" }), tmp(), { handlers: { w: worker().handler } });
    expect(partial.nodeOutcomes.fan).toMatchObject({
      status: "partial_success",
      notes: "1/2 branches succeeded; failed: b (b broke)",
    });
    expect(partial.status).toBe("success");

    // Every outgoing edge of a parallel node is a branch, so a failed fan-out has no fail edge: the run fails.
    const failed = await run(fanOut("", { a: "result=fail", b: "result=fail" }), tmp(), {
      handlers: { w: worker().handler },
    });
    expect(failed.nodeOutcomes.fan).toMatchObject({
      status: "fail",
      failureReason: "every branch failed: a (a broke), b (b broke)",
    });
    expect(failed.status).toBe("fail");
    expect(failed.completedNodes).toEqual(["start", "fan"]);
  });

  it("first_success: the join is satisfied by the first success and the rest are cancelled", async () => {
    const { stats, handler } = worker();
    const log = eventLog();
    const r = await run(
      fanOut("join_policy=first_success", { a: 'delay="5"', b: 'delay="5000"', c: 'delay="5000"' }),
      tmp(),
      {
        handlers: { w: handler },
        onEvent: log.onEvent,
      },
    );
    expect(r.nodeOutcomes.fan).toMatchObject({ status: "success" });
    expect(stats.cancelled.sort()).toEqual(["b", "c"]);
    expect(results(r.context).map((e) => e.id)).toEqual(["a"]);
    expect(log.events.filter((e) => e.type === "parallel_branch_completed").length).toBe(1);
    expect(r.completedNodes).toEqual(["start", "fan", "join", "exit"]);
  });

  it("first_success with no successful branch fails", async () => {
    const body = fanOut("join_policy=first_success", { a: "result=fail", b: "result=fail" });
    const r = await run(body, tmp(), { handlers: { w: worker().handler } });
    expect(r.nodeOutcomes.fan).toMatchObject({
      status: "fail",
      failureReason: "no branch succeeded (0/2 branches succeeded)",
    });
  });

  it("error_policy=fail_fast cancels the remaining branches after the first failure", async () => {
    const { stats, handler } = worker();
    const body = fanOut("error_policy=fail_fast", {
      a: 'result=fail, delay="5"',
      b: 'delay="5000"',
      c: 'delay="5000"',
    });
    const started = Date.now();
    const r = await run(body, tmp(), { handlers: { w: handler } });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(stats.cancelled.sort()).toEqual(["b", "c"]);
    expect(r.nodeOutcomes.fan.status).toBe("fail");
    expect(results(r.context).map((e) => e.id)).toEqual(["a"]);
  });

  // DEBATABLE (reported): fail_fast only stops the remaining branches; a success that finished
  // before the failure still makes the fan-out PARTIAL_SUCCESS rather than FAIL.
  it("error_policy=fail_fast after an earlier success yields PARTIAL_SUCCESS (current behaviour)", async () => {
    const body = fanOut("error_policy=fail_fast", { a: 'delay="1"', b: 'result=fail, delay="40"', c: 'delay="5000"' });
    const r = await run(body, tmp(), { handlers: { w: worker().handler } });
    expect(r.nodeOutcomes.fan.status).toBe("partial_success");
    expect(results(r.context).map((e) => e.id)).toEqual(["a", "b"]);
  });

  it("max_parallel bounds how many branches run at once", async () => {
    const { stats, handler } = worker();
    const branches = Object.fromEntries(["a", "b", "c", "d", "e"].map((id) => [id, 'delay="30"']));
    const log = eventLog();
    await run(fanOut("max_parallel=2", branches), tmp(), { handlers: { w: handler }, onEvent: log.onEvent });
    expect(stats.started).toHaveLength(5);
    expect(stats.max).toBe(2);
    expect(log.events.find((e) => e.type === "parallel_started")).toMatchObject({
      nodeId: "fan",
      branchCount: 5,
      maxParallel: 2,
    });
  });

  it("runs up to 4 branches at once by default", async () => {
    const { stats, handler } = worker();
    const branches = Object.fromEntries(["a", "b", "c", "d", "e", "f"].map((id) => [id, 'delay="30"']));
    await run(fanOut("", branches), tmp(), { handlers: { w: handler } });
    expect(stats.max).toBe(4);
  });

  it("runs multi-node branches to the join and tags their stage events with the branch path", async () => {
    const body = dot(`fan [shape=component]; join [shape=tripleoctagon]
      a1 [prompt="A1"]; a2 [prompt="A2"]; b1 [prompt="B1"]
      start -> fan; fan -> a1 -> a2 -> join; fan -> b1 -> join; join -> exit`);
    const log = eventLog();
    const r = await run(body, tmp(), { backend: fakeBackend(), onEvent: log.onEvent });
    expect(results(r.context).map((e) => [e.id, e.completed_nodes])).toEqual([
      ["a1", ["a1", "a2"]],
      ["b1", ["b1"]],
    ]);
    const a2 = log.events.find((e) => e.type === "stage_started" && e.nodeId === "a2");
    expect(a2).toMatchObject({ branch: "fan/a1" });
    expect(log.types().filter((t) => t.startsWith("parallel_"))).toEqual([
      "parallel_started",
      "parallel_branch_started",
      "parallel_branch_started",
      "parallel_branch_completed",
      "parallel_branch_completed",
      "parallel_completed",
    ]);
    expect(log.events.find((e) => e.type === "parallel_completed")).toMatchObject({ successCount: 2, failureCount: 0 });
  });

  it("fails when branches converge on different join nodes", async () => {
    const body = dot(`fan [shape=component]; j1 [shape=tripleoctagon]; j2 [shape=tripleoctagon]
      a [prompt="A"]; b [prompt="B"]
      start -> fan; fan -> a -> j1; fan -> b -> j2; j1 -> exit; j2 -> exit`);
    const r = await run(body, tmp());
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toBe("branches of 'fan' converge on different nodes: j1, j2");
  });
});
