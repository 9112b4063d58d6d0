/** attractor-spec §11.3-§11.7 checklist items that no module test covers on its own. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Handler, Outcome } from "../../src/index.js";
import { createDefaultRegistry, loadCheckpoint, parseDot, QueueInterviewer } from "../../src/index.js";
import { dot, eventLog, fakeBackend, run, scriptedHandler, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();
const S: Outcome = { status: "success" };

describe("§11.3-§11.7 checklist items", () => {
  it("§11.3 Each node's handler is resolved via shape-to-handler-type mapping", async () => {
    const registry = createDefaultRegistry({ startChild: () => undefined as never });
    const g =
      parseDot(`digraph G { a [shape=Mdiamond]; b [shape=Msquare]; c [shape=box]; d [shape=hexagon]; e [shape=diamond]
      f [shape=component]; g [shape=tripleoctagon]; h [shape=parallelogram]; i [shape=house]; j }`);
    expect([...g.nodes.values()].map((n) => registry.resolve(n).type)).toEqual([
      "start",
      "exit",
      "codergen",
      "wait.human",
      "conditional",
      "parallel",
      "parallel.fan_in",
      "tool",
      "stack.manager_loop",
      "codergen",
    ]);
    const log = eventLog();
    const body = dot(`c [prompt="C"]; e [shape=diamond]; d [shape=hexagon]; f [shape=component]; g [shape=tripleoctagon]
      h [shape=parallelogram, tool_command="true"]; k [prompt="K"]
      start -> c -> e -> d -> f; f -> k -> g; g -> h -> exit`);
    await run(body, tmp(), {
      onEvent: log.onEvent,
      interviewer: new QueueInterviewer([{ value: "F" }]),
      backend: fakeBackend(),
    });
    const types = log.events.flatMap((e) => (e.type === "stage_started" ? [`${e.nodeId}:${e.handlerType}`] : []));
    expect(types).toEqual([
      "start:start",
      "c:codergen",
      "e:conditional",
      "d:wait.human",
      "f:parallel",
      "k:codergen",
      "g:parallel.fan_in",
      "h:tool",
      "exit:exit",
    ]);
  });

  it("§11.3 Handler is called with (node, context, graph, logs_root) and returns an Outcome", async () => {
    const dir = tmp();
    const calls: unknown[][] = [];
    const spy: Handler = {
      execute: async (node, ctx, graph, logsRoot) => {
        calls.push([node.id, ctx.get("graph.goal"), graph.nodes.has("x"), logsRoot]);
        return S;
      },
    };
    const r = await run(dot(`x [type="spy"]; start -> x -> exit`), dir, { handlers: { spy } });
    expect(calls).toEqual([["x", "Ship it", true, dir]]);
    expect(r.nodeOutcomes.x).toEqual(S);
  });

  it("§11.3 Edge selection follows the 5-step priority: condition -> preferred label -> suggested IDs -> weight -> lexical", async () => {
    const outcomes: Record<string, Outcome> = {
      d1: S,
      d2: { status: "success", preferredLabel: "[N] Next" },
      d3: { status: "success", suggestedNextIds: ["d4"] },
      d4: S,
      d5: S,
    };
    const body = dot(`d1 [type="x"]; d2 [type="x"]; d3 [type="x"]; d4 [type="x"]; d5 [type="x"]; z [type="x"]
      start -> d1
      d1 -> d2 [condition="outcome=success"]; d1 -> z [weight=9]
      d2 -> d3 [label="next"]; d2 -> z [weight=9]
      d3 -> d4; d3 -> z [weight=9]
      d4 -> d5 [weight=2]; d4 -> z [weight=1]
      d5 -> exit; d5 -> z
      z -> exit`);
    const log = eventLog();
    const x: Handler = { execute: async (node) => outcomes[node.id] ?? S };
    const r = await run(body, tmp(), { handlers: { x }, onEvent: log.onEvent });
    expect(r.completedNodes).toEqual(["start", "d1", "d2", "d3", "d4", "d5", "exit"]);
    const reasons = log.events.flatMap((e) => (e.type === "edge_selected" && e.from.startsWith("d") ? [e.reason] : []));
    expect(reasons).toEqual(["condition", "preferred_label", "suggested_next_id", "weight", "lexical"]);
  });

  it("§11.3 Engine loops: execute node -> select edge -> advance to next node -> repeat", async () => {
    const log = eventLog();
    await run(dot(`a [prompt="A"]; b [prompt="B"]; start -> a -> b -> exit`), tmp(), { onEvent: log.onEvent });
    const steps = log.events.flatMap((e) =>
      e.type === "stage_completed"
        ? [`done ${e.nodeId}`]
        : e.type === "edge_selected"
          ? [`go ${e.to}`]
          : e.type === "stage_started"
            ? [`run ${e.nodeId}`]
            : [],
    );
    expect(steps).toEqual([
      "run start",
      "done start",
      "go a",
      "run a",
      "done a",
      "go b",
      "run b",
      "done b",
      "go exit",
      "run exit",
      "done exit",
    ]);
  });

  it('§11.3 Pipeline outcome is "success" if all goal_gate nodes reached SUCCESS or PARTIAL_SUCCESS, "fail" otherwise', async () => {
    const body = dot(`g1 [type="a", goal_gate=true]; g2 [type="b", goal_gate=true]
      start -> g1 -> g2
      g2 -> exit [condition="outcome=success"]; g2 -> exit [condition="outcome=partial_success"]; g2 -> exit [condition="outcome=fail"]`);
    const partial = await run(body, tmp(), {
      handlers: { a: scriptedHandler(S), b: scriptedHandler({ status: "partial_success" }) },
    });
    expect(partial.status).toBe("success");
    const failed = await run(body, tmp(), {
      handlers: { a: scriptedHandler(S), b: scriptedHandler({ status: "fail" }) },
    });
    expect(failed.status).toBe("fail");
  });

  it("§11.4 Nodes with goal_gate=true are tracked throughout execution (also inside parallel branches)", async () => {
    const late = dot(`gate [type="f", goal_gate=true]; a [prompt="A"]; b [prompt="B"]
      start -> gate; gate -> a [condition="outcome=fail"]; a -> b -> exit`);
    const r1 = await run(late, tmp(), { handlers: { f: scriptedHandler({ status: "fail" }) }, backend: fakeBackend() });
    expect(r1.completedNodes).toEqual(["start", "gate", "a", "b"]);
    expect(r1.outcome.failureReason).toMatch(/'gate' ended fail/);

    const inBranch =
      dot(`fan [shape=component]; join [shape=tripleoctagon]; gate [type="f", goal_gate=true]; ok [prompt="OK"]
      start -> fan; fan -> gate -> join; fan -> ok -> join; join -> exit`);
    const r2 = await run(inBranch, tmp(), {
      handlers: { f: scriptedHandler({ status: "fail" }) },
      backend: fakeBackend(),
    });
    expect(r2.status).toBe("fail");
    expect(r2.outcome.failureReason).toMatch(/Goal gate unsatisfied and no retry target: 'gate'/);
  });

  it("§11.7 Context is a key-value store accessible to all handlers, which read it and return context_updates", async () => {
    const seen: unknown[] = [];
    const counter: Handler = {
      execute: async (_n, ctx) => {
        seen.push(ctx.get("count"));
        return { status: "success", contextUpdates: { count: Number(ctx.get("count") ?? 0) + 1 } };
      },
    };
    const r = await run(dot(`a [type="c"]; b [type="c"]; c [type="c"]; start -> a -> b -> c -> exit`), tmp(), {
      handlers: { c: counter },
      initialContext: { count: 10 },
    });
    expect(seen).toEqual([10, 11, 12]);
    expect(r.context.count).toBe(13);
  });

  it("§11.7 Checkpoint is saved after each node completion (current_node, completed_nodes, context, retry counts)", async () => {
    const dir = tmp();
    const snapshots: Array<[string, string[], unknown, Record<string, number>]> = [];
    const flaky = scriptedHandler({ status: "fail", contextUpdates: { built: false } });
    await run(dot(`build [type="x", max_retries=1]; start -> build; build -> exit [condition="outcome=fail"]`), dir, {
      handlers: { x: flaky },
      onEvent: (e) => {
        if (e.type !== "checkpoint_saved") return;
        const cp = loadCheckpoint(join(dir, "checkpoint.json"));
        snapshots.push([cp.currentNode, cp.completedNodes, cp.context.built, cp.nodeRetries]);
      },
    });
    expect(snapshots.slice(0, 3)).toEqual([
      ["start", ["start"], undefined, {}],
      ["build", ["start", "build"], false, { build: 1 }],
      ["exit", ["start", "build", "exit"], false, { build: 1 }],
    ]);
  });
});
