import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSelection } from "../../src/handlers/fan-in.js";
import type { CodergenBackend, ParallelResultEntry } from "../../src/index.js";
import { Context, FanInHandler, heuristicSelect, parseDot } from "../../src/index.js";
import { dot, eventLog, fakeBackend, run, stubRuntime, useTempDirs } from "../helpers/engine.js";

const tmp = useTempDirs();

const entry = (id: string, status: ParallelResultEntry["status"], score?: number): ParallelResultEntry => ({
  id,
  status,
  outcome: status,
  ...(score !== undefined ? { score } : {}),
  completed_nodes: [id],
  context_updates: {},
});

const g = parseDot(
  `digraph G { plain [shape=tripleoctagon]; judge [shape=tripleoctagon, prompt="Pick the best for $goal"]; goal="Ship" }`,
);

async function fanIn(nodeId: string, results: ParallelResultEntry[] | undefined, backend?: CodergenBackend) {
  const stageDir = tmp();
  const context = new Context(results ? { "parallel.results": results } : {});
  const outcome = await new FanInHandler(backend).execute(g.nodes.get(nodeId)!, context, g, "", stubRuntime(stageDir));
  return { outcome, stageDir };
}

describe("heuristicSelect (§4.9)", () => {
  it("ranks by status (success < partial < retry < fail), then higher score, then id", () => {
    expect(
      heuristicSelect([entry("c", "partial_success", 9), entry("b", "success", 1), entry("a", "success", 1)]).id,
    ).toBe("a");
    expect(heuristicSelect([entry("a", "success", 1), entry("b", "success", 3)]).id).toBe("b");
    expect(heuristicSelect([entry("a", "fail", 100), entry("z", "retry")]).id).toBe("z");
    expect(heuristicSelect([entry("a", "success"), entry("b", "success", -1)]).id).toBe("a");
  });
});

describe("FanInHandler (§4.9)", () => {
  it("selects the best candidate by heuristic without a prompt", async () => {
    const { outcome } = await fanIn("plain", [entry("a", "partial_success"), entry("b", "success")]);
    expect(outcome).toEqual({
      status: "success",
      contextUpdates: { "parallel.fan_in.best_id": "b", "parallel.fan_in.best_outcome": "success" },
      notes: "Selected best candidate: b (heuristic)",
    });
  });

  it("fails without parallel results", async () => {
    expect((await fanIn("plain", undefined)).outcome).toEqual({
      status: "fail",
      failureReason: "No parallel results to evaluate",
    });
    expect((await fanIn("plain", [])).outcome.status).toBe("fail");
  });

  it("runs when some candidates failed, never picking a failed one; fails only when all failed", async () => {
    const some = await fanIn("plain", [entry("a", "fail", 99), entry("b", "partial_success")]);
    expect(some.outcome.contextUpdates?.["parallel.fan_in.best_id"]).toBe("b");
    const all = await fanIn("plain", [entry("a", "fail"), entry("b", "fail")]);
    expect(all.outcome).toEqual({ status: "fail", failureReason: "all 2 candidates failed" });
  });

  it("asks the backend when the node has a prompt and takes the candidate it names", async () => {
    const backend = fakeBackend(() => 'After review: {"best_id": "b"}');
    const { outcome, stageDir } = await fanIn(
      "judge",
      [entry("a", "success", 10), entry("b", "success"), entry("c", "fail")],
      backend,
    );
    expect(outcome.contextUpdates).toEqual({
      "parallel.fan_in.best_id": "b",
      "parallel.fan_in.best_outcome": "success",
    });
    expect(outcome.notes).toBe("Selected best candidate: b (llm)");
    const prompt = backend.calls[0].prompt;
    expect(prompt).toMatch(/^Pick the best for Ship\n\nCandidates:\n- a: success\n- b: success\n\nAnswer with/);
    expect(prompt).not.toContain("- c:");
    expect(readFileSync(join(stageDir, "prompt.md"), "utf8")).toBe(prompt);
    expect(readFileSync(join(stageDir, "response.md"), "utf8")).toBe('After review: {"best_id": "b"}');
  });

  it("accepts a response that mentions a candidate id in prose, or an Outcome whose notes do", async () => {
    const prose = await fanIn(
      "judge",
      [entry("alpha", "success", 5), entry("beta", "success")],
      fakeBackend(() => "I prefer beta."),
    );
    expect(prose.outcome.contextUpdates?.["parallel.fan_in.best_id"]).toBe("beta");
    const asOutcome = await fanIn(
      "judge",
      [entry("alpha", "success", 5), entry("beta", "success")],
      fakeBackend(() => ({ status: "success", notes: "beta wins" })),
    );
    expect(asOutcome.outcome.contextUpdates?.["parallel.fan_in.best_id"]).toBe("beta");
  });

  it("falls back to the heuristic when the response names no candidate, or there is no backend", async () => {
    const cands = [entry("alpha", "success", 5), entry("beta", "success")];
    expect(
      (
        await fanIn(
          "judge",
          cands,
          fakeBackend(() => "no idea"),
        )
      ).outcome.notes,
    ).toBe("Selected best candidate: alpha (heuristic)");
    expect((await fanIn("judge", cands)).outcome.notes).toBe("Selected best candidate: alpha (heuristic)");
  });

  it("parseSelection prefers JSON, then the first id mentioned, on word boundaries", () => {
    const cands = [entry("a1", "success"), entry("a10", "success")];
    expect(parseSelection('a1 is fine but {"best_id": "a10"}', cands)?.id).toBe("a10");
    expect(parseSelection("a10 then a1", cands)?.id).toBe("a10");
    expect(parseSelection('{"best_id": "ghost"} a1', cands)?.id).toBe("a1");
    expect(parseSelection("nothing", cands)).toBeUndefined();
  });
});

describe("fan-in in a run", () => {
  it("§11.6 runs only after every parallel branch has completed", async () => {
    const body = dot(`fan [shape=component]; join [shape=tripleoctagon]
      a [prompt="A"]; b [prompt="B"]; c [prompt="C"]
      start -> fan; fan -> a -> join; fan -> b -> join; fan -> c -> join; join -> exit`);
    const log = eventLog();
    const backend = fakeBackend(async (node) => {
      await new Promise((r) => setTimeout(r, node.id === "b" ? 40 : 5));
      return `${node.id} done`;
    });
    const r = await run(body, tmp(), { backend, onEvent: log.onEvent });
    const order = log.events.flatMap((e) =>
      e.type === "stage_completed" || e.type === "stage_started" ? [`${e.type}:${e.nodeId}`] : [],
    );
    const joinStart = order.indexOf("stage_started:join");
    for (const id of ["a", "b", "c"]) expect(order.indexOf(`stage_completed:${id}`)).toBeLessThan(joinStart);
    expect(r.context["parallel.fan_in.best_id"]).toBe("a");
  });
});
