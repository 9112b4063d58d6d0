// Issue 5, "End to end": examples/agent-pipeline.dot (plan -> implement -> test as a tool node,
// the goal gate -> review) through `factory run` against the Anthropic twin. The first
// implementation has a bug the agent does not test for; the real `node --test` of the tool node
// fails, the run goes back to `implement`, whose agent runs the tests, reads the failure and fixes
// the code; the reviewer writes its verdict in status.json itself (Appendix C). The work directory
// is left with working code and a passing test, and the agents' turns are in the run's store.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "@darkfactory/cxdb";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { PACKAGE_JSON, SUM_BUGGY, SUM_FIXED, SUM_TEST } from "../helpers/fix-scenario.js";
import { nodeTest, type ScriptRule, startScriptedTwin, tempRepo } from "../helpers/twins.js";

const PIPELINE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../examples/agent-pipeline.dot");
const TEST = "node --test --test-reporter=tap";
const VERDICT =
  '{"outcome": "success", "notes": "sum adds; the test covers it", "context_updates": {"review": "approved"}}';

const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args });

/** The whole run's model side, in order (three stages, the second one twice). */
const SCRIPT: ScriptRule[] = [
  {
    name: "plan",
    match: { userText: "Plan the work for" },
    reply: { text: "1. sum.js exports sum(a, b).\n2. sum.test.js checks sum(2, 3) === 5 with node:test." },
  },
  {
    name: "implement: write",
    match: { userText: "Implement the plan for" },
    reply: {
      text: "Writing the module and its test.",
      toolCalls: [
        call("write_file", { file_path: "package.json", content: PACKAGE_JSON }),
        call("write_file", { file_path: "sum.js", content: SUM_BUGGY }),
        call("write_file", { file_path: "sum.test.js", content: SUM_TEST }),
      ],
    },
  },
  { name: "implement: done too soon", match: { toolResult: "write_file" }, reply: { text: "Implemented." } },
  // The tool node failed; the run is back at `implement`, which now tests its work.
  {
    name: "implement again: test",
    match: { userText: "Implement the plan for" },
    reply: { toolCalls: [call("shell", { command: TEST })] },
  },
  {
    name: "implement again: read",
    match: { toolResult: "shell", toolResultContains: "# fail 1" },
    reply: { toolCalls: [call("read_file", { file_path: "sum.js" })] },
  },
  {
    name: "implement again: fix",
    match: { toolResult: "read_file", toolResultContains: "return a - b;" },
    reply: { toolCalls: [call("edit_file", { file_path: "sum.js", old_string: "a - b", new_string: "a + b" })] },
  },
  {
    name: "implement again: retest",
    match: { toolResult: "edit_file" },
    reply: { toolCalls: [call("shell", { command: TEST })] },
  },
  {
    name: "implement again: done",
    match: { toolResult: "shell", toolResultContains: "# fail 0" },
    reply: { text: "Fixed: sum adds; the tests pass." },
  },
  {
    name: "review: read",
    match: { userText: "Review the code written for" },
    reply: { toolCalls: [call("read_file", { file_path: "sum.js" })] },
  },
  {
    name: "review: verdict",
    match: { toolResult: "read_file", toolResultContains: "return a + b;" },
    reply: { toolCalls: [call("shell", { command: `printf '%s' '${VERDICT}' > "$ATTRACTOR_STAGE_DIR/status.json"` })] },
  },
  { name: "review: done", match: { toolResult: "shell" }, reply: { text: "Approved." } },
];

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const resource of open.splice(0).reverse()) await resource.close();
});

describe("examples/agent-pipeline.dot through factory run, against the Anthropic twin", () => {
  it("goes back from the failing test to implement, leaves working code, and records the agents' turns", async () => {
    const twin = await startScriptedTwin("anthropic", SCRIPT);
    open.push(twin);
    const repo = await tempRepo();
    open.push({ close: repo.cleanup });

    const result = await runCli(["run", PIPELINE, "--logs", "run", "--json"], { cwd: repo.dir, env: twin.env() });

    const events = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; nodeId?: string; message?: string });
    expect(result.stderr.split("\n")[0]).toBe(
      "agent: codergen stages run coding agents on anthropic/claude-opus-4-6 (3 stages); configured: anthropic",
    );
    expect(events.at(-1)?.type).toBe("pipeline_completed");
    expect(result.code).toBe(0);
    expect(twin.progress()).toEqual({ position: SCRIPT.length, rules: SCRIPT.length });

    const logs = path.join(repo.dir, "run");
    const checkpoint = JSON.parse(readFileSync(path.join(logs, "checkpoint.json"), "utf8"));
    expect(checkpoint.completed_nodes).toEqual([
      "start",
      "plan",
      "implement",
      "test",
      "implement",
      "test",
      "review",
      "exit",
    ]);
    expect(checkpoint.context.review).toBe("approved");
    // The reviewer's own status.json decided its outcome.
    expect(JSON.parse(readFileSync(path.join(logs, "review", "status.json"), "utf8"))).toMatchObject({
      outcome: "success",
      notes: "sum adds; the test covers it",
    });
    expect(readFileSync(path.join(logs, "implement", "response.md"), "utf8")).toBe("Fixed: sum adds; the tests pass.");
    expect(readFileSync(path.join(logs, "plan", "prompt.md"), "utf8")).toMatch(/^Plan the work for: A sum\(a, b\)/);
    expect(existsSync(path.join(logs, "implement", "agent.ndjson"))).toBe(true);
    // The plan stage asked for high reasoning effort: Anthropic's extended thinking.
    const bodies = twin.requests().map((entry) => entry.body as { thinking?: { type: string } });
    expect(bodies[0].thinking?.type).toBe("enabled");
    expect(bodies.slice(1).every((body) => body.thinking === undefined)).toBe(true);

    // The work directory holds working code, and its test passes for real.
    expect(readFileSync(path.join(repo.dir, "sum.js"), "utf8")).toBe(SUM_FIXED);
    const after = await nodeTest(repo.dir);
    expect(after.code).toBe(0);

    // Each codergen stage execution has its own context in the run's store, with the agent's turns.
    const store = await openStore(path.join(logs, "cxdb.sqlite"));
    try {
      const stages = store.children(1).map((child) => child.contextId);
      expect(stages).toHaveLength(4); // plan, implement twice, review
      const items = (id: number) =>
        store.getTurns(id, { limit: 200 }).map((t) => store.projectTurn(t).data as Record<string, unknown>);
      const secondImplement = items(stages[2]).map((item) => item.item_type);
      expect(secondImplement.filter((type) => type === "assistant_turn")).toHaveLength(5);
      expect(secondImplement.filter((type) => type === "tool_result")).toHaveLength(4);
    } finally {
      store.close();
    }
  });
});
