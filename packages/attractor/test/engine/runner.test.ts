import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Handler, Outcome } from "../../src/index.js";
import {
  createDefaultRegistry,
  DEFAULT_MAX_NODE_VISITS,
  loadCheckpoint,
  runPipeline,
  startPipeline,
} from "../../src/index.js";
import { ValidationError } from "../../src/validation/diagnostic.js";
import { dot, eventLog, fakeBackend, graphOf, readJson, run, scriptedHandler, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();
const S: Outcome = { status: "success" };

/** Returns the custom outcome words in order (the last repeats). */
const words = (...list: string[]) =>
  scriptedHandler(...list.map((w) => ({ status: "success" as const, customOutcome: w })));

describe("runPipeline: a linear run", () => {
  const linear = dot(
    `a [prompt="A"]; b [prompt="B"]; start -> a -> b -> exit`,
    'goal="Ship it", label="Demo", owner="ops"',
  );

  it("executes start to exit and reports the run", async () => {
    const dir = tmp();
    const r = await run(linear, dir, { runId: "run-fixed" });
    expect(r).toMatchObject({
      status: "success",
      outcome: { status: "success", notes: "Pipeline completed" },
      runId: "run-fixed",
      logsRoot: dir,
      currentNode: "exit",
      completedNodes: ["start", "a", "b", "exit"],
    });
    expect(Object.keys(r.nodeOutcomes)).toEqual(["start", "a", "b", "exit"]);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("§3.1 mirrors graph attributes into the context and applies initialContext", async () => {
    const r = await run(linear, tmp(), { initialContext: { ticket: "T-1", "graph.goal": "overridden" } });
    expect(r.context).toMatchObject({
      "graph.goal": "overridden",
      "graph.label": "Demo",
      "graph.owner": "ops",
      ticket: "T-1",
    });
    expect(r.context["internal.run_id"]).toBe(r.runId);
  });

  it("writes manifest.json with name, goal, label and start time (§5.6)", async () => {
    const dir = tmp();
    const r = await run(linear, dir);
    const manifest = readJson(join(dir, "manifest.json"));
    expect(manifest).toMatchObject({ name: "T", goal: "Ship it", label: "Demo", run_id: r.runId, simulated: true });
    expect(Number.isNaN(Date.parse(String(manifest.started_at)))).toBe(false);
  });

  it("leaves a final checkpoint with status success at the exit node", async () => {
    const dir = tmp();
    await run(linear, dir);
    expect(loadCheckpoint(join(dir, "checkpoint.json"))).toMatchObject({
      status: "success",
      currentNode: "exit",
      completedNodes: ["start", "a", "b", "exit"],
    });
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("runs codergen in simulation without a backend and with the backend when given", async () => {
    const backend = fakeBackend();
    const r = await run(linear, tmp(), { backend });
    expect(backend.calls.map((c) => c.nodeId)).toEqual(["a", "b"]);
    expect(r.context.last_response).toBe("response of b");
  });
});

describe("runPipeline: input errors", () => {
  it("rejects a graph with error diagnostics with ValidationError", async () => {
    const bad = graphOf(dot(`a; start -> a -> exit`));
    bad.addEdge({ ...bad.edges[0], from: "exit", to: "a" }); // exit with an outgoing edge
    await expect(runPipeline(bad, { logsRoot: tmp() })).rejects.toBeInstanceOf(ValidationError);
  });

  it("the handle's result() rejects too, and its event stream ends", async () => {
    const bad = graphOf(dot(`a; start -> a -> exit`));
    bad.addEdge({ ...bad.edges[0], from: "exit", to: "a" });
    const handle = startPipeline(bad, { logsRoot: tmp() });
    const seen: string[] = [];
    for await (const e of handle) seen.push(e.type);
    expect(seen).toEqual([]);
    await expect(handle.result()).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("runPipeline: routing decisions", () => {
  it("after FAIL an unconditional edge is not followed: the run fails with the stage's reason", async () => {
    const r = await run(dot(`a [type="x"]; b [type="x"]; start -> a -> b -> exit`), tmp(), {
      handlers: { x: scriptedHandler({ status: "fail", failureReason: "compile error" }) },
    });
    expect(r.status).toBe("fail");
    expect(r.completedNodes).toEqual(["start", "a"]);
    expect(r.outcome.failureReason).toBe("compile error");
  });

  it("a FAIL jumps to the node's retry_target", async () => {
    const h = scriptedHandler({ status: "fail" }, S);
    const r = await run(dot(`a [type="x", retry_target=a]; start -> a -> exit`), tmp(), { handlers: { x: h } });
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["start", "a", "a", "exit"]);
  });

  it("a node whose outgoing edges are all ineligible fails the run, listing the conditions", async () => {
    const body = `a [type="x"]; start -> a; a -> exit [condition="outcome=approved"]; a -> b [condition="context.x=1"]; b -> exit`;
    const r = await run(dot(body), tmp(), { handlers: { x: scriptedHandler(S) }, simulated: false });
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toBe(
      "no outgoing edge of 'a' matches outcome 'success' (edges: exit: outcome=approved; b: context.x=1)",
    );
  });

  it("in simulation the same pipeline walks toward the exit", async () => {
    const body = `a [prompt="A"]; start -> a; a -> exit [condition="outcome=approved"]; a -> b [condition="context.x=1"]; b -> exit`;
    const r = await run(dot(body), tmp());
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["start", "a", "exit"]);
  });

  it("a node without outgoing edges ends the run successfully, with a warning", async () => {
    const log = eventLog();
    const g = graphOf(dot(`a [prompt="A"]; start -> a -> exit`));
    g.filterEdges((e) => e.to !== "exit");
    const r = await run(g, tmp(), { onEvent: log.onEvent, skipValidation: true });
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["start", "a"]);
    expect(log.events).toContainEqual(expect.objectContaining({ type: "stage_log", level: "warning", nodeId: "a" }));
  });

  it("max_node_visits stops an endless loop", async () => {
    const body = `a [type="x"]; start -> a; a -> a [condition="outcome=success"]; a -> exit [condition="outcome=fail"]`;
    const h = scriptedHandler(S);
    const r = await run(dot(body, "max_node_visits=3"), tmp(), { handlers: { x: h } });
    expect(h.calls).toHaveLength(3);
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toMatch(/node 'a' was reached 4 times \(max_node_visits=3\)/);
  });

  it("max_node_visits defaults to 100", async () => {
    expect(DEFAULT_MAX_NODE_VISITS).toBe(100);
    const body = `a [type="x"]; start -> a; a -> a [condition="outcome=success"]; a -> exit [condition="outcome=fail"]`;
    const h = scriptedHandler(S);
    await run(dot(body), tmp(), { handlers: { x: h } });
    expect(h.calls).toHaveLength(100);
  });
});

describe("goal gates at the exit (§3.4)", () => {
  const body = `plan [type="p"]; impl [type="x", goal_gate=true, retry_target=plan]
    start -> plan -> impl
    impl -> exit [condition="outcome=success"]
    impl -> exit [condition="outcome=fail", label="give up"]`;

  it("§11.4 routes an unsatisfied gate to its retry_target instead of exiting", async () => {
    const impl = scriptedHandler({ status: "fail" }, S);
    const log = eventLog();
    const r = await run(dot(body), tmp(), { handlers: { x: impl, p: scriptedHandler(S) }, onEvent: log.onEvent });
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["start", "plan", "impl", "plan", "impl", "exit"]);
    expect(log.events).toContainEqual(
      expect.objectContaining({ type: "goal_gate_unsatisfied", nodeId: "impl", retryTarget: "plan" }),
    );
  });

  it("§11.4 fails when a gate is unsatisfied and no retry target exists at any level", async () => {
    const r = await run(dot(body.replace(", retry_target=plan", "")), tmp(), {
      handlers: { x: scriptedHandler({ status: "fail" }), p: scriptedHandler(S) },
    });
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toBe("Goal gate unsatisfied and no retry target: 'impl' ended fail");
    expect(r.completedNodes).not.toContain("exit");
  });

  it("uses the graph-level retry_target when the gate has none", async () => {
    const impl = scriptedHandler({ status: "fail" }, S);
    const r = await run(dot(body.replace(", retry_target=plan", ""), "retry_target=plan"), tmp(), {
      handlers: { x: impl, p: scriptedHandler(S) },
    });
    expect(r.status).toBe("success");
    expect(impl.calls).toHaveLength(2);
  });
});

describe("loop_restart (§2.7)", () => {
  const body = `a [type="a"]; b [type="b"]
    start -> a -> b
    b -> a [condition="outcome=again", loop_restart=true]
    b -> exit [condition="outcome=done"]`;
  const firstPass: Handler = {
    execute: async (_n, ctx) => ({
      status: "success",
      contextUpdates: { keepme: "kept", [`seen_${ctx.get("internal.loop_restart_count")}`]: true },
    }),
  };

  it("restarts with a fresh context, stage logs in restart-{n}/ and the checkpoint at the root", async () => {
    const dir = tmp();
    const log = eventLog();
    const r = await run(dot(body, "loop_restart_persist_keys=keepme"), dir, {
      handlers: { a: firstPass, b: words("again", "done") },
      onEvent: log.onEvent,
    });
    expect(r.status).toBe("success");
    expect(r.completedNodes).toEqual(["a", "b", "exit"]);
    expect(existsSync(join(dir, "a", "status.json"))).toBe(true);
    expect(existsSync(join(dir, "restart-1", "a", "status.json"))).toBe(true);
    expect(existsSync(join(dir, "restart-1", "b", "status.json"))).toBe(true);
    expect(existsSync(join(dir, "restart-1", "checkpoint.json"))).toBe(false);
    expect(loadCheckpoint(join(dir, "checkpoint.json"))).toMatchObject({ status: "success", restartCount: 1 });
    expect(r.context).toMatchObject({ keepme: "kept", seen_1: true, "internal.loop_restart_count": 1 });
    expect(r.context).not.toHaveProperty("seen_0");
    expect(log.events).toContainEqual(
      expect.objectContaining({
        type: "loop_restart",
        from: "b",
        to: "a",
        restartCount: 1,
        logsRoot: join(dir, "restart-1"),
      }),
    );
  });

  it("fails after more than max_loop_restarts restarts", async () => {
    const r = await run(dot(body, "max_loop_restarts=2"), tmp(), {
      handlers: { a: scriptedHandler(S), b: words("again") },
    });
    expect(r.status).toBe("fail");
    expect(r.outcome.failureReason).toBe("loop_restart taken more than max_loop_restarts=2 times");
  });
});

describe("custom handlers (§4.12)", () => {
  it("a `registry` option replaces the built-ins, and `handlers` are added on top", async () => {
    const registry = createDefaultRegistry();
    const mine = scriptedHandler({ status: "success", contextUpdates: { by: "registry" } });
    registry.register("codergen", mine);
    const r = await run(dot(`a [prompt="A"]; start -> a -> exit`), tmp(), { registry });
    expect(mine.calls).toEqual(["a"]);
    expect(r.context.by).toBe("registry");
  });
});
