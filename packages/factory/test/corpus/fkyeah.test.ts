// fkyeah's conformance scenarios state their expectations in TheFellow__fkyeah/EXPECTATIONS.tsv.
// The ones that test attractor-spec behaviour are checked here through the `factory` CLI; the
// ones that test fkyeah's own extensions are listed with the reason they do not apply.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { type CorpusEntry, corpusDir, haveCorpus, materialize, materializedPath, repoDir } from "./corpus.js";

const REPO = "TheFellow__fkyeah";

/** EXPECTATIONS.tsv scenarios that test fkyeah-only behaviour, and why. */
const NOT_APPLICABLE: Record<string, string> = {
  "02-validation/14-unrecognized-attribute-max-agent-turns":
    "expects fkyeah's did-you-mean to max_turns, a coding-agent attribute of fkyeah; ours reports max_agent_turns as unknown (info)",
  "02-validation/15-recognized-attributes-no-warning":
    "max_turns, max_tool_rounds, command_timeout and system_prompt are fkyeah agent attributes",
  "02-validation/18-loop-session-pollution-positive": "fkyeah-only lint rule loop_session_pollution",
  "02-validation/21-scope-gate-coverage-missing": "fkyeah-only lint rule scope_gate_coverage",
  "02-validation/23-partial-commit-needs-build-gate": "fkyeah-only lint rule partial_commit_needs_build_gate",
  "02-validation/24-parallelogram-missing-timeout": "fkyeah-only lint rule parallelogram_needs_timeout",
  "02-validation/28-review-gate-first-line-strict": "fkyeah-only lint rule review_gate_first_line_strict",
  "02-validation/33-all-new-rules-integration": "eight fkyeah-only lint rules",
  "02-validation/35-conflicting-session-attrs":
    "fresh_session is an fkyeah attribute; its conflict with thread_id is an fkyeah rule",
  "03-execution/24-scope-gate-runs": "scope_gate is an fkyeah attribute",
  "03-execution/25-requires-green-build-skips-on-red": "requires_green_build is an fkyeah attribute",
  "03-execution/26-checkpoint-cli-mark-done": "`checkpoint mark-done` is an fkyeah command",
  "04-context/08-fidelity-compact": "checks fkyeah's <logs>/sink/context.json file",
  "04-context/09-attribute-interpolation-thread-id": "checks fkyeah's thread-named log directories",
  "05-parallel/04-multi-edge-fanout":
    "fkyeah fans out over several edges whose condition matches; §3.3 step 1 picks one edge (best weight, then target id)",
};

if (!haveCorpus)
  console.warn(`fkyeah expectations skipped: ${corpusDir} not found (../shared is not beside this checkout)`);

describe.skipIf(!haveCorpus)("fkyeah conformance expectations that follow attractor-spec", () => {
  let root: string;
  let entries: CorpusEntry[];
  const logsFor = (entry: CorpusEntry) => join(root, "runs", entry.file.replace(/[/.]/g, "_"));
  const entry = (suffix: string) => {
    const found = entries.find((e) => e.file === `${REPO}/${suffix}`);
    if (!found) throw new Error(`no corpus entry ${suffix}`);
    return found;
  };
  const run = async (suffix: string) => {
    const e = entry(suffix);
    const result = await runCli(
      ["run", materializedPath(root, e), "--simulate", "--auto-approve", "--logs", logsFor(e)],
      {
        cwd: repoDir(root, e),
      },
    );
    const checkpoint = JSON.parse(readFileSync(join(logsFor(e), "checkpoint.json"), "utf8")) as {
      completed_nodes: string[];
      context: Record<string, unknown>;
      node_outcomes: Record<string, { outcome: string }>;
    };
    return { ...result, checkpoint, logs: logsFor(e) };
  };
  const validate = (suffix: string) => runCli(["validate", materializedPath(root, entry(suffix))]);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "fkyeah-"));
    entries = materialize(root, logsFor);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("every scenario of EXPECTATIONS.tsv is either checked here or explained", () => {
    const scenarios = readFileSync(join(corpusDir, REPO, "EXPECTATIONS.tsv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split("\t")[0]);
    const checked = [
      "02-validation/13-unrecognized-attribute-llm-prompt",
      "02-validation/16-graphviz-passthrough-no-warning",
      "02-validation/38-sdlc-subtask-example-validates",
      "03-execution/23-manager-loop",
      "04-context/10-attribute-interpolation-escape",
      "04-context/11-custom-raw-outcome",
      "05-parallel/05-qualified-context",
    ];
    expect([...new Set(scenarios)].filter((s) => !checked.includes(s) && !(s in NOT_APPLICABLE))).toEqual([]);
  });

  it("02-validation/13: llm_prompt validates (exit 0) with a warning naming the standard spelling 'prompt'", async () => {
    const r = await validate("conformance__02-validation__13-unrecognized-attribute-llm-prompt__pipeline.dot");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning attribute_alias 'llm_prompt' .* the standard spelling is 'prompt'/);
  });

  it("02-validation/16: Graphviz presentation attributes pass through without attribute_known", async () => {
    const r = await validate("conformance__02-validation__16-graphviz-passthrough-no-warning__pipeline.dot");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("attribute_known");
  });

  it("02-validation/38: the sdlc subtask example validates", async () => {
    expect((await validate("examples__sdlc_grind_subtask.dot")).code).toBe(0);
  });

  it("03-execution/23: a manager runs its child pipeline; manager/cycle_0 exists", async () => {
    const r = await run("conformance__03-execution__23-manager-loop__pipeline-child.dot");
    expect(r.code).toBe(0);
    expect(r.checkpoint.completed_nodes).toEqual(expect.arrayContaining(["start", "manager"]));
    expect(existsSync(join(r.logs, "manager", "cycle_0"))).toBe(true);
    expect(r.checkpoint.context["stack.child.outcome"]).toBe("success");
  });

  it("04-context/10: `$${foo}` escapes to a literal ${foo}; an unresolved ${context.missing} stays as written", async () => {
    const r = await run("conformance__04-context__10-attribute-interpolation-escape__pipeline.dot");
    expect(r.code).toBe(0);
    const output = readFileSync(join(r.logs, "EchoPrompt", "stdout.txt"), "utf8");
    expect(output).toContain("escaped=${foo}");
    expect(output).toContain("literal:${context.missing}");
  });

  it('04-context/11: a custom outcome word from status.json routes through `outcome == "needs_dod"`', async () => {
    const r = await run("conformance__04-context__11-custom-raw-outcome__pipeline.dot");
    expect(r.code).toBe(0);
    expect(r.checkpoint.completed_nodes).toEqual(["start", "writer", "custom_path", "done"]);
    expect(r.checkpoint.node_outcomes.writer.outcome).toBe("needs_dod");
  });

  it("05-parallel/05: each branch's context changes are kept under parallel.<node>.<branch>.<key>", async () => {
    const r = await run("conformance__05-parallel__05-qualified-context__pipeline.dot");
    expect(r.code).toBe(0);
    expect(r.checkpoint.context["parallel.fan_out.branch_a.tool.output"]).toBe("A-output");
    expect(r.checkpoint.context["parallel.fan_out.branch_b.tool.output"]).toBe("B-output");
  });
});
