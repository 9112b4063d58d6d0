import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTwinApp } from "../../../src/kit/build-twin-app.js";
import type { JournalEntry } from "../../../src/kit/journal.js";

let app: FastifyInstance;
beforeEach(() => {
  app = buildTwinApp("openai");
});
afterEach(() => app.close());

const ask = (input: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: "POST",
    url: "/v1/responses",
    headers: { authorization: "Bearer sk-admin-test", ...headers },
    payload: { model: "gpt-4.1", input },
  });

describe("admin API", () => {
  it("GET /_twin/ describes the twin", async () => {
    const info = (await app.inject({ url: "/_twin/" })).json();
    expect(info).toMatchObject({ name: "openai", title: "OpenAI", sdkBaseUrlPath: "/v1", journalEntries: 0 });
  });

  it("PUT /_twin/script loads YAML, POST loads JSON; GET shows script and state", async () => {
    const put = await app.inject({
      method: "PUT",
      url: "/_twin/script",
      headers: { "content-type": "application/yaml" },
      payload: "rules:\n  - match: { userText: ping }\n    reply: { text: pong }\n",
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ ok: true, mode: "free", rules: 1 });
    expect((await ask("ping")).json().output[0].content[0].text).toBe("pong");
    const posted = await app.inject({
      method: "POST",
      url: "/_twin/script",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ mode: "ordered", rules: [{ reply: { text: "first" } }] }),
    });
    expect(posted.json()).toEqual({ ok: true, mode: "ordered", rules: 1 });
    const state = (await app.inject({ url: "/_twin/script" })).json();
    expect(state.state).toEqual({ mode: "ordered", strict: false, position: 0, fired: [0], requests: 0 });
    await app.inject({ method: "DELETE", url: "/_twin/script" });
    expect((await ask("ping")).json().output[0].content[0].text).toBe("Echo: ping");
  });

  it("a bad script is a 400 with file:line:col", async () => {
    const response = await app.inject({
      method: "PUT",
      url: "/_twin/script",
      headers: { "content-type": "text/yaml" },
      payload: "rules:\n  - reply: { txt: x }\n",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe(
      "<request body>:2:14: rules[0].reply.txt: unknown key 'txt' (expected one of: text, json, toolCalls, reasoning, finishReason, usage)",
    );
    expect((await app.inject({ method: "PUT", url: "/_twin/script", payload: "" })).statusCode).toBe(400);
  });

  it("GET /_twin/journal lists requests with secrets redacted, filtered", async () => {
    await ask("one", { "x-request-id": "req_client_1" });
    await app.inject({ url: "/v1/models", headers: { authorization: "Bearer sk-admin-test" } });
    await app.inject({ url: "/v1/models" }); // 401
    const all = await app.inject({ url: "/_twin/journal" });
    expect(all.headers["x-total-count"]).toBe("3");
    const entries = all.json().entries as JournalEntry[];
    expect(entries.map((e) => `${e.method} ${e.path} ${e.response?.status}`)).toEqual([
      "POST /v1/responses 200",
      "GET /v1/models 200",
      "GET /v1/models 401",
    ]);
    const first = entries[0];
    expect(first.requestId).toBe("req_client_1");
    expect(first.headers.authorization).toBe("Bearer [redacted]");
    expect(first.body).toEqual({ model: "gpt-4.1", input: "one" });
    expect(first.model).toBe("gpt-4.1");
    expect(first.response?.headers["x-request-id"]).toBe("req_client_1");
    expect((first.response?.body as { output?: unknown[] } | undefined)?.output).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain("sk-admin-test");
    const filtered = (q: string) => app.inject({ url: `/_twin/journal?${q}` }).then((r) => r.json().entries.length);
    expect(await filtered("path=/v1/models")).toBe(2);
    expect(await filtered("method=post")).toBe(1);
    expect(await filtered("status=401")).toBe(1);
    expect(await filtered("model=gpt-4*")).toBe(1);
    expect(await filtered("since=2")).toBe(1);
    expect(await filtered("limit=1")).toBe(1);
    expect(await filtered("requestId=req_client_1")).toBe(1);
    // Paging back from the newest: the total counts every entry that passes the filters.
    const page = await app.inject({ url: "/_twin/journal?path=/v1/*&limit=1&offset=1" });
    expect(page.headers["x-total-count"]).toBe("3");
    expect(page.json().total).toBe(3);
    expect(page.json().entries.map((e: JournalEntry) => e.response?.status)).toEqual([200]);
    expect(page.json().entries[0].path).toBe("/v1/models");
    expect((await app.inject({ url: "/_twin/journal?status=abc" })).statusCode).toBe(400);
    expect((await app.inject({ url: "/_twin/journal?offset=-1" })).statusCode).toBe(400);
  });

  it("admin requests are not journaled and need no API key", async () => {
    await app.inject({ url: "/_twin/faults" });
    expect((await app.inject({ url: "/_twin/journal" })).json().entries).toEqual([]);
  });

  it("POST/GET/DELETE /_twin/faults", async () => {
    const added = await app.inject({
      method: "POST",
      url: "/_twin/faults",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ path: "/v1/responses", nth: 1, fault: { kind: "server_error", status: 503 } }),
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().rules[0]).toMatchObject({ id: "f1", nth: 1 });
    expect((await ask("x")).statusCode).toBe(503);
    expect((await ask("x")).statusCode).toBe(200);
    expect((await app.inject({ url: "/_twin/faults" })).json().rules[0]).toMatchObject({ matched: 2, fired: 1 });
    const bad = await app.inject({ method: "POST", url: "/_twin/faults", payload: "fault: { kind: boom }" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^<request body>:1:16: fault\.kind: expected one of/);
    expect((await app.inject({ method: "DELETE", url: "/_twin/faults?id=f9" })).statusCode).toBe(404);
    expect((await app.inject({ method: "DELETE", url: "/_twin/faults" })).json()).toEqual({ removed: 1 });
  });

  it("POST /_twin/reset clears journal, script position, faults and cache", async () => {
    await app.inject({
      method: "PUT",
      url: "/_twin/script",
      payload: "mode: ordered\nrules:\n  - reply: { text: only once }\n",
    });
    await app.inject({ method: "POST", url: "/_twin/faults", payload: "{ path: /nowhere, fault: hang }" });
    expect((await ask("a")).json().output[0].content[0].text).toBe("only once");
    expect((await ask("b")).statusCode).toBe(400);
    expect((await app.inject({ method: "POST", url: "/_twin/reset" })).json()).toEqual({ ok: true });
    expect((await app.inject({ url: "/_twin/journal" })).json().entries).toEqual([]);
    expect((await app.inject({ url: "/_twin/faults" })).json().rules).toEqual([]);
    expect((await ask("c")).json().output[0].content[0].text).toBe("only once");
  });

  it("GET /_twin/ui is a self-contained page", async () => {
    const page = await app.inject({ url: "/_twin/ui" });
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain("<title>OpenAI twin — journal</title>");
    expect(page.body).toContain('new EventSource("events")');
    expect(page.body).not.toMatch(/<(script|link)[^>]+(src|href)="(?!data:)/);
  });
});
