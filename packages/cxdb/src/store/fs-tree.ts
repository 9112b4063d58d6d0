/**
 * File-system snapshots as Merkle trees in the blob store, byte-compatible with CXDB's Go client
 * (`clients/go/fstree`): a tree blob is a msgpack array of entries, each a map with string keys
 * "1" name, "2" kind (u8: 0 file, 1 dir, 2 symlink), "3" mode (u32), "4" size (u64), "5" hash
 * (32-byte bin: file content, subtree or symlink target), sorted by name. A tree's hash is the
 * BLAKE3 of its blob; the root's hash names the snapshot.
 * @module
 */
import { InvalidArgumentError, NotFoundError, UnprocessableError } from "./errors.js";
import { bytesToHex, type HashInput, toHashHex } from "./hash.js";
import { decodeMsgpack, MsgMap, tagsOf } from "./msgpack.js";
import type { PutBlobResult } from "./types.js";

/** Entry kinds, by name. */
export type FsEntryKind = "file" | "dir" | "symlink";

const KIND_CODES: Record<FsEntryKind, number> = { file: 0, dir: 1, symlink: 2 };
const KIND_NAMES: FsEntryKind[] = ["file", "dir", "symlink"];

/** One entry of a directory tree. */
export interface FsEntry {
  /** File name (no `/`). */
  name: string;
  kind: FsEntryKind;
  /** POSIX permission bits, e.g. 0o644. */
  mode: number;
  /** Size in bytes (files; 0 for directories). */
  size: number;
  /** BLAKE3-256 (hex) of the file content, the subtree blob, or the symlink target. */
  hash: string;
}

/** An entry to write with `putTree`; mode and size default to 0o644/0o755 and 0. */
export interface FsEntryInput {
  name: string;
  kind: FsEntryKind;
  mode?: number;
  size?: number;
  hash: HashInput;
}

/** A file for `putFileTree`: content (bytes or UTF-8 text), or a symlink target. */
export interface FsFileInput {
  /** Relative path with `/` separators, e.g. `src/main.go`. */
  path: string;
  content?: Uint8Array | string;
  /** Makes this entry a symlink to `symlink`. */
  symlink?: string;
  /** Default 0o644 (0o777 for symlinks). */
  mode?: number;
}

/** What a snapshot path resolves to (see `Store.readTree`). */
export type FsNode =
  | { kind: "dir"; turnId: number; path: string; fsRootHash: string; entries: FsEntry[] }
  | { kind: "file" | "symlink"; turnId: number; path: string; fsRootHash: string; entry: FsEntry; content: Uint8Array };

/** The blob operations trees need. */
export interface BlobAccess {
  putBlob(bytes: Uint8Array): PutBlobResult;
  getBlob(hash: HashInput): Uint8Array;
}

/**
 * Encodes tree entries exactly as the Go client does (sorted by name, fixed-width integers).
 * @throws InvalidArgumentError for empty names, names with `/`, duplicates, or bad hashes.
 */
