/**
 * A TypeScript client for the HTTP gateway (`CxdbHttpClient`): contexts, turns, appends, blobs,
 * registry, file-system snapshots, metrics and the SSE event stream. Ids come back as `number`;
 * errors are thrown as the package's typed errors (status → class mapped once, in store/errors.ts).
 * @module
 */
import { blake3 } from "hash-wasm";
import { type CxdbError, errorFromStatus } from "../store/errors.js";
import type { AppendResult, ContextHead } from "../store/types.js";
import { appendBody, contextFrom, headFrom, type Json, resultFrom, turnFrom } from "./http-wire.js";
import { readSse, type SseEvent } from "./sse.js";

/** Options of {@link CxdbHttpClient}. */
export interface HttpClientOptions {
  /** `fetch` to use (tests, proxies). Default the global one. */
  fetch?: typeof fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** A context as the gateway lists it. */
export interface ContextSummary extends ContextHead {
  createdAtUnixMs: number;
  isLive: boolean;
  baseTurnId: number;
  forkedFromContextId?: number;
  clientTag?: string;
  title?: string;
  labels?: string[];
  sessionId?: string;
  /** CXDB's provenance JSON (snake_case keys), when the route includes it. */
  provenance?: Record<string, unknown>;
  /** For `children`: how the child relates. */
  link?: "fork" | "provenance";
}

/** Options of {@link CxdbHttpClient.getTurns} (CXDB's query parameters). */
export interface GetTurnsOptions {
  limit?: number;
  beforeTurnId?: number;
  view?: "typed" | "raw" | "both";
  typeHintMode?: "inherit" | "latest" | "explicit";
  asTypeId?: string;
  asTypeVersion?: number;
  includeUnknown?: boolean;
  bytesRender?: "base64" | "hex" | "len_only";
  enumRender?: "label" | "number" | "both";
  timeRender?: "iso" | "unix_ms";
  /** How u64 values inside `data` are written. Default `string`. */
  u64Format?: "string" | "number";
}

/** One turn of a page. */
export interface TurnView {
  turnId: number;
  parentTurnId: number;
  depth: number;
  declaredType: { typeId: string; typeVersion: number };
  decodedAs?: { typeId: string; typeVersion: number } | null;
  data?: unknown;
  unknown?: Record<string, unknown>;
  projectionError?: { code: number; message: string };
  contentHash?: string;
  encoding?: number;
  uncompressedLen?: number;
  /** Raw payload (views raw/both with base64 rendering). */
  bytes?: Uint8Array;
  fsRootHash?: string;
}

/** A page of turns, oldest first. */
export interface TurnPage {
  contextId: number;
  headTurnId: number;
  headDepth: number;
  registryBundleId: string | null;
  turns: TurnView[];
  /** Cursor for the previous page; null at the root. */
  nextBeforeTurnId: number | null;
}

/** A turn to append over HTTP: JSON `data` (encoded by the registry) or msgpack `payload` bytes. */
export interface HttpAppendInput {
  typeId: string;
  typeVersion: number;
  data?: unknown;
  payload?: Uint8Array;
  /** Compression of `payload` (0 none, 1 zstd). */
  compression?: number;
  uncompressedLen?: number;
  parentTurnId?: number;
  idempotencyKey?: string;
  contentHash?: string;
  fsRootHash?: string;
}

/** A live event: CXDB's SSE event name and its flat JSON data. */
export type WireEvent = SseEvent;

/** Client for a CXDB-compatible HTTP gateway. */
export class CxdbHttpClient {
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private readonly headers: Record<string, string>;

  /** @param baseUrl e.g. `http://127.0.0.1:9010`. */
  constructor(baseUrl: string, options: HttpClientOptions = {}) {
    this.base = baseUrl.replace(/\/+$/, "");
    this.fetchFn = options.fetch ?? fetch;
    this.headers = options.headers ?? {};
  }

  /** True when `GET /healthz` answers ok. Never throws. */
  async health(): Promise<boolean> {
    try {
      const res = await this.fetchFn(`${this.base}/healthz`, { headers: this.headers });
      return res.ok && (await res.text()).trim() === "ok";
    } catch {
      return false;
    }
  }

