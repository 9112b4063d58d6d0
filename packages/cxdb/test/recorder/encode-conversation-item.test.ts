// encodeConversationItem: byte-identical to CXDB's Go client on its own fixture, the Go layout's
// rules (every field, fixed-width ints, sorted string maps, shortest string headers), and that the
// store reads back the metadata and provenance, and the registry bundle projects every variant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONVERSATION_ITEM_BUNDLE, CONVERSATION_ITEM_BUNDLE_ID } from "../../src/recorder/conversation-bundle.js";
import { encodeConversationItem } from "../../src/recorder/encode-conversation-item.js";
import {
  assistantItem,
  assistantTurnItem,
  handoffItem,
  systemItem,
  toolCallItem,
  toolResultItem,
  userInputItem,
} from "../../src/recorder/items.js";
import { InvalidArgumentError } from "../../src/store/errors.js";
import { extractContextMetadata } from "../../src/store/metadata.js";
import { decodeMsgpack, type MsgMap } from "../../src/store/msgpack.js";
import { projectPayload } from "../../src/store/projection.js";
import type { Store } from "../../src/store/store.js";
import { GO_CONVERSATION_ITEM_HEX, memoryStore } from "../helpers/store.js";

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");

let store: Store;
beforeAll(async () => {
  store = await memoryStore();
  store.putBundle(CONVERSATION_ITEM_BUNDLE_ID, CONVERSATION_ITEM_BUNDLE);
});
afterAll(() => store.close());

const project = (bytes: Uint8Array) =>
  projectPayload(bytes, store.registry.requireTypeVersion("cxdb.ConversationItem", 3), store.registry).data;