export function encodeTree(entries: readonly FsEntryInput[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const parts: Buffer[] = [arrayHeader(sorted.length)];
  let previous: string | undefined;
  for (const entry of sorted) {
    if (entry.name === "" || entry.name.includes("/") || entry.name === "." || entry.name === "..") {
      throw new InvalidArgumentError({ message: `invalid tree entry name ${JSON.stringify(entry.name)}` });
    }
    if (entry.name === previous) throw new InvalidArgumentError({ message: `duplicate tree entry ${entry.name}` });
    previous = entry.name;
    const kind = KIND_CODES[entry.kind];
    if (kind === undefined) throw new InvalidArgumentError({ message: `invalid entry kind ${String(entry.kind)}` });
    const mode = entry.mode ?? (entry.kind === "dir" ? 0o755 : entry.kind === "symlink" ? 0o777 : 0o644);
    const size = entry.size ?? 0;
    const fixed = Buffer.alloc(2 + 2 + 2 + 5 + 2 + 9 + 2 + 2 + 32);
    let o = 0;
    const byte = (b: number): void => {
      fixed[o++] = b;
    };
    byte(0xa1);
    byte(0x32);
    byte(0xcc);
    byte(kind);
    byte(0xa1);
    byte(0x33);
    byte(0xce);
    fixed.writeUInt32BE(mode >>> 0, o);
    o += 4;
    byte(0xa1);
    byte(0x34);
    byte(0xcf);
    fixed.writeBigUInt64BE(BigInt(size), o);
    o += 8;
    byte(0xa1);
    byte(0x35);
    byte(0xc4);
    byte(32);
    Buffer.from(toHashHex(entry.hash, `hash of ${entry.name}`), "hex").copy(fixed, o);
    o += 32;
    parts.push(Buffer.from([0x85, 0xa1, 0x31]), strHeader(entry.name), fixed.subarray(0, o));
  }
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * Decodes a tree blob (integer or digit-string keys).
 * @throws UnprocessableError when the blob is not a msgpack array of entry maps.
 */
export function decodeTree(bytes: Uint8Array): FsEntry[] {
  const value = decodeMsgpack(bytes);
  if (!Array.isArray(value)) throw new UnprocessableError({ message: "file-system tree is not a msgpack array" });
  return value.map((item, i) => {
    if (!(item instanceof MsgMap)) throw new UnprocessableError({ message: `tree entry ${i} is not a map` });
    const tags = tagsOf(item);
    const name = tags.get(1);
    const hash = tags.get(5);
    if (typeof name !== "string" || !(hash instanceof Uint8Array) || hash.byteLength !== 32) {
      throw new UnprocessableError({ message: `tree entry ${i} lacks a name or a 32-byte hash` });
    }
    const kind = KIND_NAMES[Number(tags.get(2) ?? 0)] ?? "file";
    return { name, kind, mode: Number(tags.get(3) ?? 0), size: Number(tags.get(4) ?? 0), hash: bytesToHex(hash) };
  });
}

/**
 * Stores file contents and every directory tree for `files`; returns the root tree's hash (hex).
 * @throws InvalidArgumentError for empty, absolute or duplicate paths.
 */
export function putFileTree(blobs: BlobAccess, files: readonly FsFileInput[]): string {
  interface Dir {
    dirs: Map<string, Dir>;
    entries: FsEntryInput[];
  }
  const root: Dir = { dirs: new Map(), entries: [] };
  const seen = new Set<string>();
  for (const file of files) {
    const parts = file.path.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.length === 0 || file.path.startsWith("/") || parts.includes("..")) {
      throw new InvalidArgumentError({ message: `invalid snapshot path ${JSON.stringify(file.path)}` });
    }
    const key = parts.join("/");
    if (seen.has(key)) throw new InvalidArgumentError({ message: `duplicate snapshot path ${key}` });
    seen.add(key);
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (next === undefined) {
        next = { dirs: new Map(), entries: [] };
        dir.dirs.set(part, next);
      }
      dir = next;
    }
    const name = parts[parts.length - 1];
    if (file.symlink !== undefined) {
      const target = Buffer.from(file.symlink, "utf8");
      const { hash } = blobs.putBlob(target);
      dir.entries.push({ name, kind: "symlink", mode: file.mode ?? 0o777, size: target.byteLength, hash });
    } else {
      const content =
        typeof file.content === "string" ? Buffer.from(file.content, "utf8") : (file.content ?? new Uint8Array());
      const { hash } = blobs.putBlob(content);
      dir.entries.push({ name, kind: "file", mode: file.mode ?? 0o644, size: content.byteLength, hash });
    }
  }
  const write = (dir: Dir): string => {
    const entries = [...dir.entries];
    for (const [name, sub] of dir.dirs) entries.push({ name, kind: "dir", mode: 0o755, size: 0, hash: write(sub) });
    return blobs.putBlob(encodeTree(entries)).hash;
  };
  return write(root);
}

/**
 * Resolves `path` (`""` or `/` = the root) inside the snapshot whose root tree is `rootHash`.
 * @throws NotFoundError for a missing component; UnprocessableError for a corrupt tree.
 */
export function resolveFsPath(
  blobs: BlobAccess,
  rootHash: string,
  path: string,
): { kind: "dir"; entries: FsEntry[] } | { kind: "file" | "symlink"; entry: FsEntry; content: Uint8Array } {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  let entries = decodeTree(blobs.getBlob(rootHash));
  for (let i = 0; i < parts.length; i++) {
    const entry = entries.find((e) => e.name === parts[i]);
    if (entry === undefined) {
      throw new NotFoundError({ message: `path not found in snapshot: ${parts.slice(0, i + 1).join("/")}` });
    }
    if (entry.kind === "dir") {
      entries = decodeTree(blobs.getBlob(entry.hash));
      continue;
    }
    if (i !== parts.length - 1)
      throw new NotFoundError({ message: `not a directory: ${parts.slice(0, i + 1).join("/")}` });
    return { kind: entry.kind, entry, content: blobs.getBlob(entry.hash) };
  }
  return { kind: "dir", entries };
}

function arrayHeader(n: number): Buffer {
  if (n < 16) return Buffer.from([0x90 | n]);
  if (n < 0x10000) return Buffer.from([0xdc, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0xdd;
  b.writeUInt32BE(n, 1);
  return b;
}

function strHeader(text: string): Buffer {
  const bytes = Buffer.from(text, "utf8");
  const n = bytes.byteLength;
  let head: Buffer;
  if (n < 32) head = Buffer.from([0xa0 | n]);
  else if (n < 0x100) head = Buffer.from([0xd9, n]);
  else if (n < 0x10000) head = Buffer.from([0xda, n >> 8, n & 0xff]);
  else {
    head = Buffer.alloc(5);
    head[0] = 0xdb;
    head.writeUInt32BE(n, 1);
  }
  return Buffer.concat([head, bytes]);
}
