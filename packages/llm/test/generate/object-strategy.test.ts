import { describe, expect, it } from "vitest";
import { NoObjectGeneratedError } from "../../src/errors/client-errors.js";
import {
  objectModeFor,
  objectPlan,
  parseObjectOutput,
  planGenerateOptions,
  stripJsonFence,
} from "../../src/generate/object-strategy.js";
import { textResponse, toolCallsResponse } from "../helpers/fake-adapter.js";

const schema = { type: "object", properties: { a: { type: "number" } }, required: ["a"] };

describe("object strategy (§4.5)", () => {
  it("chooses tool extraction for anthropic and json_schema for the rest", () => {
    expect(objectModeFor("anthropic")).toBe("tool");
    for (const name of ["openai", "gemini", "openai_compatible", "other"])
      expect(objectModeFor(name)).toBe("json_schema");
  });

  it("names the schema, falling back when the name is not a valid tool name", () => {
    expect(objectPlan({ model: "m", schema, schemaName: "point" }, "openai").name).toBe("point");
    expect(objectPlan({ model: "m", schema, schemaName: "my point" }, "openai").name).toBe("structured_output");
  });

  it("plans a forced passive tool with no tool rounds for tool mode", () => {
    const options = { model: "m", prompt: "p", schema, schemaDescription: "A point" };
    const generate = planGenerateOptions(options, objectPlan(options, "anthropic"));
    expect(generate).toMatchObject({
      model: "m",
      prompt: "p",
      tools: [{ name: "structured_output", description: "A point", parameters: schema }],
      toolChoice: { mode: "named", toolName: "structured_output" },
      maxToolRounds: 0,
    });
    expect(generate.tools?.[0]?.execute).toBeUndefined();
    expect(generate).not.toHaveProperty("schema");
  });

  it("strips Markdown fences", () => {
    expect(stripJsonFence('```json\n{"a":1}\n```')).toBe('{"a":1}');
    expect(stripJsonFence('```\n{"a":1}```')).toBe('{"a":1}');
    expect(stripJsonFence('{"a":1}')).toBe('{"a":1}');
  });

  it("parses and validates, throwing NoObjectGeneratedError with the text", () => {
    const plan = objectPlan({ model: "m", schema }, "openai");
    expect(parseObjectOutput(textResponse('{"a": 1}'), plan)).toEqual({ a: 1 });
    expect(() => parseObjectOutput(textResponse('{"a": "1"}'), plan)).toThrow(NoObjectGeneratedError);
    const toolPlan = objectPlan({ model: "m", schema }, "anthropic");
    expect(
      parseObjectOutput(toolCallsResponse([{ id: "1", name: "structured_output", args: { a: 2 } }]), toolPlan),
    ).toEqual({
      a: 2,
    });
    expect(() => parseObjectOutput(toolCallsResponse([{ id: "1", name: "other", args: { a: 2 } }]), toolPlan)).toThrow(
      NoObjectGeneratedError,
    );
  });
});
