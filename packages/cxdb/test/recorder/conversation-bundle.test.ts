// The built-in ConversationItem bundle: CXDB's own (the copy the tests seed stores with), it agrees
// with the encoder's Go layout tag for tag, and publishing it twice is a no-op.
import { describe, expect, it } from "vitest";
import { CONVERSATION_ITEM_BUNDLE, CONVERSATION_ITEM_BUNDLE_ID } from "../../src/recorder/conversation-bundle.js";
import { CONVERSATION_ITEM_LAYOUT, type StructLayout } from "../../src/recorder/encode-conversation-item.js";
import { CONVERSATION_BUNDLE, memoryStore } from "../helpers/store.js";

describe("CONVERSATION_ITEM_BUNDLE", () => {
  it("is CXDB's bundle (cxtx/src/conversation_registry_bundle.json), field for field", () => {
    expect(CONVERSATION_ITEM_BUNDLE).toEqual(CONVERSATION_BUNDLE);
    expect(CONVERSATION_ITEM_BUNDLE.bundle_id).toBe(CONVERSATION_ITEM_BUNDLE_ID);
  });

  it("describes every tag the encoder writes, for every nested struct", () => {
    const types = CONVERSATION_ITEM_BUNDLE.types as Record<string, { versions: Record<string, { fields: object }> }>;
    const seen = new Set<string>();
    const check = (layout: StructLayout): void => {
      if (seen.has(layout.typeId)) return;
      seen.add(layout.typeId);
      const versions = types[layout.typeId]?.versions;
      expect(versions, layout.typeId).toBeDefined();
      const fields = Object.values(versions)[0].fields;
      expect(Object.keys(fields).map(Number), layout.typeId).toEqual(layout.fields.map((f) => f.tag));
      for (const f of layout.fields) if (f.type.kind === "struct" || f.type.kind === "structs") check(f.type.layout);
    };
    check(CONVERSATION_ITEM_LAYOUT);
    expect([...seen].sort()).toEqual(Object.keys(types).sort());
  });

  it("publishes once, then answers created: false", async () => {
    const store = await memoryStore();
    expect(store.putBundle(CONVERSATION_ITEM_BUNDLE_ID, CONVERSATION_ITEM_BUNDLE).created).toBe(true);
    expect(store.putBundle(CONVERSATION_ITEM_BUNDLE_ID, CONVERSATION_ITEM_BUNDLE).created).toBe(false);
    store.close();
  });
});
