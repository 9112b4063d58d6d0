// File-system snapshots: Go-compatible tree bytes (CXDB's fstree fixture), attach, inheritance, reads.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidArgumentError, NotFoundError, UnprocessableError } from "../../src/store/errors.js";
import { decodeTree, encodeTree } from "../../src/store/fs-tree.js";
import { blake3Hex } from "../../src/store/hash.js";
import type { Store } from "../../src/store/store.js";
import { FSTREE_FIXTURE, hex, memoryStore, tagged } from "../helpers/store.js";

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(() => store.close());

const f = FSTREE_FIXTURE.files;

describe("tree encoding", () => {
  it("writes the exact bytes CXDB's Go client writes, so root hashes match", () => {
    const src = encodeTree([
      { name: "main.go", kind: "file", mode: 0o644, size: 12, hash: f["src/main.go"] },
      { name: "lib.go", kind: "file", mode: 0o644, size: 27, hash: f["src/lib.go"] },
    ]);
    expect(Buffer.from(src).toString("hex")).toBe(FSTREE_FIXTURE.trees[FSTREE_FIXTURE.src]);
    expect(blake3Hex(src)).toBe(FSTREE_FIXTURE.src);
    const root = encodeTree([
      { name: "src", kind: "dir", hash: FSTREE_FIXTURE.src },
      { name: "script.sh", kind: "file", mode: 0o755, size: 19, hash: f["script.sh"] },
      { name: "README.md", kind: "file", mode: 0o644, size: 6, hash: f["README.md"] },
    ]);
    expect(blake3Hex(root)).toBe(FSTREE_FIXTURE.root);
  });

  it("decodes Go trees (digit-string keys) and rejects bad entries", () => {
    expect(decodeTree(hex(FSTREE_FIXTURE.trees[FSTREE_FIXTURE.root]))).toEqual([
      { name: "README.md", kind: "file", mode: 0o644, size: 6, hash: f["README.md"] },
      { name: "script.sh", kind: "file", mode: 0o755, size: 19, hash: f["script.sh"] },
      { name: "src", kind: "dir", mode: 0o755, size: 0, hash: FSTREE_FIXTURE.src },
    ]);
    expect(() => decodeTree(tagged({ 1: "x" }))).toThrow(UnprocessableError);
    expect(() => encodeTree([{ name: "a/b", kind: "file", hash: f["README.md"] }])).toThrow(InvalidArgumentError);
    const dup = { name: "a", kind: "file" as const, hash: f["README.md"] };
    expect(() => encodeTree([dup, dup])).toThrow(/duplicate/);
  });
});

describe("snapshots on turns", () => {
  const turn = (n: number) => ({ typeId: "t.T", typeVersion: 1, payload: tagged({ 1: n }) });

  it("attaches a snapshot, lets descendants inherit it until one has its own", () => {
    const rootA = store.putFileTree([
      { path: "README.md", content: "hello\n" },
      { path: "src/main.go", content: "package main" },
      { path: "bin/run", symlink: "../src/main.go" },
    ]);
    const rootB = store.putFileTree([{ path: "README.md", content: "changed\n" }]);
    const ctx = store.createContext();
    const t1 = store.append(ctx.contextId, turn(1));
    const t2 = store.append(ctx.contextId, { ...turn(2), fsRootHash: rootA });
    const t3 = store.append(ctx.contextId, turn(3));
    const fork = store.fork(t3.turnId);
    const t4 = store.append(fork.contextId, turn(4));
    expect(store.getFsRoot(t1.turnId)).toBeUndefined();
    expect(store.getFsRoot(t4.turnId)).toEqual({ fsRootHash: rootA, turnId: t2.turnId });
    expect(store.getTurn(t2.turnId).fsRootHash).toBe(rootA);
    expect(store.attachFs(t3.turnId, rootB)).toEqual({ turnId: t3.turnId, fsRootHash: rootB });
    expect(store.getFsRoot(t4.turnId)?.fsRootHash).toBe(rootB);
    expect(store.getFsRoot(t2.turnId)?.fsRootHash).toBe(rootA);

    const listing = store.readTree(t2.turnId);
    expect(listing).toMatchObject({ kind: "dir", path: "", fsRootHash: rootA });
    expect(listing.kind === "dir" && listing.entries.map((e) => `${e.kind}:${e.name}`)).toEqual([
      "file:README.md",
      "dir:bin",
      "dir:src",
    ]);
    const file = store.readTree(t2.turnId, "/src/main.go");
    expect(file.kind === "file" && new TextDecoder().decode(file.content)).toBe("package main");
    expect(file).toMatchObject({ path: "src/main.go", entry: { size: 12, mode: 0o644 } });
    const link = store.readTree(t2.turnId, "bin/run");
    expect(link.kind === "symlink" && new TextDecoder().decode(link.content)).toBe("../src/main.go");
    expect(() => store.readTree(t2.turnId, "src/nope.go")).toThrow(/path not found in snapshot: src\/nope.go/);
    expect(() => store.readTree(t2.turnId, "README.md/x")).toThrow(/not a directory/);
    expect(() => store.readTree(t1.turnId)).toThrow(/no file-system snapshot for turn/);
  });

  it("refuses roots that are missing or not trees, on attach and on append, writing nothing", () => {
    const ctx = store.createContext();
    const t = store.append(ctx.contextId, turn(1));
    expect(() => store.attachFs(t.turnId, "ab".repeat(32))).toThrow(NotFoundError);
    const notTree = store.putBlob(tagged({ 1: 1 })).hash;
    expect(() => store.attachFs(t.turnId, notTree)).toThrow(UnprocessableError);
    expect(() => store.attachFs(999, notTree)).toThrow(/turn not found/);
    expect(() => store.append(ctx.contextId, { ...turn(2), fsRootHash: "cd".repeat(32) })).toThrow(
      /file-system root tree not found/,
    );
    expect(store.stats()).toMatchObject({ turns: 1, fsSnapshots: 0 });
    const tree = store.putTree([
      { name: "a.txt", kind: "file", size: 5, hash: store.putBlob(new TextEncoder().encode("hello")).hash },
    ]);
    expect(tree.wasNew).toBe(true);
    expect(store.attachFs(t.turnId, tree.hash).fsRootHash).toBe(tree.hash);
  });
});