  /** Contexts, newest first. */
  async listContexts(
    options: { limit?: number; offset?: number; tag?: string; includeProvenance?: boolean } = {},
  ): Promise<{
    contexts: ContextSummary[];
    total: number;
    activeTags: string[];
  }> {
    const body = await this.json("GET", "/v1/contexts", {
      query: {
        limit: options.limit,
        offset: options.offset,
        tag: options.tag,
        include_provenance: options.includeProvenance ? 1 : undefined,
      },
    });
    return { contexts: body.contexts.map(contextFrom), total: body.total, activeTags: body.active_tags ?? [] };
  }

  /** CQL search. @throws InvalidArgumentError (a CqlError envelope) for a bad query. */
  async searchContexts(
    q: string,
    options: { limit?: number } = {},
  ): Promise<{ contexts: ContextSummary[]; totalCount: number }> {
    const body = await this.json("GET", "/v1/contexts/search", { query: { q, limit: options.limit } });
    return { contexts: body.contexts.map(contextFrom), totalCount: body.total_count };
  }

  /** One context (with provenance). @throws NotFoundError. */
  async getContext(contextId: number): Promise<ContextSummary> {
    return contextFrom(await this.json("GET", `/v1/contexts/${contextId}`));
  }

  /** Creates a context whose head is `baseTurnId` (0/absent = empty). */
  async createContext(
    options: { baseTurnId?: number; clientTag?: string; title?: string; labels?: string[] } = {},
  ): Promise<ContextHead> {
    return headFrom(
      await this.json("POST", "/v1/contexts", {
        body: {
          base_turn_id: options.baseTurnId ?? 0,
          client_tag: options.clientTag,
          title: options.title,
          labels: options.labels,
        },
      }),
    );
  }

  /** A new context whose head is `baseTurnId`. */
  async fork(baseTurnId: number): Promise<ContextHead> {
    return headFrom(await this.json("POST", "/v1/contexts/fork", { body: { base_turn_id: baseTurnId } }));
  }

  /** Fork and provenance children of a context. */
  async children(contextId: number): Promise<ContextSummary[]> {
    return (await this.json("GET", `/v1/contexts/${contextId}/children`)).children.map(contextFrom);
  }

  /** A context's provenance (CXDB's JSON), or null. */
  async provenance(contextId: number): Promise<Record<string, unknown> | null> {
    return (await this.json("GET", `/v1/contexts/${contextId}/provenance`)).provenance;
  }

  /** A page of turns, oldest first. */
  async getTurns(contextId: number, options: GetTurnsOptions = {}): Promise<TurnPage> {
    const body = await this.json("GET", `/v1/contexts/${contextId}/turns`, {
      query: {
        limit: options.limit,
        before_turn_id: options.beforeTurnId,
        view: options.view,
        type_hint_mode: options.typeHintMode,
        as_type_id: options.asTypeId,
        as_type_version: options.asTypeVersion,
        include_unknown: options.includeUnknown ? 1 : undefined,
        bytes_render: options.bytesRender,
        enum_render: options.enumRender,
        time_render: options.timeRender,
        u64_format: options.u64Format,
      },
    });
    return {
      contextId: Number(body.meta.context_id),
      headTurnId: Number(body.meta.head_turn_id),
      headDepth: body.meta.head_depth,
      registryBundleId: body.meta.registry_bundle_id ?? null,
      turns: body.turns.map(turnFrom),
      nextBeforeTurnId: body.next_before_turn_id === null ? null : Number(body.next_before_turn_id),
    };
  }

  /** Appends one turn. */
  async append(contextId: number, input: HttpAppendInput): Promise<AppendResult> {
    return resultFrom(await this.json("POST", `/v1/contexts/${contextId}/append`, { body: appendBody(input) }));
  }

  /** Appends up to 256 turns in one transaction. */
  async appendBatch(contextId: number, items: HttpAppendInput[]): Promise<AppendResult[]> {
    const body = await this.json("POST", `/v1/contexts/${contextId}/append-batch`, {
      body: { turns: items.map(appendBody) },
    });
    return body.turns.map((t: Record<string, unknown>) => resultFrom({ ...t, context_id: body.context_id }));
  }

