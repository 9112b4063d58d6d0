import { describe, expect, it } from "vitest";
import { attributeKnownRule } from "../../../src/validation/rules/attribute-known.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("attribute_known", () => {
  it("knows every Appendix A attribute, the handler keys and Graphviz presentation attributes", () => {
    const source = `digraph G {
  graph [goal=g, label=l, model_stylesheet="", default_max_retries=1, default_fidelity=full, retry_target=a,
         fallback_retry_target=a, "stack.child_dotfile"="c.dot", "stack.child_workdir"=".", "tool_hooks.pre"=x,
         "tool_hooks.post"=y, default_thread_id=t, llm_model=m, rankdir=LR, bgcolor=white, splines=ortho, nodesep=1,
         ranksep=1, compound=true, fontname=Menlo]
  a [label=A, shape=box, type=codergen, prompt=p, max_retries=1, goal_gate=true, retry_target=a,
     fallback_retry_target=a, fidelity=full, thread_id=t, class=c, timeout=1s, llm_model=m, llm_provider=p,
     reasoning_effort=low, auto_status=true, allow_partial=true, color=red, style=filled, fillcolor=white,
     penwidth=2, margin="0.1", width=1, height=1, tooltip=t, xlabel=x, peripheries=2, fixedsize=true, fontsize=12]
  t [tool_command=ls, "tool_hooks.pre"=x]
  p [join_policy=wait_all, max_parallel=2, error_policy=continue]
  m [shape=house, "manager.poll_interval"=1s, "manager.max_cycles"=3, "manager.stop_condition"="outcome=success",
     "manager.actions"=observe, "manager.anything_else"=1, "stack.child_dotfile"=c, "stack.child_autostart"=true]
  h [shape=hexagon, "human.default_choice"=a]
  a -> t [label=go, condition="outcome=success", weight=1, fidelity=full, thread_id=t, loop_restart=false,
          color=gray, style=dashed, penwidth=2, arrowhead=none, constraint=false]
}`;
    expect(runRule(attributeKnownRule, source)).toEqual([]);
  });

  it("warns with a did-you-mean for near misses", () => {
    const diagnostics = runRule(
      attributeKnownRule,
      pipeline('  a [promt="x", max_retires=2, fontsise=3]\n  start -> a [condtion="outcome=success"]'),
    );
    expect(diagnostics.map((d) => [d.severity, d.message, d.fix])).toEqual([
      ["warning", "unknown attribute 'promt' on node 'a'; did you mean 'prompt'?", "rename 'promt' to 'prompt'"],
      [
        "warning",
        "unknown attribute 'max_retires' on node 'a'; did you mean 'max_retries'?",
        "rename 'max_retires' to 'max_retries'",
      ],
      [
        "warning",
        "unknown attribute 'fontsise' on node 'a'; did you mean 'fontsize'?",
        "rename 'fontsise' to 'fontsize'",
      ],
      [
        "warning",
        "unknown attribute 'condtion' on edge start -> a; did you mean 'condition'?",
        "rename 'condtion' to 'condition'",
      ],
    ]);
    expect(diagnostics[0].loc).toEqual({ line: 5, column: 12 });
  });

  it("warns when an attribute belongs to another scope", () => {
    const diagnostics = runRule(
      attributeKnownRule,
      pipeline('  a [goal="x"]\n  start -> a [prompt="p"]', "max_retries=2"),
    );
    expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ["warning", "'max_retries' on the graph has no effect: it is a node attribute"],
      ["warning", "'goal' on node 'a' has no effect: it is a graph attribute"],
      ["warning", "'prompt' on edge start -> a has no effect: it is a node attribute"],
    ]);
  });

  it("notes other unknown attributes as INFO (custom handlers may read them)", () => {
    const [d] = runRule(attributeKnownRule, pipeline('  a [max_agent_turns=8, lane="alpha"]'));
    expect(d).toMatchObject({
      severity: "info",
      message: "unknown attribute 'max_agent_turns' on node 'a' is ignored by the built-in handlers",
    });
    const lane = runRule(attributeKnownRule, pipeline('  a [lane="alpha"]'));
    expect(lane.map((x) => x.severity)).toEqual(["info"]);
  });

  it("leaves aliases to attribute_alias", () => {
    expect(
      runRule(attributeKnownRule, pipeline('  a [llm_prompt="p", node_type=codergen]', "default_max_retry=2")),
    ).toEqual([]);
  });

  it("reports a name inherited from one default block once", () => {
    expect(runRule(attributeKnownRule, pipeline("  node [colour=red]\n  a; b; c"))).toHaveLength(1);
  });
});
