// Blob routes and file-system snapshot routes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blake3Hex } from "../../../src/store/hash.js";
import { envelope, type HttpFixture, httpFixture } from "../../helpers/http.js";
import { FSTREE_FIXTURE } from "../../helpers/store.js";

let f: HttpFixture;
beforeEach(async () => {
  f = await httpFixture();
});
afterEach(() => f.close());

describe("blobs", () => {
  it("stores bytes under their hash and serves them back", async () => {
    const hello = FSTREE_FIXTURE.blake3.hello;
    const put = await f.app.inject({
      method: "PUT",
      url: `/v1/blobs/${hello}`,
      payload: Buffer.from("hello"),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(put.statusCode).toBe(201);
    expect(put.json()).toEqual({ hash: hello, was_new: true });
    const again = await f.app.inject({ method: "PUT", url: `/v1/blobs/${hello}`, payload: Buffer.from("hello") });
    expect(again.statusCode).toBe(200);
    expect(again.json().was_new).toBe(false);
    const got = await f.app.inject({ url: `/v1/blobs/${hello}` });
    expect(got.headers["content-type"]).toBe("application/octet-stream");
    expect(got.body).toBe("hello");
    const wrong = await f.app.inject({
      method: "PUT",
      url: `/v1/blobs/${FSTREE_FIXTURE.blake3.empty}`,
      payload: Buffer.from("hello"),
    });
    expect(wrong.statusCode).toBe(422);
    expect(envelope(wrong.body).message).toMatch(/content hash mismatch/);
    expect((await f.app.inject({ url: `/v1/blobs/${"00".repeat(32)}` })).statusCode).toBe(404);
    expect(envelope((await f.app.inject({ url: "/v1/blobs/xyz" })).body)).toMatchObject({
      code: 400,
      message: expect.stringMatching(/64 hex digits/),
    });
  });
});

describe("file-system snapshots", () => {
  it("lists directories, serves files raw or as JSON, attaches roots, and inherits them", async () => {
    const root = f.store.putFileTree([
      { path: "README.md", content: "# hi\n" },
      { path: "src/main.go", content: "package main\n", mode: 0o755 },
    ]);
    const ctx = f.store.createContext().contextId;
    const t1 = f.store.append(ctx, { typeId: "t", typeVersion: 1, payload: 1 }).turnId;
    const t2 = f.store.append(ctx, { typeId: "t", typeVersion: 1, payload: 2 }).turnId;
    const attach = await f.app.inject({ method: "POST", url: `/v1/turns/${t1}/fs`, payload: { fs_root_hash: root } });
    expect(attach.json()).toEqual({ turn_id: String(t1), fs_root_hash: root });
    const listing = await f.app.inject({ url: `/v1/turns/${t2}/fs` });
    expect(listing.json()).toEqual({
      turn_id: String(t2),
      path: "",
      fs_root_hash: root,
      entries: [
        { name: "README.md", kind: "file", mode: "644", size: 5, hash: blake3Hex(Buffer.from("# hi\n")) },
        { name: "src", kind: "dir", mode: "755", size: 0, hash: expect.any(String) },
      ],
    });
    expect((await f.app.inject({ url: `/v1/turns/${t2}/fs?path=src` })).json().entries[0]).toMatchObject({
      name: "main.go",
      mode: "755",
    });
    const file = await f.app.inject({ url: `/v1/turns/${t2}/fs/src/main.go` });
    expect(file.body).toBe("package main\n");
    expect(file.headers["content-type"]).toContain("text/x-go");
    expect(file.headers["x-fs-mode"]).toBe("755");
    const asJson = await f.app.inject({ url: `/v1/turns/${t2}/fs/README.md?format=json` });
    expect(asJson.json()).toMatchObject({
      path: "README.md",
      kind: "file",
      content_base64: Buffer.from("# hi\n").toString("base64"),
    });
    expect((await f.app.inject({ url: `/v1/turns/${t2}/fs/src` })).json().entries).toHaveLength(1);
    const errors: Array<[string, number, RegExp]> = [
      [`/v1/turns/${t2}/fs/nope.txt`, 404, /path not found in snapshot: nope.txt/],
      ["/v1/turns/99/fs", 404, /turn not found: 99/],
    ];
    for (const [url, status, message] of errors) {
      const res = await f.app.inject({ url });
      expect(res.statusCode).toBe(status);
      expect(envelope(res.body).message).toMatch(message);
    }
    const other = f.store.createContext().contextId;
    const bare = f.store.append(other, { typeId: "t", typeVersion: 1, payload: 3 }).turnId;
    expect(envelope((await f.app.inject({ url: `/v1/turns/${bare}/fs` })).body).message).toMatch(
      /no file-system snapshot/,
    );
    const badAttach = await f.app.inject({ method: "POST", url: `/v1/turns/${t1}/fs`, payload: {} });
    expect(badAttach.statusCode).toBe(400);
  });
});
