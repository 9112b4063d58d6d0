/**
 * A TypeScript client for CXDB's binary protocol (port 9009): one TCP connection, pipelined
 * requests matched to responses by req_id, typed errors from ERROR frames.
 *
 * IDs are u64 on the wire and `bigint` here (inputs also take `number`); hashes are BLAKE3-256,
 * returned as 64 lowercase hex digits (inputs take 32 bytes or hex).
 * @module
 */

import { connect as netConnect, type Socket } from "node:net";
import { compress } from "@bokuweb/zstd-wasm";
import { ConnectionError, errorFromBinary, MalformedPayloadError } from "../protocol/errors.js";
import { encodeFrame, FrameReader, MAX_FRAME_PAYLOAD_BYTES, MsgType, msgTypeName } from "../protocol/frame.js";
import {
  type AppendTurnResponse,
  appendTurnFlags,
  decodeAppendTurnResponse,
  encodeAppendTurnRequest,
} from "../protocol/messages/append-turn.js";
import { decodeAttachFsResponse, encodeAttachFsRequest } from "../protocol/messages/attach-fs.js";
import {
  decodeGetBlobResponse,
  decodePutBlobResponse,
  encodeGetBlobRequest,
  encodePutBlobRequest,
} from "../protocol/messages/blob.js";
import {
  type ContextHeadResponse,
  decodeContextHeadResponse,
  encodeCtxCreateRequest,
  encodeCtxForkRequest,
  encodeGetHeadRequest,
} from "../protocol/messages/context.js";
import { decodeErrorResponse } from "../protocol/messages/error.js";
import { decodeGetLastResponse, encodeGetLastRequest, type TurnItem } from "../protocol/messages/get-last.js";
import { decodeHelloResponse, encodeHelloRequest, type HelloResponse } from "../protocol/messages/hello.js";
import { Compression, Encoding } from "../store/append.js";
import { initCompression, ZSTD_LEVEL } from "../store/codec.js";
import { PayloadTooLargeError } from "../store/errors.js";
import { blake3, bytesToHex, type HashInput, initHashing, toHashBytes } from "../store/hash.js";

export type { ContextHeadResponse, HelloResponse, TurnItem };

/** An id input: a u64 as bigint or as a safe non-negative integer. */
export type U64Input = bigint | number;

/** Options of {@link CxdbBinaryClient.connect}. */
export interface BinaryClientOptions {
  /** Server host. Default `127.0.0.1`. */
  host?: string;
  /** Server port. Default 9009. */
  port?: number;
  /** Tag sent in HELLO (e.g. `"dotrunner"`). Default `""`. */
  clientTag?: string;
  /** Client metadata JSON sent in HELLO. Default none. */
  clientMetaJson?: string;
  /** Send HELLO on connect (as CXDB's clients do). Default true. */
  hello?: boolean;
  /** How long one request may wait for its response, in ms. Default 30,000; 0 = forever. */
  requestTimeoutMs?: number;
  /** How long connecting may take, in ms. Default 5,000. */
  connectTimeoutMs?: number;
}

/** Input of {@link CxdbBinaryClient.appendTurn}. */
export interface AppendTurnInput {
  contextId: U64Input;
  /** Parent turn; 0/absent = the context's head. */
  parentTurnId?: U64Input;
  typeId: string;
  typeVersion: number;
  /** Uncompressed payload (msgpack map keyed by numeric tags). */
  payload: Uint8Array;
  /** Encoding code (u32). Default 1 (msgpack). */
  encoding?: number;
  /** Compress the payload on the wire with zstd. Default false. */
  compress?: boolean;
  /** Idempotency key: the same key in the same context returns the first turn. */
  idempotencyKey?: string | Uint8Array;
  /** File-system snapshot root (already stored) to attach to the new turn. */
  fsRootHash?: HashInput;
  /** Override the BLAKE3 sent (default: computed from `payload`); for tests of the server's check. */
  contentHash?: HashInput;
}

/** A context head as returned by create/fork/getHead. */
export interface BinaryContextHead {
  contextId: bigint;
  headTurnId: bigint;
  headDepth: number;
}

