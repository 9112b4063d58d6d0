// coding-agent-loop-spec §3.7–3.8, §9.3, Appendix B: the ToolRegistry and its LOOKUP → VALIDATE →
// EXECUTE → TRUNCATE pipeline; every failure is an error result, never a throw.
import { describe, expect, it } from "vitest";
import { ToolRegistry } from "../../src/tools/registry.js";
import type { RegisteredTool, ToolContext } from "../../src/tools/types.js";
import { FakeEnv } from "../helpers/fake-env.js";

const context: ToolContext = { env: new FakeEnv(), defaultCommandTimeoutMs: 10_000, maxCommandTimeoutMs: 600_000 };

function echoTool(name = "echo", executor?: RegisteredTool["executor"]): RegisteredTool {
  return {
    definition: {
      name,
      description: "Echoes its text.",
      parameters: {
        type: "object",
        properties: { text: { type: "string" }, times: { type: "integer", minimum: 1 } },
        required: ["text"],
      },
    },
    executor: executor ?? (async (args) => String(args.text).repeat(Number(args.times ?? 1))),
  };
}

describe("ToolRegistry", () => {
  it("registers, replaces (latest wins, in place), lists and unregisters", () => {
    const registry = new ToolRegistry();
    registry.register(echoTool("a"));
    registry.register(echoTool("b"));
    const replacement = echoTool("a", async () => "custom");
    registry.register(replacement);
    expect(registry.names()).toEqual(["a", "b"]);
    expect(registry.get("a")).toBe(replacement);
    expect(registry.definitions().map((d) => d.name)).toEqual(["a", "b"]);
    expect(registry.unregister("a")).toBe(true);
    expect(registry.unregister("a")).toBe(false);
    expect(registry.get("a")).toBeUndefined();
    expect(registry.names()).toEqual(["b"]);
  });

  it("refuses invalid names and non-object parameter schemas at registration", () => {
    const registry = new ToolRegistry();
    expect(() => registry.register(echoTool("bad name"))).toThrow(/invalid tool name/);
    const tool = echoTool();
    tool.definition.parameters = { type: "string" };
    expect(() => registry.register(tool)).toThrow(/"type": "object"/);
  });

  it("executes a valid call", async () => {
    const registry = new ToolRegistry();
    registry.register(echoTool());
    const result = await registry.execute({ id: "1", name: "echo", arguments: { text: "hi", times: 2 } }, context);
    expect(result).toEqual({ output: "hihi", fullOutput: "hihi", isError: false });
  });

  it("returns an error result naming the available tools for an unknown tool", async () => {
    const registry = new ToolRegistry();
    registry.register(echoTool());
    const result = await registry.execute({ id: "1", name: "nope", arguments: {} }, context);
    expect(result.isError).toBe(true);
    expect(result.output).toBe('Unknown tool "nope". Available tools: echo.');
  });

  it("returns an error result for schema-invalid arguments without running the tool", async () => {
    let ran = false;
    const registry = new ToolRegistry();
    registry.register(
      echoTool("echo", async () => {
        ran = true;
        return "";
      }),
    );
    const missing = await registry.execute({ id: "1", name: "echo", arguments: {} }, context);
    expect(missing.isError).toBe(true);
    expect(missing.output).toContain("Invalid arguments for echo");
    expect(missing.output).toContain("must have required property 'text'");
    const wrongType = await registry.execute({ id: "2", name: "echo", arguments: { text: 1, times: 0 } }, context);
    expect(wrongType.output).toContain("/text: must be string");
    expect(wrongType.output).toContain("/times: must be >= 1");
    expect(ran).toBe(false);
  });

  it("checks rawArguments: invalid JSON and non-objects are error results", async () => {
    const registry = new ToolRegistry();
    registry.register(echoTool());
    const broken = await registry.execute(
      { id: "1", name: "echo", arguments: {}, rawArguments: '{"text": "x' },
      context,
    );
    expect(broken.isError).toBe(true);
    expect(broken.output).toMatch(/^Invalid arguments for echo: the arguments are not valid JSON/);
    const array = await registry.execute({ id: "2", name: "echo", arguments: {}, rawArguments: "[1]" }, context);
    expect(array.output).toBe("Invalid arguments for echo: the arguments must be a JSON object");
    const good = await registry.execute(
      { id: "3", name: "echo", arguments: {}, rawArguments: '{"text":"ok"}' },
      context,
    );
    expect(good).toMatchObject({ output: "ok", isError: false });
  });

  it("turns an executor throw into an error result, and honours ToolOutput.isError", async () => {
    const registry = new ToolRegistry();
    registry.register(
      echoTool("boom", async () => {
        throw new Error("File not found: x.txt");
      }),
    );
    registry.register(echoTool("soft", async () => ({ output: "exit 1", isError: true })));
    expect(await registry.execute({ id: "1", name: "boom", arguments: { text: "" } }, context)).toEqual({
      output: "Error: File not found: x.txt",
      fullOutput: "Error: File not found: x.txt",
      isError: true,
    });
    expect(await registry.execute({ id: "2", name: "soft", arguments: { text: "" } }, context)).toMatchObject({
      output: "exit 1",
      isError: true,
    });
  });

  it("truncates the model's output but keeps the full output, with per-tool overrides", async () => {
    const registry = new ToolRegistry();
    registry.register(echoTool("write_file"));
    const call = { id: "1", name: "write_file", arguments: { text: "x", times: 5000 } };
    const result = await registry.execute(call, context);
    expect(result.fullOutput).toHaveLength(5000);
    expect(result.output).toContain("[WARNING: Tool output was truncated. First 4000 characters were removed.");
    const relaxed = await registry.execute(call, context, { toolOutputLimits: { write_file: 10_000 } });
    expect(relaxed.output).toBe(relaxed.fullOutput);
  });
});
