// Where `factory run` records: --store / --no-store / default / resume, and the run directory's
// cxdb.json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readRunRecord, resolveStoreTarget, writeRunRecord } from "../../src/record/run-record.js";
import { tempDir } from "../helpers/run-io.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir({}));
});
afterEach(() => cleanup());

describe("resolveStoreTarget", () => {
  const at = (previous?: { store: string; contextId: number }) => ({
    logsRoot: path.join(dir, "run"),
    cwd: dir,
    previous,
  });

  it("defaults to cxdb.sqlite in the run directory, or to the store a resumed run used", () => {
    expect(resolveStoreTarget(undefined, at())).toBe(path.join(dir, "run", "cxdb.sqlite"));
    expect(resolveStoreTarget(undefined, at({ store: "http://h:9010", contextId: 3 }))).toBe("http://h:9010");
  });

  it("takes a file (relative to the cwd), a directory (its cxdb.sqlite) or a URL; --no-store is none", () => {
    expect(resolveStoreTarget("stores/a.sqlite", at())).toBe(path.join(dir, "stores", "a.sqlite"));
    mkdirSync(path.join(dir, "shared"));
    expect(resolveStoreTarget("shared", at())).toBe(path.join(dir, "shared", "cxdb.sqlite"));
    expect(resolveStoreTarget("http://127.0.0.1:9010/", at())).toBe("http://127.0.0.1:9010");
    expect(resolveStoreTarget("HTTPS://cxdb.example/base", at())).toBe("https://cxdb.example/base");
    expect(resolveStoreTarget(false, at({ store: "x", contextId: 1 }))).toBeUndefined();
  });

  it("refuses an empty value and a malformed URL (exit 2)", () => {
    expect(() => resolveStoreTarget(" ", at())).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => resolveStoreTarget("http://", at())).toThrow(/not a valid URL/);
  });
});

describe("cxdb.json", () => {
  it("round-trips, and anything unusable reads as no record", () => {
    expect(readRunRecord(dir)).toBeUndefined();
    writeRunRecord(dir, { store: "/s/cxdb.sqlite", contextId: 12 });
    expect(readRunRecord(dir)).toEqual({ store: "/s/cxdb.sqlite", contextId: 12 });
    writeFileSync(path.join(dir, "cxdb.json"), '{"store":"x","context_id":"12"}');
    expect(readRunRecord(dir)).toBeUndefined();
    writeFileSync(path.join(dir, "cxdb.json"), "not json");
    expect(readRunRecord(dir)).toBeUndefined();
  });
});