/** The result of {@link CxdbBinaryClient.appendTurn}. */
export interface BinaryAppendResult {
  contextId: bigint;
  turnId: bigint;
  depth: number;
  /** BLAKE3-256 of the uncompressed payload (hex). */
  contentHash: string;
}

/** One turn of {@link CxdbBinaryClient.getLast}. */
export interface BinaryTurn extends Omit<TurnItem, "contentHash"> {
  /** BLAKE3-256 of the uncompressed payload (hex). */
  contentHash: string;
}

interface Pending {
  msgType: number;
  resolve(payload: Uint8Array): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

const utf8 = new TextEncoder();

/**
 * A binary-protocol connection. Create with {@link CxdbBinaryClient.connect}; every method may be
 * called concurrently (requests are pipelined). Methods reject with the store's typed errors
 * (NotFoundError, ConflictError, HashMismatch-as-UnprocessableError, ...) built from ERROR frames
 * ({@link errorFromBinary}), and with {@link ConnectionError} when the connection fails, closes or
 * a request times out.
 */
export class CxdbBinaryClient {
  private readonly pending = new Map<bigint, Pending>();
  private readonly reader = new FrameReader();
  private nextReqId = 1n;
  private closedError: ConnectionError | undefined;
  /** Session id from the last HELLO (0n before one). */
  sessionId = 0n;

