/**
 * CXDB's golden request vectors (../shared/specs/cxdb/fixtures/, written by its Go client): each is
 * decoded, executed against a real store through the binary server, and its response checked byte
 * by byte, header included, against a layout built independently of the codec.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAppendTurnRequest } from "../../src/protocol/messages/append-turn.js";
import { decodeAttachFsRequest } from "../../src/protocol/messages/attach-fs.js";
import { decodePutBlobRequest } from "../../src/protocol/messages/blob.js";
import {
  decodeCtxCreateRequest,
  decodeCtxForkRequest,
  decodeGetHeadRequest,
} from "../../src/protocol/messages/context.js";
import { decodeGetLastRequest } from "../../src/protocol/messages/get-last.js";
import { decodeHelloRequest } from "../../src/protocol/messages/hello.js";
import { blake3Hex } from "../../src/store/hash.js";
import { errorOf, frameHex, le, RawConnection, receivedHex } from "./helpers/raw-connection.js";
import { type ServerFixture, startServerFixture, tinyPayload } from "./helpers/server-fixture.js";

const sharedDir = fileURLToPath(new URL("../../../../../shared/specs/cxdb/fixtures/", import.meta.url));
const present = existsSync(sharedDir);

interface GoldenVector {
  name: string;
  msg_type: number;
  flags: number;
  payload_hex: string;
}

function load(name: string): { vector: GoldenVector; payload: Uint8Array } {
  const vector = JSON.parse(readFileSync(`${sharedDir}${name}.json`, "utf8")) as GoldenVector;
  return { vector, payload: new Uint8Array(Buffer.from(vector.payload_hex, "hex")) };
}

const TYPE = "cxdb.ConversationItem";
const FILLER_TURNS = 130;

if (!present) {
  describe("CXDB golden vectors", () => {
    it.skip(`skipped: ${sharedDir} is absent (check out ../shared next to the repo to run them)`, () => {});
  });
} else {
  describe("CXDB golden vectors", () => {
    let fx: ServerFixture;
    let conn: RawConnection;
    let reqId = 100n;
    const call = (name: string) => {
      const { vector, payload } = load(name);
      reqId += 1n;
      return conn.call(vector.msg_type, payload, reqId, vector.flags).then((frame) => ({ frame, reqId, vector }));
    };
    /** Hex of one GET_LAST item as CXDB lays it out, from the store's own record. */
    const itemHex = (turnId: number, withPayload: boolean) => {
      const t = fx.store.getTurn(turnId);
      let hex = le.u64(t.turnId) + le.u64(t.parentTurnId) + le.u32(t.depth) + le.u32(Buffer.byteLength(t.typeId));
      hex += le.str(t.typeId) + le.u32(t.typeVersion) + le.u32(t.encoding);
      hex += withPayload
        ? le.u32(0) + le.u32(t.payload!.byteLength)
        : le.u32(t.compression) + le.u32(t.uncompressedLen);
      hex += t.contentHash;
      if (withPayload) hex += le.u32(t.payload!.byteLength) + Buffer.from(t.payload!).toString("hex");
      return hex;
    };
    const turnCount = () => fx.store.stats().turns;

    beforeAll(async () => {
      fx = await startServerFixture();
      // Context 1 holds turns 1..130 (depths 0..129); contexts 2..42 are empty.
      const ctx = fx.store.createContext();
      expect(ctx.contextId).toBe(1);
      for (let i = 0; i < FILLER_TURNS; i++)
        fx.store.append(1, { typeId: TYPE, typeVersion: 3, payload: tinyPayload(i) });
      while (fx.store.createContext().contextId < 42) {}
      conn = await RawConnection.open(fx.server.port);
    });

    afterAll(async () => {
      conn?.destroy();
      await fx?.close();
    });

    it("finds every vector CXDB's Go client wrote", () => {
      const names = readdirSync(sharedDir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""))
        .sort();
      expect(names).toEqual([
        "append_idempotent",
        "append_parent0",
        "append_parent7",
        "append_with_fs",
        "attach_fs",
        "ctx_create_base0",
        "ctx_fork_base123",
        "get_head_ctx42",
        "get_last_default",
        "get_last_payload",
        "hello_empty",
        "hello_tag",
        "put_blob",
      ]);
    });

    it("hello_empty: session_id u64, protocol_version u16 = 1", async () => {
      expect(decodeHelloRequest(load("hello_empty").payload)).toEqual({
        protocolVersion: 1,
        clientTag: "",
        clientMetaJson: "",
      });
      const { frame, reqId } = await call("hello_empty");
      const sessionId = Buffer.from(frame.payload).readBigUInt64LE(0);
      expect(sessionId).toBeGreaterThan(0n);
      expect(receivedHex(frame)).toBe(frameHex(1, reqId, le.u64(sessionId) + le.u16(1)));
    });

    it("hello_tag: the tag reaches client_connected", async () => {
      expect(decodeHelloRequest(load("hello_tag").payload).clientTag).toBe("test-client");
      const other = await RawConnection.open(fx.server.port);
      try {
        const { vector, payload } = load("hello_tag");
        const frame = await other.call(vector.msg_type, payload, 7n);
        const sessionId = Buffer.from(frame.payload).readBigUInt64LE(0);
        expect(receivedHex(frame)).toBe(frameHex(1, 7n, le.u64(sessionId) + le.u16(1)));
        expect(fx.events).toContainEqual(
          expect.objectContaining({ type: "client_connected", sessionId: Number(sessionId), clientTag: "test-client" }),
        );
      } finally {
        other.destroy();
      }
    });

    it("ctx_create_base0: a new empty context (head 0, depth 0)", async () => {
      expect(decodeCtxCreateRequest(load("ctx_create_base0").payload)).toEqual({ baseTurnId: 0n });
      const { frame, reqId } = await call("ctx_create_base0");
      expect(receivedHex(frame)).toBe(frameHex(2, reqId, le.u64(43) + le.u64(0) + le.u32(0)));
      expect(fx.store.getHead(43)).toEqual({ contextId: 43, headTurnId: 0, headDepth: 0 });
    });

    it("ctx_fork_base123: a new context whose head is turn 123", async () => {
      expect(decodeCtxForkRequest(load("ctx_fork_base123").payload)).toEqual({ baseTurnId: 123n });
      const { frame, reqId } = await call("ctx_fork_base123");
      expect(receivedHex(frame)).toBe(frameHex(3, reqId, le.u64(44) + le.u64(123) + le.u32(122)));
    });

    it("get_head_ctx42", async () => {
      expect(decodeGetHeadRequest(load("get_head_ctx42").payload)).toEqual({ contextId: 42n });
      const { frame, reqId } = await call("get_head_ctx42");
      expect(receivedHex(frame)).toBe(frameHex(4, reqId, le.u64(42) + le.u64(0) + le.u32(0)));
    });

    it("append_parent0: appends on the head of context 1", async () => {
      const { payload } = load("append_parent0");
      const req = decodeAppendTurnRequest(payload, 0);
      expect(req).toMatchObject({
        contextId: 1n,
        parentTurnId: 0n,
        typeId: TYPE,
        typeVersion: 3,
        encoding: 1,
        compression: 0,
        uncompressedLen: 2,
      });
      expect(Buffer.from(req.contentHash).toString("hex")).toBe(blake3Hex(Uint8Array.of(0x91, 0x01)));
      const { frame, reqId } = await call("append_parent0");
      const turnId = FILLER_TURNS + 1;
      expect(receivedHex(frame)).toBe(
        frameHex(5, reqId, le.u64(1) + le.u64(turnId) + le.u32(FILLER_TURNS) + blake3Hex(Uint8Array.of(0x91, 0x01))),
      );
      expect(fx.store.getHead(1)).toEqual({ contextId: 1, headTurnId: turnId, headDepth: FILLER_TURNS });
    });

    it("append_parent7: branches in place from turn 7 (depth 6) and moves the head", async () => {
      expect(decodeAppendTurnRequest(load("append_parent7").payload, 0).parentTurnId).toBe(7n);
      const before = turnCount();
      const { frame, reqId } = await call("append_parent7");
      const turnId = before + 1;
      expect(receivedHex(frame)).toBe(
        frameHex(5, reqId, le.u64(1) + le.u64(turnId) + le.u32(7) + blake3Hex(Uint8Array.of(0x91, 0x02))),
      );
      expect(fx.store.getTurn(turnId)).toMatchObject({ parentTurnId: 7, depth: 7 });
      expect(fx.store.getHead(1).headTurnId).toBe(turnId);
    });

    it("append_idempotent: the same key twice returns the same turn and writes once", async () => {
      expect(Buffer.from(decodeAppendTurnRequest(load("append_idempotent").payload, 0).idempotencyKey).toString()).toBe(
        "idem-1",
      );
      const first = await call("append_idempotent");
      const count = turnCount();
      const second = await call("append_idempotent");
      expect(turnCount()).toBe(count);
      const turnId = count;
      const body = le.u64(1) + le.u64(turnId) + le.u32(8) + blake3Hex(Uint8Array.of(0x91, 0x03));
      expect(receivedHex(first.frame)).toBe(frameHex(5, first.reqId, body));
      expect(receivedHex(second.frame)).toBe(frameHex(5, second.reqId, body));
    });

    it("append_with_fs: flags & 1 carries fs_root_hash; an unknown root is a 404 and nothing is written", async () => {
      const req = decodeAppendTurnRequest(load("append_with_fs").payload, 1);
      expect(Buffer.from(req.fsRootHash!).toString("hex")).toBe("bb".repeat(32));
      const head = fx.store.getHead(1);
      const count = turnCount();
      const { frame, reqId } = await call("append_with_fs");
      expect(frame.msgType).toBe(255);
      const { code, detail } = errorOf(frame);
      expect(code).toBe(404);
      expect(detail).toBe(`APPEND_TURN: file-system root tree not found: ${"bb".repeat(32)}`);
      expect(receivedHex(frame)).toBe(
        frameHex(255, reqId, le.u32(404) + le.u32(Buffer.byteLength(detail)) + le.str(detail)),
      );
      expect(fx.store.getHead(1)).toEqual(head);
      expect(turnCount()).toBe(count);
    });

    it("attach_fs: turn 99 with an unknown root tree is a 404 and attaches nothing", async () => {
      expect(decodeAttachFsRequest(load("attach_fs").payload)).toEqual({
        turnId: 99n,
        fsRootHash: new Uint8Array(32).fill(0xaa),
      });
      const { frame, reqId } = await call("attach_fs");
      const { code, detail } = errorOf(frame);
      expect([code, detail]).toEqual([404, `ATTACH_FS: blob not found: ${"aa".repeat(32)}`]);
      expect(receivedHex(frame)).toBe(
        frameHex(255, reqId, le.u32(404) + le.u32(Buffer.byteLength(detail)) + le.str(detail)),
      );
      expect(fx.store.getFsRoot(99)).toBeUndefined();
    });

    it("get_last_default: at most 10 turns of context 1 (its head is now at depth 8: 9 turns), metadata only", async () => {
      expect(decodeGetLastRequest(load("get_last_default").payload)).toEqual({
        contextId: 1n,
        limit: 10,
        includePayload: false,
      });
      const { frame, reqId } = await call("get_last_default");
      const turns = fx.store.getLast(1, 10);
      expect(turns.map((t) => t.turnId).slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, FILLER_TURNS + 2]);
      expect(receivedHex(frame)).toBe(
        frameHex(6, reqId, le.u32(9) + turns.map((t) => itemHex(t.turnId, false)).join("")),
      );
    });

    it("get_last_payload: the last 5 turns with uncompressed payloads", async () => {
      expect(decodeGetLastRequest(load("get_last_payload").payload)).toEqual({
        contextId: 1n,
        limit: 5,
        includePayload: true,
      });
      const { frame, reqId } = await call("get_last_payload");
      const turns = fx.store.getLast(1, 5);
      expect(turns.map((t) => t.depth)).toEqual([4, 5, 6, 7, 8]);
      expect(receivedHex(frame)).toBe(
        frameHex(6, reqId, le.u32(5) + turns.map((t) => itemHex(t.turnId, true)).join("")),
      );
    });

    it("put_blob: stored once (was_new 1 then 0) and readable with GET_BLOB", async () => {
      const req = decodePutBlobRequest(load("put_blob").payload);
      expect(Buffer.from(req.bytes).toString()).toBe("hello blob");
      const hash = blake3Hex(req.bytes);
      const first = await call("put_blob");
      expect(receivedHex(first.frame)).toBe(frameHex(11, first.reqId, hash + le.u8(1)));
      const second = await call("put_blob");
      expect(receivedHex(second.frame)).toBe(frameHex(11, second.reqId, hash + le.u8(0)));
      const got = await conn.call(9, new Uint8Array(Buffer.from(hash, "hex")), 9999n);
      expect(receivedHex(got)).toBe(frameHex(9, 9999n, le.u32(10) + le.str("hello blob")));
    });
  });

  describe("CXDB golden types through the binary server", () => {
    let fx: ServerFixture;
    let conn: RawConnection;
    const types = (name: string) => JSON.parse(readFileSync(`${sharedDir}types/${name}.json`, "utf8"));
    const appendPayload = (contextId: number, body: Uint8Array, fsRoot?: string) => {
      let hex = le.u64(contextId) + le.u64(0) + le.u32(TYPE.length) + le.str(TYPE) + le.u32(3) + le.u32(1) + le.u32(0);
      hex +=
        le.u32(body.byteLength) +
        blake3Hex(body) +
        le.u32(body.byteLength) +
        Buffer.from(body).toString("hex") +
        le.u32(0);
      if (fsRoot !== undefined) hex += fsRoot;
      return new Uint8Array(Buffer.from(hex, "hex"));
    };

    beforeAll(async () => {
      fx = await startServerFixture();
      conn = await RawConnection.open(fx.server.port);
    });

    afterAll(async () => {
      conn?.destroy();
      await fx?.close();
    });

    it("msgpack_conversation_item (string tag keys) is stored byte-exact and yields the context's metadata", async () => {
      const body = new Uint8Array(Buffer.from(types("msgpack_conversation_item").payload_hex, "hex"));
      const ctx = fx.store.createContext();
      const frame = await conn.call(5, appendPayload(ctx.contextId, body), 1n);
      expect(frame.msgType).toBe(5);
      const last = await conn.call(
        6,
        new Uint8Array(Buffer.from(le.u64(ctx.contextId) + le.u32(1) + le.u32(1), "hex")),
        2n,
      );
      expect(Buffer.from(last.payload).subarray(-body.byteLength)).toEqual(Buffer.from(body));
      expect(fx.store.getContext(ctx.contextId).metadata).toMatchObject({
        clientTag: "fixture-tag",
        title: "Fixture Title",
        labels: ["alpha", "beta"],
      });
    });

    it("fstree_basic: PUT_BLOB of each tree, then ATTACH_FS and APPEND_TURN with flags & 1 succeed", async () => {
      const fixture = types("fstree_basic") as { root_hash_hex: string; trees: Record<string, string> };
      let reqId = 10n;
      for (const [hash, hex] of Object.entries(fixture.trees)) {
        const bytes = Buffer.from(hex, "hex");
        expect(blake3Hex(bytes)).toBe(hash);
        const frame = await conn.call(
          11,
          new Uint8Array(Buffer.from(hash + le.u32(bytes.byteLength) + hex, "hex")),
          ++reqId,
        );
        expect(receivedHex(frame)).toBe(frameHex(11, reqId, hash + le.u8(1)));
      }
      const ctx = fx.store.createContext();
      const turn = fx.store.append(ctx.contextId, { typeId: TYPE, typeVersion: 3, payload: tinyPayload(1) });
      const attach = le.u64(turn.turnId) + fixture.root_hash_hex;
      const attached = await conn.call(10, new Uint8Array(Buffer.from(attach, "hex")), ++reqId);
      expect(receivedHex(attached)).toBe(frameHex(10, reqId, attach));
      expect(fx.store.getFsRoot(turn.turnId)?.fsRootHash).toBe(fixture.root_hash_hex);

      const body = tinyPayload(2);
      const appended = await conn.call(5, appendPayload(ctx.contextId, body, fixture.root_hash_hex), ++reqId, 1);
      expect(appended.msgType).toBe(5);
      const newTurn = Number(Buffer.from(appended.payload).readBigUInt64LE(8));
      expect(fx.store.getTurn(newTurn).fsRootHash).toBe(fixture.root_hash_hex);
      const src = fx.store.readTree(newTurn, "src");
      expect(src.kind === "dir" ? src.entries.map((e) => e.name).sort() : []).toEqual(["lib.go", "main.go"]);
    });
  });
}
