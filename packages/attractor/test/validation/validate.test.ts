import { describe, expect, it } from "vitest";
import { BUILT_IN_HANDLER_TYPES, type Diagnostic, type LintRule, parseDot, ValidationError } from "../../src/index.js";
import { builtInLintRules } from "../../src/validation/register-builtins.js";
import { sortDiagnostics, validate, validateOrRaise } from "../../src/validation/validate.js";
import { pipeline } from "../helpers/lint.js";

const valid = pipeline('  plan [prompt="Plan $goal"]\n  start -> plan -> exit');

describe("validate", () => {
  it("runs the 13 rules of §7.2 in table order, then the Dark Factory rules", () => {
    expect(builtInLintRules().map((r) => r.name)).toEqual([
      "start_node",
      "terminal_node",
      "reachability",
      "edge_target_exists",
      "start_no_incoming",
      "exit_no_outgoing",
      "condition_syntax",
      "stylesheet_syntax",
      "type_known",
      "fidelity_valid",
      "retry_target_exists",
      "goal_gate_has_retry",
      "prompt_on_llm_nodes",
      "attribute_types",
      "attribute_known",
      "condition_style",
      "tool_command_present",
      "human_gate_choices",
      "manager_child_dotfile",
    ]);
  });

  it("finds nothing wrong with a valid pipeline", () => {
    expect(validate(parseDot(valid))).toEqual([]);
  });

  it("§11.2 Lint results include rule name, severity (error/warning), node/edge ID, and message", () => {
    const graph = parseDot(
      pipeline('  a [goal_gate=true, prompt=x]\n  start -> a -> exit\n  a -> start [condition="x >"]'),
      {
        file: "p.dot",
      },
    );
    const diagnostics = validate(graph);
    const byRule = Object.fromEntries(diagnostics.map((d) => [d.rule, d]));
    expect(byRule.goal_gate_has_retry).toMatchObject({ severity: "warning", nodeId: "a", file: "p.dot" });
    expect(byRule.start_no_incoming).toMatchObject({ severity: "error", edge: { from: "a", to: "start" } });
    expect(byRule.condition_syntax.message).toContain("comparison '>'");
    for (const d of diagnostics) expect(d.loc).toBeDefined();
  });

  it("sorts by line and column, keeping rule order for equal positions", () => {
    const graph = parseDot(pipeline("  z\n  a [fidelity=lots, prompt=p, max_retries=x]\n  start -> a -> exit"));
    const diagnostics = validate(graph);
    expect(diagnostics.map((d) => `${d.loc?.line}:${d.loc?.column} ${d.rule}`)).toEqual([
      "5:3 reachability",
      "5:3 prompt_on_llm_nodes",
      "6:15 fidelity_valid",
      "6:43 attribute_types",
    ]);
  });

  it("appends extra rules after the built-ins and fills in the file (§7.4)", () => {
    const custom: LintRule = {
      name: "no_todo",
      apply: (graph) =>
        [...graph.nodes.values()]
          .filter((n) => n.attrs.get("prompt")?.includes("TODO"))
          .map(
            (n): Diagnostic => ({
              rule: "no_todo",
              severity: "warning",
              message: "TODO in prompt",
              nodeId: n.id,
              loc: n.loc,
            }),
          ),
    };
    const graph = parseDot(pipeline('  a [prompt="TODO"]\n  start -> a -> exit'), { file: "x.dot" });
    expect(validate(graph, { extraRules: [custom] })).toEqual([
      {
        rule: "no_todo",
        severity: "warning",
        message: "TODO in prompt",
        nodeId: "a",
        loc: { line: 5, column: 3 },
        file: "x.dot",
      },
    ]);
  });

  it("passes known handler types to the rules (default: the nine built-ins)", () => {
    expect([...BUILT_IN_HANDLER_TYPES].sort()).toEqual([
      "codergen",
      "conditional",
      "exit",
      "parallel",
      "parallel.fan_in",
      "stack.manager_loop",
      "start",
      "tool",
      "wait.human",
    ]);
    const graph = parseDot(pipeline("  a [type=review, prompt=x]\n  start -> a -> exit"));
    expect(validate(graph).map((d) => d.rule)).toEqual(["type_known"]);
    expect(validate(graph, { knownHandlerTypes: [...BUILT_IN_HANDLER_TYPES, "review"] })).toEqual([]);
  });
});

describe("validateOrRaise", () => {
  it("§11.2 validate_or_raise() throws on error-severity violations", () => {
    const graph = parseDot("digraph G { a [prompt=x, timeout=soon] }", { file: "bad.dot" });
    let thrown: unknown;
    try {
      validateOrRaise(graph);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const error = thrown as ValidationError;
    expect(error.diagnostics.map((d) => d.rule)).toEqual(["start_node", "terminal_node", "attribute_types"]);
    expect(error.message).toContain("pipeline is invalid (3 errors)");
    expect(error.message).toContain("bad.dot:1:11 error start_node pipeline has no start node");
  });

  it("puts errors first in the thrown diagnostics", () => {
    const graph = parseDot(pipeline("  a\n  start -> a -> exit\n  b [timeout=x]\n  start -> b -> exit"));
    try {
      validateOrRaise(graph);
      expect.unreachable();
    } catch (error) {
      const severities = (error as ValidationError).diagnostics.map((d) => d.severity);
      expect(severities).toEqual([...severities].sort((x, y) => (x === "error" ? 0 : 1) - (y === "error" ? 0 : 1)));
      expect(severities[0]).toBe("error");
      expect(severities).toContain("warning");
    }
  });

  it("returns warnings when there is no error", () => {
    const graph = parseDot(pipeline("  a\n  start -> a -> exit"));
    expect(validateOrRaise(graph).map((d) => [d.rule, d.severity])).toEqual([["prompt_on_llm_nodes", "warning"]]);
  });
});

describe("sortDiagnostics", () => {
  it("puts diagnostics without a location first and is stable", () => {
    const d = (rule: string, line?: number): Diagnostic => ({
      rule,
      severity: "info",
      message: rule,
      ...(line ? { loc: { line, column: 1 } } : {}),
    });
    expect(sortDiagnostics([d("b", 2), d("a"), d("c", 1), d("d", 2)]).map((x) => x.rule)).toEqual(["a", "c", "b", "d"]);
  });
});
