// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the prompt holds a ${...} context reference
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CodergenBackend, Outcome } from "../../src/index.js";
import { CodergenHandler, Context, parseDot } from "../../src/index.js";
import { dot, fakeBackend, readJson, readText, run, stubRuntime, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

/** Parsed without transforms, so `$goal` is still in the prompt and the handler must expand it. */
const graph = parseDot(`digraph G {
  goal="Ship the feature"; tool_hooks.pre="graph-pre"
  plan [prompt="Plan: $goal for ${"${ticket}"}", tool_hooks.pre="node-pre", tool_hooks.post="node-post"]
  labelled [label="Summarize the work"]
  plan -> labelled
}`);

async function exec(backend: CodergenBackend | undefined, nodeId = "plan", preamble = "") {
  const stageDir = tmp();
  const outcome = await new CodergenHandler(backend).execute(
    graph.nodes.get(nodeId)!,
    new Context({ ticket: "T-9" }),
    graph,
    "/logs",
    stubRuntime(stageDir, { preamble, fidelity: "summary:low" }),
  );
  return { outcome, stageDir };
}

describe("CodergenHandler (§4.5)", () => {
  it("§11.6 expands $goal, calls the backend, writes prompt.md and response.md", async () => {
    const backend = fakeBackend(() => "the plan");
    const { outcome, stageDir } = await exec(backend);
    expect(backend.calls[0].prompt).toBe("Plan: Ship the feature for T-9");
    expect(readText(join(stageDir, "prompt.md"))).toBe("Plan: Ship the feature for T-9");
    expect(readText(join(stageDir, "response.md"))).toBe("the plan");
    expect(outcome).toEqual({
      status: "success",
      notes: "Stage completed: plan",
      contextUpdates: { last_stage: "plan", last_response: "the plan" },
    });
  });

  it("uses the label when the node has no prompt", async () => {
    const backend = fakeBackend();
    await exec(backend, "labelled");
    expect(backend.calls[0].prompt).toBe("Summarize the work");
  });

  it("truncates last_response to 200 characters; response.md keeps everything", async () => {
    const long = "x".repeat(1000);
    const { outcome, stageDir } = await exec(fakeBackend(() => long));
    expect(outcome?.contextUpdates?.last_response).toBe("x".repeat(200));
    expect(readText(join(stageDir, "response.md"))).toHaveLength(1000);
  });

  it("passes the stage runtime to the backend: stage dir, fidelity, preamble, tool hooks (node over graph), graph", async () => {
    const backend = fakeBackend();
    const { stageDir } = await exec(backend, "plan", "Goal: carry-over");
    const opts = backend.calls[0].options;
    expect(opts).toMatchObject({
      stageDir,
      fidelity: "summary:low",
      preamble: "Goal: carry-over",
      threadId: undefined,
      graph,
    });
    expect(opts.toolHooks).toEqual({ pre: "node-pre", post: "node-post" });
    expect(opts.signal).toBeInstanceOf(AbortSignal);
    expect(readText(join(stageDir, "preamble.md"))).toBe("Goal: carry-over");
  });

  it("falls back to the graph's tool hooks", async () => {
    const backend = fakeBackend();
    await exec(backend, "labelled");
    expect(backend.calls[0].options.toolHooks).toEqual({ pre: "graph-pre" });
  });

  it("returns an Outcome from the backend unchanged (and writes no response.md)", async () => {
    const decided: Outcome = { status: "fail", failureReason: "tests red", preferredLabel: "Fix" };
    const { outcome, stageDir } = await exec(fakeBackend(() => decided));
    expect(outcome).toEqual(decided);
    expect(existsSync(join(stageDir, "response.md"))).toBe(false);
  });

  it("returns undefined when the backend does, deferring to status.json", async () => {
    const { outcome } = await exec(fakeBackend(() => undefined));
    expect(outcome).toBeUndefined();
  });

  it("simulates without a backend", async () => {
    const { outcome, stageDir } = await exec(undefined);
    expect(readText(join(stageDir, "response.md"))).toBe("[Simulated] Response for stage: plan");
    expect(outcome).toMatchObject({ status: "success", contextUpdates: { last_stage: "plan" } });
  });
});

describe("CodergenHandler in a run", () => {
  const body = dot(`plan [prompt="Plan $goal"]; impl [prompt="Build it"]; start -> plan -> impl -> exit`);

  it("§11.7 writes prompt.md, response.md and status.json to {logs_root}/{node_id}/", async () => {
    const dir = tmp();
    await run(body, dir, { backend: fakeBackend() });
    for (const id of ["plan", "impl"]) {
      expect(readdirSync(join(dir, id)).sort()).toEqual(["preamble.md", "prompt.md", "response.md", "status.json"]);
    }
    expect(readText(join(dir, "plan", "prompt.md"))).toBe("Plan Ship it");
    expect(readJson(join(dir, "impl", "status.json"))).toEqual({
      outcome: "success",
      context_updates: { last_stage: "impl", last_response: "response of impl" },
      notes: "Stage completed: impl",
    });
  });

  it("a backend returning an Outcome decides routing, and status.json records it", async () => {
    const dir = tmp();
    const routed = dot(`review [prompt="R"]; fix [prompt="F"]
      start -> review
      review -> exit [label="Approve"]
      review -> fix [label="Fix"]
      fix -> exit`);
    const r = await run(routed, dir, {
      backend: fakeBackend((node) => (node.id === "review" ? { status: "success", preferredLabel: "Fix" } : "fixed")),
    });
    expect(r.completedNodes).toEqual(["start", "review", "fix", "exit"]);
    expect(readJson(join(dir, "review", "status.json"))).toEqual({ outcome: "success", preferred_label: "Fix" });
  });

  it("a backend that throws fails the stage with its message", async () => {
    const dir = tmp();
    const r = await run(body, dir, {
      backend: fakeBackend(() => {
        throw new Error("model overloaded");
      }),
    });
    expect(r.status).toBe("fail");
    expect(r.nodeOutcomes.plan).toEqual({ status: "fail", failureReason: "model overloaded" });
    expect(readJson(join(dir, "plan", "status.json"))).toEqual({ outcome: "fail", failure_reason: "model overloaded" });
  });

  it("the backend sees context updates of earlier stages", async () => {
    const seen: unknown[] = [];
    await run(body, tmp(), {
      backend: fakeBackend((node, _p, ctx) => {
        seen.push(ctx.get("last_stage"));
        return `${node.id} done`;
      }),
    });
    expect(seen).toEqual([undefined, "plan"]);
  });
});
