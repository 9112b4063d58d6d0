import { describe, expect, it } from "vitest";
import { validateRequest } from "../../src/client/validate-request.js";
import { ConfigurationError } from "../../src/errors/client-errors.js";
import { Message } from "../../src/types/message.js";
import type { Request } from "../../src/types/request.js";

const base: Request = { model: "gpt-5.2", messages: [Message.user("hi")] };
const tool = (name: string, parameters: Record<string, unknown> = { type: "object" }) => ({
  name,
  description: "d",
  parameters,
});

function problem(request: Request): string {
  try {
    validateRequest(request);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigurationError");
}

describe("validateRequest", () => {
  it("accepts a valid request", () => {
    expect(() =>
      validateRequest({
        ...base,
        tools: [tool("get_weather", { type: "object", properties: { city: { type: "string" } } })],
        toolChoice: { mode: "named", toolName: "get_weather" },
        responseFormat: { type: "json_schema", jsonSchema: { type: "array" } },
      }),
    ).not.toThrow();
  });

  it("rejects an invalid model", () => {
    expect(problem({ ...base, model: "" })).toMatch(/model is required/);
    expect(problem({ ...base, model: "   " })).toMatch(/model is required/);
    expect(problem({ ...base, model: undefined as unknown as string })).toMatch(/model is required/);
  });

  it("rejects a request without messages", () => {
    expect(problem({ ...base, messages: [] })).toMatch(/at least one message/);
  });

  it("rejects a bad tool name", () => {
    expect(problem({ ...base, tools: [tool("get-weather")] })).toMatch(/not a valid tool name/);
    expect(problem({ ...base, tools: [tool("1tool")] })).toMatch(/not a valid tool name/);
    expect(problem({ ...base, tools: [tool("a".repeat(65))] })).toMatch(/not a valid tool name/);
    expect(() => validateRequest({ ...base, tools: [tool("a".repeat(64))] })).not.toThrow();
    expect(problem({ ...base, tools: [tool("t"), tool("t")] })).toMatch(/used twice/);
  });

  it("rejects a tool schema that is not a valid JSON Schema object", () => {
    expect(problem({ ...base, tools: [tool("t", { type: "string" })] })).toMatch(/"type": "object" at the root/);
    expect(problem({ ...base, tools: [tool("t", { type: "object", properties: { a: { type: "strng" } } })] })).toMatch(
      /not a valid JSON Schema/,
    );
    expect(problem({ ...base, tools: [tool("t", [] as unknown as Record<string, unknown>)] })).toMatch(
      /must be a JSON Schema object/,
    );
  });

  it("rejects a named tool choice for an unknown tool, or without a name", () => {
    expect(problem({ ...base, tools: [tool("a")], toolChoice: { mode: "named", toolName: "b" } })).toMatch(
      /names 'b', which is not among the request's tools/,
    );
    expect(problem({ ...base, toolChoice: { mode: "named", toolName: "b" } })).toMatch(/not among/);
    expect(problem({ ...base, tools: [tool("a")], toolChoice: { mode: "named" } })).toMatch(/needs toolName/);
  });

  it("rejects a json_schema response format without a valid schema", () => {
    expect(problem({ ...base, responseFormat: { type: "json_schema" } })).toMatch(/needs jsonSchema/);
    expect(problem({ ...base, responseFormat: { type: "json_schema", jsonSchema: { type: 5 } } })).toMatch(
      /not a valid JSON Schema/,
    );
  });
});
