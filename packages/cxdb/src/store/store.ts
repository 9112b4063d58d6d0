/**
 * The embedded store: one SQLite file (better-sqlite3, WAL) holding the Turn DAG, the blob CAS,
 * file-system snapshots and the type registry. `openStore` is the front door; every method of
 * {@link Store} is synchronous and atomic (one transaction per write).
 * @module
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type PreparedAppend, prepareAppend } from "./append.js";
import { BlobStore } from "./blobs.js";
import { BackgroundCheckpointer, DEFAULT_CHECKPOINT_INTERVAL_MS, SAFETY_NET_PAGES } from "./checkpointer.js";
import { initCompression } from "./codec.js";
import { ContextViews, type SearchResult } from "./context-views.js";
import { InternalError, InvalidArgumentError, toCxdbError } from "./errors.js";
import { StoreEventBus } from "./events.js";
import { encodeTree, type FsEntryInput, type FsFileInput, type FsNode } from "./fs-tree.js";
import { GroupCommit } from "./group-commit.js";
import { type HashInput, initHashing } from "./hash.js";
import { type IdInput, toId } from "./ids.js";
import { encodeData } from "./json-encode.js";
import { Metrics } from "./metrics.js";
import { DEFAULT_PAYLOAD_CACHE_BYTES, PayloadCache } from "./payload-cache.js";
import {
  DEFAULT_RENDER_OPTIONS,
  projectTurn,
  type RenderOptions,
  type TypedProjection,
  type TypeHint,
} from "./projection.js";
import { Registry } from "./registry.js";
import { prepareDatabase } from "./schema.js";
import { SessionTracker } from "./sessions.js";
import { Snapshots } from "./snapshots.js";
import { openDatabase, type SqliteDatabase, type SqliteTransaction } from "./sqlite.js";
import { collectStats } from "./stats.js";
import { type CommitOutcome, TurnStore } from "./turn-store.js";
import type {
  AppendInput,
  AppendResult,
  ChildContext,
  ContextHead,
  ContextInfo,
  ContextMetadata,
  ContextPage,
  CreateContextOptions,
  ListContextsOptions,
  Provenance,
  PutBlobResult,
  ReadTurnsOptions,
  StoreOptions,
  StoreStats,
  TurnRecord,
} from "./types.js";

/** One append or one batch, checked and prepared, waiting for its transaction. */
interface AppendUnit {
  contextId: number;
  prepared: PreparedAppend[];
  /** performance.now() when the append was called (for the latency metric). */
  started: number;
}

/** Most turns one `appendBatch` takes. */
export const MAX_BATCH = 256;

/** Default blob size limit (64 MiB, the binary protocol's frame limit). */
export const DEFAULT_MAX_BLOB_BYTES = 64 * 1024 * 1024;

/**
 * Opens (creating if needed) the store in the SQLite file at `file` (`":memory:"` for a throwaway
 * store); parent directories are created.
 * @throws InternalError when the file is not a store this code can use.
 */
