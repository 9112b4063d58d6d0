/**
 * Wire shapes of the HTTP API (CXDB's snake_case JSON) and query-parameter parsing shared by the
 * routes: `u64_format`, enumerated options, limits, booleans, ids.
 * @module
 */
import { InvalidArgumentError } from "../store/errors.js";
import { parseId } from "../store/ids.js";
import type { SessionTracker } from "../store/sessions.js";
import type { ContextInfo, Provenance, TurnRecord } from "../store/types.js";

/** How u64 ids are written: JSON strings (CXDB's early code, the default) or numbers. */
export type U64Format = "string" | "number";

/** Query parameters as fastify parses them. */
export type Query = Record<string, string | string[] | undefined>;

/** One query parameter (the first, when repeated). */
export function param(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * An enumerated query parameter.
 * @throws InvalidArgumentError naming the allowed values.
 */
export function choice<T extends string>(query: Query, name: string, allowed: readonly T[], fallback: T): T {
  const value = param(query, name);
  if (value === undefined || value === "") return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError({
      message: `${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`,
    });
  }
  return value as T;
}

/** `u64_format=string|number` (default string). */
export function u64Format(query: Query): U64Format {
  return choice(query, "u64_format", ["string", "number"] as const, "string");
}

/**
 * A non-negative integer query parameter within `max`.
 * @throws InvalidArgumentError for anything else.
 */
export function intParam(query: Query, name: string, fallback: number, max: number): number {
  const value = param(query, name);
  if (value === undefined || value === "") return fallback;
  if (!/^\d{1,16}$/.test(value) || Number(value) > max) {
    throw new InvalidArgumentError({
      message: `${name} must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`,
    });
  }
  return Number(value);
}

/** `1`/`true` → true, `0`/`false`/absent → false; anything else is a 400. */
export function boolParam(query: Query, name: string): boolean {
  const value = param(query, name);
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new InvalidArgumentError({ message: `${name} must be 0 or 1, got ${JSON.stringify(value)}` });
}

/** An id from a URL segment or JSON (decimal string or number). */
export function idParam(value: unknown, what: string): number {
  if (typeof value === "number" || typeof value === "string") return parseId(value, what);
  throw new InvalidArgumentError({ message: `${what} must be a decimal u64 (string or number)` });
}

/** An id as the client asked: string (default) or number. */
export function u64(id: number, format: U64Format): string | number {
  return format === "number" ? id : String(id);
}

/** The body as a JSON object, or a 400. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidArgumentError({ message: "request body must be a JSON object" });
  }
  return body as Record<string, unknown>;
}

const PROVENANCE_KEYS: ReadonlyArray<readonly [keyof Provenance, string]> = [
  ["parentContextId", "parent_context_id"],
  ["spawnReason", "spawn_reason"],
  ["rootContextId", "root_context_id"],
  ["traceId", "trace_id"],
  ["spanId", "span_id"],
  ["correlationId", "correlation_id"],
  ["onBehalfOf", "on_behalf_of"],
  ["onBehalfOfSource", "on_behalf_of_source"],
  ["onBehalfOfEmail", "on_behalf_of_email"],
  ["writerMethod", "writer_method"],
  ["writerSubject", "writer_subject"],
  ["writerIssuer", "writer_issuer"],
  ["serviceName", "service_name"],
  ["serviceVersion", "service_version"],
  ["serviceInstanceId", "service_instance_id"],
  ["processPid", "process_pid"],
  ["processOwner", "process_owner"],
  ["hostName", "host_name"],
  ["hostArch", "host_arch"],
  ["clientAddress", "client_address"],
  ["clientPort", "client_port"],
  ["env", "env"],
  ["sdkName", "sdk_name"],
  ["sdkVersion", "sdk_version"],
  ["capturedAt", "captured_at"],
];

/** CXDB's provenance JSON: every key present, null when unknown; `client_address` from the live session when absent. */
export function provenanceJson(provenance: Provenance, peerAddr?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, wire] of PROVENANCE_KEYS) out[wire] = provenance[key] ?? null;
  if (out.client_address === null && peerAddr !== undefined) out.client_address = peerAddr;
  return out;
}

/** CXDB's context JSON (list, search, details). */
export function contextJson(
  info: ContextInfo,
  clientTag: string | undefined,
  format: U64Format,
  options: { provenance?: boolean } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    context_id: u64(info.contextId, format),
    head_turn_id: u64(info.headTurnId, format),
    head_depth: info.headDepth,
    created_at_unix_ms: info.createdAtUnixMs,
    is_live: info.isLive,
    base_turn_id: u64(info.baseTurnId, format),
  };
  if (info.forkedFromContextId !== 0) out.forked_from_context_id = u64(info.forkedFromContextId, format);
  if (clientTag !== undefined && clientTag !== "") out.client_tag = clientTag;
  const meta = info.metadata;
  if (meta?.title !== undefined) out.title = meta.title;
  if (meta?.labels !== undefined) out.labels = meta.labels;
  if (meta?.custom !== undefined) out.custom = meta.custom;
  if (info.sessionId !== undefined) out.session_id = String(info.sessionId);
  if (info.lastActivityAtUnixMs !== undefined) out.last_activity_at = info.lastActivityAtUnixMs;
  if (options.provenance && meta?.provenance !== undefined)
    out.provenance = provenanceJson(meta.provenance, info.peerAddr);
  return out;
}

/** CXDB's `active_sessions` entries. */
export function sessionsJson(sessions: SessionTracker): Array<Record<string, unknown>> {
  return sessions.active().map((s) => {
    const out: Record<string, unknown> = {
      session_id: String(s.sessionId),
      client_tag: s.clientTag,
      connected_at: s.connectedAtUnixMs,
      last_activity_at: s.lastActivityAtUnixMs,
      context_count: s.contexts.length,
    };
    if (s.peerAddr !== undefined) out.peer_addr = s.peerAddr;
    return out;
  });
}

/** The fields every turn view starts with. */
export function turnHeadJson(turn: TurnRecord, format: U64Format): Record<string, unknown> {
  const out: Record<string, unknown> = {
    turn_id: u64(turn.turnId, format),
    parent_turn_id: u64(turn.parentTurnId, format),
    depth: turn.depth,
    declared_type: { type_id: turn.typeId, type_version: turn.typeVersion },
  };
  if (turn.fsRootHash !== undefined) out.fs_root_hash = turn.fsRootHash;
  return out;
}

/**
 * JSON text of `value` where bigint (u64/i64 beyond 2^53 rendered as numbers) is written as its
 * exact digits, which `JSON.stringify` cannot do.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `\u0000\u0001cxdb-u64:${v}` : v)).replace(
    /"\\u0000\\u0001cxdb-u64:(-?\d+)"/g,
    "$1",
  );
}
