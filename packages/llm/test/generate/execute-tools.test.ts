import { describe, expect, it } from "vitest";
import { AbortError } from "../../src/errors/client-errors.js";
import { executeAllTools, toolOutputContent } from "../../src/generate/execute-tools.js";
import { operationScope } from "../../src/generate/operation-scope.js";
import type { Tool } from "../../src/generate/types.js";

const echo: Tool = {
  name: "echo",
  description: "",
  parameters: { type: "object" },
  execute: (args) => args,
};
const call = (id: string, name = "echo", args: Record<string, unknown> = { id }) => ({ id, name, arguments: args });

describe("executeAllTools (§5.7)", () => {
  it("converts handler output to tool result content", () => {
    expect(toolOutputContent("s")).toBe("s");
    expect(toolOutputContent({ a: 1 })).toEqual({ a: 1 });
    expect(toolOutputContent([1, 2])).toEqual([1, 2]);
    expect(toolOutputContent(42)).toBe("42");
    expect(toolOutputContent(true)).toBe("true");
    expect(toolOutputContent(null)).toBe("null");
    expect(toolOutputContent(undefined)).toBe("");
  });

  it("returns one result per call in call order, with unknown tools and failures as error results", async () => {
    const boom: Tool = {
      name: "boom",
      description: "",
      parameters: { type: "object" },
      execute: async () => {
        throw new TypeError("kaput");
      },
    };
    const scope = operationScope({});
    const { results, passiveCalls } = await executeAllTools(
      [call("1"), call("2", "nope"), call("3", "boom"), call("4")],
      [echo, boom],
      { scope, messages: [] },
    );
    expect(passiveCalls).toEqual([]);
    expect(results).toEqual([
      { toolCallId: "1", content: { id: "1" }, isError: false },
      { toolCallId: "2", content: "Unknown tool: nope. Available tools: echo, boom", isError: true },
      { toolCallId: "3", content: "Error executing tool boom: kaput", isError: true },
      { toolCallId: "4", content: { id: "4" }, isError: false },
    ]);
  });

  it("leaves calls of passive tools to the caller", async () => {
    const passive: Tool = { name: "ask_human", description: "", parameters: { type: "object" } };
    const { results, passiveCalls } = await executeAllTools([call("1", "ask_human"), call("2")], [echo, passive], {
      scope: operationScope({}),
      messages: [],
    });
    expect(passiveCalls.map((c) => c.id)).toEqual(["1"]);
    expect(results.map((r) => r.toolCallId)).toEqual(["2"]);
  });

  it("stops waiting when the scope aborts", async () => {
    const stuck: Tool = {
      name: "stuck",
      description: "",
      parameters: { type: "object" },
      execute: () => new Promise(() => {}),
    };
    const controller = new AbortController();
    const pending = executeAllTools([call("1", "stuck")], [stuck], {
      scope: operationScope({ abortSignal: controller.signal }),
      messages: [],
    });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});
