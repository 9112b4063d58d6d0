import { describe, expect, it } from "vitest";
import { Client } from "../../src/client/client.js";
import { ConfigurationError, NoObjectGeneratedError } from "../../src/errors/client-errors.js";
import { ServerError } from "../../src/errors/provider-error.js";
import { generateObject } from "../../src/generate/generate-object.js";
import { FakeAdapter, fail, fakeClient, respond, textResponse, toolCallsResponse } from "../helpers/fake-adapter.js";

const person = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
};

describe("generateObject (§4.5)", () => {
  it("§8.4 generate_object() returns parsed, validated structured output (json_schema strategy)", async () => {
    const { client, adapter } = fakeClient([respond(textResponse('{"name": "Alice", "age": 30}'))], "openai");
    const result = await generateObject<{ name: string; age: number }>({
      model: "gpt-5.2",
      prompt: "Extract: Alice is 30 years old",
      schema: person,
      schemaName: "person",
      client,
    });
    expect(result.output).toEqual({ name: "Alice", age: 30 });
    expect(result.text).toBe('{"name": "Alice", "age": 30}');
    expect(adapter.requests[0]?.responseFormat).toEqual({
      type: "json_schema",
      jsonSchema: person,
      name: "person",
      // `person` has no additionalProperties:false, which strict mode requires: not strict, validated here.
      strict: false,
    });
    expect(adapter.requests[0]?.tools).toBeUndefined();
  });

  it("asks for strict mode when the schema meets its rules (closed objects, every property required)", async () => {
    const closed = { ...person, additionalProperties: false };
    const { client, adapter } = fakeClient([respond(textResponse('{"name": "Alice", "age": 30}'))], "openai");
    await generateObject({ model: "gpt-5.2", prompt: "p", schema: closed, client });
    expect(adapter.requests[0]?.responseFormat?.strict).toBe(true);
    const optional = { ...closed, required: ["name"] };
    const second = fakeClient([respond(textResponse('{"name": "Alice"}'))], "openai");
    await generateObject({ model: "gpt-5.2", prompt: "p", schema: optional, client: second.client });
    expect(second.adapter.requests[0]?.responseFormat?.strict).toBe(false);
  });

  it("uses the json_schema format for gemini and OpenAI-compatible providers too", async () => {
    for (const name of ["gemini", "openai_compatible"]) {
      const { client, adapter } = fakeClient([respond(textResponse('{"name":"B","age":2}'))], name);
      await generateObject({ model: "m", prompt: "p", schema: person, client });
      expect(adapter.requests[0]?.responseFormat?.type).toBe("json_schema");
    }
  });

  it("§4.5 Anthropic uses tool-based extraction with a forced named tool", async () => {
    const { client, adapter } = fakeClient(
      [respond(toolCallsResponse([{ id: "t1", name: "structured_output", args: '{"name":"Alice","age":30}' }]))],
      "anthropic",
    );
    const result = await generateObject({ model: "claude-opus-4-6", prompt: "Alice is 30", schema: person, client });
    expect(result.output).toEqual({ name: "Alice", age: 30 });
    const request = adapter.requests[0];
    expect(request?.tools).toEqual([
      { name: "structured_output", description: expect.any(String), parameters: person },
    ]);
    expect(request?.toolChoice).toEqual({ mode: "named", toolName: "structured_output" });
    expect(request?.responseFormat).toBeUndefined();
    expect(adapter.calls).toHaveLength(1);
  });

  it("tool-based extraction leaves out reasoningEffort: a forced tool call cannot be combined with thinking", async () => {
    const { client, adapter } = fakeClient(
      [respond(toolCallsResponse([{ id: "t1", name: "structured_output", args: '{"name":"Alice","age":30}' }]))],
      "anthropic",
    );
    await generateObject({
      model: "claude-opus-4-6",
      prompt: "Alice is 30",
      schema: person,
      reasoningEffort: "high",
      client,
    });
    expect(adapter.requests[0]?.reasoningEffort).toBeUndefined();
    expect(adapter.requests[0]?.toolChoice).toEqual({ mode: "named", toolName: "structured_output" });
  });

  it("the strategy follows the adapter's name, whatever key it is registered under", async () => {
    const adapter = new FakeAdapter(
      [respond(toolCallsResponse([{ id: "t", name: "structured_output", args: { name: "A", age: 1 } }]))],
      "anthropic",
    );
    const client = new Client({ providers: { claude: adapter } });
    await generateObject({ model: "m", prompt: "p", schema: person, client, provider: "claude" });
    expect(adapter.requests[0]?.toolChoice).toEqual({ mode: "named", toolName: "structured_output" });
  });

  it("mode overrides the strategy", async () => {
    const { client, adapter } = fakeClient([respond(textResponse('{"name":"A","age":1}'))], "anthropic");
    await generateObject({ model: "m", prompt: "p", schema: person, client, mode: "json_schema" });
    expect(adapter.requests[0]?.responseFormat?.type).toBe("json_schema");
    const b = fakeClient(
      [respond(toolCallsResponse([{ id: "t", name: "person", args: { name: "A", age: 1 } }]))],
      "openai",
    );
    const viaTool = await generateObject({
      model: "m",
      prompt: "p",
      schema: person,
      schemaName: "person",
      client: b.client,
      mode: "tool",
    });
    expect(viaTool.output).toEqual({ name: "A", age: 1 });
    expect(b.adapter.requests[0]?.toolChoice).toEqual({ mode: "named", toolName: "person" });
  });

  it("wraps a non-object root schema as { value } on the wire and unwraps the output", async () => {
    const list = { type: "array", items: { type: "string" } };
    const a = fakeClient([respond(textResponse('{"value": ["x", "y"]}'))], "openai");
    const viaFormat = await generateObject({ model: "m", prompt: "p", schema: list, client: a.client });
    expect(viaFormat.output).toEqual(["x", "y"]);
    expect(a.adapter.requests[0]?.responseFormat?.jsonSchema).toMatchObject({
      type: "object",
      properties: { value: list },
      required: ["value"],
    });
    const b = fakeClient(
      [respond(toolCallsResponse([{ id: "t", name: "structured_output", args: { value: ["z"] } }]))],
      "anthropic",
    );
    expect((await generateObject({ model: "m", prompt: "p", schema: list, client: b.client })).output).toEqual(["z"]);
  });

  it("accepts JSON wrapped in a Markdown code fence", async () => {
    const { client } = fakeClient([respond(textResponse('```json\n{"name":"A","age":1}\n```'))], "gemini");
    expect((await generateObject({ model: "m", prompt: "p", schema: person, client })).output).toEqual({
      name: "A",
      age: 1,
    });
  });

  it("§8.4 generate_object() raises NoObjectGeneratedError on a parse failure, with the text", async () => {
    const { client } = fakeClient([respond(textResponse("Alice, 30"))], "openai");
    const error = await generateObject({ model: "m", prompt: "p", schema: person, client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoObjectGeneratedError);
    expect((error as NoObjectGeneratedError).text).toBe("Alice, 30");
    expect((error as Error).message).toMatch(/not valid JSON/);
  });

  it("§8.4 generate_object() raises NoObjectGeneratedError on a validation failure and does not retry it", async () => {
    const { client, adapter } = fakeClient(
      [respond(textResponse('{"name": "Alice", "age": "thirty"}')), respond(textResponse('{"name":"A","age":1}'))],
      "openai",
    );
    const error = await generateObject({ model: "m", prompt: "p", schema: person, client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoObjectGeneratedError);
    expect((error as Error).message).toMatch(/\/age: must be integer/);
    expect((error as NoObjectGeneratedError).text).toBe('{"name": "Alice", "age": "thirty"}');
    expect(adapter.calls).toHaveLength(1);
  });

  it("raises NoObjectGeneratedError when the model did not call the extraction tool", async () => {
    const { client } = fakeClient([respond(textResponse("I refuse."))], "anthropic");
    const error = await generateObject({ model: "m", prompt: "p", schema: person, client }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoObjectGeneratedError);
    expect((error as NoObjectGeneratedError).text).toBe("I refuse.");
  });

  it("§6.6 the LLM call itself is retried", async () => {
    const { client, adapter } = fakeClient(
      [fail(new ServerError({ message: "x", provider: "openai" })), respond(textResponse('{"name":"A","age":1}'))],
      "openai",
    );
    const result = await generateObject({
      model: "m",
      prompt: "p",
      schema: person,
      client,
      retryRuntime: { sleep: async () => {} },
    });
    expect(result.output).toEqual({ name: "A", age: 1 });
    expect(adapter.calls).toHaveLength(2);
  });

  it("rejects an invalid schema with ConfigurationError", async () => {
    const { client } = fakeClient([], "openai");
    await expect(
      generateObject({ model: "m", prompt: "p", schema: { type: "object", properties: 5 }, client }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });
});
