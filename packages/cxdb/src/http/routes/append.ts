/**
 * Write routes for turns: `POST /v1/contexts/{id}/append` and `/append-batch` (at most 256 turns,
 * all or nothing). A turn carries JSON `data` (encoded through the registry descriptor of its type)
 * or `payload_base64` (msgpack bytes, zstd when `compression` is 1). Both routes go through the
 * store's group commit: concurrent requests share one transaction (one fsync), and each is
 * answered once its group has committed.
 * @module
 */
import type { FastifyPluginAsync } from "fastify";
import { InvalidArgumentError } from "../../store/errors.js";
import { MAX_BATCH, type Store } from "../../store/store.js";
import type { AppendInput, AppendResult } from "../../store/types.js";
import { idParam, objectBody, type Query, type U64Format, u64, u64Format } from "../format.js";

type Route = { Params: { contextId: string }; Querystring: Query };

/** Append routes. */
export function appendRoutes(store: Store): FastifyPluginAsync {
  return async (app) => {
    app.post<Route>("/v1/contexts/:contextId/append", async (request, reply) => {
      const contextId = idParam(request.params.contextId, "context_id");
      const format = u64Format(request.query);
      const result = await store.appendAsync(contextId, toAppendInput(store, objectBody(request.body), "body"));
      reply.code(result.deduplicated ? 200 : 201);
      return resultJson(result, format);
    });

    app.post<Route>("/v1/contexts/:contextId/append-batch", async (request, reply) => {
      const contextId = idParam(request.params.contextId, "context_id");
      const format = u64Format(request.query);
      const body = objectBody(request.body);
      const list = body.turns ?? body.items;
      if (!Array.isArray(list) || list.length === 0) {
        throw new InvalidArgumentError({ message: "body.turns must be a non-empty array" });
      }
      if (list.length > MAX_BATCH) {
        throw new InvalidArgumentError({ message: `a batch holds at most ${MAX_BATCH} turns, got ${list.length}` });
      }
      const inputs = list.map((item, i) => toAppendInput(store, objectBody(item), `turns[${i}]`));
      const results = await store.appendBatchAsync(contextId, inputs);
      reply.code(results.every((r) => r.deduplicated) ? 200 : 201);
      return {
        context_id: u64(contextId, format),
        turns: results.map((r) => {
          const { context_id: _, ...rest } = resultJson(r, format);
          return rest;
        }),
        count: results.length,
      };
    });
  };
}

function resultJson(result: AppendResult, format: U64Format): Record<string, unknown> {
  return {
    context_id: u64(result.contextId, format),
    turn_id: u64(result.turnId, format),
    parent_turn_id: u64(result.parentTurnId, format),
    depth: result.depth,
    content_hash: result.contentHash,
    deduplicated: result.deduplicated,
  };
}

function toAppendInput(store: Store, b: Record<string, unknown>, where: string): AppendInput {
  const bad = (message: string): never => {
    throw new InvalidArgumentError({ message: `${where}: ${message}` });
  };
  if (typeof b.type_id !== "string" || b.type_id === "") bad("type_id (a non-empty string) is required");
  const typeVersion = b.type_version;
  if (
    typeof typeVersion !== "number" ||
    !Number.isInteger(typeVersion) ||
    typeVersion < 0 ||
    typeVersion > 0xffffffff
  ) {
    bad("type_version (a u32) is required");
  }
  const typeId = b.type_id as string;
  const hasData = b.data !== undefined;
  const hasBytes = b.payload_base64 !== undefined;
  if (hasData === hasBytes) bad("send exactly one of data (JSON) and payload_base64 (msgpack bytes)");
  const input: AppendInput = { typeId, typeVersion: typeVersion as number, payload: undefined };
  if (hasBytes) {
    if (typeof b.payload_base64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(b.payload_base64)) {
      bad("payload_base64 must be base64 text");
    }
    input.payload = new Uint8Array(Buffer.from(b.payload_base64 as string, "base64"));
    if (b.compression !== undefined) {
      if (typeof b.compression !== "number") bad("compression must be 0 or 1");
      input.compression = b.compression as number;
    }
    if (b.uncompressed_len !== undefined) {
      if (typeof b.uncompressed_len !== "number") bad("uncompressed_len must be a number");
      input.uncompressedLen = b.uncompressed_len as number;
    }
  } else {
    input.payload = store.encodeData(typeId, typeVersion as number, b.data);
  }
  if (b.encoding !== undefined) {
    if (typeof b.encoding !== "number") bad("encoding must be a number");
    input.encoding = b.encoding as number;
  }
  if (b.parent_turn_id !== undefined && b.parent_turn_id !== null)
    input.parentTurnId = idParam(b.parent_turn_id, "parent_turn_id");
  for (const [key, field] of [
    ["idempotency_key", "idempotencyKey"],
    ["content_hash", "contentHash"],
    ["fs_root_hash", "fsRootHash"],
  ] as const) {
    const value = b[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") bad(`${key} must be a string`);
    input[field] = value as string;
  }
  return input;
}