describe("encodeConversationItem", () => {
  it("writes CXDB's fixture msgpack_conversation_item byte for byte", () => {
    // clients/go/cmd/cxdb-msgpack-fixtures: types.NewUserInput("Hello from fixtures", "file.txt")
    // with ID, Timestamp and ContextMetadata set, encoded by cxdb.EncodeMsgpack.
    const bytes = encodeConversationItem(
      userInputItem("Hello from fixtures", { files: ["file.txt"], id: "item-1", timestampMs: 1_700_000_000_000 }),
    );
    const withMetadata = encodeConversationItem({
      ...userInputItem("Hello from fixtures", { files: ["file.txt"], id: "item-1", timestampMs: 1_700_000_000_000 }),
      contextMetadata: {
        clientTag: "fixture-tag",
        title: "Fixture Title",
        labels: ["alpha", "beta"],
        custom: { env: "test" },
      },
    });
    expect(hexOf(withMetadata)).toBe(GO_CONVERSATION_ITEM_HEX);
    // Without metadata, tag 30 is nil: the same bytes up to it.
    const tag30 = GO_CONVERSATION_ITEM_HEX.indexOf("a23330");
    expect(hexOf(bytes)).toBe(`${GO_CONVERSATION_ITEM_HEX.slice(0, tag30)}a23330c0`);
  });

  it("follows the Go layout: every field, d3/cf integers, nil pointers, sorted maps, str8", () => {
    const long = "x".repeat(40);
    const bytes = encodeConversationItem({
      itemType: "system",
      system: { kind: "info", content: long },
      contextMetadata: {
        custom: { zeta: "1", alpha: "2", Beta: "3" },
        provenance: { parentContextId: 7, processPid: 42.4 },
      },
    });
    const text = hexOf(bytes);
    expect(text.startsWith("8c")).toBe(true); // 12 fields, absent ones included
    expect(text).toContain(`a133d3${"00".repeat(8)}`); // timestamp 0 as int64
    expect(text).toContain(`a131a0`); // status "" (empty fixstr)
    expect(text).toContain(`d928${Buffer.from(long).toString("hex")}`); // str8 for 40 bytes
    expect(text).toContain(`a131cf${"0000000000000007"}`); // parent_context_id as uint64
    expect(text).toContain(`a23433d3${"000000000000002a"}`); // process_pid rounded, int64
    const fix = (s: string): string => (0xa0 | s.length).toString(16) + Buffer.from(s).toString("hex");
    // Keys sorted by bytes, as Go's SetSortMapKeys: "Beta" < "alpha" < "zeta".
    expect(text).toContain(`83${fix("Beta")}${fix("3")}${fix("alpha")}${fix("2")}${fix("zeta")}${fix("1")}`);
    const root = decodeMsgpack(bytes) as MsgMap;
    expect(root.entries.map(([k]) => k)).toEqual(["1", "2", "3", "4", "10", "11", "12", "13", "20", "21", "22", "30"]);
  });

  it("carries context metadata and provenance the store extracts from a first turn", () => {
    const bytes = encodeConversationItem({
      ...systemItem("info", "run started", { timestampMs: 1 }),
      contextMetadata: {
        clientTag: "factory",
        title: "demo: ship it",
        labels: ["pipeline"],
        custom: { run_id: "r1" },
        provenance: {
          parentContextId: 3,
          rootContextId: 1,
          spawnReason: "stage",
          traceId: "t".repeat(32),
          serviceName: "factory",
          processPid: 99,
          env: { CI: "1" },
          capturedAt: 1_700_000_000_000,
        },
      },
    });
    expect(extractContextMetadata("cxdb.ConversationItem", bytes)).toMatchObject({
      clientTag: "factory",
      title: "demo: ship it",
      labels: ["pipeline"],
      custom: { run_id: "r1" },
      provenance: {
        parentContextId: 3,
        rootContextId: 1,
        spawnReason: "stage",
        traceId: "t".repeat(32),
        serviceName: "factory",
        processPid: 99,
        env: { CI: "1" },
        capturedAt: 1_700_000_000_000,
      },
    });
  });

  it("projects every variant through CXDB's registry bundle", () => {
    const at = { timestampMs: Date.UTC(2026, 0, 2, 3, 4, 5), id: "i" };
    expect(project(encodeConversationItem(userInputItem("hi", at)))).toMatchObject({
      item_type: "user_input",
      status: "complete",
      timestamp: "2026-01-02T03:04:05.000Z",
      id: "i",
      user_input: { text: "hi", files: null },
      turn: null,
    });
    const turn = project(
      encodeConversationItem(
        assistantTurnItem(
          {
            text: "done",
            reasoning: "because",
            toolCalls: [{ id: "c1", name: "shell", args: '{"cmd":"ls"}', status: "pending" }],
            metrics: { inputTokens: 10, outputTokens: 5, totalTokens: 15, model: "m" },
            agent: "coder",
            turnNumber: 2,
            finishReason: "tool_calls",
          },
          at,
        ),
      ),
    );
    expect(turn).toMatchObject({
      item_type: "assistant_turn",
      turn: {
        text: "done",
        reasoning: "because",
        agent: "coder",
        turn_number: "2",
        finish_reason: "tool_calls",
        metrics: { input_tokens: "10", output_tokens: "5", total_tokens: "15", model: "m" },
      },
    });
    expect(JSON.stringify((turn as { turn: { tool_calls: unknown } }).turn.tool_calls)).toContain("shell");
    expect(
      project(
        encodeConversationItem(toolResultItem({ callId: "c1", content: "a.txt", isError: false, exitCode: 0 }, at)),
      ),
    ).toMatchObject({ item_type: "tool_result", tool_result: { call_id: "c1", content: "a.txt", is_error: false } });
    expect(
      project(encodeConversationItem(toolCallItem({ callId: "c1", name: "shell", args: "{}" }, at))),
    ).toMatchObject({ item_type: "tool_call", status: "pending", tool_call: { call_id: "c1", name: "shell" } });
    expect(
      project(encodeConversationItem(systemItem("warning", "{}", { ...at, title: "stage retrying" }))),
    ).toMatchObject({ item_type: "system", system: { kind: "warning", title: "stage retrying", content: "{}" } });
    expect(
      project(encodeConversationItem(handoffItem({ fromAgent: "a", toAgent: "b", reason: "why" }, at))),
    ).toMatchObject({ item_type: "handoff", handoff: { from_agent: "a", to_agent: "b", reason: "why" } });
    expect(
      project(encodeConversationItem(assistantItem({ text: "old style", model: "m", inputTokens: 3 }, at))),
    ).toMatchObject({ item_type: "assistant", assistant: { text: "old style", model: "m", input_tokens: "3" } });
  });

  it("rejects numbers Go cannot hold", () => {
    expect(() => encodeConversationItem({ itemType: "system", timestampMs: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() =>
      encodeConversationItem({ itemType: "system", contextMetadata: { provenance: { parentContextId: -1 } } }),
    ).toThrow(/non-negative/);
  });

  it("writes long strings, arrays and maps with 16-bit headers", () => {
    const text = "é".repeat(200); // 400 bytes of UTF-8: str16
    const files = Array.from({ length: 20 }, (_, i) => `f${i}`);
    const bytes = encodeConversationItem(userInputItem(text, { files, timestampMs: 0 }));
    const root = decodeMsgpack(bytes) as MsgMap;
    const input = root.entries.find(([k]) => k === "10")?.[1] as MsgMap;
    expect(input.entries).toEqual([
      ["1", text],
      ["2", files],
    ]);
    expect(hexOf(bytes)).toContain(`da0190`);
    expect(hexOf(bytes)).toContain(`dc0014`);
  });
});
