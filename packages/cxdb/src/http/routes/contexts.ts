/**
 * Context routes: list (`GET /v1/contexts`), CQL search, details, children, provenance, and the
 * write routes create (`POST /v1/contexts`, `/v1/contexts/create`) and fork.
 * @module
 */
import type { FastifyPluginAsync } from "fastify";
import { InvalidArgumentError } from "../../store/errors.js";
import type { Store } from "../../store/store.js";
import type { ContextMetadata } from "../../store/types.js";
import {
  boolParam,
  contextJson,
  idParam,
  intParam,
  objectBody,
  param,
  provenanceJson,
  type Query,
  sessionsJson,
  u64,
  u64Format,
} from "../format.js";

type IdParams = { Params: { contextId: string }; Querystring: Query };

/** Context routes. */
export function contextRoutes(store: Store): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: Query }>("/v1/contexts", async (request) => {
      const q = request.query;
      const format = u64Format(q);
      const withProvenance = boolParam(q, "include_provenance");
      const page = store.listContexts({
        limit: intParam(q, "limit", 20, 10_000),
        offset: intParam(q, "offset", 0, Number.MAX_SAFE_INTEGER),
        tag: param(q, "tag") || undefined,
      });
      const contexts = page.contexts.map((c) =>
        contextJson(c, store.clientTagOf(c), format, { provenance: withProvenance }),
      );
      return {
        contexts,
        count: contexts.length,
        total: page.total,
        active_sessions: sessionsJson(store.sessions),
        active_tags: store.sessions.activeTags(),
      };
    });

    app.get<{ Querystring: Query }>("/v1/contexts/search", async (request) => {
      const q = request.query;
      const query = param(q, "q") ?? "";
      if (query.trim() === "") throw new InvalidArgumentError({ message: "missing required 'q' parameter" });
      const format = u64Format(q);
      const limitText = param(q, "limit");
      const result = store.searchContexts(query, {
        limit: limitText === undefined ? undefined : intParam(q, "limit", 0, 10_000),
      });
      return {
        contexts: result.contexts.map((c) => contextJson(c, store.clientTagOf(c), format)),
        total_count: result.totalCount,
        elapsed_ms: result.elapsedMs,
        query: result.query.raw,
      };
    });

    const create = (body: unknown, query: Query, forkRequired: boolean): Record<string, unknown> => {
      const b = body === undefined || body === null ? {} : objectBody(body);
      if (forkRequired && b.base_turn_id === undefined)
        throw new InvalidArgumentError({ message: "base_turn_id is required" });
      const baseTurnId = b.base_turn_id === undefined ? 0 : idParam(b.base_turn_id, "base_turn_id");
      const head = store.createContext({ baseTurnId, metadata: metadataFrom(b) });
      const format = u64Format(query);
      return {
        context_id: u64(head.contextId, format),
        head_turn_id: u64(head.headTurnId, format),
        head_depth: head.headDepth,
      };
    };
    for (const url of ["/v1/contexts", "/v1/contexts/create"]) {
      app.post<{ Querystring: Query }>(url, async (request, reply) => {
        reply.code(201);
        return create(request.body, request.query, false);
      });
    }
    app.post<{ Querystring: Query }>("/v1/contexts/fork", async (request, reply) => {
      reply.code(201);
      return create(request.body, request.query, true);
    });

    app.get<IdParams>("/v1/contexts/:contextId", async (request) => {
      const info = store.getContext(idParam(request.params.contextId, "context_id"));
      return contextJson(info, store.clientTagOf(info), u64Format(request.query), { provenance: true });
    });

    app.get<IdParams>("/v1/contexts/:contextId/children", async (request) => {
      const format = u64Format(request.query);
      const contextId = idParam(request.params.contextId, "context_id");
      const children = store
        .children(contextId)
        .map((c) => ({ ...contextJson(c, store.clientTagOf(c), format), link: c.link }));
      return { context_id: u64(contextId, format), children, count: children.length };
    });

    app.get<IdParams>("/v1/contexts/:contextId/provenance", async (request) => {
      const format = u64Format(request.query);
      const info = store.getContext(idParam(request.params.contextId, "context_id"));
      const prov = info.metadata?.provenance;
      return {
        context_id: u64(info.contextId, format),
        provenance: prov === undefined ? null : provenanceJson(prov, info.peerAddr),
      };
    });
  };
}

function metadataFrom(body: Record<string, unknown>): ContextMetadata | undefined {
  const meta: ContextMetadata = {};
  const str = (key: string): string | undefined => {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new InvalidArgumentError({ message: `${key} must be a string` });
    return v;
  };
  const clientTag = str("client_tag");
  if (clientTag !== undefined) meta.clientTag = clientTag;
  const title = str("title");
  if (title !== undefined) meta.title = title;
  if (body.labels !== undefined && body.labels !== null) {
    if (!Array.isArray(body.labels) || !body.labels.every((l) => typeof l === "string")) {
      throw new InvalidArgumentError({ message: "labels must be an array of strings" });
    }
    meta.labels = body.labels as string[];
  }
  return Object.keys(meta).length > 0 ? meta : undefined;
}
