import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePartialJson } from "../../src/json/partial-json.js";

const partial = (value: unknown) => ({ state: "partial", value });

describe("parsePartialJson", () => {
  it("parses complete JSON like JSON.parse", () => {
    for (const text of ['{"a":1,"b":[true,false,null],"c":"x\\ny"}', "[]", "{}", ' "s" ', "-1.5e3", "0", "null"]) {
      expect(parsePartialJson(text)).toEqual({ state: "complete", value: JSON.parse(text) });
    }
  });

  it("reports empty text", () => {
    expect(parsePartialJson("")).toEqual({ state: "empty" });
    expect(parsePartialJson("  \n")).toEqual({ state: "empty" });
    expect(parsePartialJson("-")).toEqual({ state: "empty" });
  });

  it("closes unfinished objects and arrays", () => {
    expect(parsePartialJson("{")).toEqual(partial({}));
    expect(parsePartialJson('{"a": 1, "b": [1, 2')).toEqual(partial({ a: 1, b: [1, 2] }));
    expect(parsePartialJson('{"items": [1, 2, {"na')).toEqual(partial({ items: [1, 2, {}] }));
    expect(parsePartialJson("[[[")).toEqual(partial([[[]]]));
  });

  it("leaves out a property whose name or value has not begun", () => {
    expect(parsePartialJson('{"a": 1, "b')).toEqual(partial({ a: 1 }));
    expect(parsePartialJson('{"a": 1, "b"')).toEqual(partial({ a: 1 }));
    expect(parsePartialJson('{"a": 1, "b":')).toEqual(partial({ a: 1 }));
    expect(parsePartialJson('{"a": 1, "b": ')).toEqual(partial({ a: 1 }));
    expect(parsePartialJson('{"a": 1,')).toEqual(partial({ a: 1 }));
  });

  it("keeps unfinished strings, numbers and literals", () => {
    expect(parsePartialJson('{"name": "Ali')).toEqual(partial({ name: "Ali" }));
    expect(parsePartialJson('["a\\')).toEqual(partial(["a"]));
    expect(parsePartialJson('["a\\u00')).toEqual(partial(["a"]));
    expect(parsePartialJson('["\\ud83d')).toEqual(partial([""]));
    expect(parsePartialJson('["\\ud83d\\ude00')).toEqual(partial(["😀"]));
    expect(parsePartialJson('{"n": 12')).toEqual(partial({ n: 12 }));
    expect(parsePartialJson('{"n": 1.')).toEqual(partial({ n: 1 }));
    expect(parsePartialJson('{"n": 2e')).toEqual(partial({ n: 2 }));
    expect(parsePartialJson('{"n": -')).toEqual(partial({}));
    expect(parsePartialJson("[tr")).toEqual(partial([true]));
    expect(parsePartialJson("[f")).toEqual(partial([false]));
    expect(parsePartialJson('{"x": nu')).toEqual(partial({ x: null }));
  });

  it("reports text that can never become JSON", () => {
    for (const text of [
      '{"a" 1}',
      "[1 2]",
      "{a: 1}",
      '{"a": tx}',
      "[01]",
      '{"a": 1}}',
      "[1,]",
      '{"a":1,}',
      '"\u0001"',
      "'x'",
    ]) {
      expect(parsePartialJson(text).state, text).toBe("invalid");
    }
  });

  it("makes __proto__ an own property, as JSON.parse does", () => {
    const result = parsePartialJson('{"__proto__": {"polluted": true}, "a": 1');
    expect(result.state).toBe("partial");
    const value = (result as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("property: every prefix of a JSON text parses (never invalid), and the whole text parses as JSON.parse", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        for (let end = 0; end < text.length; end++) {
          const result = parsePartialJson(text.slice(0, end));
          if (result.state === "invalid") throw new Error(`prefix ${JSON.stringify(text.slice(0, end))} was invalid`);
        }
        expect(parsePartialJson(text)).toEqual({ state: "complete", value: JSON.parse(text) });
      }),
      { numRuns: 300 },
    );
  });

  it("property: agrees with JSON.parse on whether arbitrary text is complete JSON", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let expected: unknown;
        let ok = true;
        try {
          expected = JSON.parse(text);
        } catch {
          ok = false;
        }
        const result = parsePartialJson(text);
        if (ok) expect(result).toEqual({ state: "complete", value: expected });
        else expect(result.state).not.toBe("complete");
      }),
      { numRuns: 2000 },
    );
  });
});
