import { describe, expect, it } from "vitest";
import { resolveConditionKey } from "../../src/conditions/variable-resolution.js";
import { Context, type Outcome } from "../../src/index.js";

const outcome: Outcome = { status: "partial_success", preferredLabel: "Approve" };

describe("resolveConditionKey (attractor-spec §10.4)", () => {
  it("resolves outcome to the status, or the custom outcome word", () => {
    expect(resolveConditionKey("outcome", outcome, new Context())).toBe("partial_success");
    expect(resolveConditionKey("outcome", { status: "success", customOutcome: "process" }, new Context())).toBe(
      "process",
    );
  });

  it("resolves preferred_label, empty when the outcome has none", () => {
    expect(resolveConditionKey("preferred_label", outcome, new Context())).toBe("Approve");
    expect(resolveConditionKey("preferred_label", { status: "success" }, new Context())).toBe("");
  });

  it("looks up context.x first under 'context.x', then under 'x'", () => {
    expect(resolveConditionKey("context.x", outcome, new Context({ "context.x": "full", x: "short" }))).toBe("full");
    expect(resolveConditionKey("context.x", outcome, new Context({ x: "short" }))).toBe("short");
    expect(resolveConditionKey("context.tool.output", outcome, new Context({ "tool.output": "ok" }))).toBe("ok");
  });

  it("looks up unqualified keys in the context directly", () => {
    expect(resolveConditionKey("tool.output", outcome, new Context({ "tool.output": "done" }))).toBe("done");
    expect(resolveConditionKey("tool.output", outcome, new Context({ "context.tool.output": "no" }))).toBe("");
  });

  it("resolves missing and null values to the empty string", () => {
    expect(resolveConditionKey("context.nothing", outcome, new Context())).toBe("");
    expect(resolveConditionKey("context.x", outcome, new Context({ "context.x": null, x: "fallback" }))).toBe(
      "fallback",
    );
    expect(resolveConditionKey("y", outcome, new Context({ y: null }))).toBe("");
  });

  it("renders non-string values as text (numbers, booleans, JSON)", () => {
    const ctx = new Context({ n: 3, b: true, o: { a: [1] } });
    expect(resolveConditionKey("context.n", outcome, ctx)).toBe("3");
    expect(resolveConditionKey("b", outcome, ctx)).toBe("true");
    expect(resolveConditionKey("context.o", outcome, ctx)).toBe('{"a":[1]}');
  });
});
