// GET /v1/contexts/{id}/turns: typed/raw/both views, render options, type hints, paging, per-turn fallback.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blake3Hex } from "../../../src/store/hash.js";
import { envelope, type HttpFixture, httpFixture } from "../../helpers/http.js";
import { MESSAGE_BUNDLE, tagged } from "../../helpers/store.js";

let f: HttpFixture;
let ctx: number;
beforeEach(async () => {
  f = await httpFixture();
  f.store.putBundle(MESSAGE_BUNDLE.bundle_id, MESSAGE_BUNDLE);
  ctx = f.store.createContext().contextId;
});
afterEach(() => f.close());

const msg = (fields: Record<number, unknown>) => ({
  typeId: "com.example.Message",
  typeVersion: 1,
  payload: tagged(fields),
});

describe("views", () => {
  it("returns typed turns with CXDB's meta and per-turn fallback for unknown types", async () => {
    const a = f.store.append(ctx, msg({ 1: 2, 2: "hi", 3: 1_706_615_000_000, 99: 7 }));
    const b = f.store.append(ctx, { typeId: "other.Type", typeVersion: 1, payload: tagged({ 1: "x" }) });
    const res = await f.app.inject({ url: `/v1/contexts/${ctx}/turns` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      meta: {
        context_id: "1",
        head_turn_id: String(b.turnId),
        head_depth: 1,
        registry_bundle_id: MESSAGE_BUNDLE.bundle_id,
      },
      turns: [
        {
          turn_id: String(a.turnId),
          parent_turn_id: "0",
          depth: 0,
          declared_type: { type_id: "com.example.Message", type_version: 1 },
          decoded_as: { type_id: "com.example.Message", type_version: 1 },
          data: { role: "user", text: "hi", timestamp: "2024-01-30T11:43:20.000Z" },
        },
        {
          turn_id: String(b.turnId),
          parent_turn_id: String(a.turnId),
          depth: 1,
          declared_type: { type_id: "other.Type", type_version: 1 },
          decoded_as: null,
          data: { "1": "x" },
          projection_error: { code: 424, message: "type descriptor not found: other.Type v1" },
        },
      ],
      next_before_turn_id: null,
    });
    const unknown = await f.app.inject({
      url: `/v1/contexts/${ctx}/turns?include_unknown=1&limit=1&before_turn_id=${b.turnId}`,
    });
    expect(unknown.json().turns[0].unknown).toEqual({ "99": "7" });
  });

  it("returns raw bytes (base64, hex or length) and both", async () => {
    const payload = tagged({ 2: "raw" });
    f.store.append(ctx, { ...msg({}), payload });
    const raw = (await f.app.inject({ url: `/v1/contexts/${ctx}/turns?view=raw` })).json().turns[0];
    expect(raw).toEqual({
      turn_id: "1",
      parent_turn_id: "0",
      depth: 0,
      declared_type: { type_id: "com.example.Message", type_version: 1 },
      content_hash_b3: blake3Hex(payload),
      encoding: 1,
      compression: 0,
      uncompressed_len: payload.byteLength,
      bytes_b64: Buffer.from(payload).toString("base64"),
    });
    const hex = (await f.app.inject({ url: `/v1/contexts/${ctx}/turns?view=raw&bytes_render=hex` })).json().turns[0];
    expect(hex.bytes_hex).toBe(Buffer.from(payload).toString("hex"));
    const both = (await f.app.inject({ url: `/v1/contexts/${ctx}/turns?view=both&bytes_render=len_only` })).json()
      .turns[0];
    expect(both).toMatchObject({ data: { text: "raw" }, bytes_len: payload.byteLength });
  });

  it("applies u64_format (exact beyond 2^53), enum_render, time_render and type hints", async () => {
    f.store.append(ctx, msg({ 1: 3, 3: 1_706_615_000_000, 5: 2n ** 63n + 5n }));
    const res = await f.app.inject({
      url: `/v1/contexts/${ctx}/turns?u64_format=number&enum_render=both&time_render=unix_ms`,
    });
    expect(res.body).toContain('"size":9223372036854775813');
    expect(res.body).toContain('"turn_id":1');
    expect(res.json().turns[0].data).toMatchObject({
      role: { label: "assistant", value: 3 },
      timestamp: 1_706_615_000_000,
    });
    const explicit = await f.app.inject({
      url: `/v1/contexts/${ctx}/turns?type_hint_mode=explicit&as_type_id=com.example.Tool&as_type_version=1`,
    });
    expect(explicit.json().turns[0]).toMatchObject({
      decoded_as: { type_id: "com.example.Tool" },
      data: { name: null },
    });
    const latest = await f.app.inject({ url: `/v1/contexts/${ctx}/turns?type_hint_mode=latest` });
    expect(latest.json().turns[0].decoded_as).toEqual({ type_id: "com.example.Message", type_version: 1 });
  });
});

describe("paging and errors", () => {
  it("pages with before_turn_id and next_before_turn_id", async () => {
    const ids = f.store
      .appendBatch(
        ctx,
        Array.from({ length: 5 }, (_, i) => msg({ 2: `t${i}` })),
      )
      .map((r) => r.turnId);
    const page1 = (await f.app.inject({ url: `/v1/contexts/${ctx}/turns?limit=2&view=raw` })).json();
    expect(page1.turns.map((t: { turn_id: string }) => Number(t.turn_id))).toEqual(ids.slice(3));
    expect(page1.next_before_turn_id).toBe(String(ids[3]));
    const page2 = (
      await f.app.inject({ url: `/v1/contexts/${ctx}/turns?limit=2&before_turn_id=${page1.next_before_turn_id}` })
    ).json();
    expect(page2.turns.map((t: { turn_id: string }) => Number(t.turn_id))).toEqual(ids.slice(1, 3));
    const page3 = (
      await f.app.inject({ url: `/v1/contexts/${ctx}/turns?limit=2&before_turn_id=${page2.next_before_turn_id}` })
    ).json();
    expect(page3.turns).toHaveLength(1);
    expect(page3.next_before_turn_id).toBeNull();
  });

  it("names bad parameters and missing objects in the envelope", async () => {
    f.store.append(ctx, msg({ 2: "x" }));
    const cases: Array<[string, number, RegExp]> = [
      ["/v1/contexts/9/turns", 404, /context not found: 9/],
      [`/v1/contexts/${ctx}/turns?view=json`, 400, /view must be one of typed, raw, both/],
      [`/v1/contexts/${ctx}/turns?limit=abc`, 400, /limit must be an integer/],
      [`/v1/contexts/${ctx}/turns?before_turn_id=77`, 404, /before turn not found: 77/],
      [`/v1/contexts/${ctx}/turns?type_hint_mode=explicit`, 400, /as_type_id is required/],
      [`/v1/contexts/${ctx}/turns?type_hint_mode=explicit&as_type_id=x`, 400, /as_type_version/],
      [`/v1/contexts/${ctx}/turns?time_render=rfc`, 400, /time_render must be one of iso, unix_ms/],
      [`/v1/contexts/${ctx}/turns?bytes_render=b32`, 400, /bytes_render/],
      [`/v1/contexts/${ctx}/turns?enum_render=x`, 400, /enum_render/],
    ];
    for (const [url, status, message] of cases) {
      const res = await f.app.inject({ url });
      expect(res.statusCode, url).toBe(status);
      expect(envelope(res.body).message, url).toMatch(message);
    }
  });
});
