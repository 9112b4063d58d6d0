import { describe, expect, it } from "vitest";
import { InvalidToolCallError } from "../../src/errors/client-errors.js";
import type { Tool } from "../../src/generate/types.js";
import { parseToolArguments, validateToolCall } from "../../src/generate/validate-tool-call.js";

const tool: Tool = {
  name: "move",
  description: "",
  parameters: { type: "object", properties: { x: { type: "integer" } }, required: ["x"], additionalProperties: false },
};
const context = { messages: [], abortSignal: new AbortController().signal };

describe("tool call validation (§5.8)", () => {
  it("parses the raw argument string, treating an empty string as {}", () => {
    expect(parseToolArguments({ id: "1", name: "move", arguments: {}, rawArguments: '{"x": 3}' })).toEqual({
      ok: true,
      args: { x: 3 },
    });
    expect(parseToolArguments({ id: "1", name: "move", arguments: {}, rawArguments: "  " })).toEqual({
      ok: true,
      args: {},
    });
    expect(parseToolArguments({ id: "1", name: "move", arguments: { x: 1 } })).toEqual({ ok: true, args: { x: 1 } });
  });

  it("rejects argument strings that are not a JSON object", () => {
    for (const raw of ['{"x": ', "[1]", "3", "null"]) {
      const result = parseToolArguments({ id: "1", name: "move", arguments: {}, rawArguments: raw });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toBeInstanceOf(InvalidToolCallError);
    }
  });

  it("validates against the tool's schema", async () => {
    expect(await validateToolCall({ id: "1", name: "move", arguments: { x: 2 } }, tool, context)).toEqual({
      ok: true,
      args: { x: 2 },
    });
    const bad = await validateToolCall({ id: "1", name: "move", arguments: { x: "2", y: 1 } }, tool, context);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.toolName).toBe("move");
      expect(bad.error.message).toMatch(/\/x: must be integer/);
      expect(bad.error.message).toMatch(/additional properties/);
    }
  });

  it("repair: a repaired value is validated again; null, undefined or a throw give up", async () => {
    const call = { id: "1", name: "move", arguments: {}, rawArguments: "{x: 1}" };
    const fixed = await validateToolCall(call, tool, { ...context, repair: () => ({ x: 1 }) });
    expect(fixed).toEqual({ ok: true, args: { x: 1 } });
    const stillBad = await validateToolCall(call, tool, { ...context, repair: () => ({ x: "one" }) });
    expect(stillBad.ok).toBe(false);
    for (const repair of [() => null, () => undefined, () => Promise.reject(new Error("no"))]) {
      expect((await validateToolCall(call, tool, { ...context, repair })).ok).toBe(false);
    }
  });

  it("does not call repair for valid arguments", async () => {
    let called = false;
    await validateToolCall({ id: "1", name: "move", arguments: { x: 1 } }, tool, {
      ...context,
      repair: () => {
        called = true;
        return null;
      },
    });
    expect(called).toBe(false);
  });
});
