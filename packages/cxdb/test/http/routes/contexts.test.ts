// Context routes: list, search, create/fork, details, children, provenance.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { envelope, type HttpFixture, httpFixture } from "../../helpers/http.js";
import { conversationItem } from "../../helpers/store.js";

let f: HttpFixture;
beforeEach(async () => {
  f = await httpFixture();
});
afterEach(() => f.close());

const seed = () => {
  const { store } = f;
  const a = store.createContext();
  const first = store.append(a.contextId, {
    typeId: "cxdb.ConversationItem",
    typeVersion: 1,
    payload: conversationItem({
      clientTag: "amplifier",
      title: "Plan",
      labels: ["prod"],
      provenance: { 10: "tr-1", 40: "svc" },
    }),
  });
  const b = store.fork(first.turnId);
  return { a: a.contextId, b: b.contextId, first: first.turnId };
};

describe("GET /v1/contexts", () => {
  it("lists contexts newest first with CXDB's fields, ids as strings by default", async () => {
    seed();
    const res = await f.app.inject({ url: "/v1/contexts" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ count: 2, total: 2, active_sessions: [], active_tags: [] });
    expect(body.contexts[1]).toEqual({
      context_id: "1",
      head_turn_id: "1",
      head_depth: 0,
      created_at_unix_ms: expect.any(Number),
      is_live: false,
      base_turn_id: "0",
      client_tag: "amplifier",
      title: "Plan",
      labels: ["prod"],
    });
    expect(body.contexts[0]).toMatchObject({ context_id: "2", forked_from_context_id: "1", base_turn_id: "1" });
  });

  it("supports u64_format=number, include_provenance, tag, limit/offset; rejects bad parameters", async () => {
    seed();
    const res = await f.app.inject({
      url: "/v1/contexts?u64_format=number&include_provenance=1&limit=1&offset=1&tag=amplifier",
    });
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.contexts).toHaveLength(1);
    expect(body.contexts[0].context_id).toBe(1);
    expect(body.contexts[0].provenance).toMatchObject({
      trace_id: "tr-1",
      service_name: "svc",
      parent_context_id: null,
    });
    for (const [query, message] of [
      ["u64_format=hex", /u64_format must be one of string, number/],
      ["limit=-1", /limit must be an integer from 0 to 10000/],
      ["include_provenance=yes", /include_provenance must be 0 or 1/],
    ] as const) {
      const bad = await f.app.inject({ url: `/v1/contexts?${query}` });
      expect(bad.statusCode).toBe(400);
      expect(envelope(bad.body)).toMatchObject({ code: 400, message: expect.stringMatching(message) });
    }
  });

  it("shows live sessions and their tags", async () => {
    const session = f.store.sessions.open({ clientTag: "writer", peerAddr: "127.0.0.1:1234" });
    f.store.createContext({ sessionId: session });
    const body = (await f.app.inject({ url: "/v1/contexts" })).json();
    expect(body.contexts[0]).toMatchObject({ is_live: true, client_tag: "writer", session_id: String(session) });
    expect(body.active_sessions).toEqual([
      expect.objectContaining({
        session_id: String(session),
        client_tag: "writer",
        context_count: 1,
        peer_addr: "127.0.0.1:1234",
      }),
    ]);
    expect(body.active_tags).toEqual(["writer"]);
  });
});

describe("GET /v1/contexts/search", () => {
  it("answers CQL queries and reports parse errors with their position", async () => {
    const { a } = seed();
    const ok = await f.app.inject({
      url: `/v1/contexts/search?q=${encodeURIComponent('tag = "amplifier" AND depth = 0')}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      total_count: 2,
      query: 'tag = "amplifier" AND depth = 0',
      elapsed_ms: expect.any(Number),
    });
    const limited = await f.app.inject({ url: `/v1/contexts/search?limit=1&q=${encodeURIComponent(`id = ${a}`)}` });
    expect(limited.json().contexts).toEqual([expect.objectContaining({ context_id: "1", title: "Plan" })]);
    const bad = await f.app.inject({ url: `/v1/contexts/search?q=${encodeURIComponent('tag = "x" AND colour = 1')}` });
    expect(bad.statusCode).toBe(400);
    expect(envelope(bad.body)).toMatchObject({
      code: 400,
      error_type: "unknown_field",
      position: { line: 1, column: 15, offset: 14 },
      field: "colour",
    });
    const missing = await f.app.inject({ url: "/v1/contexts/search" });
    expect(envelope(missing.body)).toEqual({ code: 400, message: "missing required 'q' parameter" });
  });
});

describe("create, fork, details, children, provenance", () => {
  it("creates (both URLs) and forks contexts", async () => {
    const made = await f.app.inject({ method: "POST", url: "/v1/contexts", payload: {} });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toEqual({ context_id: "1", head_turn_id: "0", head_depth: 0 });
    const viaCreate = await f.app.inject({
      method: "POST",
      url: "/v1/contexts/create",
      payload: { base_turn_id: "0", title: "T", labels: ["x"] },
    });
    expect(viaCreate.json().context_id).toBe("2");
    expect(f.store.getContextMetadata(2)).toEqual({ title: "T", labels: ["x"] });
    const t = f.store.append(1, { typeId: "t", typeVersion: 1, payload: 1 });
    const fork = await f.app.inject({
      method: "POST",
      url: "/v1/contexts/fork?u64_format=number",
      payload: { base_turn_id: t.turnId },
    });
    expect(fork.json()).toEqual({ context_id: 3, head_turn_id: t.turnId, head_depth: 0 });
    const errors: Array<[string, unknown, number, RegExp]> = [
      ["/v1/contexts/fork", {}, 400, /base_turn_id is required/],
      ["/v1/contexts/fork", { base_turn_id: 99 }, 404, /base turn not found: 99/],
      ["/v1/contexts", { base_turn_id: "abc" }, 400, /base_turn_id must be a decimal u64/],
      ["/v1/contexts", { title: 5 }, 400, /title must be a string/],
      ["/v1/contexts", [1], 400, /request body must be a JSON object/],
    ];
    for (const [url, payload, status, message] of errors) {
      const res = await f.app.inject({ method: "POST", url, payload: payload as object });
      expect(res.statusCode, url).toBe(status);
      expect(envelope(res.body).message).toMatch(message);
    }
  });

  it("shows one context, its children and its provenance", async () => {
    const { a, b } = seed();
    const one = await f.app.inject({ url: `/v1/contexts/${a}` });
    expect(one.json()).toMatchObject({ context_id: "1", title: "Plan", provenance: { trace_id: "tr-1" } });
    const kids = await f.app.inject({ url: `/v1/contexts/${a}/children` });
    expect(kids.json()).toMatchObject({
      context_id: "1",
      count: 1,
      children: [{ context_id: String(b), link: "fork" }],
    });
    const prov = await f.app.inject({ url: `/v1/contexts/${a}/provenance` });
    expect(prov.json()).toMatchObject({
      context_id: "1",
      provenance: { trace_id: "tr-1", service_name: "svc", host_name: null },
    });
    const none = f.store.createContext();
    expect((await f.app.inject({ url: `/v1/contexts/${none.contextId}/provenance` })).json()).toEqual({
      context_id: String(none.contextId),
      provenance: null,
    });
    for (const url of ["/v1/contexts/42", "/v1/contexts/42/children", "/v1/contexts/42/provenance"]) {
      const res = await f.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(envelope(res.body)).toEqual({ code: 404, message: "context not found: 42" });
    }
    expect((await f.app.inject({ url: "/v1/contexts/x1" })).statusCode).toBe(400);
  });
});
