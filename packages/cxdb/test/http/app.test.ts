// Health, metrics, CORS, and malformed or oversized requests: always the envelope, never a crash.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { envelope, type HttpFixture, httpFixture } from "../helpers/http.js";

let f: HttpFixture;
beforeEach(async () => {
  f = await httpFixture({ bodyLimitBytes: 1024 });
});
afterEach(() => f.close());

describe("health and metrics", () => {
  it("answers /healthz, /health, /v1/metrics and /v1/stats", async () => {
    const health = await f.app.inject({ url: "/healthz" });
    expect([health.statusCode, health.body, health.headers["content-type"]]).toEqual([200, "ok", "text/plain"]);
    expect((await f.app.inject({ url: "/health" })).json()).toMatchObject({ status: "ok", version: "0.1.0" });
    const ctx = f.store.createContext().contextId;
    f.store.append(ctx, { typeId: "t", typeVersion: 1, payload: 1 });
    f.store.getLast(ctx, 5);
    const metrics = (await f.app.inject({ url: "/v1/metrics" })).json();
    expect(metrics).toMatchObject({
      objects: { contexts_total: 1, turns_total: 1, blobs_total: 1 },
      perf: { append_total: 1, get_last_total: 1, append_latency_ms: { count: 1 } },
      errors: { total: 0 },
    });
    expect(metrics.perf.http_req_total).toBeGreaterThanOrEqual(2);
    expect((await f.app.inject({ url: "/v1/stats" })).json()).toMatchObject({ contexts: 1, turns: 1, blobs: 1 });
  });
});

describe("bad requests", () => {
  it("answers oversized bodies, malformed JSON, unknown routes and methods with the envelope", async () => {
    const big = await f.app.inject({ method: "POST", url: "/v1/contexts", payload: { title: "x".repeat(2000) } });
    expect(big.statusCode).toBe(413);
    expect(envelope(big.body)).toEqual({ code: 413, message: "request body is larger than the 1024-byte limit" });
    const broken = await f.app.inject({
      method: "POST",
      url: "/v1/contexts",
      payload: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(broken.statusCode).toBe(400);
    expect(envelope(broken.body).message).toMatch(/JSON/);
    const form = await f.app.inject({
      method: "POST",
      url: "/v1/contexts",
      payload: "a=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.statusCode).toBe(415);
    expect(envelope(form.body).message).toMatch(/unsupported content type/);
    const route = await f.app.inject({ url: "/v2/everything?x=1" });
    expect(envelope(route.body)).toEqual({ code: 404, message: "no route for GET /v2/everything" });
    const url = await f.app.inject({ url: "/v1/contexts/%E0%A4%A" });
    expect(envelope(url.body)).toMatchObject({ code: 400, message: expect.stringMatching(/^malformed URL: /) });
    const method = await f.app.inject({ method: "DELETE", url: "/v1/contexts" });
    expect(method.statusCode).toBe(404);
    expect((await f.app.inject({ url: "/healthz" })).statusCode).toBe(200);
  });

  it("allows browsers (CORS)", async () => {
    const pre = await f.app.inject({ method: "OPTIONS", url: "/v1/contexts" });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers["access-control-allow-methods"]).toContain("POST");
    expect((await f.app.inject({ url: "/v1/contexts" })).headers["access-control-allow-origin"]).toBe("*");
  });
});

describe("fuzz", () => {
  it("answers random requests with a 2xx/3xx or a 4xx envelope, never a 500", async () => {
    const ctx = f.store.createContext().contextId;
    f.store.append(ctx, { typeId: "t", typeVersion: 1, payload: 1 });
    const segment = fc.oneof(
      fc.constantFrom(
        "v1",
        "contexts",
        "turns",
        "append",
        "append-batch",
        "fork",
        "search",
        "registry",
        "bundles",
        "types",
        "versions",
        "blobs",
        "fs",
        "1",
        "2",
        "0",
        "%ZZ",
        "..",
        "x".repeat(300),
      ),
      fc.string({ maxLength: 8 }).map(encodeURIComponent),
    );
    const request = fc.record({
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "OPTIONS"),
      path: fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join("/")}`),
      query: fc.constantFrom(
        "",
        "?limit=-1",
        "?view=raw",
        "?u64_format=number",
        "?q=tag%20%3D",
        "?before_turn_id=1",
        "?limit=99999999",
      ),
      body: fc.oneof(
        fc.constant(undefined),
        fc.json().map((text) => text),
        fc.string({ maxLength: 200 }),
        fc.constant('{"type_id":"t","type_version":1,"payload_base64":"gaFhAQ=="}'),
        fc.constant('{"turns":[{"type_id":"t","type_version":1,"data":{"1":2}}]}'),
      ),
      contentType: fc.constantFrom("application/json", "text/plain", "application/octet-stream"),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await f.app.inject({
          method: r.method as "GET",
          url: `${r.path}${r.query}`,
          payload: r.body,
          headers: r.body === undefined ? {} : { "content-type": r.contentType },
        });
        expect(res.statusCode, `${r.method} ${r.path}${r.query} ${r.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(envelope(res.body).code).toBe(res.statusCode);
      }),
      { numRuns: 400 },
    );
    expect(f.store.getLast(ctx, 100).length).toBeGreaterThanOrEqual(1);
  });
});
