// msgpack → typed JSON: tags (integer and digit-string), render options, time fields by type,
// nested refs, per-turn fallback; and JSON → msgpack through the registry.
import { beforeAll, describe, expect, it } from "vitest";
import { UnprocessableError } from "../../src/store/errors.js";
import { decodeMsgpack } from "../../src/store/msgpack.js";
import { encodeMsgpack } from "../../src/store/msgpack-encode.js";
import { DEFAULT_RENDER_OPTIONS, projectPayload, renderGeneric } from "../../src/store/projection.js";
import type { Store } from "../../src/store/store.js";
import type { TurnRecord } from "../../src/store/types.js";
import { CONVERSATION_BUNDLE, hex, MESSAGE_BUNDLE, memoryStore, NUMERIC_MAP_HEX, tagged } from "../helpers/store.js";

let store: Store;
beforeAll(async () => {
  store = await memoryStore();
  store.putBundle(MESSAGE_BUNDLE.bundle_id, MESSAGE_BUNDLE);
});

const descriptor = () => store.registry.requireTypeVersion("com.example.Message", 1);
const project = (payload: unknown, options = {}) =>
  projectPayload(encodeMsgpack(payload), descriptor(), store.registry, { ...DEFAULT_RENDER_OPTIONS, ...options });

describe("projectPayload", () => {
  it("maps integer and digit-string tags to names and renders by field type", () => {
    const big = 2n ** 60n + 1n;
    const payload = new Map<unknown, unknown>([
      [1, 3],
      ["2", "hello"],
      [3, 1_706_615_000_000],
      [4, [new Uint8Array([0x89, 0x50])]],
      [5, big],
      [6, 1_706_615_000_000],
      [
        7,
        new Map<unknown, unknown>([
          ["1", "grep"],
          [2, 3],
        ]),
      ],
      [99, 42],
    ]);
    expect(project(payload).data).toEqual({
      role: "assistant",
      text: "hello",
      timestamp: "2024-01-30T11:43:20.000Z",
      attachments: ["iVA="],
      size: "1152921504606846977",
      created: "1706615000000",
      tool: { name: "grep", calls: 3 },
    });
    const numeric = project(payload, {
      u64Format: "number",
      enumRender: "both",
      timeRender: "unix_ms",
      bytesRender: "hex",
      includeUnknown: true,
    });
    expect(numeric.data).toMatchObject({
      role: { label: "assistant", value: 3 },
      timestamp: 1_706_615_000_000,
      attachments: ["8950"],
      size: big,
      created: 1_706_615_000_000,
    });
    expect(numeric.unknown).toEqual({ "99": 42 });
    expect(project(payload, { enumRender: "number", bytesRender: "len_only" }).data).toMatchObject({
      role: 3,
      attachments: [2],
    });
    expect(project(new Map([[1, 99]])).data).toEqual({ role: 99 });
  });

  it("renders Go's fixed-width u64 keys and any msgpack generically", () => {
    const value = decodeMsgpack(hex(NUMERIC_MAP_HEX));
    expect(renderGeneric(value)).toEqual({ "2": "two", "1": "one", "3": "three" });
    expect(renderGeneric(decodeMsgpack(encodeMsgpack([1.5, -3, null, true])), DEFAULT_RENDER_OPTIONS)).toEqual([
      1.5,
      -3,
      null,
      true,
    ]);
    expect(() => project([1, 2])).toThrow(/not a msgpack map/);
  });
});

describe("CXDB's ConversationItem bundle", () => {
  it("projects an assistant turn, arrays of refs written as `items: { ref }` included", async () => {
    const conv = await memoryStore();
    conv.putBundle(CONVERSATION_BUNDLE.bundle_id, CONVERSATION_BUNDLE);
    const call = new Map<number, unknown>([
      [1, "call_1"],
      [2, "read_file"],
      [3, '{"path":"a.ts"}'],
      [4, "complete"],
      [
        8,
        new Map<number, unknown>([
          [1, "ok"],
          [3, true],
        ]),
      ],
    ]);
    const payload = tagged({
      1: "assistant_turn",
      3: 1_706_615_000_000,
      11: new Map<number, unknown>([
        [1, "hi"],
        [2, [call]],
        [3, "why"],
      ]),
    });
    const spec = conv.registry.requireTypeVersion("cxdb.ConversationItem", 3);
    expect(projectPayload(payload, spec, conv.registry).data).toEqual({
      item_type: "assistant_turn",
      timestamp: "2024-01-30T11:43:20.000Z",
      turn: {
        text: "hi",
        reasoning: "why",
        tool_calls: [
          {
            id: "call_1",
            name: "read_file",
            args: '{"path":"a.ts"}',
            status: "complete",
            result: { content: "ok", success: true },
          },
        ],
      },
    });
    conv.close();
  });
});

