/**
 * The Turn DAG in SQL: context heads, turns, idempotency records, chain walks and the commit step
 * of an append (run inside the caller's write transaction, after {@link prepareAppend}).
 * @module
 */

import type { PreparedAppend } from "./append.js";
import type { BlobStore, KnownBlob } from "./blobs.js";
import { ConflictError, InternalError, InvalidArgumentError, NotFoundError } from "./errors.js";
import { assertAllocatable } from "./ids.js";
import { extractContextMetadata } from "./metadata.js";
import type { SqliteDatabase, SqliteStatement } from "./sqlite.js";
import type { AppendResult, ContextHead, ContextMetadata, TurnRecord } from "./types.js";

/** A `turns` row. */
export interface TurnRow {
  turn_id: number;
  parent_turn_id: number;
  depth: number;
  context_id: number;
  root_turn_id: number;
  type_id: string;
  type_version: number;
  encoding: number;
  compression: number;
  uncompressed_len: number;
  payload_hash: Buffer;
  created_at_unix_ms: number;
  fs_root?: Buffer | null;
  codec?: number | null;
  raw_len?: number | null;
  data?: Buffer | null;
}

/** A `contexts` row. */
export interface ContextRow {
  context_id: number;
  head_turn_id: number;
  head_depth: number;
  base_turn_id: number;
  forked_from_context_id: number;
  root_turn_id: number;
  metadata_json: string | null;
  created_at_unix_ms: number;
}

/** What committing one append did. */
export interface CommitOutcome {
  result: AppendResult;
  /** Metadata extracted when the turn is a root `cxdb.ConversationItem` carrying tag 30. */
  metadata?: ContextMetadata;
  /** False when the payload blob was already stored (deduplicated) or nothing was appended. */
  blobWasNew: boolean;
}

const CHAIN = `WITH RECURSIVE chain(id, n) AS (
  SELECT ?, 1 WHERE ? <> 0
  UNION ALL
  SELECT t.parent_turn_id, chain.n + 1 FROM chain JOIN turns t ON t.turn_id = chain.id
  WHERE chain.n < ? AND t.parent_turn_id <> 0
)`;

/**
 * The blob columns a turn row is read with when its payload is wanted. Compressed data is left out:
 * the payload cache usually has the payload, and {@link BlobStore.payload} reads the data when not.
 */
const BLOB_COLUMNS = "b.codec, b.raw_len, CASE WHEN b.codec = 0 THEN b.data END AS data";

/** SQL access to turns and contexts. */
export class TurnStore {
  private readonly s: Record<string, SqliteStatement>;

