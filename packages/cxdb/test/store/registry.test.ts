// The type registry: publication, identical re-publication, evolution conflicts (422), persistence.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RegistryConflictError, UnprocessableError } from "../../src/store/errors.js";
import { openStore, type Store } from "../../src/store/store.js";
import { MESSAGE_BUNDLE, memoryStore, tempDir } from "../helpers/store.js";

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(() => store.close());

const bundle = (id: string, types: Record<string, unknown>, enums: Record<string, unknown> = {}) =>
  JSON.stringify({ registry_version: 1, bundle_id: id, types, enums });
const msg = (version: string, fields: Record<string, unknown>) => ({
  "com.example.Message": { versions: { [version]: { fields } } },
});

describe("bundles", () => {
  it("stores a bundle once; an identical one (any whitespace or key order) is not new", () => {
    const first = store.putBundle(MESSAGE_BUNDLE.bundle_id, MESSAGE_BUNDLE);
    expect(first).toMatchObject({ created: true, bundleId: MESSAGE_BUNDLE.bundle_id });
    expect(first.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const reordered = JSON.stringify(
      {
        enums: MESSAGE_BUNDLE.enums,
        types: MESSAGE_BUNDLE.types,
        bundle_id: MESSAGE_BUNDLE.bundle_id,
        registry_version: 1,
      },
      null,
      2,
    );
    expect(store.putBundle(MESSAGE_BUNDLE.bundle_id, reordered)).toMatchObject({ created: false, etag: first.etag });
    expect(store.registry.getBundle(MESSAGE_BUNDLE.bundle_id)?.etag).toBe(first.etag);
    expect(store.registry.getBundle("2025-01-30T10:00:00Z")?.bundleId).toBe(MESSAGE_BUNDLE.bundle_id);
    expect(store.registry.lastBundleId).toBe(MESSAGE_BUNDLE.bundle_id);
    expect(store.registry.listTypes()).toEqual([
      { typeId: "com.example.Message", latestVersion: 1, versions: [1], bundleId: MESSAGE_BUNDLE.bundle_id },
      { typeId: "com.example.Tool", latestVersion: 1, versions: [1], bundleId: MESSAGE_BUNDLE.bundle_id },
    ]);
    expect([...store.registry.renderers()]).toEqual([["com.example.Message", { esmUrl: "builtin:Message" }]]);
    expect(store.putBundle("b2", bundle("b2", MESSAGE_BUNDLE.types, MESSAGE_BUNDLE.enums)).created).toBe(true);
  });

  it("allows compatible evolution: new versions with new tags, renames", () => {
    store.putBundle("v1", bundle("v1", msg("1", { "1": { name: "role", type: "string" } })));
    store.putBundle(
      "v2",
      bundle("v2", msg("2", { "1": { name: "who", type: "string" }, "2": { name: "text", type: "string" } })),
    );
    expect(store.registry.getLatestTypeVersion("com.example.Message")?.version).toBe(2);
    expect(store.registry.getTypeVersion("com.example.Message", 1)?.fields.get(1)?.name).toBe("role");
  });

  it("rejects conflicting evolution with RegistryConflictError (HTTP 422)", () => {
    store.putBundle(
      "v1",
      bundle("v1", msg("1", { "1": { name: "role", type: "string", enum: "R" } }), { R: { "1": "a" } }),
    );
    const conflicts: Array<[string, string, RegExp]> = [
      ["redefined", bundle("x1", msg("1", { "1": { name: "role", type: "bytes" } })), /version 1 differs/],
      ["tag reuse", bundle("x2", msg("2", { "1": { name: "role", type: "u64" } })), /reuses tag 1 with another type/],
      [
        "enum change",
        bundle("x3", msg("2", { "1": { name: "role", type: "string", enum: "Q" } }), { Q: { "1": "q" } }),
        /reuses tag 1/,
      ],
      ["enum remap", bundle("x4", {}, { R: { "1": "b" } }), /enum R already exists with a different mapping/],
      [
        "same id",
        bundle("v1", msg("9", { "1": { name: "role", type: "string", enum: "R" } })),
        /bundle v1 already exists with different content/,
      ],
    ];
    for (const [, body, message] of conflicts) {
      const id = JSON.parse(body).bundle_id as string;
      let error: unknown;
      try {
        store.putBundle(id, body);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RegistryConflictError);
      expect(error).toMatchObject({ status: 422, message: expect.stringMatching(message) });
    }
    expect(store.registry.stats()).toEqual({ bundles: 1, types: 1, enums: 1 });
  });

  it("rejects malformed bundles and missing enums with UnprocessableError naming the problem", () => {
    const cases: Array<[string, string, RegExp]> = [
      ["x", "{not json", /invalid bundle JSON/],
      ["x", JSON.stringify({ bundle_id: "x" }), /registry_version must be a positive integer/],
      ["x", bundle("y", {}), /does not match the path/],
      ["x", bundle("x", msg("one", {})), /version "one" is not a u32/],
      ["x", bundle("x", msg("1", { a: { name: "n", type: "string" } })), /field tag "a" is not a positive integer/],
      ["x", bundle("x", msg("1", { "1": { type: "string" } })), /needs a non-empty "name" and "type"/],
      [
        "x",
        bundle("x", msg("1", { "1": { name: "n", type: "string" }, "2": { name: "n", type: "u8" } })),
        /used twice/,
      ],
      ["x", bundle("x", msg("1", { "1": { name: "n", type: "u8", enum: "Missing" } })), /missing enum Missing/],
    ];
    for (const [id, body, message] of cases) expect(() => store.putBundle(id, body), String(message)).toThrow(message);
    expect(() => store.putBundle("x", "{}")).toThrow(UnprocessableError);
    expect(store.registry.stats().bundles).toBe(0);
  });

  it("persists bundles and rebuilds the registry when reopened", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = path.join(dir, "cxdb.sqlite");
      const a = await openStore(file);
      a.putBundle(MESSAGE_BUNDLE.bundle_id, MESSAGE_BUNDLE);
      a.close();
      const b = await openStore(file);
      expect(b.registry.getTypeVersion("com.example.Message", 1)?.fields.size).toBe(7);
      expect(b.registry.getEnum("com.example.Role")?.["3"]).toBe("assistant");
      expect(() => b.putBundle("z", bundle("z", msg("1", { "1": { name: "role", type: "bytes" } })))).toThrow(
        RegistryConflictError,
      );
      b.close();
    } finally {
      await cleanup();
    }
  });
});