  private constructor(
    private readonly socket: Socket,
    private readonly requestTimeoutMs: number,
  ) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (error) =>
      this.fail(new ConnectionError({ message: `connection error: ${error.message}`, cause: error })),
    );
    socket.on("close", () => this.fail(new ConnectionError({ message: "connection closed" })));
  }

  /**
   * Connects and (unless `hello: false`) sends HELLO.
   * @throws ConnectionError when the server cannot be reached in time.
   */
  static async connect(options: BinaryClientOptions = {}): Promise<CxdbBinaryClient> {
    await Promise.all([initHashing(), initCompression()]);
    const host = options.host ?? "127.0.0.1";
    const port = options.port ?? 9009;
    const socket = await new Promise<Socket>((resolve, reject) => {
      const s = netConnect({ host, port, noDelay: true });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new ConnectionError({ message: `connecting to ${host}:${port} timed out` }));
      }, options.connectTimeoutMs ?? 5000);
      s.once("connect", () => {
        clearTimeout(timer);
        s.removeAllListeners("error");
        resolve(s);
      });
      s.once("error", (error) => {
        clearTimeout(timer);
        reject(new ConnectionError({ message: `cannot connect to ${host}:${port}: ${error.message}`, cause: error }));
      });
    });
    const client = new CxdbBinaryClient(socket, options.requestTimeoutMs ?? 30_000);
    if (options.hello !== false) {
      await client.hello({ clientTag: options.clientTag ?? "", clientMetaJson: options.clientMetaJson ?? "" });
    }
    return client;
  }

  /** HELLO: identifies the client; returns (and remembers) the server's session id. */
  async hello(
    options: { clientTag?: string; clientMetaJson?: string; protocolVersion?: number } = {},
  ): Promise<HelloResponse> {
    const payload = encodeHelloRequest({
      protocolVersion: options.protocolVersion ?? 1,
      clientTag: options.clientTag ?? "",
      clientMetaJson: options.clientMetaJson ?? "",
    });
    const response = decodeHelloResponse(await this.request(MsgType.HELLO, payload));
    this.sessionId = response.sessionId;
    return response;
  }

  /** CTX_CREATE: a new context whose head is `baseTurnId` (default 0 = empty). */
  async createContext(baseTurnId: U64Input = 0n): Promise<BinaryContextHead> {
    return decodeContextHeadResponse(
      await this.request(MsgType.CTX_CREATE, encodeCtxCreateRequest({ baseTurnId: u64(baseTurnId) })),
    );
  }

  /** CTX_FORK: a new context whose head is `baseTurnId`. @throws NotFoundError for an unknown turn. */
  async fork(baseTurnId: U64Input): Promise<BinaryContextHead> {
    return decodeContextHeadResponse(
      await this.request(MsgType.CTX_FORK, encodeCtxForkRequest({ baseTurnId: u64(baseTurnId) })),
    );
  }

  /** GET_HEAD. @throws NotFoundError for an unknown context. */
  async getHead(contextId: U64Input): Promise<BinaryContextHead> {
    return decodeContextHeadResponse(
      await this.request(MsgType.GET_HEAD, encodeGetHeadRequest({ contextId: u64(contextId) })),
    );
  }

  /**
   * APPEND_TURN: hashes the payload (BLAKE3), optionally zstd-compresses it, and appends it.
   * @throws NotFoundError (context, parent, fs root), ConflictError (parent off the chain),
   *   UnprocessableError (hash, msgpack, encoding), PayloadTooLargeError.
   */
  async appendTurn(input: AppendTurnInput): Promise<BinaryAppendResult> {
    const contentHash = input.contentHash === undefined ? blake3(input.payload) : hashBytes(input.contentHash);
    const body = input.compress === true ? compress(input.payload, ZSTD_LEVEL) : input.payload;
    const request = {
      contextId: u64(input.contextId),
      parentTurnId: u64(input.parentTurnId ?? 0n),
      typeId: input.typeId,
      typeVersion: input.typeVersion,
      encoding: input.encoding ?? Encoding.MSGPACK,
      compression: input.compress === true ? Compression.ZSTD : Compression.NONE,
      uncompressedLen: input.payload.byteLength,
      contentHash,
      payload: body,
      idempotencyKey:
        typeof input.idempotencyKey === "string"
          ? utf8.encode(input.idempotencyKey)
          : (input.idempotencyKey ?? new Uint8Array(0)),
      ...(input.fsRootHash === undefined ? {} : { fsRootHash: hashBytes(input.fsRootHash) }),
    };
    const response: AppendTurnResponse = decodeAppendTurnResponse(
      await this.request(MsgType.APPEND_TURN, encodeAppendTurnRequest(request), appendTurnFlags(request)),
    );
    return {
      contextId: response.contextId,
      turnId: response.newTurnId,
      depth: response.newDepth,
      contentHash: bytesToHex(response.contentHash),
    };
  }

  /**
   * GET_LAST: the last `limit` (default 10) turns, oldest first; payloads (uncompressed) only with
   * `includePayload`. @throws NotFoundError for an unknown context.
   */
  async getLast(
    contextId: U64Input,
    options: { limit?: number; includePayload?: boolean } = {},
  ): Promise<BinaryTurn[]> {
    const includePayload = options.includePayload ?? false;
    const payload = encodeGetLastRequest({ contextId: u64(contextId), limit: options.limit ?? 10, includePayload });
    const { turns } = decodeGetLastResponse(await this.request(MsgType.GET_LAST, payload), includePayload);
    return turns.map((t) => ({ ...t, contentHash: bytesToHex(t.contentHash) }));
  }

  /** PUT_BLOB: stores bytes under their BLAKE3 (computed here). */
  async putBlob(bytes: Uint8Array): Promise<{ hash: string; wasNew: boolean }> {
    const payload = encodePutBlobRequest({ hash: blake3(bytes), bytes });
    const response = decodePutBlobResponse(await this.request(MsgType.PUT_BLOB, payload));
    return { hash: bytesToHex(response.hash), wasNew: response.wasNew };
  }

  /** GET_BLOB: a blob's uncompressed bytes. @throws NotFoundError when absent. */
  async getBlob(hash: HashInput): Promise<Uint8Array> {
    return decodeGetBlobResponse(await this.request(MsgType.GET_BLOB, encodeGetBlobRequest({ hash: hashBytes(hash) })))
      .bytes;
  }

  /** ATTACH_FS: attaches a stored root tree to a turn. @throws NotFoundError for the turn or root. */
  async attachFs(turnId: U64Input, fsRootHash: HashInput): Promise<{ turnId: bigint; fsRootHash: string }> {
    const payload = encodeAttachFsRequest({ turnId: u64(turnId), fsRootHash: hashBytes(fsRootHash) });
    const response = decodeAttachFsResponse(await this.request(MsgType.ATTACH_FS, payload));
    return { turnId: response.turnId, fsRootHash: bytesToHex(response.fsRootHash) };
  }

  /**
   * Sends one frame and resolves with the response payload (same msg_type); rejects with the typed
   * error of an ERROR frame. The building block of the methods above.
   * @throws PayloadTooLargeError for a payload over 64 MiB (nothing is sent).
   */
  request(msgType: number, payload: Uint8Array, flags = 0): Promise<Uint8Array> {
    if (this.closedError !== undefined) return Promise.reject(this.closedError);
    if (payload.byteLength > MAX_FRAME_PAYLOAD_BYTES) {
      return Promise.reject(
        new PayloadTooLargeError({
          message: `${msgTypeName(msgType)} payload of ${payload.byteLength} bytes is over the 64 MiB frame limit`,
        }),
      );
    }
    const reqId = this.nextReqId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const entry: Pending = { msgType, resolve, reject };
      if (this.requestTimeoutMs > 0) {
        entry.timer = setTimeout(() => {
          this.pending.delete(reqId);
          reject(
            new ConnectionError({
              message: `${msgTypeName(msgType)} req_id ${reqId} timed out after ${this.requestTimeoutMs} ms`,
            }),
          );
        }, this.requestTimeoutMs);
      }
      this.pending.set(reqId, entry);
      this.socket.write(encodeFrame({ msgType, flags, reqId, payload }));
    });
  }

  /** Requests waiting for a response. */
  get inFlight(): number {
    return this.pending.size;
  }

  /**
   * Closes the connection: requests in flight reject with {@link ConnectionError} at once; the
   * socket is ended (destroyed if the server has not closed its side within 200 ms). Idempotent.
   */
  async close(): Promise<void> {
    this.fail(new ConnectionError({ message: "client closed" }));
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 200).unref();
    });
  }

  private onData(chunk: Buffer): void {
    for (const event of this.reader.push(chunk)) {
      if (event.type === "oversized") {
        this.fail(
          new ConnectionError({ message: `server sent a frame of ${event.header.len} bytes, over the 64 MiB limit` }),
        );
        this.socket.destroy();
        return;
      }
      const { frame } = event;
      const entry = this.pending.get(frame.reqId);
      if (entry === undefined) {
        // A late answer to a request that timed out is dropped. An ERROR for a req_id this client
        // never used (0: the server could not frame the stream) ends the connection.
        if (frame.msgType === MsgType.ERROR && (frame.reqId === 0n || frame.reqId >= this.nextReqId)) {
          let message = "server sent a malformed ERROR frame";
          try {
            const { code, detail } = decodeErrorResponse(frame.payload);
            message = `server error ${code}: ${detail}`;
          } catch {}
          this.fail(new ConnectionError({ message }));
          this.socket.destroy();
          return;
        }
        continue;
      }
      this.pending.delete(frame.reqId);
      if (entry.timer !== undefined) clearTimeout(entry.timer);
      try {
        if (frame.msgType === MsgType.ERROR) {
          const { code, detail } = decodeErrorResponse(frame.payload);
          entry.reject(errorFromBinary(code, detail));
        } else if (frame.msgType !== entry.msgType) {
          entry.reject(
            new MalformedPayloadError({
              message: `expected a ${msgTypeName(entry.msgType)} response to req_id ${frame.reqId}, got ${msgTypeName(frame.msgType)}`,
            }),
          );
        } else {
          entry.resolve(frame.payload);
        }
      } catch (error) {
        entry.reject(error as Error);
      }
    }
  }

  private fail(error: ConnectionError): void {
    this.closedError ??= error;
    for (const [reqId, entry] of this.pending) {
      this.pending.delete(reqId);
      if (entry.timer !== undefined) clearTimeout(entry.timer);
      entry.reject(error);
    }
  }
}

function hashBytes(input: HashInput): Uint8Array {
  return new Uint8Array(toHashBytes(input));
}

function u64(value: U64Input): bigint {
  return typeof value === "bigint" ? value : BigInt(value);
}
