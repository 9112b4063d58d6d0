// POST /v1/contexts/{id}/append and /append-batch: JSON data through the registry, raw payloads,
// idempotency, and every error naming its problem.
import { compress } from "@bokuweb/zstd-wasm";
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

const post = (url: string, payload: unknown) => f.app.inject({ method: "POST", url, payload: payload as object });
const typed = { type_id: "com.example.Message", type_version: 1 };

describe("append", () => {
  it("encodes JSON data through the registry and returns CXDB's append result", async () => {
    const res = await post(`/v1/contexts/${ctx}/append`, { ...typed, data: { role: "user", text: "Hello!" } });
    expect(res.statusCode).toBe(201);
    const expected = tagged({ 1: 2, 2: "Hello!" });
    expect(res.json()).toEqual({
      context_id: "1",
      turn_id: "1",
      parent_turn_id: "0",
      depth: 0,
      content_hash: blake3Hex(expected),
      deduplicated: false,
    });
    expect(f.store.getTurn(1).payload).toEqual(expected);
  });

  it("takes payload_base64 (zstd too), explicit parents and idempotency keys", async () => {
    const payload = tagged({ 2: "long text ".repeat(50) });
    const first = await post(`/v1/contexts/${ctx}/append?u64_format=number`, {
      ...typed,
      payload_base64: Buffer.from(compress(payload, 3)).toString("base64"),
      compression: 1,
      uncompressed_len: payload.byteLength,
      content_hash: blake3Hex(payload),
      idempotency_key: "req-1",
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ turn_id: 1, content_hash: blake3Hex(payload) });
    const again = await post(`/v1/contexts/${ctx}/append?u64_format=number`, {
      ...typed,
      data: {},
      idempotency_key: "req-1",
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ turn_id: 1, deduplicated: true });
    await post(`/v1/contexts/${ctx}/append`, { ...typed, data: { text: "2" } });
    const branch = await post(`/v1/contexts/${ctx}/append`, { ...typed, data: { text: "3" }, parent_turn_id: "1" });
    expect(branch.json()).toMatchObject({ parent_turn_id: "1", depth: 1 });
  });

  it("answers every bad request with the envelope naming the problem, writing nothing", async () => {
    const other = f.store.createContext().contextId;
    const foreign = f.store.append(other, { typeId: "t", typeVersion: 1, payload: 1 }).turnId;
    const cases: Array<[string, unknown, number, RegExp]> = [
      ["/v1/contexts/99/append", { ...typed, data: {} }, 404, /context not found: 99/],
      [`/v1/contexts/${ctx}/append`, { ...typed, data: {}, parent_turn_id: foreign }, 409, /not on context 1's chain/],
      [
        `/v1/contexts/${ctx}/append`,
        { ...typed, data: {}, content_hash: "ab".repeat(32) },
        422,
        /content hash mismatch/,
      ],
      [`/v1/contexts/${ctx}/append`, { ...typed, payload_base64: "wQ==" }, 422, /invalid msgpack at byte 0/],
      [`/v1/contexts/${ctx}/append`, { ...typed, data: { colour: 1 } }, 422, /unknown field "colour"/],
      [
        `/v1/contexts/${ctx}/append`,
        { type_id: "nope.T", type_version: 1, data: { a: 1 } },
        422,
        /not in the registry/,
      ],
      [`/v1/contexts/${ctx}/append`, { ...typed }, 400, /exactly one of data/],
      [`/v1/contexts/${ctx}/append`, { ...typed, data: {}, payload_base64: "" }, 400, /exactly one of data/],
      [`/v1/contexts/${ctx}/append`, { type_version: 1, data: {} }, 400, /type_id/],
      [`/v1/contexts/${ctx}/append`, { type_id: "x", type_version: "1", data: {} }, 400, /type_version/],
      [`/v1/contexts/${ctx}/append`, { ...typed, payload_base64: "***" }, 400, /payload_base64 must be base64/],
      [
        `/v1/contexts/${ctx}/append`,
        { ...typed, data: {}, idempotency_key: 5 },
        400,
        /idempotency_key must be a string/,
      ],
      [
        `/v1/contexts/${ctx}/append`,
        { ...typed, data: {}, fs_root_hash: "zz" },
        400,
        /fs_root_hash must be 64 hex digits/,
      ],
      [`/v1/contexts/${ctx}/append`, { ...typed, payload_base64: "AQ==", compression: 1 }, 422, /not a zstd frame/],
    ];
    for (const [url, body, status, message] of cases) {
      const res = await post(url, body);
      expect(res.statusCode, String(message)).toBe(status);
      expect(envelope(res.body), String(message)).toMatchObject({
        code: status,
        message: expect.stringMatching(message),
      });
    }
    expect(f.store.stats().turns).toBe(1);
  });
});

describe("append-batch", () => {
  it("appends up to 256 turns in one transaction", async () => {
    const res = await post(`/v1/contexts/${ctx}/append-batch`, {
      turns: [
        { ...typed, data: { text: "a" } },
        { ...typed, data: { text: "b" }, idempotency_key: "k" },
        { ...typed, data: { text: "c" }, idempotency_key: "k" },
      ],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.count).toBe(3);
    expect(body.turns.map((t: { turn_id: string; depth: number }) => [t.turn_id, t.depth])).toEqual([
      ["1", 0],
      ["2", 1],
      ["2", 1],
    ]);
  });

  it("rejects empty, oversized and partly invalid batches without writing", async () => {
    const many = Array.from({ length: 257 }, () => ({ ...typed, data: {} }));
    const cases: Array<[unknown, number, RegExp]> = [
      [{ turns: [] }, 400, /non-empty array/],
      [{ turns: many }, 400, /at most 256 turns, got 257/],
      [
        {
          turns: [
            { ...typed, data: {} },
            { ...typed, data: { x: 1 } },
          ],
        },
        422,
        /unknown field "x"/,
      ],
      [{ turns: [{ ...typed, data: {} }, { type_id: 1 }] }, 400, /turns\[1\]: type_id/],
      [
        {
          turns: [
            { ...typed, data: {} },
            { ...typed, data: {}, parent_turn_id: 50 },
          ],
        },
        404,
        /parent turn not found: 50/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(`/v1/contexts/${ctx}/append-batch`, body);
      expect(res.statusCode, String(message)).toBe(status);
      expect(envelope(res.body).message).toMatch(message);
    }
    expect(f.store.stats().turns).toBe(0);
  });
});

describe("concurrent appends (group commit)", () => {
  it("commits concurrent requests together, answering each with its own turn and error", async () => {
    const other = f.store.createContext().contextId;
    const groups = f.store.groupCommit.groups;
    const bodies = Array.from({ length: 24 }, (_, i) => ({ ...typed, data: { role: "user", text: `m${i}` } }));
    const responses = await Promise.all([
      ...bodies.map((body, i) => post(`/v1/contexts/${i % 2 ? ctx : other}/append?u64_format=number`, body)),
      post(`/v1/contexts/${ctx}/append`, { ...typed, data: { role: "user" }, parent_turn_id: "424242" }),
      post(`/v1/contexts/${other}/append-batch?u64_format=number`, { turns: [bodies[0], bodies[1]] }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([...bodies.map(() => 201), 404, 201]);
    expect(envelope(responses[24].body).message).toMatch(/parent turn not found: 424242/);
    expect(f.store.groupCommit.groups - groups).toBeLessThan(responses.length);
    for (const id of [ctx, other]) {
      const chain = f.store.getLast(id, 100);
      expect(chain).toHaveLength(id === ctx ? 12 : 14);
      for (const [i, t] of chain.entries()) expect(t.depth).toBe(i);
    }
  });
});
