/**
 * Read models over contexts: effective metadata (first turn's tag 30 over creation metadata),
 * live status from the session tracker, listing with paging and tag filter, fork/provenance
 * children, and CQL search.
 * @module
 */

import type { CqlQuery } from "./cql/ast.js";
import { type CqlContext, matchesCql } from "./cql/execute.js";
import { parseCql } from "./cql/parser.js";
import { InvalidArgumentError } from "./errors.js";
import { mergeMetadata } from "./metadata.js";
import type { SessionTracker } from "./sessions.js";
import type { SqliteDatabase, SqliteStatement } from "./sqlite.js";
import type { ContextRow, TurnStore } from "./turn-store.js";
import type { ChildContext, ContextInfo, ContextMetadata, ContextPage, ListContextsOptions } from "./types.js";

/** Result of a CQL search. */
export interface SearchResult {
  /** Matching contexts, newest first, at most `limit`. */
  contexts: ContextInfo[];
  /** Number of matches before the limit. */
  totalCount: number;
  elapsedMs: number;
  query: CqlQuery;
}

type Row = ContextRow & { chain_meta: string | null };

const SELECT = `SELECT c.*, m.metadata_json AS chain_meta FROM contexts c
  LEFT JOIN chain_metadata m ON m.root_turn_id = c.root_turn_id AND c.root_turn_id <> 0`;

/** Context read models. */
export class ContextViews {
  private readonly one: SqliteStatement;
  private readonly page: SqliteStatement;
  private readonly all: SqliteStatement;
  private readonly count: SqliteStatement;
  private readonly forkChildren: SqliteStatement;
  private readonly provenanceChildren: SqliteStatement;

  constructor(
    db: SqliteDatabase,
    private readonly turns: TurnStore,
    private readonly sessions: SessionTracker,
    private readonly now: () => number,
  ) {
    this.one = db.prepare(`${SELECT} WHERE c.context_id = ?`);
    this.page = db.prepare(`${SELECT} ORDER BY c.context_id DESC LIMIT ? OFFSET ?`);
    this.all = db.prepare(`${SELECT} ORDER BY c.context_id DESC`);
    this.count = db.prepare("SELECT count(*) AS n FROM contexts");
    this.forkChildren = db.prepare(`${SELECT} WHERE c.forked_from_context_id = ? ORDER BY c.context_id`);
    this.provenanceChildren = db.prepare(`SELECT c.*, m.metadata_json AS chain_meta FROM chain_metadata m
      JOIN contexts c ON c.context_id = m.context_id WHERE m.parent_context_id = ? ORDER BY c.context_id`);
  }

  /** @throws NotFoundError when the context does not exist. */
  get(contextId: number): ContextInfo {
    this.turns.requireContext(contextId);
    return this.toInfo(this.one.get(contextId) as Row);
  }

  /** Newest first; `tag` filters on the effective client tag. */
  list(options: ListContextsOptions = {}): ContextPage {
    const limit = checkLimit(options.limit ?? 20, "limit");
    const offset = checkLimit(options.offset ?? 0, "offset", Number.MAX_SAFE_INTEGER);
    if (options.tag === undefined) {
      const total = (this.count.get() as { n: number }).n;
      const rows = this.page.all(limit, offset) as Row[];
      return { contexts: rows.map((r) => this.toInfo(r)), total };
    }
    const matching = (this.all.all() as Row[])
      .map((r) => this.toInfo(r))
      .filter((c) => this.clientTag(c) === options.tag);
    return { contexts: matching.slice(offset, offset + limit), total: matching.length };
  }

  /** Contexts forked from turns of `contextId`, then contexts whose first turn names it as parent. */
  children(contextId: number): ChildContext[] {
    this.turns.requireContext(contextId);
    const forks = (this.forkChildren.all(contextId) as Row[]).map((r) => ({
      ...this.toInfo(r),
      link: "fork" as const,
    }));
    const seen = new Set(forks.map((c) => c.contextId));
    const spawned = (this.provenanceChildren.all(contextId) as Row[])
      .filter((r) => !seen.has(r.context_id) && r.context_id !== contextId)
      .map((r) => ({ ...this.toInfo(r), link: "provenance" as const }));
    return [...forks, ...spawned];
  }

  /**
   * Runs a CQL query over every context.
   * @throws CqlError for a query that does not parse; InvalidArgumentError for a bad limit.
   */
  search(query: string, limit?: number): SearchResult {
    const started = performance.now();
    const parsed = parseCql(query);
    const max = limit === undefined ? Number.MAX_SAFE_INTEGER : checkLimit(limit, "limit");
    const now = this.now();
    const matches: ContextInfo[] = [];
    for (const row of this.all.all() as Row[]) {
      const info = this.toInfo(row);
      if (matchesCql(parsed.ast, this.cqlView(info), now)) matches.push(info);
    }
    return {
      contexts: matches.slice(0, max),
      totalCount: matches.length,
      elapsedMs: Math.round(performance.now() - started),
      query: parsed,
    };
  }

  /** The client tag shown for a context: its metadata's, else its live session's. */
  clientTag(info: ContextInfo): string | undefined {
    return info.metadata?.clientTag ?? this.sessions.sessionForContext(info.contextId)?.clientTag ?? undefined;
  }

  private cqlView(info: ContextInfo): CqlContext {
    const prov = info.metadata?.provenance;
    const tag = this.clientTag(info);
    return {
      id: info.contextId,
      tag: tag === "" ? undefined : tag,
      title: info.metadata?.title,
      labels: info.metadata?.labels ?? [],
      user: prov?.onBehalfOf,
      service: prov?.serviceName,
      host: prov?.hostName,
      traceId: prov?.traceId,
      parent: prov?.parentContextId,
      root: prov?.rootContextId,
      created: info.createdAtUnixMs,
      depth: info.headDepth,
      isLive: info.isLive,
    };
  }

  private toInfo(row: Row): ContextInfo {
    const fromTurn = row.chain_meta === null ? undefined : (JSON.parse(row.chain_meta) as ContextMetadata);
    const fromCreate = row.metadata_json === null ? undefined : (JSON.parse(row.metadata_json) as ContextMetadata);
    const session = this.sessions.sessionForContext(row.context_id);
    const info: ContextInfo = {
      contextId: row.context_id,
      headTurnId: row.head_turn_id,
      headDepth: row.head_depth,
      createdAtUnixMs: row.created_at_unix_ms,
      baseTurnId: row.base_turn_id,
      forkedFromContextId: row.forked_from_context_id,
      metadata: mergeMetadata(fromTurn, fromCreate),
      isLive: session !== undefined,
    };
    if (session !== undefined) {
      info.sessionId = session.sessionId;
      info.lastActivityAtUnixMs = session.lastActivityAtUnixMs;
      if (session.peerAddr !== undefined) info.peerAddr = session.peerAddr;
    }
    return info;
  }
}

function checkLimit(value: number, what: string, max = 10_000): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidArgumentError({ message: `${what} must be an integer from 0 to ${max}, got ${String(value)}` });
  }
  return value;
}
