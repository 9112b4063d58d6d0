/**
 * Fuzz of the HTTP write routes: thousands of valid and mutated append, append-batch, create, fork
 * and blob requests, sent in concurrent bursts (so group commits mix failing and succeeding
 * appends). Never a 5xx, always the error envelope; and afterwards the store holds exactly the
 * writes that were acknowledged: every head on a complete chain, every payload matching its hash.
 *
 * Seed: CXDB_FUZZ_SEED (default fixed, so CI is reproducible); fast-check prints it on failure.
 */
import { compress } from "@bokuweb/zstd-wasm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blake3Hex } from "../../src/store/hash.js";
import { envelope, type HttpFixture, httpFixture } from "../helpers/http.js";
import { MESSAGE_BUNDLE, tagged } from "../helpers/store.js";

const SEED = Number(process.env.CXDB_FUZZ_SEED ?? 0x5eed);
const BURSTS = 300;
const MAX_BURST = 20;

let f: HttpFixture;
const contexts: number[] = [];
const turns: number[] = [];
/** Turn ids the server acknowledged as newly written (not deduplicated). */
const written = new Set<number>();
let createdContexts = 0;
let baseline: { turns: number; contexts: number };
let sent = 0;

beforeAll(async () => {
  f = await httpFixture({ bodyLimitBytes: 256 * 1024 });
  f.store.putBundle(MESSAGE_BUNDLE.bundle_id, MESSAGE_BUNDLE);
  for (let c = 0; c < 4; c++) {
    const ctx = f.store.createContext().contextId;
    contexts.push(ctx);
    turns.push(f.store.append(ctx, { typeId: "t.Seed", typeVersion: 1, payload: tagged({ 1: c }) }).turnId);
  }
  baseline = { turns: f.store.stats().turns, contexts: f.store.stats().contexts };
});
afterAll(() => f?.close());

/** Values that break a field: wrong types, out of range, malformed. */
const evil = fc.oneof(
  fc.constantFrom(null, -1, 0, 1.5, 2 ** 53, 2 ** 64, "", "0", "-1", "abc", "***", "ab".repeat(32), "zz".repeat(32)),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
);

const text = fc.string({ maxLength: 300 });

