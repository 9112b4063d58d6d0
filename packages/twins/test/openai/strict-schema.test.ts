import { describe, expect, it } from "vitest";
import { strictSchemaProblem } from "../../src/openai/strict-schema.js";

describe("strictSchemaProblem", () => {
  const ok = {
    type: "object",
    properties: {
      name: { type: "string" },
      address: {
        type: "object",
        properties: { city: { type: "string" } },
        required: ["city"],
        additionalProperties: false,
      },
      tags: { type: "array", items: { type: "string" } },
    },
    required: ["name", "address", "tags"],
    additionalProperties: false,
  };

  it("accepts a strict-compatible schema", () => {
    expect(strictSchemaProblem(ok)).toBeUndefined();
  });

  it("names the context of a nested object without additionalProperties: false", () => {
    const schema = structuredClone(ok);
    delete (schema.properties.address as Record<string, unknown>).additionalProperties;
    expect(strictSchemaProblem(schema)).toBe(
      "In context=('properties', 'address'), 'additionalProperties' is required to be supplied and to be false.",
    );
  });

  it("names a property missing from required, and a non-object root", () => {
    expect(strictSchemaProblem({ ...ok, required: ["name", "tags"] })).toBe(
      "In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'address'.",
    );
    expect(strictSchemaProblem({ type: "array", items: {} })).toBe(
      `schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.`,
    );
  });
});
