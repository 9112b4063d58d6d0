// biome-ignore-all lint/suspicious/noTemplateCurlyInString: thread ids with ${...} references are the subject under test
import { describe, expect, it } from "vitest";
import {
  Context,
  DEFAULT_FIDELITY,
  FIDELITY_MODES,
  parseDot,
  parseFidelity,
  resolveFidelity,
  resolveThreadId,
} from "../../src/index.js";

function setup(graphAttrs: string, nodeAttrs: string, edgeAttrs: string) {
  const g = parseDot(`digraph G { ${graphAttrs} prev; n [${nodeAttrs}]; prev -> n [${edgeAttrs}] }`);
  return { g, node: g.nodes.get("n")!, edge: g.edges[0] };
}

describe("parseFidelity", () => {
  it("accepts the six modes of §5.4, case-insensitively", () => {
    expect(FIDELITY_MODES).toEqual(["full", "truncate", "compact", "summary:low", "summary:medium", "summary:high"]);
    expect(parseFidelity(" Summary:HIGH ")).toBe("summary:high");
  });

  it("returns undefined for anything else", () => {
    expect(parseFidelity("summary")).toBeUndefined();
    expect(parseFidelity("")).toBeUndefined();
    expect(parseFidelity(undefined)).toBeUndefined();
  });
});

describe("resolveFidelity precedence (§5.4)", () => {
  it("1. the incoming edge's fidelity wins", () => {
    const { g, node, edge } = setup("default_fidelity=truncate;", "fidelity=compact", "fidelity=full");
    expect(resolveFidelity(node, edge, g)).toBe("full");
  });

  it("2. then the target node's fidelity", () => {
    const { g, node, edge } = setup("default_fidelity=truncate;", 'fidelity="summary:low"', "");
    expect(resolveFidelity(node, edge, g)).toBe("summary:low");
  });

  it("3. then the graph default_fidelity", () => {
    const { g, node, edge } = setup('default_fidelity="summary:medium";', "", "");
    expect(resolveFidelity(node, edge, g)).toBe("summary:medium");
  });

  it("4. else compact", () => {
    const { g, node } = setup("", "", "");
    expect(DEFAULT_FIDELITY).toBe("compact");
    expect(resolveFidelity(node, undefined, g)).toBe("compact");
  });

  it("skips invalid values at any level", () => {
    const { g, node, edge } = setup("default_fidelity=truncate;", "fidelity=bogus", "fidelity=nope");
    expect(resolveFidelity(node, edge, g)).toBe("truncate");
  });
});

describe("resolveThreadId precedence (§5.4)", () => {
  const ctx = new Context({ ticket: "T-7" });

  it("1. the target node's thread_id wins", () => {
    const { g, node, edge } = setup("default_thread_id=g;", "thread_id=node", "thread_id=edge");
    expect(resolveThreadId(node, edge, g, "prev", ctx)).toBe("node");
  });

  it("2. then the incoming edge's thread_id", () => {
    const { g, node, edge } = setup("default_thread_id=g;", "", "thread_id=edge");
    expect(resolveThreadId(node, edge, g, "prev", ctx)).toBe("edge");
  });

  it("3. then the graph-level default thread", () => {
    const { g, node, edge } = setup("default_thread_id=g;", "", "");
    expect(resolveThreadId(node, edge, g, "prev", ctx)).toBe("g");
  });

  it("4. then the class derived from the innermost enclosing subgraph", () => {
    const g = parseDot(`digraph G {
      subgraph cluster_outer { label="Outer Loop"; subgraph cluster_inner { label="Inner Work"; n } }
      prev -> n
    }`);
    const node = g.nodes.get("n")!;
    expect(node.derivedClasses).toEqual(["outer-loop", "inner-work"]);
    expect(resolveThreadId(node, g.edges[0], g, "prev", ctx)).toBe("inner-work");
  });

  it("5. else the previous node id (and the node's own id at the very start)", () => {
    const { g, node, edge } = setup("", "", "");
    expect(resolveThreadId(node, edge, g, "prev", ctx)).toBe("prev");
    expect(resolveThreadId(node, undefined, g, undefined, ctx)).toBe("n");
  });

  it("expands ${...} references from the context", () => {
    const { g, node, edge } = setup("", 'thread_id="fix-${ticket}"', "");
    expect(resolveThreadId(node, edge, g, "prev", ctx)).toBe("fix-T-7");
  });
});
