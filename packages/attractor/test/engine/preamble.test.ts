import { describe, expect, it } from "vitest";
import type { FidelityMode, Outcome } from "../../src/index.js";
import { buildPreamble, Context, parseDot } from "../../src/index.js";

const graph = parseDot(`digraph G { goal="Ship the feature" }`);

function state(stages: number, keys: number, opts: { valueLength?: number; logs?: number } = {}) {
  const context = new Context();
  for (let i = 0; i < keys; i++) context.set(`key${i}`, `v${i}-${"x".repeat(opts.valueLength ?? 5)}`);
  for (let i = 0; i < (opts.logs ?? 0); i++) context.appendLog(`log entry ${i}`);
  const history = Array.from({ length: stages }, (_, i) => ({
    nodeId: `stage${i}`,
    outcome: { status: "success", notes: `note ${i}` } as Outcome,
  }));
  return { graph, context, runId: "run-42", history };
}

const stageLines = (text: string) => text.split("\n").filter((l) => /^- stage\d+:/.test(l));
const contextLines = (text: string) => text.split("\n").filter((l) => /^- key\d+:/.test(l));

describe("buildPreamble (§5.4 fidelity modes)", () => {
  it("full: empty, the session itself carries history", () => {
    expect(buildPreamble("full", state(3, 3))).toBe("");
  });

  it("truncate: only the goal and the run id", () => {
    expect(buildPreamble("truncate", state(10, 10, { logs: 5 }))).toBe("Goal: Ship the feature\nRun: run-42");
  });

  it("compact: completed stages with outcomes and context values, no notes and no log", () => {
    const s = state(3, 2, { logs: 3 });
    s.history[1].outcome = { status: "fail", failureReason: "tests red" };
    const text = buildPreamble("compact", s);
    expect(text).toContain("Completed stages (3):");
    expect(stageLines(text)).toEqual(["- stage0: success", "- stage1: fail — tests red", "- stage2: success"]);
    expect(contextLines(text)).toEqual(["- key0: v0-xxxxx", "- key1: v1-xxxxx"]);
    expect(text).not.toContain("note");
    expect(text).not.toContain("Recent log");
  });

  it("summary:low keeps the last 6 stages and 6 context keys, without notes", () => {
    const text = buildPreamble("summary:low", state(20, 20));
    expect(text).toContain("Completed stages (20, last 6 shown):");
    expect(stageLines(text)).toHaveLength(6);
    expect(stageLines(text)[0]).toBe("- stage14: success");
    expect(contextLines(text)).toHaveLength(6);
    expect(text).not.toContain("note");
  });

  it("summary:medium adds notes and the last 10 log entries, 15 stages and keys", () => {
    const text = buildPreamble("summary:medium", state(20, 20, { logs: 20 }));
    expect(stageLines(text)).toHaveLength(15);
    expect(stageLines(text).at(-1)).toBe("- stage19: success — note 19");
    expect(contextLines(text)).toHaveLength(15);
    expect(text.split("Recent log:\n")[1].split("\n")).toHaveLength(10);
  });

  it("summary:high carries the most: 40 stages, 40 keys, 30 log entries", () => {
    const text = buildPreamble("summary:high", state(50, 50, { logs: 50 }));
    expect(stageLines(text)).toHaveLength(40);
    expect(contextLines(text)).toHaveLength(40);
    expect(text.split("Recent log:\n")[1].split("\n")).toHaveLength(30);
  });

  it.each([
    ["compact", 4000],
    ["summary:low", 2400],
    ["summary:medium", 6000],
    ["summary:high", 12000],
  ] as const)("%s stays within its character budget (%i) on a huge run", (mode, budget) => {
    const text = buildPreamble(mode, state(500, 500, { valueLength: 2000, logs: 500 }));
    expect(text.length).toBeLessThanOrEqual(budget);
    expect(text.length).toBeGreaterThan(budget * 0.4);
  });

  it("budgets grow low < medium < high", () => {
    const s = state(100, 100, { valueLength: 400, logs: 100 });
    const len = (m: FidelityMode) => buildPreamble(m, s).length;
    expect(len("truncate")).toBeLessThan(len("summary:low"));
    expect(len("summary:low")).toBeLessThan(len("summary:medium"));
    expect(len("summary:medium")).toBeLessThan(len("summary:high"));
  });

  it("clips long values per mode", () => {
    const s = state(1, 1, { valueLength: 5000 });
    const valueLength = (m: FidelityMode) => contextLines(buildPreamble(m, s))[0].length - "- key0: ".length;
    expect(valueLength("summary:low")).toBe(120);
    expect(valueLength("compact")).toBe(200);
    expect(valueLength("summary:high")).toBe(1000);
  });

  it("hides engine keys (internal.*, parallel.results, graph.model_stylesheet)", () => {
    const context = new Context({
      "internal.retry_count.a": 2,
      "parallel.results": [{ id: "a" }],
      "graph.model_stylesheet": "* { llm_model: x }",
      "graph.goal": "Ship the feature",
      visible: "yes",
    });
    const text = buildPreamble("summary:high", { graph, context, runId: "r", history: [] });
    expect(text).toContain("- visible: yes");
    expect(text).toContain("- graph.goal: Ship the feature");
    expect(text).not.toMatch(/internal\.|parallel\.results|model_stylesheet/);
    expect(text).not.toContain("Completed stages");
  });

  it("omits the goal line when the graph has no goal", () => {
    const text = buildPreamble("truncate", {
      graph: parseDot("digraph G {}"),
      context: new Context(),
      runId: "r",
      history: [],
    });
    expect(text).toBe("Run: r");
  });
});