/** `arb` about once in `every` draws, else undefined. */
function sometimes<T>(arb: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** A valid turn body: registry-typed JSON data, or raw msgpack (sometimes zstd), maybe with extras. */
const validTurn = fc
  .record({
    kind: fc.constantFrom("data", "raw", "zstd"),
    text,
    n: fc.nat(1000),
    key: sometimes(
      fc.nat(300).map((k) => `k${k}`),
      3,
    ),
    parent: sometimes(fc.nat(60), 10),
    hash: fc.boolean(),
  })
  .map((t): Record<string, unknown> => {
    const payload = tagged({ 1: t.n, 2: `${t.text} ${"lorem ipsum ".repeat(t.n % 50)}` });
    const body: Record<string, unknown> =
      t.kind === "data"
        ? { type_id: "com.example.Message", type_version: 1, data: { role: "user", text: t.text } }
        : {
            type_id: "t.Fuzz",
            type_version: 1,
            payload_base64: Buffer.from(t.kind === "zstd" ? compress(payload, 3) : payload).toString("base64"),
            ...(t.kind === "zstd" ? { compression: 1, uncompressed_len: payload.byteLength } : {}),
            ...(t.hash ? { content_hash: blake3Hex(payload) } : {}),
          };
    if (t.key !== undefined) body.idempotency_key = t.key;
    if (t.parent !== undefined) body.parent_turn_id = t.parent;
    return body;
  });

/** A turn body with some fields removed or replaced by evil values. */
const mutatedTurn = fc
  .tuple(
    validTurn,
    fc.array(
      fc.tuple(
        fc.constantFrom(
          "type_id",
          "type_version",
          "data",
          "payload_base64",
          "compression",
          "uncompressed_len",
          "encoding",
          "parent_turn_id",
          "idempotency_key",
          "content_hash",
          "fs_root_hash",
        ),
        fc.option(evil, { nil: undefined }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([body, edits]) => {
    const out = { ...body };
    for (const [field, value] of edits) {
      if (value === undefined) delete out[field];
      else out[field] = value;
    }
    return out;
  });

const turnBody = fc.oneof({ weight: 2, arbitrary: validTurn }, { weight: 3, arbitrary: mutatedTurn });

/** A context id in a URL: a known one, or a bad one. */
const contextRef = fc.oneof(
  { weight: 5, arbitrary: fc.nat(64).map((i) => String(contexts[i % contexts.length])) },
  { weight: 1, arbitrary: fc.constantFrom("0", "999999", "abc", "-1", "18446744073709551616", "1.5", "%20") },
);

interface FuzzRequest {
  method: "POST" | "PUT";
  url: string;
  body: unknown;
  raw?: string;
}

const request: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(contextRef, turnBody).map(([c, body]) => post(`/v1/contexts/${c}/append`, body)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(contextRef, fc.array(turnBody, { minLength: 0, maxLength: 6 }), fc.boolean())
      .map(([c, list, items]) => post(`/v1/contexts/${c}/append-batch`, items ? { items: list } : { turns: list })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constant({}), fc.record({ base_turn_id: fc.oneof(fc.nat(50), evil) }))
      .map((body) => post("/v1/contexts", body)),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.nat(50), evil).map((base) => post("/v1/contexts/fork", { base_turn_id: base })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(contextRef, fc.string({ maxLength: 120 })).map(([c, raw]) => ({
      method: "POST" as const,
      url: `/v1/contexts/${c}/append`,
      body: undefined,
      raw,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.uint8Array({ maxLength: 64 }), fc.boolean()).map(([bytes, right]) => ({
      method: "PUT" as const,
      url: `/v1/blobs/${right ? blake3Hex(bytes) : "00".repeat(32)}`,
      body: Buffer.from(bytes),
    })),
  },
);

function post(url: string, body: unknown): FuzzRequest {
  return { method: "POST", url, body };
}

/** Sends one request and checks the answer; records what it wrote. */
async function send(r: FuzzRequest): Promise<void> {
  sent++;
  const res = await f.app.inject({
    method: r.method,
    url: r.url,
    ...(r.raw !== undefined
      ? { payload: r.raw, headers: { "content-type": "application/json" } }
      : r.body instanceof Buffer
        ? { payload: r.body, headers: { "content-type": "application/octet-stream" } }
        : { payload: r.body as object }),
  });
  const where = `${r.method} ${r.url} ${r.raw ?? JSON.stringify(r.body)?.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(envelope(res.body).code, where).toBe(res.statusCode);
    return;
  }
  const body = res.json();
  if (r.url.endsWith("/append")) record(body);
  else if (r.url.endsWith("/append-batch")) for (const t of body.turns) record(t);
  else if (r.url.startsWith("/v1/contexts")) {
    createdContexts++;
    contexts.push(Number(body.context_id));
  }
}

function record(result: { turn_id: string | number; deduplicated: boolean }): void {
  const id = Number(result.turn_id);
  turns.push(id);
  if (!result.deduplicated) {
    expect(written.has(id), `turn ${id} reported as new twice`).toBe(false);
    written.add(id);
  }
}

describe(`HTTP write fuzz (seed ${SEED})`, () => {
  it(`answers ${BURSTS} concurrent bursts of up to ${MAX_BURST} valid and mutated writes, never with a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: MAX_BURST }), async (burst) => {
        await Promise.all(burst.map(send));
      }),
      { numRuns: BURSTS, seed: SEED, endOnFailure: true },
    );
    expect(sent).toBeGreaterThan(1500);
    expect(written.size).toBeGreaterThan(100);
  });

  it("holds exactly the acknowledged writes: every head on a complete chain, every payload whole", () => {
    const stats = f.store.stats();
    expect(stats.turns - baseline.turns, "turns written = distinct new turns acknowledged").toBe(written.size);
    expect(stats.contexts - baseline.contexts).toBe(createdContexts);
    expect(f.store.groupCommit.pending).toBe(0);
    let onChains = 0;
    const { contexts: all } = f.store.listContexts({ limit: 10_000 });
    for (const info of all) {
      const head = f.store.getHead(info.contextId);
      if (head.headTurnId === 0) continue;
      const chain = f.store.getLast(info.contextId, head.headDepth + 10, { includePayload: true });
      expect(chain.length, `context ${info.contextId}`).toBe(head.headDepth + 1);
      expect(chain[0]).toMatchObject({ parentTurnId: 0, depth: 0 });
      chain.forEach((turn, i) => {
        if (i > 0) expect(turn).toMatchObject({ parentTurnId: chain[i - 1].turnId, depth: i });
        expect(blake3Hex(turn.payload as Uint8Array), `turn ${turn.turnId}`).toBe(turn.contentHash);
        if (turn.contextId === info.contextId) onChains++;
      });
      expect(chain.at(-1)?.turnId).toBe(head.headTurnId);
    }
    // Explicit parents may branch a context in place, leaving turns off its head's chain: those
    // are still whole turns of the DAG.
    expect(onChains).toBeLessThanOrEqual(stats.turns);
    for (const id of written) expect(f.store.getTurn(id).turnId).toBe(id);
  });
});
