import { describe, expect, it } from "vitest";
import { BUILT_IN_HANDLER_TYPES, parseDot } from "../../src/index.js";
import { resolveHandlerType } from "../../src/validation/handler-resolution.js";

const graph = parseDot(
  'digraph G { a [type=custom]; b [type=custom, shape=hexagon]; c [shape=tab]; d [type="wait.human"]; e }',
);
const resolve = (id: string, known: Iterable<string> = BUILT_IN_HANDLER_TYPES) =>
  resolveHandlerType(graph.nodes.get(id)!, new Set(known));

describe("resolveHandlerType (attractor-spec §4.2)", () => {
  it("uses a registered explicit type first", () => {
    expect(resolve("d")).toBe("wait.human");
    expect(resolve("a", [...BUILT_IN_HANDLER_TYPES, "custom"])).toBe("custom");
  });

  it("falls back to the shape's type, then the default", () => {
    expect(resolve("a")).toBe("codergen");
    expect(resolve("b")).toBe("wait.human");
    expect(resolve("c")).toBe("codergen");
    expect(resolve("e")).toBe("codergen");
    expect(resolve("b", ["codergen"])).toBe("codergen");
  });
});