  /** A blob's bytes. @throws NotFoundError. */
  async getBlob(hash: string): Promise<Uint8Array> {
    const res = await this.request("GET", `/v1/blobs/${hash}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Stores a blob (its BLAKE3 is computed here). */
  async putBlob(bytes: Uint8Array): Promise<{ hash: string; wasNew: boolean }> {
    const hash = await blake3(bytes);
    const res = await this.request("PUT", `/v1/blobs/${hash}`, { raw: bytes });
    const body = (await res.json()) as { hash: string; was_new: boolean };
    return { hash: body.hash, wasNew: body.was_new };
  }

  /** Publishes a registry bundle; created is false when an identical one exists. */
  async putBundle(bundleId: string, bundle: object | string): Promise<{ created: boolean; etag: string | null }> {
    const text = typeof bundle === "string" ? bundle : JSON.stringify(bundle);
    const res = await this.request("PUT", `/v1/registry/bundles/${encodeURIComponent(bundleId)}`, { text });
    return { created: res.status === 201, etag: res.headers.get("etag") };
  }

  /** A bundle (null with `notModified` when `etag` still matches). */
  async getBundle(
    bundleId: string,
    options: { etag?: string } = {},
  ): Promise<{ bundle: unknown; etag: string | null; notModified: boolean }> {
    const headers: Record<string, string> = options.etag === undefined ? {} : { "If-None-Match": options.etag };
    const res = await this.request("GET", `/v1/registry/bundles/${encodeURIComponent(bundleId)}`, { headers });
    if (res.status === 304) return { bundle: null, etag: res.headers.get("etag"), notModified: true };
    return { bundle: await res.json(), etag: res.headers.get("etag"), notModified: false };
  }

  /** A type version's descriptor (CXDB's JSON). */
  async getTypeVersion(typeId: string, version: number): Promise<Record<string, unknown>> {
    return this.json("GET", `/v1/registry/types/${encodeURIComponent(typeId)}/versions/${version}`);
  }

  /** Renderers by type id (CXDB's JSON). */
  async renderers(): Promise<Record<string, unknown>> {
    return (await this.json("GET", "/v1/registry/renderers")).renderers;
  }

  /** The metrics snapshot (CXDB-style JSON). */
  async metrics(): Promise<Record<string, unknown>> {
    return this.json("GET", "/v1/metrics");
  }

  /** A directory listing or a file (JSON with base64 content) of the snapshot a turn sees. */
  async readFs(turnId: number, path = ""): Promise<Record<string, unknown>> {
    const clean = path.split("/").filter(Boolean).map(encodeURIComponent).join("/");
    return clean === ""
      ? this.json("GET", `/v1/turns/${turnId}/fs`)
      : this.json("GET", `/v1/turns/${turnId}/fs/${clean}`, { query: { format: "json" } });
  }

  /** Attaches a stored root tree to a turn. */
  async attachFs(turnId: number, fsRootHash: string): Promise<void> {
    await this.json("POST", `/v1/turns/${turnId}/fs`, { body: { fs_root_hash: fsRootHash } });
  }

  /** Live events until `signal` aborts (the first is `connected`; heartbeats are skipped). */
  async *events(options: { signal?: AbortSignal } = {}): AsyncGenerator<WireEvent> {
    const res = await this.request("GET", "/v1/events", {
      headers: { Accept: "text/event-stream" },
      signal: options.signal,
    });
    if (res.body === null) return;
    yield* readSse(res.body, options.signal);
  }

  private async json(
    method: string,
    path: string,
    options: { query?: Record<string, unknown>; body?: unknown } = {},
  ): Promise<Json> {
    const res = await this.request(method, path, {
      query: options.query,
      text: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return res.status === 204 ? {} : res.json();
  }

  private async request(
    method: string,
    path: string,
    options: {
      query?: Record<string, unknown>;
      text?: string;
      raw?: Uint8Array;
      headers?: Record<string, string>;
      signal?: AbortSignal;
    } = {},
  ): Promise<Response> {
    const url = new URL(`${this.base}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { ...this.headers, ...options.headers };
    let body: RequestInit["body"];
    if (options.text !== undefined) {
      headers["Content-Type"] = "application/json";
      body = options.text;
    } else if (options.raw !== undefined) {
      headers["Content-Type"] = "application/octet-stream";
      body = options.raw;
    }
    const res = await this.fetchFn(url, { method, headers, body, signal: options.signal });
    if (res.status >= 400) throw await errorOf(res);
    return res;
  }
}

async function errorOf(res: Response): Promise<CxdbError> {
  const text = await res.text();
  let message = text || res.statusText;
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string };
    if (typeof body.error === "object" && typeof body.error?.message === "string") message = body.error.message;
    else if (typeof body.error === "string") message = body.error;
  } catch {
    // not JSON: keep the text
  }
  return errorFromStatus(res.status, `HTTP ${res.status}: ${message}`);
}
