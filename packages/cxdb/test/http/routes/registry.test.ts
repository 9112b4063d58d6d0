// Registry routes: PUT/GET bundles with ETag, conflicting evolution (422), descriptors, types, renderers.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { envelope, type HttpFixture, httpFixture } from "../../helpers/http.js";
import { MESSAGE_BUNDLE } from "../../helpers/store.js";

let f: HttpFixture;
beforeEach(async () => {
  f = await httpFixture();
});
afterEach(() => f.close());

const url = `/v1/registry/bundles/${encodeURIComponent(MESSAGE_BUNDLE.bundle_id)}`;
const put = (target: string, body: unknown, contentType = "application/json") =>
  f.app.inject({
    method: "PUT",
    url: target,
    payload: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": contentType },
  });

describe("bundles", () => {
  it("creates (201), recognises an identical bundle (204), serves it with an ETag and 304", async () => {
    const created = await put(url, MESSAGE_BUNDLE);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ bundle_id: MESSAGE_BUNDLE.bundle_id });
    const etag = created.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const same = await put(url, JSON.stringify(MESSAGE_BUNDLE, null, 4), "text/plain");
    expect(same.statusCode).toBe(204);
    const got = await f.app.inject({ url });
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe(etag);
    expect(got.headers["cache-control"]).toContain("max-age=31536000");
    expect(got.json()).toEqual(MESSAGE_BUNDLE);
    const cached = await f.app.inject({ url, headers: { "if-none-match": etag } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe("");
    const prefix = await f.app.inject({ url: "/v1/registry/bundles/2025-01-30T10:00:00Z" });
    expect(prefix.statusCode).toBe(200);
    expect((await f.app.inject({ url: "/v1/registry/bundles/nope" })).statusCode).toBe(404);
  });

  it("rejects conflicting evolution and malformed bundles with 422, an empty body with 400", async () => {
    await put(url, MESSAGE_BUNDLE);
    const evolved = structuredClone(MESSAGE_BUNDLE) as {
      bundle_id: string;
      types: Record<string, { versions: Record<string, { fields: Record<string, unknown> }> }>;
    };
    evolved.bundle_id = "b2";
    evolved.types["com.example.Message"].versions["1"].fields["2"] = { name: "text", type: "bytes" };
    const conflict = await put("/v1/registry/bundles/b2", evolved);
    expect(conflict.statusCode).toBe(422);
    expect(envelope(conflict.body)).toMatchObject({ code: 422, message: expect.stringMatching(/version 1 differs/) });
    const malformed = await put("/v1/registry/bundles/b3", "{oops");
    expect(malformed.statusCode).toBe(422);
    expect(envelope(malformed.body).message).toMatch(/invalid bundle JSON/);
    const mismatch = await put("/v1/registry/bundles/other", { registry_version: 1, bundle_id: "b4", types: {} });
    expect(envelope(mismatch.body).message).toMatch(/does not match the path/);
    const empty = await f.app.inject({ method: "PUT", url: "/v1/registry/bundles/b5" });
    expect(empty.statusCode).toBe(400);
  });
});

describe("types and renderers", () => {
  it("serves descriptors, the type list and renderers", async () => {
    await put(url, MESSAGE_BUNDLE);
    const desc = await f.app.inject({ url: "/v1/registry/types/com.example.Message/versions/1" });
    expect(desc.json()).toMatchObject({
      type_id: "com.example.Message",
      type_version: 1,
      fields: {
        "1": { name: "role", type: "u8", enum: "com.example.Role" },
        "2": { name: "text", type: "string", optional: true },
      },
      renderer: { esm_url: "builtin:Message" },
    });
    expect((await f.app.inject({ url: "/v1/registry/types/com.example.Message/versions/2" })).statusCode).toBe(404);
    expect((await f.app.inject({ url: "/v1/registry/types/com.example.Message/versions/x" })).statusCode).toBe(400);
    expect((await f.app.inject({ url: "/v1/registry/types" })).json().types).toEqual([
      { type_id: "com.example.Message", latest_version: 1, versions: [1], bundle_id: MESSAGE_BUNDLE.bundle_id },
      { type_id: "com.example.Tool", latest_version: 1, versions: [1], bundle_id: MESSAGE_BUNDLE.bundle_id },
    ]);
    expect((await f.app.inject({ url: "/v1/registry/renderers" })).json()).toEqual({
      renderers: { "com.example.Message": { esm_url: "builtin:Message" } },
    });
  });
});
