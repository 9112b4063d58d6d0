/**
 * Shapes of the store's public API: options, heads, turns, appends, contexts and their metadata.
 * Ids are `number` (see ids.ts for why that is safe), hashes are 64 lowercase hex digits, payloads
 * are `Uint8Array`, times are Unix milliseconds.
 * @module
 */
import type { HashInput } from "./hash.js";
import type { IdInput } from "./ids.js";

/** Options of `openStore`. */
export interface StoreOptions {
  /**
   * SQLite `synchronous` setting (WAL mode). `FULL` (default): every acknowledged append is on disk
   * (WAL fsync per commit) and survives a process kill and a power cut. `NORMAL`: survives a process
   * kill; a power cut may lose the last commits (never corrupts).
   */
  synchronous?: "FULL" | "NORMAL";
  /** Largest blob (uncompressed payload) accepted, in bytes. Default 64 MiB (the frame limit). */
  maxBlobBytes?: number;
  /** How long a write waits for another process's write lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
  /** Clock for `created_at` fields, in Unix ms. Default `Date.now`. */
  now?: () => number;
  /**
   * Budget of the cache of decompressed payloads (hot turns are read without zstd), in bytes of
   * uncompressed payload. Default 64 MiB; 0 disables it.
   */
  payloadCacheBytes?: number;
  /**
   * Interval of the background WAL checkpoints of a store on disk, in ms (a worker thread with its
   * own connection, started at the first append, so that commits do not stop to checkpoint).
   * Default 200; 0 leaves checkpoints to SQLite's automatic ones inside commits.
   */
  backgroundCheckpointMs?: number;
}

/** A context's head: the turn new appends attach to (0 = empty context) and its depth. */
export interface ContextHead {
  contextId: number;
  /** 0 for an empty context. */
  headTurnId: number;
  /** Depth of the head turn; 0 for an empty context (and for a head that is a root turn). */
  headDepth: number;
}

/** Options of `createContext`. */
export interface CreateContextOptions {
  /** Turn the new context starts from (its head); 0 or absent = an empty context. */
  baseTurnId?: IdInput;
  /** Metadata for a context whose first turn carries none (the first turn's tag 30 wins field by field). */
  metadata?: ContextMetadata;
  /** Binary-protocol session creating the context (marks it live while the session lasts). */
  sessionId?: number;
}

/** One turn to append (see `Store.append`). */
export interface AppendInput {
  /** Parent turn; 0 or absent = the context's head. Must be on the context's chain or appended in it. */
  parentTurnId?: IdInput;
  /** Declared type id, e.g. `cxdb.ConversationItem` (1..1024 bytes of UTF-8). */
  typeId: string;
  /** Declared type version (u32). */
  typeVersion: number;
  /**
   * The payload: msgpack bytes (zstd-compressed when `compression` is 1), or any other JS value,
   * which is encoded as msgpack (Maps keep integer keys).
   */
  payload: unknown;
  /** Payload encoding (u32); only 1 (msgpack) is accepted. Default 1. */
  encoding?: number;
  /** Compression of `payload` bytes as sent: 0 none (default), 1 zstd. Blobs are stored by this store's own policy. */
  compression?: number;
  /** Length of the uncompressed payload in bytes; checked when given (required for zstd frames that do not declare it). */
  uncompressedLen?: number;
  /** Expected BLAKE3-256 of the uncompressed payload; a mismatch is rejected. */
  contentHash?: HashInput;
  /** Idempotency key: the same key in the same context returns the turn it first created. Empty = none. */
  idempotencyKey?: string | Uint8Array;
  /** File-system snapshot root (a tree already in the blob store) to attach to the new turn. */
  fsRootHash?: HashInput;
}

/** What an append created (or, for a repeated idempotency key, found). */
export interface AppendResult {
  contextId: number;
  turnId: number;
  parentTurnId: number;
  depth: number;
  /** BLAKE3-256 of the uncompressed payload (hex). */
  contentHash: string;
  /** True when the idempotency key matched an earlier append and nothing was written. */
  deduplicated: boolean;
}