export async function openStore(file: string, options: StoreOptions = {}): Promise<Store> {
  await Promise.all([initHashing(), initCompression()]);
  const memory = file === ":memory:";
  if (!memory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: SqliteDatabase | undefined;
  try {
    db = openDatabase(file);
    prepareDatabase(db, {
      synchronous: options.synchronous ?? "FULL",
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      memory,
    });
    return new Store(db, memory ? file : path.resolve(file), options);
  } catch (error) {
    db?.close();
    throw toCxdbError(error);
  }
}

/** An open store. Create with {@link openStore}; close with {@link Store.close}. */
export class Store {
  /** Live events (context_created, context_metadata_updated, turn_appended, client_*). */
  readonly events = new StoreEventBus();
  /** Binary-protocol sessions (what makes a context live). */
  readonly sessions: SessionTracker;
  /** The type registry. */
  readonly registry: Registry;
  /** Counters and latencies. */
  readonly metrics = new Metrics();
  private readonly now: () => number;
  private readonly maxBlobBytes: number;
  private readonly blobs: BlobStore;
  private readonly turns: TurnStore;
  private readonly views: ContextViews;
  private readonly snapshots: Snapshots;
  private readonly group: GroupCommit<AppendUnit, CommitOutcome[]>;
  /** One append unit in its own transaction (made once: building a transaction function costs ~20 µs). */
  private readonly appendTx: SqliteTransaction<CommitOutcome[], [AppendUnit]>;
  /** Decompressed payloads of hot turns (see {@link StoreOptions.payloadCacheBytes}). */
  readonly payloadCache: PayloadCache;
  private readonly synchronous: "FULL" | "NORMAL";
  private readonly checkpointIntervalMs: number;
  /** Started at the first append of a store on disk (see checkpointer.ts). */
  private checkpointer: BackgroundCheckpointer | undefined;
  private checkpointerTried = false;
  private closed = false;

  /** Use {@link openStore}. */
  constructor(
    private readonly db: SqliteDatabase,
    /** Absolute path of the SQLite file, or `:memory:`. */
    readonly file: string,
    options: StoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.synchronous = options.synchronous ?? "FULL";
    this.checkpointIntervalMs = options.backgroundCheckpointMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    this.maxBlobBytes = options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
    this.sessions = new SessionTracker(this.events, this.now);
    this.payloadCache = new PayloadCache(options.payloadCacheBytes ?? DEFAULT_PAYLOAD_CACHE_BYTES);
    this.blobs = new BlobStore(db, this.maxBlobBytes, this.now, this.payloadCache);
    this.turns = new TurnStore(db, this.blobs, this.now);
    this.registry = new Registry(db, this.now);
    this.views = new ContextViews(db, this.turns, this.sessions, this.now);
    this.snapshots = new Snapshots(db, this.turns, this.blobs);
    this.appendTx = db.transaction((unit: AppendUnit) => this.commitUnit(unit));
    this.group = new GroupCommit<AppendUnit, CommitOutcome[]>(db, {
      run: (unit) => this.commitUnit(unit),
      committed: (unit, outcomes) => this.announce(unit, outcomes),
    });
  }

  /**
   * Creates a context whose head is `baseTurnId` (0/absent = empty): create and fork are one
   * operation, O(1) whatever the base's depth. Emits `context_created`.
   * @throws NotFoundError when the base turn does not exist.
   */
  createContext(options: CreateContextOptions = {}): ContextHead {
    return this.guard(() => {
      const base = options.baseTurnId === undefined ? 0 : toId(options.baseTurnId, "base_turn_id");
      const row = this.db.transaction(() => this.turns.insertContext(base, options.metadata)).immediate();
      const head = { contextId: row.context_id, headTurnId: row.head_turn_id, headDepth: row.head_depth };
      const session =
        options.sessionId === undefined
          ? undefined
          : this.sessions.active().find((s) => s.sessionId === options.sessionId);
      this.events.emit({
        type: "context_created",
        ...head,
        sessionId: options.sessionId,
        clientTag: options.metadata?.clientTag ?? session?.clientTag ?? "",
        createdAtUnixMs: row.created_at_unix_ms,
      });
      return head;
    });
  }

  /** A new context whose head is `turnId` (see {@link createContext}). */
  fork(turnId: IdInput, options: Omit<CreateContextOptions, "baseTurnId"> = {}): ContextHead {
    return this.createContext({ ...options, baseTurnId: turnId });
  }

  /** @throws NotFoundError when the context does not exist. */
  getHead(contextId: IdInput): ContextHead {
    return this.guard(() => this.turns.head(toId(contextId, "context_id")));
  }

  /**
   * Appends one turn in one transaction (blob, turn, head, idempotency record, fs root). The
   * parent defaults to the head; an explicit parent must be on the context's chain or have been
   * appended in it. A repeated idempotency key returns the turn it created and writes nothing.
   * Emits `turn_appended` (and `context_metadata_updated` for a first turn carrying metadata).
   * @throws NotFoundError (context, parent, fs root), ConflictError (parent off the chain),
   *   HashMismatchError, UnprocessableError (encoding, zstd, msgpack, lengths),
   *   PayloadTooLargeError, InvalidArgumentError.
   */
  append(contextId: IdInput, input: AppendInput): AppendResult {
    return this.appendMany(contextId, [input])[0];
  }

  /**
   * Appends up to {@link MAX_BATCH} turns in one transaction, each defaulting to the previous one
   * as parent: all or nothing.
   * @throws InvalidArgumentError over 256 items; otherwise as {@link append}.
   */
  appendBatch(contextId: IdInput, items: readonly AppendInput[]): AppendResult[] {
    checkBatch(items);
    return this.appendMany(contextId, items);
  }

  /**
   * {@link append} through group commit: appends submitted in the same event-loop turn (by any
   * number of concurrent callers) commit in one transaction, each in its own savepoint, so they
   * share one WAL fsync. The promise resolves only after that commit (durability as {@link append});
   * a failing append rejects alone. Appends commit in submission order, so concurrent appends to
   * one context chain one after the other, and an idempotency key repeated within a group returns
   * the turn its first use created. The HTTP and binary servers append this way.
   * @throws (rejects with) the errors of {@link append}.
   */
  appendAsync(contextId: IdInput, input: AppendInput): Promise<AppendResult> {
    return this.submitAppend(contextId, [input]).then((results) => results[0]);
  }

  /** {@link appendBatch} through group commit (see {@link appendAsync}): the batch is all or nothing. */
  appendBatchAsync(contextId: IdInput, items: readonly AppendInput[]): Promise<AppendResult[]> {
    try {
      checkBatch(items);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.submitAppend(contextId, items);
  }

  /**
   * Group commit so far: `pending` appends (or batches) waiting for their group, `groups`
   * committed, and the `units` (appends or batches) those groups committed.
   */
  get groupCommit(): { pending: number; groups: number; units: number } {
    return { pending: this.group.pending, groups: this.group.groups, units: this.group.units };
  }

  private appendMany(contextIdInput: IdInput, items: readonly AppendInput[]): AppendResult[] {
    return this.guard(() => {
      // Appends queued for group commit were submitted first: they commit first.
      this.group.flush();
      const started = performance.now();
      const unit = this.prepareUnit(contextIdInput, items, started);
      const outcomes = this.appendTx.immediate(unit);
      this.announce(unit, outcomes);
      return outcomes.map((o) => o.result);
    });
  }

  private submitAppend(contextIdInput: IdInput, items: readonly AppendInput[]): Promise<AppendResult[]> {
    let unit: AppendUnit;
    try {
      if (this.closed) throw new InternalError({ message: "the store is closed" });
      unit = this.prepareUnit(contextIdInput, items, performance.now());
    } catch (error) {
      return Promise.reject(toCxdbError(error));
    }
    return this.group.submit(unit).then(
      (outcomes) => outcomes.map((o) => o.result),
      (error: unknown) => Promise.reject(toCxdbError(error)),
    );
  }

  /** Checks and prepares (hash, compress) every item: CPU work done before any transaction. */
  private prepareUnit(contextIdInput: IdInput, items: readonly AppendInput[], started: number): AppendUnit {
    const contextId = toId(contextIdInput, "context_id");
    const prepared = items.map((item) => prepareAppend(item, this.blobs, this.maxBlobBytes));
    return { contextId, prepared, started };
  }

  /** Writes a unit's turns; inside the caller's transaction (or savepoint). */
  private commitUnit(unit: AppendUnit): CommitOutcome[] {
    return unit.prepared.map((item) => this.turns.commitAppend(unit.contextId, item));
  }

  /** After the commit: payload cache, metrics, and the `turn_appended` / metadata events. */
  private announce(unit: AppendUnit, outcomes: readonly CommitOutcome[]): void {
    if (!this.checkpointerTried) this.startCheckpointer();
    const { contextId, prepared } = unit;
    const elapsed = (performance.now() - unit.started) / Math.max(1, prepared.length);
    outcomes.forEach(({ result, metadata, blobWasNew }, index) => {
      this.metrics.record("append", elapsed);
      if (result.deduplicated) return;
      const item = prepared[index];
      this.blobs.remember(item.blob);
      if (!blobWasNew) this.metrics.dedupHits++;
      this.events.emit({
        type: "turn_appended",
        contextId,
        turnId: result.turnId,
        parentTurnId: result.parentTurnId,
        depth: result.depth,
        declaredTypeId: item.typeId,
        declaredTypeVersion: item.typeVersion,
      });
      if (metadata !== undefined) {
        this.events.emit({
          type: "context_metadata_updated",
          contextId,
          clientTag: metadata.clientTag,
          title: metadata.title,
          labels: metadata.labels,
          hasProvenance: metadata.provenance !== undefined,
        });
      }
    });
  }

  /**
   * The last `limit` turns of a context's chain, oldest first (payloads only with `includePayload`).
   * @throws NotFoundError when the context does not exist.
   */
  getLast(contextId: IdInput, limit: number, options: ReadTurnsOptions = {}): TurnRecord[] {
    return this.guard(() => {
      const started = performance.now();
      checkCount(limit, "limit");
      const head = this.turns.head(toId(contextId, "context_id"));
      const turns = this.turns.chain(head.headTurnId, limit, options.includePayload ?? false);
      this.metrics.record("get_last", performance.now() - started);
      return turns;
    });
  }

  /**
   * A page of a context's chain, oldest first: the `limit` (default 64) turns before
   * `beforeTurnId` (exclusive), or the last `limit` turns. Payloads are loaded unless
   * `includePayload` is false.
   * @throws NotFoundError for a missing context or before-turn; InvalidArgumentError when the
   *   before-turn belongs to another history.
   */
  getTurns(
    contextId: IdInput,
    options: { beforeTurnId?: IdInput; limit?: number; includePayload?: boolean } = {},
  ): TurnRecord[] {
    return this.guard(() => {
      const limit = options.limit ?? 64;
      checkCount(limit, "limit");
      const before = options.beforeTurnId === undefined ? 0 : toId(options.beforeTurnId, "before_turn_id");
      return this.turns.page(toId(contextId, "context_id"), before, limit, options.includePayload ?? true);
    });
  }

  /**
   * One turn, with its payload unless `includePayload` is false.
   * @throws NotFoundError when the turn does not exist.
   */
  getTurn(turnId: IdInput, options: ReadTurnsOptions = {}): TurnRecord {
    return this.guard(() => {
      const include = options.includePayload ?? true;
      return this.turns.record(this.turns.requireTurn(toId(turnId, "turn_id"), "turn", include), include);
    });
  }

  /**
   * A blob's uncompressed bytes.
   * @throws NotFoundError when absent; InvalidArgumentError for a malformed hash.
   */
  getBlob(hash: HashInput): Uint8Array {
    return this.guard(() => {
      const started = performance.now();
      const bytes = this.blobs.get(hash);
      this.metrics.record("get_blob", performance.now() - started);
      return bytes;
    });
  }

  /** True when a blob with this hash is stored. */
  hasBlob(hash: HashInput): boolean {
    return this.guard(() => this.blobs.has(hash));
  }

  /**
   * Stores bytes under their BLAKE3-256 (deduplicated; zstd when smaller).
   * @throws HashMismatchError when `options.hash` is given and differs; PayloadTooLargeError.
   */
  putBlob(bytes: Uint8Array, options: { hash?: HashInput } = {}): PutBlobResult {
    return this.guard(() => {
      if (!(bytes instanceof Uint8Array))
        throw new InvalidArgumentError({ message: "blob bytes must be a Uint8Array" });
      const blob = this.blobs.prepare(bytes, options.hash);
      const wasNew = this.db.transaction(() => this.blobs.insert(blob)).immediate();
      if (!wasNew) this.metrics.dedupHits++;
      return { hash: blob.hashHex, wasNew };
    });
  }

  /** Stores one directory tree blob (Go-client encoding); returns its hash. */
  putTree(entries: readonly FsEntryInput[]): PutBlobResult {
    return this.putBlob(encodeTree(entries));
  }

  /** Stores files and all their directory trees in one transaction; returns the root tree hash (hex). */
  putFileTree(files: readonly FsFileInput[]): string {
    return this.guard(() => this.snapshots.putFiles(files));
  }

  /**
   * Attaches a file-system snapshot (a root tree already stored) to a turn; its descendants
   * inherit it until one has its own.
   * @throws NotFoundError for a missing turn or root blob; UnprocessableError when the root is not a tree.
   */
  attachFs(turnId: IdInput, rootHash: HashInput): { turnId: number; fsRootHash: string } {
    return this.guard(() => this.snapshots.attach(toId(turnId, "turn_id"), rootHash));
  }

  /**
   * The snapshot a turn sees: its own, else its nearest ancestor's.
   * @returns undefined when no turn on its chain has one.
   * @throws NotFoundError when the turn does not exist.
   */
  getFsRoot(turnId: IdInput): { fsRootHash: string; turnId: number } | undefined {
    return this.guard(() => this.snapshots.rootOf(toId(turnId, "turn_id")));
  }

  /**
   * Reads `path` (default the root) of the snapshot a turn sees: a directory listing or a file.
   * @throws NotFoundError when the turn has no snapshot or the path does not exist.
   */
  readTree(turnId: IdInput, fsPath = ""): FsNode {
    return this.guard(() => this.snapshots.read(toId(turnId, "turn_id"), fsPath));
  }

  /** @throws NotFoundError when the context does not exist. */
  getContext(contextId: IdInput): ContextInfo {
    return this.guard(() => this.views.get(toId(contextId, "context_id")));
  }

  /** Contexts newest first (default 20), with metadata and live status. */
  listContexts(options: ListContextsOptions = {}): ContextPage {
    return this.guard(() => this.views.list(options));
  }

  /** Contexts forked from this one, and contexts whose provenance names it as parent. */
  children(contextId: IdInput): ChildContext[] {
    return this.guard(() => this.views.children(toId(contextId, "context_id")));
  }

  /**
   * CQL search over contexts (see cql/ast.ts for the grammar), newest first.
   * @throws CqlError with the position of the problem.
   */
  searchContexts(query: string, options: { limit?: number } = {}): SearchResult {
    return this.guard(() => this.views.search(query, options.limit));
  }

  /** Effective metadata of a context (undefined when it has none). */
  getContextMetadata(contextId: IdInput): ContextMetadata | undefined {
    return this.getContext(contextId).metadata;
  }

  /** Provenance of a context (undefined when its first turn carries none). */
  getProvenance(contextId: IdInput): Provenance | undefined {
    return this.getContext(contextId).metadata?.provenance;
  }

  /** The client tag shown for a context: its metadata's, else its live session's. */
  clientTagOf(info: ContextInfo): string | undefined {
    return this.views.clientTag(info);
  }

  /**
   * Publishes a registry bundle (see {@link Registry.putBundle}).
   * @throws UnprocessableError, RegistryConflictError.
   */
  putBundle(bundleId: string, body: string | object): { created: boolean; bundleId: string; etag: string } {
    return this.guard(() => {
      const started = performance.now();
      const out = this.registry.putBundle(bundleId, body);
      if (out.created) this.metrics.record("registry_ingest", performance.now() - started);
      return out;
    });
  }

  /** Typed projection of a turn (payload loaded), falling back per turn (never throws for data). */
  projectTurn(
    turn: TurnRecord,
    hint: TypeHint = { mode: "inherit" },
    options: RenderOptions = DEFAULT_RENDER_OPTIONS,
  ): TypedProjection {
    return projectTurn(turn, this.registry, hint, options);
  }

  /**
   * Encodes JSON `data` as tagged msgpack through the registry descriptor of the type; without a
   * descriptor, only an object keyed by decimal tags is accepted.
   * @throws UnprocessableError when the data does not fit or the type is unknown.
   */
  encodeData(typeId: string, typeVersion: number, data: unknown): Uint8Array {
    return encodeData(this.registry, typeId, typeVersion, data);
  }

  /** Counts and sizes of what is stored. */
  stats(): StoreStats {
    return this.guard(() => collectStats(this.db, this.file, this.registry));
  }

  /** True once {@link close} ran. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Background WAL checkpoints so far (undefined when they are not running: in memory, or disabled). */
  get backgroundCheckpoints(): { runs: number; frames: number } | undefined {
    return this.checkpointer?.stats;
  }

  private startCheckpointer(): void {
    this.checkpointerTried = true;
    if (this.file === ":memory:" || this.checkpointIntervalMs <= 0) return;
    this.checkpointer = BackgroundCheckpointer.start(this.file, {
      synchronous: this.synchronous,
      intervalMs: this.checkpointIntervalMs,
    });
    if (this.checkpointer !== undefined) this.db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  }

  /** Commits the appends waiting for group commit, then closes the database (a WAL checkpoint runs). Idempotent. */
  close(): void {
    if (this.closed) return;
    this.group.flush();
    this.closed = true;
    // The checkpointer's connection closes first, so this one is the last and its close
    // checkpoints and removes the WAL.
    this.checkpointer?.stop();
    this.db.close();
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toCxdbError(error);
    }
  }
}

/** @throws InvalidArgumentError unless `items` is an array of at most {@link MAX_BATCH} items. */
function checkBatch(items: readonly AppendInput[]): void {
  if (!Array.isArray(items)) throw new InvalidArgumentError({ message: "items must be an array" });
  if (items.length > MAX_BATCH) {
    throw new InvalidArgumentError({ message: `a batch holds at most ${MAX_BATCH} turns, got ${items.length}` });
  }
}

function checkCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new InvalidArgumentError({ message: `${what} must be a u32, got ${String(value)}` });
  }
}
