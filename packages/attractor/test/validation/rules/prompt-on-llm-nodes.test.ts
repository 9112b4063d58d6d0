import { describe, expect, it } from "vitest";
import { promptOnLlmNodesRule } from "../../../src/validation/rules/prompt-on-llm-nodes.js";
import { pipeline, runRule } from "../../helpers/lint.js";

describe("prompt_on_llm_nodes", () => {
  it("§11.2 Codergen nodes (shape=box) have non-empty prompt attribute (warning if missing)", () => {
    const diagnostics = runRule(
      promptOnLlmNodesRule,
      pipeline('  a [shape=box]\n  b [prompt="Do b"]\n  c [prompt=" "]'),
    );
    expect(diagnostics.map((d) => [d.nodeId, d.severity, d.message])).toEqual([
      ["a", "warning", "LLM node 'a' has neither a prompt nor a label; the model would only see the node id"],
      ["c", "warning", "LLM node 'c' has neither a prompt nor a label; the model would only see the node id"],
    ]);
  });

  it("notes a label used as the prompt as INFO (§7.2 accepts prompt or label)", () => {
    const [d] = runRule(promptOnLlmNodesRule, pipeline('  a [label="Write the tests"]'));
    expect(d).toMatchObject({
      severity: "info",
      message: `LLM node 'a' has no prompt; its label "Write the tests" is used as the prompt`,
      loc: { line: 5, column: 12 },
    });
  });

  it("ignores non-LLM nodes, and start/exit nodes found by id", () => {
    const source =
      'digraph G { start -> g -> t -> exit; g [shape=hexagon]; t [shape=parallelogram, tool_command="true"] }';
    expect(runRule(promptOnLlmNodesRule, source)).toEqual([]);
  });

  it("checks nodes whose unknown type falls back to codergen, and skips registered custom types", () => {
    const source = pipeline('  a [type="stack.observe"]');
    expect(runRule(promptOnLlmNodesRule, source).map((d) => d.nodeId)).toEqual(["a"]);
    expect(runRule(promptOnLlmNodesRule, source, ["stack.observe", "codergen"])).toEqual([]);
  });
});
