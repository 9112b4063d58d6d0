import { describe, expect, it } from "vitest";
import { Context, stringify } from "../../src/index.js";

describe("Context (§5.1)", () => {
  it("§11.7 is a key-value store: set, get with fallback, has, delete", () => {
    const c = new Context();
    c.set("a", 1);
    expect(c.get("a")).toBe(1);
    expect(c.has("a")).toBe(true);
    expect(c.get("missing", "dflt")).toBe("dflt");
    expect(c.get("missing")).toBeUndefined();
    c.delete("a");
    expect(c.has("a")).toBe(false);
  });

  it("getString renders values as strings, fallback when absent", () => {
    const c = new Context({ s: "x", n: 2, b: true, o: { k: [1] }, nul: null });
    expect([c.getString("s"), c.getString("n"), c.getString("b"), c.getString("o"), c.getString("nul")]).toEqual([
      "x",
      "2",
      "true",
      '{"k":[1]}',
      "",
    ]);
    expect(c.getString("missing")).toBe("");
    expect(c.getString("missing", "d")).toBe("d");
  });

  it("keeps keys in insertion order and applies updates over existing values", () => {
    const c = new Context({ a: 1 });
    c.applyUpdates({ b: 2, a: 3 });
    c.applyUpdates(undefined);
    expect(c.keys()).toEqual(["a", "b"]);
    expect(c.get("a")).toBe(3);
  });

  it("snapshot is a deep copy", () => {
    const c = new Context({ obj: { list: [1] } });
    const snap = c.snapshot();
    (snap.obj as { list: number[] }).list.push(2);
    expect(c.get("obj")).toEqual({ list: [1] });
  });

  it("§3.8 clone isolates values (deep) and logs in both directions", () => {
    const parent = new Context({ shared: { n: 1 }, k: "p" });
    parent.appendLog("before");
    const child = parent.clone();
    expect(child.get("shared")).toEqual({ n: 1 });
    expect(child.logs).toEqual(["before"]);

    (child.get("shared") as { n: number }).n = 99;
    child.set("k", "c");
    child.set("only_child", true);
    child.appendLog("child");
    parent.set("only_parent", true);
    parent.appendLog("parent");

    expect(parent.get("shared")).toEqual({ n: 1 });
    expect(parent.get("k")).toBe("p");
    expect(parent.has("only_child")).toBe(false);
    expect(child.has("only_parent")).toBe(false);
    expect(parent.logs).toEqual(["before", "parent"]);
    expect(child.logs).toEqual(["before", "child"]);
  });

  it("the constructor copies its inputs", () => {
    const values = { a: 1 };
    const logs = ["x"];
    const c = new Context(values, logs);
    values.a = 2;
    logs.push("y");
    expect(c.get("a")).toBe(1);
    expect(c.logs).toEqual(["x"]);
  });
});

describe("stringify", () => {
  it("renders nullish as empty, primitives plainly, objects as JSON", () => {
    expect([
      stringify(undefined),
      stringify(null),
      stringify("s"),
      stringify(1.5),
      stringify(10n),
      stringify([1]),
    ]).toEqual(["", "", "s", "1.5", "10", "[1]"]);
  });
});