describe("projectTurn", () => {
  const turnOf = (typeId: string, typeVersion: number, payload: Uint8Array): TurnRecord => ({
    turnId: 1,
    parentTurnId: 0,
    depth: 0,
    contextId: 1,
    typeId,
    typeVersion,
    encoding: 1,
    compression: 0,
    uncompressedLen: payload.byteLength,
    contentHash: "00".repeat(32),
    createdAtUnixMs: 0,
    payload,
  });

  it("falls back per turn when the descriptor is missing or the payload does not decode", () => {
    const ok = store.projectTurn(turnOf("com.example.Message", 1, encodeMsgpack(new Map([[2, "hi"]]))));
    expect(ok).toEqual({ decodedAs: { typeId: "com.example.Message", typeVersion: 1 }, data: { text: "hi" } });
    const missing = store.projectTurn(turnOf("com.example.Unknown", 1, encodeMsgpack(new Map([[1, "x"]]))));
    expect(missing).toEqual({
      data: { "1": "x" },
      error: { status: 424, message: "type descriptor not found: com.example.Unknown v1" },
    });
    const broken = store.projectTurn(turnOf("com.example.Message", 1, new Uint8Array([0xc1])));
    expect(broken.data).toBeNull();
    expect(broken.error?.status).toBe(422);
    const latest = store.projectTurn(turnOf("com.example.Message", 7, encodeMsgpack(new Map([[2, "x"]]))), {
      mode: "latest",
    });
    expect(latest.decodedAs).toEqual({ typeId: "com.example.Message", typeVersion: 1 });
    const explicit = store.projectTurn(turnOf("other", 1, encodeMsgpack(new Map([[1, "grep"]]))), {
      mode: "explicit",
      typeId: "com.example.Tool",
      typeVersion: 1,
    });
    expect(explicit.data).toEqual({ name: "grep" });
  });
});

describe("encodeData (JSON → msgpack through the registry)", () => {
  it("round-trips names, enum labels, u64 strings, base64, ISO times and nested refs", () => {
    const bytes = store.encodeData("com.example.Message", 1, {
      role: "user",
      text: "hi",
      timestamp: "2024-01-30T11:43:20.000Z",
      attachments: ["iVA="],
      size: "18446744073709551615",
      tool: { name: "ls", calls: 2 },
    });
    expect(projectPayload(bytes, descriptor(), store.registry).data).toEqual({
      role: "user",
      text: "hi",
      timestamp: "2024-01-30T11:43:20.000Z",
      attachments: ["iVA="],
      size: "18446744073709551615",
      tool: { name: "ls", calls: 2 },
    });
    expect(store.encodeData("unknown.Type", 1, { "1": "raw", "2": 5 })).toEqual(
      encodeMsgpack(
        new Map<number, unknown>([
          [1, "raw"],
          [2, 5],
        ]),
      ),
    );
  });

  it("names the field that does not fit", () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ nope: 1 }, /unknown field "nope"/],
      [{ role: "king" }, /"king" is not a label of enum com.example.Role/],
      [{ size: -1 }, /size: expected a non-negative integer/],
      [{ text: 5 }, /text: expected a string/],
      [{ attachments: ["!!"] }, /attachments\[0\]: expected base64/],
      [{ timestamp: "yesterday" }, /expected an ISO-8601 time/],
      [[1], /data must be a JSON object/],
    ];
    for (const [data, message] of bad) expect(() => store.encodeData("com.example.Message", 1, data)).toThrow(message);
    expect(() => store.encodeData("unknown.Type", 1, { role: "x" })).toThrow(UnprocessableError);
  });
});