/** A stored turn. */
export interface TurnRecord {
  turnId: number;
  /** 0 for a root turn. */
  parentTurnId: number;
  /** 0 for a root turn; parent depth + 1 otherwise. */
  depth: number;
  /** Context the turn was appended in. */
  contextId: number;
  typeId: string;
  typeVersion: number;
  /** Encoding (1 = msgpack). */
  encoding: number;
  /** Compression the payload was sent with (0 none, 1 zstd); stored blobs follow their own codec. */
  compression: number;
  /** Uncompressed payload length, in bytes. */
  uncompressedLen: number;
  /** BLAKE3-256 of the uncompressed payload (hex). */
  contentHash: string;
  createdAtUnixMs: number;
  /** File-system snapshot attached to this very turn (hex), if any (see `getFsRoot` for inherited ones). */
  fsRootHash?: string;
  /** The uncompressed payload, when asked for. */
  payload?: Uint8Array;
}

/** Options of `getLast` / `getTurns`. */
export interface ReadTurnsOptions {
  /** Load each turn's uncompressed payload. Default false for getLast, true for getTurns. */
  includePayload?: boolean;
}

/** Where a context came from, from tag 10 of its first turn's context metadata (CXDB's `Provenance`). */
export interface Provenance {
  parentContextId?: number;
  spawnReason?: string;
  rootContextId?: number;
  traceId?: string;
  spanId?: string;
  correlationId?: string;
  onBehalfOf?: string;
  onBehalfOfSource?: string;
  onBehalfOfEmail?: string;
  writerMethod?: string;
  writerSubject?: string;
  writerIssuer?: string;
  serviceName?: string;
  serviceVersion?: string;
  serviceInstanceId?: string;
  processPid?: number;
  processOwner?: string;
  hostName?: string;
  hostArch?: string;
  clientAddress?: string;
  clientPort?: number;
  env?: Record<string, string>;
  sdkName?: string;
  sdkVersion?: string;
  /** Unix ms. */
  capturedAt?: number;
}

/** Context metadata: tag 30 of the first turn when it is a `cxdb.ConversationItem`. */
export interface ContextMetadata {
  clientTag?: string;
  title?: string;
  labels?: string[];
  custom?: Record<string, string>;
  provenance?: Provenance;
}

/** A context as listed: head, lineage, metadata and live status. */
export interface ContextInfo extends ContextHead {
  createdAtUnixMs: number;
  /** Turn the context was created from (0 = created empty). */
  baseTurnId: number;
  /** Context the base turn was appended in (0 when created empty): the context this one forked from. */
  forkedFromContextId: number;
  /** Effective metadata (first turn's tag 30, completed by what `createContext` was given). */
  metadata: ContextMetadata | undefined;
  /** True while the binary-protocol session that created the context is connected. */
  isLive: boolean;
  /** That session's id, while it is connected. */
  sessionId?: number;
  /** That session's last activity, Unix ms. */
  lastActivityAtUnixMs?: number;
  /** That session's peer address (`ip:port`). */
  peerAddr?: string;
}

/** Options of `listContexts`. */
export interface ListContextsOptions {
  /** Most contexts returned, newest first. Default 20, at most 10,000. */
  limit?: number;
  /** Contexts skipped (paging). Default 0. */
  offset?: number;
  /** Only contexts whose client tag equals this. */
  tag?: string;
}

/** A page of contexts. */
export interface ContextPage {
  contexts: ContextInfo[];
  /** Number of contexts matching (before limit/offset). */
  total: number;
}

/** A context that descends from another (see `children`). */
export interface ChildContext extends ContextInfo {
  /** `fork`: created from a turn appended in the parent; `provenance`: its first turn names the parent. */
  link: "fork" | "provenance";
}

/** Result of `putBlob`. */
export interface PutBlobResult {
  /** BLAKE3-256 of the bytes (hex). */
  hash: string;
  /** False when the blob was already stored (deduplicated). */
  wasNew: boolean;
}

/** Counts and sizes of what is stored (for metrics). */
export interface StoreStats {
  contexts: number;
  turns: number;
  blobs: number;
  /** Sum of uncompressed blob sizes, bytes. */
  blobRawBytes: number;
  /** Sum of stored (possibly compressed) blob sizes, bytes. */
  blobStoredBytes: number;
  fsSnapshots: number;
  registryBundles: number;
  registryTypes: number;
  /** SQLite main file size, bytes (0 in memory). */
  dbBytes: number;
  /** SQLite WAL file size, bytes. */
  walBytes: number;
}
