import { describe, expect, it } from "vitest";
import { schemaInstance } from "../../src/kit/schema-instance.js";

describe("schemaInstance", () => {
  it("fills every property deterministically", () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: "integer", minimum: 18 },
        score: { type: "number", exclusiveMinimum: 0 },
        admin: { type: "boolean" },
        role: { type: "string", enum: ["owner", "member"] },
        tags: { type: "array", items: { type: "string" }, minItems: 2 },
        email: { type: "string", format: "email" },
        nickname: { type: ["string", "null"] },
        address: { $ref: "#/$defs/address" },
        kind: { const: "person" },
        choice: { anyOf: [{ type: "null" }, { type: "integer" }] },
      },
      $defs: { address: { type: "object", properties: { city: { type: "string", minLength: 6 } } } },
    };
    const value = schemaInstance(schema);
    expect(value).toEqual({
      name: "name",
      age: 18,
      score: 0.5,
      admin: true,
      role: "owner",
      tags: ["tags", "tags"],
      email: "user@example.com",
      nickname: "nickname",
      address: { city: "cityxx" },
      kind: "person",
      choice: 0,
    });
    expect(schemaInstance(schema)).toEqual(value);
  });

  it("gives null for shapes it does not know, and stops at recursive schemas", () => {
    expect(schemaInstance({})).toBeNull();
    const recursive = { type: "object", properties: { child: { $ref: "#" } } };
    expect(JSON.stringify(schemaInstance(recursive)).length).toBeLessThan(1000);
  });
});