  constructor(
    db: SqliteDatabase,
    private readonly blobs: BlobStore,
    private readonly now: () => number,
  ) {
    const p = (sql: string): SqliteStatement => db.prepare(sql);
    this.s = {
      context: p("SELECT * FROM contexts WHERE context_id = ?"),
      turn: p(
        "SELECT t.*, f.root_hash AS fs_root FROM turns t LEFT JOIN fs_roots f ON f.turn_id = t.turn_id WHERE t.turn_id = ?",
      ),
      turnWithBlob: p(`SELECT t.*, f.root_hash AS fs_root, ${BLOB_COLUMNS} FROM turns t
        LEFT JOIN fs_roots f ON f.turn_id = t.turn_id LEFT JOIN blobs b ON b.hash = t.payload_hash WHERE t.turn_id = ?`),
      insertContext:
        p(`INSERT INTO contexts (head_turn_id, head_depth, base_turn_id, forked_from_context_id, root_turn_id,
        metadata_json, created_at_unix_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      idem: p("SELECT turn_id FROM idempotency WHERE context_id = ? AND idem_key = ?"),
      insertIdem: p("INSERT INTO idempotency (context_id, idem_key, turn_id, created_at_unix_ms) VALUES (?, ?, ?, ?)"),
      insertTurn:
        p(`INSERT INTO turns (parent_turn_id, depth, context_id, root_turn_id, type_id, type_version, encoding,
        compression, uncompressed_len, payload_hash, created_at_unix_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      setRoot: p("UPDATE turns SET root_turn_id = turn_id WHERE turn_id = ?"),
      moveHead: p(
        "UPDATE contexts SET head_turn_id = ?, head_depth = ?, root_turn_id = CASE WHEN root_turn_id = 0 THEN ? ELSE root_turn_id END WHERE context_id = ?",
      ),
      hasFsTree: p("SELECT 1 FROM blobs WHERE hash = ?"),
      upsertFs: p(
        "INSERT INTO fs_roots (turn_id, root_hash, attached_at_unix_ms) VALUES (?, ?, ?) ON CONFLICT(turn_id) DO UPDATE SET root_hash = excluded.root_hash, attached_at_unix_ms = excluded.attached_at_unix_ms",
      ),
      insertMeta: p(
        "INSERT OR REPLACE INTO chain_metadata (root_turn_id, context_id, parent_context_id, metadata_json) VALUES (?, ?, ?, ?)",
      ),
      isAncestor: p(`WITH RECURSIVE up(id, depth) AS (
          SELECT turn_id, depth FROM turns WHERE turn_id = ?
          UNION ALL
          SELECT t.parent_turn_id, up.depth - 1 FROM up JOIN turns t ON t.turn_id = up.id
          WHERE up.depth > ? AND t.parent_turn_id <> 0
        ) SELECT 1 AS hit FROM up WHERE id = ? LIMIT 1`),
      chain: p(`${CHAIN} SELECT t.*, f.root_hash AS fs_root FROM chain JOIN turns t ON t.turn_id = chain.id
        LEFT JOIN fs_roots f ON f.turn_id = t.turn_id ORDER BY chain.n DESC`),
      chainWithBlobs: p(`${CHAIN} SELECT t.*, f.root_hash AS fs_root, ${BLOB_COLUMNS} FROM chain
        JOIN turns t ON t.turn_id = chain.id LEFT JOIN fs_roots f ON f.turn_id = t.turn_id
        LEFT JOIN blobs b ON b.hash = t.payload_hash ORDER BY chain.n DESC`),
    };
  }

  /** @throws NotFoundError when the context does not exist. */
  requireContext(contextId: number): ContextRow {
    const row = this.s.context.get(contextId) as ContextRow | undefined;
    if (row === undefined) throw new NotFoundError({ message: `context not found: ${contextId}` });
    return row;
  }

  /** A turn row, or undefined. */
  turnRow(turnId: number, withBlob = false): TurnRow | undefined {
    return (withBlob ? this.s.turnWithBlob : this.s.turn).get(turnId) as TurnRow | undefined;
  }

  /** @throws NotFoundError when the turn does not exist. */
  requireTurn(turnId: number, what = "turn", withBlob = false): TurnRow {
    const row = this.turnRow(turnId, withBlob);
    if (row === undefined) throw new NotFoundError({ message: `${what} not found: ${turnId}` });
    return row;
  }

  /**
   * Inserts a context whose head is `baseTurnId` (0 = empty); run inside a write transaction. Without
   * `metadata`, a fork takes the creation metadata of the context its base turn was appended in.
   * @throws NotFoundError when the base turn does not exist.
   */
  insertContext(baseTurnId: number, metadata: ContextMetadata | undefined): ContextRow {
    const base = baseTurnId === 0 ? undefined : this.requireTurn(baseTurnId, "base turn");
    // A fork without metadata of its own inherits what its source context was created with.
    const inherited =
      metadata === undefined && base !== undefined ? this.requireContext(base.context_id).metadata_json : null;
    const createdAt = this.now();
    const info = this.s.insertContext.run(
      baseTurnId,
      base?.depth ?? 0,
      baseTurnId,
      base?.context_id ?? 0,
      base?.root_turn_id ?? 0,
      metadata === undefined ? inherited : JSON.stringify(metadata),
      createdAt,
    );
    const contextId = Number(info.lastInsertRowid);
    assertAllocatable(contextId, "context");
    return this.requireContext(contextId);
  }

  /** True when `turn` is `headTurnId` or one of its ancestors. */
  isOnChain(turn: TurnRow, headTurnId: number): boolean {
    if (headTurnId === 0) return false;
    return this.s.isAncestor.get(headTurnId, turn.depth, turn.turn_id) !== undefined;
  }

  /**
   * Commits one prepared append into `contextId` (inside the caller's write transaction).
   * @throws NotFoundError for a missing context, parent or fs root; ConflictError for a parent
   *   outside the context's chain.
   */
  commitAppend(contextId: number, item: PreparedAppend): CommitOutcome {
    const ctx = this.requireContext(contextId);
    if (item.idempotencyKey !== undefined) {
      const hit = this.s.idem.get(contextId, item.idempotencyKey) as { turn_id: number } | undefined;
      if (hit !== undefined) {
        const turn = this.requireTurn(hit.turn_id);
        return { result: { ...resultOf(turn, contextId), deduplicated: true }, blobWasNew: false };
      }
    }
    let parent: TurnRow | undefined;
    if (item.parentTurnId !== 0) {
      parent = this.requireTurn(item.parentTurnId, "parent turn");
      const belongs =
        parent.context_id === contextId ||
        (parent.root_turn_id === ctx.root_turn_id && this.isOnChain(parent, ctx.head_turn_id));
      if (!belongs) {
        throw new ConflictError({
          message: `parent turn ${item.parentTurnId} is not on context ${contextId}'s chain (head ${ctx.head_turn_id})`,
        });
      }
    } else if (ctx.head_turn_id !== 0) {
      parent = this.requireTurn(ctx.head_turn_id, "head turn");
    }
    if (item.fsRootHash !== undefined && this.s.hasFsTree.get(item.fsRootHash) === undefined) {
      throw new NotFoundError({ message: `file-system root tree not found: ${item.fsRootHash.toString("hex")}` });
    }
    const wasNew = this.blobs.insert(item.blob);
    const depth = parent === undefined ? 0 : parent.depth + 1;
    const createdAt = this.now();
    const info = this.s.insertTurn.run(
      parent?.turn_id ?? 0,
      depth,
      contextId,
      parent?.root_turn_id ?? 0,
      item.typeId,
      item.typeVersion,
      item.encoding,
      item.compression,
      item.blob.raw.byteLength,
      item.blob.hash,
      createdAt,
    );
    const turnId = Number(info.lastInsertRowid);
    assertAllocatable(turnId, "turn");
    if (parent === undefined) this.s.setRoot.run(turnId);
    const rootTurnId = parent?.root_turn_id ?? turnId;
    this.s.moveHead.run(turnId, depth, rootTurnId, contextId);
    if (item.idempotencyKey !== undefined) this.s.insertIdem.run(contextId, item.idempotencyKey, turnId, createdAt);
    if (item.fsRootHash !== undefined) this.s.upsertFs.run(turnId, item.fsRootHash, createdAt);
    let metadata: ContextMetadata | undefined;
    if (depth === 0) {
      metadata = extractContextMetadata(item.typeId, item.blob.raw);
      if (metadata !== undefined) {
        this.s.insertMeta.run(
          turnId,
          contextId,
          metadata.provenance?.parentContextId ?? null,
          JSON.stringify(metadata),
        );
      }
    }
    const result: AppendResult = {
      contextId,
      turnId,
      parentTurnId: parent?.turn_id ?? 0,
      depth,
      contentHash: item.blob.hashHex,
      deduplicated: false,
    };
    return metadata === undefined ? { result, blobWasNew: wasNew } : { result, metadata, blobWasNew: wasNew };
  }

  /** Attaches (or replaces) a file-system root on a turn; inside a write transaction. */
  attachFs(turnId: number, rootHash: Buffer): void {
    this.s.upsertFs.run(turnId, rootHash, this.now());
  }

  /**
   * Up to `limit` turns ending at `fromTurnId` (walking parents), oldest first.
   * @param withPayload also load and decompress each payload.
   */
  chain(fromTurnId: number, limit: number, withPayload: boolean): TurnRecord[] {
    if (fromTurnId === 0 || limit <= 0) return [];
    const rows = (withPayload ? this.s.chainWithBlobs : this.s.chain).all(fromTurnId, fromTurnId, limit) as TurnRow[];
    const records = rows.map(toTurnRecord);
    if (withPayload) {
      const payloads = this.blobs.payloads(rows.map((row, i) => this.blobOf(row, records[i].contentHash)));
      records.forEach((record, i) => {
        record.payload = payloads[i];
      });
    }
    return records;
  }

  /**
   * Up to `limit` turns of a context's chain before `beforeTurnId` (0 = from the head), oldest first.
   * @throws NotFoundError for a missing context or before-turn; InvalidArgumentError when the
   *   before-turn belongs to another history.
   */
  page(contextId: number, beforeTurnId: number, limit: number, withPayload: boolean): TurnRecord[] {
    const ctx = this.requireContext(contextId);
    let start = ctx.head_turn_id;
    if (beforeTurnId !== 0) {
      const turn = this.requireTurn(beforeTurnId, "before turn");
      if (turn.root_turn_id !== ctx.root_turn_id) {
        throw new InvalidArgumentError({ message: `turn ${beforeTurnId} is not in context ${contextId}'s history` });
      }
      start = turn.parent_turn_id;
    }
    return this.chain(start, limit, withPayload);
  }

  /**
   * A row as the public {@link TurnRecord}; with `withPayload`, the row must carry its blob's
   * columns ({@link BLOB_COLUMNS}), and the payload is read and decompressed, or taken from the
   * payload cache.
   * @throws InternalError when the payload is asked for and the turn's blob is missing.
   */
  record(row: TurnRow, withPayload: boolean): TurnRecord {
    const record = toTurnRecord(row);
    if (withPayload) record.payload = this.blobs.payloads([this.blobOf(row, record.contentHash)])[0];
    return record;
  }

  /**
   * What a row read with {@link BLOB_COLUMNS} says about its blob.
   * @throws InternalError when the turn's blob is missing.
   */
  private blobOf(row: TurnRow, hashHex: string): { hash: Buffer; hashHex: string; known: KnownBlob } {
    if (row.codec === null || row.codec === undefined) {
      throw new InternalError({ message: `blob of turn ${row.turn_id} is missing (${hashHex})` });
    }
    const data =
      row.data === undefined || row.data === null
        ? undefined
        : new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
    return { hash: row.payload_hash, hashHex, known: { codec: row.codec, data } };
  }

  /** A context's head. */
  head(contextId: number): ContextHead {
    const row = this.requireContext(contextId);
    return { contextId, headTurnId: row.head_turn_id, headDepth: row.head_depth };
  }
}

/** A row as the public {@link TurnRecord}, without its payload. */
export function toTurnRecord(row: TurnRow): TurnRecord {
  const record: TurnRecord = {
    turnId: row.turn_id,
    parentTurnId: row.parent_turn_id,
    depth: row.depth,
    contextId: row.context_id,
    typeId: row.type_id,
    typeVersion: row.type_version,
    encoding: row.encoding,
    compression: row.compression,
    uncompressedLen: row.uncompressed_len,
    contentHash: row.payload_hash.toString("hex"),
    createdAtUnixMs: row.created_at_unix_ms,
  };
  if (row.fs_root) record.fsRootHash = row.fs_root.toString("hex");
  return record;
}

function resultOf(turn: TurnRow, contextId: number): Omit<AppendResult, "deduplicated"> {
  return {
    contextId,
    turnId: turn.turn_id,
    parentTurnId: turn.parent_turn_id,
    depth: turn.depth,
    contentHash: turn.payload_hash.toString("hex"),
  };
}
