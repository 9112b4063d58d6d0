/**
 * File-system snapshots on turns: attaching a stored root tree, finding the snapshot a turn sees
 * (its own, else its nearest ancestor's), reading paths in it, and storing whole file trees.
 * @module
 */
import type { BlobStore } from "./blobs.js";
import { NotFoundError } from "./errors.js";
import { type BlobAccess, decodeTree, type FsFileInput, type FsNode, putFileTree, resolveFsPath } from "./fs-tree.js";
import { type HashInput, toHashBytes, toHashHex } from "./hash.js";
import type { SqliteDatabase } from "./sqlite.js";
import type { TurnStore } from "./turn-store.js";

/** Snapshot operations over the turn and blob stores. */
export class Snapshots {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly turns: TurnStore,
    private readonly blobs: BlobStore,
  ) {}

  /** Blob access for tree code (writes join the caller's transaction). */
  blobAccess(): BlobAccess {
    return {
      putBlob: (bytes) => {
        const blob = this.blobs.prepare(bytes);
        return { hash: blob.hashHex, wasNew: this.blobs.insert(blob) };
      },
      getBlob: (hash) => this.blobs.get(hash),
    };
  }

  /** Stores files and their trees in one transaction; returns the root tree hash. */
  putFiles(files: readonly FsFileInput[]): string {
    return this.db.transaction(() => putFileTree(this.blobAccess(), files)).immediate();
  }

  /**
   * Attaches a stored root tree to a turn.
   * @throws NotFoundError for a missing turn or root blob; UnprocessableError when the root is not a tree.
   */
  attach(turnId: number, rootHash: HashInput): { turnId: number; fsRootHash: string } {
    const hex = toHashHex(rootHash, "fs_root_hash");
    this.turns.requireTurn(turnId);
    decodeTree(this.blobs.get(hex));
    this.db.transaction(() => this.turns.attachFs(turnId, toHashBytes(hex))).immediate();
    return { turnId, fsRootHash: hex };
  }

  /**
   * The snapshot `turnId` sees, walking up its parents.
   * @throws NotFoundError when the turn does not exist.
   */
  rootOf(turnId: number): { fsRootHash: string; turnId: number } | undefined {
    let row = this.turns.requireTurn(turnId);
    for (;;) {
      if (row.fs_root) return { fsRootHash: row.fs_root.toString("hex"), turnId: row.turn_id };
      if (row.parent_turn_id === 0) return undefined;
      row = this.turns.requireTurn(row.parent_turn_id);
    }
  }

  /**
   * A directory listing or a file of the snapshot `turnId` sees.
   * @throws NotFoundError when there is no snapshot or the path does not exist.
   */
  read(turnId: number, fsPath: string): FsNode {
    const root = this.rootOf(turnId);
    if (root === undefined) throw new NotFoundError({ message: `no file-system snapshot for turn ${turnId}` });
    const node = resolveFsPath(this.blobAccess(), root.fsRootHash, fsPath);
    const path = fsPath
      .split("/")
      .filter((p) => p !== "" && p !== ".")
      .join("/");
    return { ...node, turnId, path, fsRootHash: root.fsRootHash };
  }
}
