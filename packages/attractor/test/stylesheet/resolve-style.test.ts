import { describe, expect, it } from "vitest";
import { parseDot } from "../../src/index.js";
import { parseStylesheet } from "../../src/stylesheet/parse-stylesheet.js";
import { resolveStyle, selectorMatches } from "../../src/stylesheet/resolve-style.js";

const graph = parseDot(`digraph G {
  plain
  review [class="code,critical"]
  gate [shape=hexagon]
  subgraph cluster_loop { label="Loop A"; inner }
}`);
const node = (id: string) => {
  const n = graph.nodes.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};

describe("selectorMatches", () => {
  it("matches shapes (box when unset), explicit classes, subgraph classes and ids", () => {
    const [star, box, hexagon, code, loop, id] = parseStylesheet(
      "* {} box {} hexagon {} .critical {} .loop-a {} #review {}",
    ).map((r) => r.selector);
    expect(selectorMatches(star, node("gate"))).toBe(true);
    expect(selectorMatches(box, node("plain"))).toBe(true);
    expect(selectorMatches(box, node("gate"))).toBe(false);
    expect(selectorMatches(hexagon, node("gate"))).toBe(true);
    expect(selectorMatches(code, node("review"))).toBe(true);
    expect(selectorMatches(code, node("plain"))).toBe(false);
    expect(selectorMatches(loop, node("inner"))).toBe(true);
    expect(selectorMatches(id, node("review"))).toBe(true);
    expect(selectorMatches(id, node("plain"))).toBe(false);
  });
});

describe("resolveStyle", () => {
  it("lets higher specificity win regardless of rule order (ID > class > shape > universal)", () => {
    const rules = parseStylesheet(
      "#review { llm_model: by-id; } .code { llm_model: by-class; } box { llm_model: by-shape; } * { llm_model: any; }",
    );
    expect(resolveStyle(node("review"), rules)).toEqual({ llm_model: "by-id" });
    expect(resolveStyle(node("plain"), rules)).toEqual({ llm_model: "by-shape" });
    expect(resolveStyle(node("gate"), rules)).toEqual({ llm_model: "any" });
  });

  it("lets the later rule win among equal specificity", () => {
    const rules = parseStylesheet(".code { llm_model: first; } .critical { llm_model: second; }");
    expect(resolveStyle(node("review"), rules)).toEqual({ llm_model: "second" });
  });

  it("resolves each property on its own", () => {
    const rules = parseStylesheet(
      "* { llm_model: m; llm_provider: p; reasoning_effort: low; } #review { reasoning_effort: high; }",
    );
    expect(resolveStyle(node("review"), rules)).toEqual({
      llm_model: "m",
      llm_provider: "p",
      reasoning_effort: "high",
    });
  });

  it("returns nothing when no rule matches", () => {
    expect(resolveStyle(node("plain"), parseStylesheet("#other { llm_model: x; }"))).toEqual({});
  });
});
