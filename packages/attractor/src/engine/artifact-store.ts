/**
 * The artifact store (attractor-spec §5.5): named storage for stage outputs too large for the
 * context. Values over the threshold are written to `{base_dir}/artifacts/{id}.json`.
 * @module
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { AttractorError } from "../errors.js";
import { writeJsonAtomic } from "../util/atomic-write.js";

/** Default size above which artifacts go to disk: 100 KB (§5.5). */
export const FILE_BACKING_THRESHOLD_BYTES = 100 * 1024;

/** Metadata of a stored artifact (§5.5). */
export interface ArtifactInfo {
  id: string;
  name: string;
  /** Size of the JSON encoding in bytes. */
  sizeBytes: number;
  /** ISO-8601 time it was stored. */
  storedAt: string;
  isFileBacked: boolean;
}

/** In-memory artifact store with file backing for large values (§5.5). */
export class ArtifactStore {
  private readonly artifacts = new Map<string, { info: ArtifactInfo; data: unknown }>();
  private readonly baseDir: string | undefined;
  private readonly thresholdBytes: number;

  /**
   * @param baseDir run directory; without it nothing is written to disk.
   * @param thresholdBytes file-backing threshold (default 100 KB).
   */
  constructor(baseDir?: string, thresholdBytes = FILE_BACKING_THRESHOLD_BYTES) {
    this.baseDir = baseDir;
    this.thresholdBytes = thresholdBytes;
  }

  /** Stores `data` (JSON-serializable) under `id`, replacing any previous value. */
  store(id: string, name: string, data: unknown): ArtifactInfo {
    const json = JSON.stringify(data) ?? "null";
    const sizeBytes = Buffer.byteLength(json);
    const isFileBacked = sizeBytes > this.thresholdBytes && this.baseDir !== undefined;
    let stored: unknown = data;
    if (isFileBacked && this.baseDir) {
      const dir = join(this.baseDir, "artifacts");
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `${safeId(id)}.json`);
      writeJsonAtomic(path, data, { fsync: false });
      stored = path;
    }
    const info: ArtifactInfo = { id, name, sizeBytes, storedAt: new Date().toISOString(), isFileBacked };
    this.artifacts.set(id, { info, data: stored });
    return info;
  }

  /**
   * The stored value.
   * @throws AttractorError when no artifact has that id.
   */
  retrieve(id: string): unknown {
    const entry = this.artifacts.get(id);
    if (!entry) throw new AttractorError({ message: `Artifact not found: ${id}` });
    return entry.info.isFileBacked ? JSON.parse(readFileSync(entry.data as string, "utf8")) : entry.data;
  }

  has(id: string): boolean {
    return this.artifacts.has(id);
  }

  list(): ArtifactInfo[] {
    return [...this.artifacts.values()].map((e) => e.info);
  }

  /** Removes one artifact (and its file). */
  remove(id: string): void {
    const entry = this.artifacts.get(id);
    if (entry?.info.isFileBacked) rmSync(entry.data as string, { force: true });
    this.artifacts.delete(id);
  }

  /** Removes every artifact. */
  clear(): void {
    for (const id of [...this.artifacts.keys()]) this.remove(id);
  }

  get size(): number {
    return this.artifacts.size;
  }
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, "_");
}
