import { describe, expect, it } from "vitest";
import type { Handler } from "../../src/index.js";
import { HandlerRegistry, parseDot } from "../../src/index.js";

const handler = (name: string): Handler & { name: string } => ({ name, execute: async () => ({ status: "success" }) });

const g = parseDot(`digraph G {
  typed [shape=box, type="wait.human"]
  unknownType [shape=hexagon, type="nope"]
  human [shape=hexagon]
  odd [shape=ellipse]
  plain
}`);
const node = (id: string) => g.nodes.get(id)!;

function registry() {
  return new HandlerRegistry()
    .register("codergen", handler("codergen"))
    .register("wait.human", handler("human"))
    .register("start", handler("start"));
}

describe("HandlerRegistry (§4.2)", () => {
  it("1. resolves an explicit type attribute first", () => {
    expect(registry().resolve(node("typed"))).toMatchObject({ type: "wait.human", handler: { name: "human" } });
  });

  it("2. then the shape mapping (an unregistered explicit type falls through to it)", () => {
    expect(registry().resolve(node("human")).type).toBe("wait.human");
    expect(registry().resolve(node("unknownType")).type).toBe("wait.human");
  });

  it("3. then the default handler (codergen): unknown shapes and nodes without a shape", () => {
    expect(registry().resolve(node("odd"))).toMatchObject({ type: "codergen", handler: { name: "codergen" } });
    expect(registry().resolve(node("plain")).type).toBe("codergen");
  });

  it("§11.6 register replaces the handler of an already registered type", () => {
    const r = registry().register("wait.human", handler("replacement"));
    expect(r.resolve(node("human")).handler).toMatchObject({ name: "replacement" });
  });

  it("setDefault picks another registered type as the fallback", () => {
    const r = registry().setDefault("start");
    expect(r.resolve(node("odd")).type).toBe("start");
  });

  it("throws when nothing matches and no default is registered", () => {
    const r = new HandlerRegistry().register("wait.human", handler("human"));
    expect(() => r.resolve(node("plain"))).toThrow(/no handler for node 'plain'/);
  });

  it("has, get and types report registrations", () => {
    const r = registry();
    expect(r.has("start")).toBe(true);
    expect(r.has("tool")).toBe(false);
    expect(r.get("start")).toMatchObject({ name: "start" });
    expect(r.types()).toEqual(["codergen", "wait.human", "start"]);
  });
});
