// Context metadata and provenance from tag 30 of a first cxdb.ConversationItem turn; listing and children.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoreEvent } from "../../src/store/events.js";
import { extractContextMetadata } from "../../src/store/metadata.js";
import type { Store } from "../../src/store/store.js";
import { conversationItem, GO_CONVERSATION_ITEM_HEX, hex, memoryStore, tagged } from "../helpers/store.js";

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(() => store.close());

const CI = "cxdb.ConversationItem";

describe("extractContextMetadata", () => {
  it("reads CXDB's Go fixture (digit-string keys)", () => {
    expect(extractContextMetadata(CI, hex(GO_CONVERSATION_ITEM_HEX))).toEqual({
      clientTag: "fixture-tag",
      title: "Fixture Title",
      labels: ["alpha", "beta"],
      custom: { env: "test" },
    });
  });

  it("reads provenance by CXDB's field tags, with integer or string keys", () => {
    for (const stringKeys of [false, true]) {
      const payload = conversationItem({
        stringKeys,
        clientTag: "agent",
        provenance: {
          1: 7,
          2: "subagent",
          3: 1,
          10: "trace-1",
          20: "jay",
          40: "dotrunner",
          43: 4242,
          45: "host-a",
          80: 1_700_000_000_000,
        },
      });
      expect(extractContextMetadata(CI, payload)?.provenance).toEqual({
        parentContextId: 7,
        spawnReason: "subagent",
        rootContextId: 1,
        traceId: "trace-1",
        onBehalfOf: "jay",
        serviceName: "dotrunner",
        processPid: 4242,
        hostName: "host-a",
        capturedAt: 1_700_000_000_000,
      });
    }
  });

  it("ignores other types, payloads without tag 30, and garbage", () => {
    expect(extractContextMetadata("other.Type", conversationItem({ clientTag: "x" }))).toBeUndefined();
    expect(extractContextMetadata(CI, conversationItem())).toBeUndefined();
    expect(extractContextMetadata(CI, new Uint8Array([0xc1]))).toBeUndefined();
    expect(extractContextMetadata(CI, tagged({ 30: "not a map" }))).toBeUndefined();
  });
});

describe("contexts see their first turn's metadata", () => {
  it("extracts it on the first append, emits context_metadata_updated, and forks inherit it", () => {
    const events: StoreEvent[] = [];
    store.events.on("context_metadata_updated", (e) => events.push(e));
    const ctx = store.createContext();
    const first = store.append(ctx.contextId, {
      typeId: CI,
      typeVersion: 3,
      payload: conversationItem({
        clientTag: "claude-code",
        title: "Fix bug",
        labels: ["a"],
        provenance: { 10: "t-9" },
      }),
    });
    store.append(ctx.contextId, { typeId: CI, typeVersion: 3, payload: conversationItem({ clientTag: "ignored" }) });
    expect(events).toEqual([
      {
        type: "context_metadata_updated",
        contextId: ctx.contextId,
        clientTag: "claude-code",
        title: "Fix bug",
        labels: ["a"],
        hasProvenance: true,
      },
    ]);
    expect(store.getContextMetadata(ctx.contextId)).toMatchObject({ clientTag: "claude-code", title: "Fix bug" });
    expect(store.getProvenance(ctx.contextId)).toEqual({ traceId: "t-9" });
    const fork = store.fork(first.turnId);
    expect(store.getContext(fork.contextId).metadata?.title).toBe("Fix bug");
    expect(store.getProvenance(store.createContext().contextId)).toBeUndefined();
  });

  it("completes metadata given at creation with the first turn's, field by field", () => {
    const ctx = store.createContext({ metadata: { clientTag: "cli", title: "from create", labels: ["x"] } });
    expect(store.getContextMetadata(ctx.contextId)).toEqual({ clientTag: "cli", title: "from create", labels: ["x"] });
    const first = store.append(ctx.contextId, {
      typeId: CI,
      typeVersion: 1,
      payload: conversationItem({ title: "from turn" }),
    });
    expect(store.getContextMetadata(ctx.contextId)).toEqual({ clientTag: "cli", title: "from turn", labels: ["x"] });
    const fork = store.fork(first.turnId);
    expect(store.getContextMetadata(fork.contextId)).toEqual({ clientTag: "cli", title: "from turn", labels: ["x"] });
    const own = store.fork(first.turnId, { metadata: { title: "own" } });
    expect(store.getContextMetadata(own.contextId)).toEqual({ title: "from turn" });
  });

  it("lists contexts newest first with paging and a tag filter", () => {
    for (const tag of ["a", "b", "a"]) {
      const ctx = store.createContext();
      store.append(ctx.contextId, { typeId: CI, typeVersion: 1, payload: conversationItem({ clientTag: tag }) });
    }
    const page = store.listContexts({ limit: 2 });
    expect(page.total).toBe(3);
    expect(page.contexts.map((c) => c.contextId)).toEqual([3, 2]);
    expect(store.listContexts({ limit: 2, offset: 2 }).contexts.map((c) => c.contextId)).toEqual([1]);
    const tagged = store.listContexts({ tag: "a" });
    expect(tagged.total).toBe(2);
    expect(tagged.contexts.map((c) => c.contextId)).toEqual([3, 1]);
    expect(() => store.listContexts({ limit: -1 })).toThrow(/limit must be an integer/);
  });

  it("finds children by fork and by provenance parent", () => {
    const parent = store.createContext();
    const t = store.append(parent.contextId, { typeId: "t", typeVersion: 1, payload: 1 });
    const fork = store.fork(t.turnId);
    const spawned = store.createContext();
    store.append(spawned.contextId, {
      typeId: CI,
      typeVersion: 1,
      payload: conversationItem({ provenance: { 1: parent.contextId, 2: "subagent" } }),
    });
    const children = store.children(parent.contextId);
    expect(children.map((c) => [c.contextId, c.link])).toEqual([
      [fork.contextId, "fork"],
      [spawned.contextId, "provenance"],
    ]);
    expect(store.children(fork.contextId)).toEqual([]);
    expect(() => store.children(999)).toThrow(/context not found/);
  });
});
