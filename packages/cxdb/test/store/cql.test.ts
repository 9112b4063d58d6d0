// CQL: parsing (precedence, lists, values), errors with positions, and search over contexts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCql } from "../../src/store/cql/parser.js";
import { CqlError } from "../../src/store/errors.js";
import type { Store } from "../../src/store/store.js";
import { conversationItem, memoryStore } from "../helpers/store.js";

describe("parseCql", () => {
  it("parses precedence (NOT > AND > OR), parentheses, IN lists and value kinds", () => {
    const q = parseCql(`tag = "a" OR NOT tag = 'b' AND depth >= 2`);
    expect(q.ast.type).toBe("or");
    const right = q.ast.type === "or" ? q.ast.right : undefined;
    expect(right?.type).toBe("and");
    expect(parseCql(`(tag = "a" OR tag = "b") and user ~= "Jay"`).ast.type).toBe("and");
    expect(parseCql(`tag IN ("a", "b", "c")`).ast).toMatchObject({
      type: "comparison",
      field: "tag",
      operator: "in",
      value: { type: "list", values: [{ value: "a" }, { value: "b" }, { value: "c" }] },
    });
    expect(parseCql(`created > "-24h"`).ast).toMatchObject({ value: { type: "date", value: "-24h", relative: true } });
    expect(parseCql(`created >= "2025-01-30"`).ast).toMatchObject({ value: { type: "date", relative: false } });
    expect(parseCql(`is_live = TRUE`).ast).toMatchObject({ value: { type: "string", value: "true" } });
    expect(parseCql(`id IN (1, "2")`).ast).toMatchObject({
      value: { values: [{ value: 1 }, { type: "number", value: 2 }] },
    });
    expect(parseCql(`title = "say \\"hi\\"\\n"`).ast).toMatchObject({ value: { value: 'say "hi"\n' } });
  });

  it("reports errors with type, line, column and offset", () => {
    const cases: Array<[string, string, number, number, RegExp]> = [
      ["", "syntax_error", 1, 1, /Empty query/],
      [`nope = "x"`, "unknown_field", 1, 1, /Unknown field 'nope'. Valid fields: id, tag/],
      [`tag > "x"`, "invalid_operator", 1, 5, /Operator > is not supported for field 'tag'/],
      [`depth = "deep"`, "invalid_value", 1, 9, /Field 'depth' expects a number/],
      [`created < "soon"`, "invalid_value", 1, 11, /expects a time/],
      [`tag = "open`, "syntax_error", 1, 7, /Unterminated string/],
      [`tag = "a" AND\n  title ! "b"`, "syntax_error", 2, 9, /Expected '=' after '!'/],
      [`tag = "a" "b"`, "syntax_error", 1, 11, /Unexpected string "b" after expression/],
      [`(tag = "a"`, "syntax_error", 1, 11, /Expected '\)' but found end of query/],
      [`tag IN "a"`, "syntax_error", 1, 8, /Expected '\(' after IN/],
      [`tag = @`, "syntax_error", 1, 7, /Unexpected character '@'/],
      [`tag "a"`, "syntax_error", 1, 5, /Expected operator after 'tag'/],
    ];
    for (const [query, errorType, line, column, message] of cases) {
      let error: CqlError | undefined;
      try {
        parseCql(query);
      } catch (e) {
        error = e as CqlError;
      }
      expect(error, query).toBeInstanceOf(CqlError);
      expect(error?.errorType, query).toBe(errorType);
      expect(error?.position, query).toMatchObject({ line, column });
      expect(error?.message, query).toMatch(message);
      expect(error?.status).toBe(400);
    }
  });
});

describe("searchContexts", () => {
  let store: Store;
  const now = Date.UTC(2025, 0, 30, 12);
  let clock = now - 48 * 3_600_000;
  beforeEach(async () => {
    clock = now - 48 * 3_600_000;
    store = await memoryStore({ now: () => clock });
    const make = (clientTag: string, labels: string[], prov: Record<number, unknown>, turns: number) => {
      const ctx = store.createContext();
      store.append(ctx.contextId, {
        typeId: "cxdb.ConversationItem",
        typeVersion: 1,
        payload: conversationItem({ clientTag, title: `${clientTag} run`, labels, provenance: prov }),
      });
      for (let i = 1; i < turns; i++) store.append(ctx.contextId, { typeId: "t", typeVersion: 1, payload: i });
      clock += 24 * 3_600_000;
      return ctx.contextId;
    };
    make("amplifier", ["prod"], { 20: "jay", 40: "dotrunner", 45: "box-1", 10: "tr-1" }, 1);
    make("dotrunner", ["prod", "nightly"], { 20: "Jay", 40: "gen", 1: 1, 3: 1 }, 3);
    make("test", [], { 40: "DOTTY" }, 5);
  });
  afterEach(() => store.close());

  const ids = (q: string): number[] => store.searchContexts(q).contexts.map((c) => c.contextId);

  it("evaluates every field and operator", () => {
    expect(ids(`tag = "amplifier"`)).toEqual([1]);
    expect(ids(`tag != "amplifier"`)).toEqual([3, 2]);
    expect(ids(`tag ^= "dot"`)).toEqual([2]);
    expect(ids(`user ~= "JAY"`)).toEqual([2, 1]);
    expect(ids(`service ^~= "dot"`)).toEqual([3, 1]);
    expect(ids(`label = "prod" AND NOT label = "nightly"`)).toEqual([1]);
    expect(ids(`label IN ("nightly", "none")`)).toEqual([2]);
    expect(ids(`title = "test run"`)).toEqual([3]);
    expect(ids(`host = "box-1" OR trace_id = "tr-1"`)).toEqual([1]);
    expect(ids(`parent = 1 AND root = 1`)).toEqual([2]);
    expect(ids(`id IN (1, 3)`)).toEqual([3, 1]);
    expect(ids(`depth >= 2`)).toEqual([3, 2]);
    expect(ids(`depth < 1`)).toEqual([1]);
    clock = now;
    expect(ids(`created > "-30h"`)).toEqual([3, 2]);
    expect(ids(`created < "2025-01-29"`)).toEqual([1]);
    expect(ids(`created >= ${now - 48 * 3_600_000}`)).toEqual([3, 2, 1]);
  });

  it("sees live sessions, limits and counts", () => {
    expect(ids(`is_live = true`)).toEqual([]);
    const session = store.sessions.open({ clientTag: "live-writer" });
    const live = store.createContext({ sessionId: session });
    expect(ids(`is_live = true`)).toEqual([live.contextId]);
    expect(ids(`tag = "live-writer"`)).toEqual([live.contextId]);
    expect(ids(`is_live != true`)).toEqual([3, 2, 1]);
    const limited = store.searchContexts(`depth >= 0`, { limit: 2 });
    expect(limited.totalCount).toBe(4);
    expect(limited.contexts).toHaveLength(2);
    expect(limited.query.raw).toBe("depth >= 0");
    expect(() => store.searchContexts(`tag =`)).toThrow(CqlError);
  });
});
