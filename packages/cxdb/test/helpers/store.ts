// Shared helpers of the store, HTTP and client tests: throwaway stores, temp dirs, payload builders
// and CXDB's own type vectors (hex copied from strongdm/cxdb fixtures/types, Apache-2.0).
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encodeMsgpack } from "../../src/store/msgpack-encode.js";
import { openStore, type Store } from "../../src/store/store.js";
import type { StoreOptions } from "../../src/store/types.js";

/** An in-memory store. */
export function memoryStore(options: StoreOptions = {}): Promise<Store> {
  return openStore(":memory:", options);
}

/** A fresh temporary directory and its cleanup. */
export async function tempDir(prefix = "cxdb-"): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** msgpack bytes of a tag-keyed map (integer keys). */
export function tagged(fields: Record<number, unknown>): Uint8Array {
  return encodeMsgpack(new Map(Object.entries(fields).map(([k, v]) => [Number(k), v] as [number, unknown])));
}

/** Options of {@link conversationItem}. */
export interface ConversationItemOptions {
  text?: string;
  clientTag?: string;
  title?: string;
  labels?: string[];
  provenance?: Record<number, unknown>;
  /** Write keys as digit strings, as CXDB's Go client does. */
  stringKeys?: boolean;
}

/** A `cxdb.ConversationItem` user_input payload, with context metadata (tag 30) when asked. */
export function conversationItem(options: ConversationItemOptions = {}): Uint8Array {
  const key = (n: number): number | string => (options.stringKeys ? String(n) : n);
  const map = (entries: Array<[number, unknown]>): Map<number | string, unknown> =>
    new Map(entries.map(([k, v]) => [key(k), v] as [number | string, unknown]));
  const item: Array<[number, unknown]> = [
    [1, "user_input"],
    [2, "complete"],
    [3, 1_706_615_000_000],
    [10, map([[1, options.text ?? "hello"]])],
  ];
  const meta: Array<[number, unknown]> = [];
  if (options.clientTag !== undefined) meta.push([1, options.clientTag]);
  if (options.title !== undefined) meta.push([2, options.title]);
  if (options.labels !== undefined) meta.push([3, options.labels]);
  if (options.provenance !== undefined) {
    meta.push([10, map(Object.entries(options.provenance).map(([k, v]) => [Number(k), v] as [number, unknown]))]);
  }
  if (meta.length > 0) item.push([30, map(meta)]);
  return encodeMsgpack(map(item));
}

/** CXDB fixture `msgpack_conversation_item`: a Go-written ConversationItem (string keys) with context metadata. */
export const GO_CONVERSATION_ITEM_HEX =
  "8ca131aa757365725f696e707574a132a8636f6d706c657465a133d30000018bcfe56800a134a66974656d2d31a2313082a131b348656c6c6f2066726f6d206669787475726573a13291a866696c652e747874a23131c0a23132c0a23133c0a23230c0a23231c0a23232c0a2333085a131ab666978747572652d746167a132ad46697874757265205469746c65a13392a5616c706861a462657461a13481a3656e76a474657374a23130c0";

/** CXDB fixture `msgpack_numeric_map`: `{2: "two", 1: "one", 3: "three"}` with fixed-width u64 keys. */
export const NUMERIC_MAP_HEX = "83cf0000000000000002a374776fcf0000000000000001a36f6e65cf0000000000000003a57468726565";

/** CXDB fixture `fstree_basic`: tree blobs (hash → hex), the root, and the files' content hashes. */
export const FSTREE_FIXTURE = {
  root: "a33f6fccb99e5e80583440fe62e70ffe0eea6e7f1c28eef7cecff33512fdb662",
  src: "3e24ab8ba3e38df5ac21591f09278f9d876d0ad0d3a7f4ff5853486bcdbe505b",
  trees: {
    "3e24ab8ba3e38df5ac21591f09278f9d876d0ad0d3a7f4ff5853486bcdbe505b":
      "9285a131a66c69622e676fa132cc00a133ce000001a4a134cf000000000000001ba135c420086c48c992cb0560586627eebcd9e578a6b5dcd399f0c83af82d13c263fdbc3985a131a76d61696e2e676fa132cc00a133ce000001a4a134cf000000000000000ca135c420f13810b2e1ffddc4e8ada1f2928f6e6f4d7a1f7f7b6ef4ee53b50a9bc9c67f21",
    a33f6fccb99e5e80583440fe62e70ffe0eea6e7f1c28eef7cecff33512fdb662:
      "9385a131a9524541444d452e6d64a132cc00a133ce000001a4a134cf0000000000000006a135c4205a15c561d68ca1d823dee29ef2de71a7c8d821646f7aefece02f04e7dfa20d8885a131a97363726970742e7368a132cc00a133ce000001eda134cf0000000000000013a135c420e5c4e38e6c35c3e9bce5f81d4b801f2af77d59d1676ed11764187da15a281acf85a131a3737263a132cc01a133ce000001eda134cf0000000000000000a135c4203e24ab8ba3e38df5ac21591f09278f9d876d0ad0d3a7f4ff5853486bcdbe505b",
  } as Record<string, string>,
  files: {
    "README.md": "5a15c561d68ca1d823dee29ef2de71a7c8d821646f7aefece02f04e7dfa20d88",
    "script.sh": "e5c4e38e6c35c3e9bce5f81d4b801f2af77d59d1676ed11764187da15a281acf",
    "src/lib.go": "086c48c992cb0560586627eebcd9e578a6b5dcd399f0c83af82d13c263fdbc39",
    "src/main.go": "f13810b2e1ffddc4e8ada1f2928f6e6f4d7a1f7f7b6ef4ee53b50a9bc9c67f21",
  },
  blake3: {
    empty: "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
    hello: "ea8f163db38682925e4491c5e58d4bb3506ef8c14eb78a86e908c5624a67200f",
  },
};

/** Bytes of a hex string. */
export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "hex"));
}

/** A simple type registry bundle for projection tests. */
export const MESSAGE_BUNDLE = {
  registry_version: 1,
  bundle_id: "2025-01-30T10:00:00Z#abc123",
  types: {
    "com.example.Message": {
      versions: {
        "1": {
          fields: {
            "1": { name: "role", type: "u8", enum: "com.example.Role" },
            "2": { name: "text", type: "string", optional: true },
            "3": { name: "timestamp", type: "unix_ms", optional: true },
            "4": { name: "attachments", type: "array", items: "bytes", optional: true },
            "5": { name: "size", type: "u64", optional: true },
            "6": { name: "created", type: "u64", semantic: "unix_ms", optional: true },
            "7": { name: "tool", type: "ref", ref: "com.example.Tool", optional: true },
          },
          renderer: { esm_url: "builtin:Message" },
        },
      },
    },
    "com.example.Tool": {
      versions: { "1": { fields: { "1": { name: "name", type: "string" }, "2": { name: "calls", type: "u32" } } } },
    },
  },
  enums: { "com.example.Role": { "1": "system", "2": "user", "3": "assistant", "4": "tool" } },
};

/**
 * CXDB's registry bundle for `cxdb.ConversationItem` v3 and the types it references, as its cxtx
 * client publishes it (strongdm/cxdb cxtx/src/conversation_registry_bundle.json, Apache-2.0).
 */
export const CONVERSATION_BUNDLE = JSON.parse(
  readFileSync(new URL("../fixtures/registry/conversation-item-bundle.json", import.meta.url), "utf8"),
) as { bundle_id: string };
