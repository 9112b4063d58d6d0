/**
 * `GET /v1/contexts/{id}/turns`: a page of a context's turns (oldest first) as typed JSON, raw
 * bytes, or both, with CXDB's rendering options and `before_turn_id` paging. A turn without a
 * descriptor falls back on its own (`decoded_as: null`, generic `data`, `projection_error`).
 * @module
 */
import type { FastifyPluginAsync } from "fastify";
import { InvalidArgumentError } from "../../store/errors.js";
import type { RenderOptions, TypeHint } from "../../store/projection.js";
import type { Store } from "../../store/store.js";
import type { TurnRecord } from "../../store/types.js";
import {
  boolParam,
  choice,
  idParam,
  intParam,
  param,
  type Query,
  toJsonText,
  turnHeadJson,
  u64,
  u64Format,
} from "../format.js";

/** Most turns one page returns. */
export const MAX_PAGE = 10_000;

/** Turn-page routes. */
export function turnRoutes(store: Store): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { contextId: string }; Querystring: Query }>(
      "/v1/contexts/:contextId/turns",
      async (request, reply) => {
        const q = request.query;
        const contextId = idParam(request.params.contextId, "context_id");
        const limit = intParam(q, "limit", 64, MAX_PAGE);
        const beforeText = param(q, "before_turn_id");
        const beforeTurnId = beforeText === undefined || beforeText === "" ? 0 : idParam(beforeText, "before_turn_id");
        const view = choice(q, "view", ["typed", "raw", "both"] as const, "typed");
        const format = u64Format(q);
        const options: RenderOptions = {
          bytesRender: choice(q, "bytes_render", ["base64", "hex", "len_only"] as const, "base64"),
          u64Format: format,
          enumRender: choice(q, "enum_render", ["label", "number", "both"] as const, "label"),
          timeRender: choice(q, "time_render", ["iso", "unix_ms"] as const, "iso"),
          includeUnknown: boolParam(q, "include_unknown"),
        };
        const hint = typeHint(q);
        const head = store.getHead(contextId);
        const turns = store.getTurns(contextId, { beforeTurnId, limit, includePayload: true });
        const out = turns.map((turn) => {
          const json = turnHeadJson(turn, format);
          if (view !== "raw") Object.assign(json, typedJson(store, turn, hint, options));
          if (view !== "typed") Object.assign(json, rawJson(turn, options));
          return json;
        });
        const oldest = turns[0];
        const body = {
          meta: {
            context_id: u64(contextId, format),
            head_turn_id: u64(head.headTurnId, format),
            head_depth: head.headDepth,
            registry_bundle_id: store.registry.lastBundleId ?? null,
          },
          turns: out,
          next_before_turn_id: oldest === undefined || oldest.parentTurnId === 0 ? null : u64(oldest.turnId, format),
        };
        return reply.type("application/json").send(toJsonText(body));
      },
    );
  };
}

function typeHint(q: Query): TypeHint {
  const mode = choice(q, "type_hint_mode", ["inherit", "latest", "explicit"] as const, "inherit");
  if (mode !== "explicit") return { mode };
  const typeId = param(q, "as_type_id");
  const version = param(q, "as_type_version");
  if (typeId === undefined || typeId === "")
    throw new InvalidArgumentError({ message: "as_type_id is required with type_hint_mode=explicit" });
  if (version === undefined || !/^\d{1,10}$/.test(version)) {
    throw new InvalidArgumentError({ message: "as_type_version (a u32) is required with type_hint_mode=explicit" });
  }
  return { mode, typeId, typeVersion: Number(version) };
}

function typedJson(store: Store, turn: TurnRecord, hint: TypeHint, options: RenderOptions): Record<string, unknown> {
  const projected = store.projectTurn(turn, hint, options);
  const out: Record<string, unknown> = {
    decoded_as:
      projected.decodedAs === undefined
        ? null
        : { type_id: projected.decodedAs.typeId, type_version: projected.decodedAs.typeVersion },
    data: projected.data,
  };
  if (projected.unknown !== undefined) out.unknown = projected.unknown;
  if (projected.error !== undefined)
    out.projection_error = { code: projected.error.status, message: projected.error.message };
  return out;
}

function rawJson(turn: TurnRecord, options: RenderOptions): Record<string, unknown> {
  const payload = turn.payload ?? new Uint8Array();
  const out: Record<string, unknown> = {
    content_hash_b3: turn.contentHash,
    encoding: turn.encoding,
    compression: 0,
    uncompressed_len: payload.byteLength,
  };
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  if (options.bytesRender === "hex") out.bytes_hex = bytes.toString("hex");
  else if (options.bytesRender === "len_only") out.bytes_len = bytes.byteLength;
  else out.bytes_b64 = bytes.toString("base64");
  return out;
}
