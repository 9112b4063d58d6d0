import { describe, expect, it } from "vitest";
import { engineAttributes, isKnownAttribute } from "../../src/validation/attribute-catalog.js";

describe("attribute catalogue", () => {
  it("knows Appendix A per scope", () => {
    expect(engineAttributes("graph").has("model_stylesheet")).toBe(true);
    expect(engineAttributes("node").has("allow_partial")).toBe(true);
    expect(engineAttributes("edge").has("loop_restart")).toBe(true);
    expect(engineAttributes("edge").has("prompt")).toBe(false);
  });

  it("accepts handler key families on nodes and Graphviz attributes everywhere", () => {
    expect(isKnownAttribute("node", "manager.custom_knob")).toBe(true);
    expect(isKnownAttribute("node", "stack.child_autostart")).toBe(true);
    expect(isKnownAttribute("node", "tool_hooks.pre")).toBe(true);
    expect(isKnownAttribute("node", "manager.")).toBe(false);
    expect(isKnownAttribute("edge", "manager.max_cycles")).toBe(false);
    expect(isKnownAttribute("graph", "rankdir")).toBe(true);
    expect(isKnownAttribute("edge", "arrowhead")).toBe(true);
  });

  it("does not accept neato's `model`, which on a pipeline node is a misspelt llm_model", () => {
    expect(isKnownAttribute("node", "model")).toBe(false);
  });
});
