/**
 * Executes one decoded request frame against a {@link Store} and returns the response frame: the
 * message's response (same msg_type, flags 0) or an ERROR frame (msg_type 255), always echoing the
 * request's req_id. Nothing here throws: every failure becomes an ERROR frame whose `code` is the
 * error's `binaryCode` and whose detail names the message and the problem.
 *
 * Each write is one transaction (or, through {@link dispatchRequest}, one savepoint of a group
 * commit), so a failed request writes nothing.
 * @module
 */

import { CxdbError, NotFoundError, PayloadTooLargeError, toCxdbError } from "../store/errors.js";
import { hexToBytes } from "../store/hash.js";
import { MAX_ID } from "../store/ids.js";
import type { Store } from "../store/store.js";
import type { AppendInput, AppendResult, TurnRecord } from "../store/types.js";
import { NotImplementedError, UnknownMessageTypeError } from "./errors.js";
import { type Frame, MAX_FRAME_PAYLOAD_BYTES, MsgType, msgTypeName } from "./frame.js";
import { type AppendTurnRequest, decodeAppendTurnRequest, encodeAppendTurnResponse } from "./messages/append-turn.js";
import { decodeAttachFsRequest, encodeAttachFsResponse } from "./messages/attach-fs.js";
import {
  decodeGetBlobRequest,
  decodePutBlobRequest,
  encodeGetBlobResponse,
  encodePutBlobResponse,
} from "./messages/blob.js";
import {
  type ContextHeadResponse,
  decodeCtxCreateRequest,
  decodeCtxForkRequest,
  decodeGetHeadRequest,
  encodeContextHeadResponse,
} from "./messages/context.js";
import { encodeErrorResponse } from "./messages/error.js";
import { decodeGetLastRequest, encodeGetLastResponse, type TurnItem } from "./messages/get-last.js";
import { decodeHelloRequest, encodeHelloResponse } from "./messages/hello.js";

/** Protocol version this server speaks (HELLO response). */
export const PROTOCOL_VERSION = 1;

/** Per-connection state the dispatcher reads and updates. */
export interface ConnectionSession {
  /** Session id, allocated at the connection's first request (HELLO or any other). */
  sessionId?: number;
  /** Client tag from HELLO ("" until then). */
  clientTag: string;
  /** `ip:port` of the peer. */
  peerAddr?: string;
}

const MAX_ID_BIG = BigInt(MAX_ID);
const KNOWN_TYPES = new Set<number>(Object.values(MsgType));

/** Bytes of a GET_LAST item before its type id and payload. */
const TURN_ITEM_FIXED_BYTES = 8 + 8 + 4 + 4 + 4 + 4 + 4 + 4 + 32;

/** Executes `frame` and returns the response frame (never throws). */
export function dispatchFrame(store: Store, session: ConnectionSession, frame: Frame): Frame {
  try {
    const payload = execute(store, session, frame);
    if (payload.byteLength > MAX_FRAME_PAYLOAD_BYTES) {
      throw new PayloadTooLargeError({
        message: `response of ${payload.byteLength} bytes is over the ${MAX_FRAME_PAYLOAD_BYTES}-byte frame limit`,
      });
    }
    return { msgType: frame.msgType, flags: 0, reqId: frame.reqId, payload };
  } catch (error) {
    return errorFrame(frame.reqId, frame.msgType, error);
  }
}

/**
 * Executes `frame` like {@link dispatchFrame}, except that APPEND_TURN goes through the store's
 * group commit ({@link Store.appendAsync}): it returns a promise of the response, which settles
 * once the append's group has committed. Never throws; the promise never rejects.
 */
export function dispatchRequest(store: Store, session: ConnectionSession, frame: Frame): Frame | Promise<Frame> {
  if (frame.msgType !== MsgType.APPEND_TURN) return dispatchFrame(store, session, frame);
  const { msgType, reqId } = frame;
  try {
    const sessionId = openSession(store, session);
    store.sessions.touch(sessionId);
    const req = decodeAppendTurnRequest(frame.payload, frame.flags);
    return store.appendAsync(storeId(req.contextId, "context"), appendInputOf(req)).then(
      (result): Frame => ({ msgType, flags: 0, reqId, payload: encodeAppendResult(result) }),
      (error: unknown) => errorFrame(reqId, msgType, error),
    );
  } catch (error) {
    return errorFrame(reqId, msgType, error);
  }
}

/**
 * An ERROR frame for `error` raised while serving `msgType`: code = the error's `binaryCode`
 * (500 for anything that is not a CxdbError), detail = `"<MSG_NAME>: <message>"`.
 */
export function errorFrame(reqId: bigint, msgType: number | undefined, error: unknown): Frame {
  const cxdb = CxdbError.isInstance(error) ? error : toCxdbError(error);
  const name = msgType === undefined || !KNOWN_TYPES.has(msgType) ? undefined : msgTypeName(msgType);
  const detail = name === undefined || cxdb.message.startsWith(name) ? cxdb.message : `${name}: ${cxdb.message}`;
  return { msgType: MsgType.ERROR, flags: 0, reqId, payload: encodeErrorResponse({ code: cxdb.binaryCode, detail }) };
}

function execute(store: Store, session: ConnectionSession, frame: Frame): Uint8Array {
  const { payload } = frame;
  if (frame.msgType === MsgType.HELLO) return hello(store, session, payload);
  const sessionId = openSession(store, session);
  store.sessions.touch(sessionId);
  switch (frame.msgType) {
    case MsgType.CTX_CREATE: {
      const { baseTurnId } = decodeCtxCreateRequest(payload);
      return encodeHead(store.createContext({ baseTurnId: storeId(baseTurnId, "base turn"), sessionId }));
    }
    case MsgType.CTX_FORK: {
      const { baseTurnId } = decodeCtxForkRequest(payload);
      return encodeHead(store.fork(storeId(baseTurnId, "base turn"), { sessionId }));
    }
    case MsgType.GET_HEAD:
      return encodeHead(store.getHead(storeId(decodeGetHeadRequest(payload).contextId, "context")));
    case MsgType.APPEND_TURN: {
      const req = decodeAppendTurnRequest(payload, frame.flags);
      return encodeAppendResult(store.append(storeId(req.contextId, "context"), appendInputOf(req)));
    }
    case MsgType.GET_LAST:
      return getLast(store, payload);
    case MsgType.GET_BLOB:
      return encodeGetBlobResponse({ bytes: store.getBlob(decodeGetBlobRequest(payload).hash) });
    case MsgType.PUT_BLOB: {
      const req = decodePutBlobRequest(payload);
      const result = store.putBlob(req.bytes, { hash: req.hash });
      return encodePutBlobResponse({ hash: hexToBytes(result.hash), wasNew: result.wasNew });
    }
    case MsgType.ATTACH_FS: {
      const req = decodeAttachFsRequest(payload);
      store.attachFs(storeId(req.turnId, "turn"), req.fsRootHash);
      return encodeAttachFsResponse(req);
    }
    case MsgType.GET_BEFORE:
    case MsgType.GET_RANGE_BY_DEPTH:
      throw new NotImplementedError({
        message: `msg_type ${frame.msgType} is named by CXDB but has no defined wire layout and is not implemented; page with HTTP GET /v1/contexts/{id}/turns?before_turn_id=…`,
      });
    case MsgType.ERROR:
      throw new UnknownMessageTypeError({
        message: "msg_type 255 (ERROR) is sent by the server only",
        msgType: frame.msgType,
      });
    default:
      throw new UnknownMessageTypeError({ message: `unknown msg_type ${frame.msgType}`, msgType: frame.msgType });
  }
}

/**
 * HELLO: the first one opens the session with the client's tag (emits `client_connected`); a later
 * one with another tag updates it (and emits `client_connected` again, so live views learn the tag).
 */
function hello(store: Store, session: ConnectionSession, payload: Uint8Array): Uint8Array {
  const request = decodeHelloRequest(payload);
  if (session.sessionId === undefined) {
    session.clientTag = request.clientTag;
    openSession(store, session);
  } else if (request.clientTag !== session.clientTag) {
    session.clientTag = request.clientTag;
    store.events.emit({
      type: "client_connected",
      sessionId: session.sessionId,
      clientTag: request.clientTag,
      peerAddr: session.peerAddr,
    });
  }
  store.sessions.touch(session.sessionId as number);
  return encodeHelloResponse({ sessionId: BigInt(session.sessionId as number), protocolVersion: PROTOCOL_VERSION });
}

/** The connection's session, opened (emitting `client_connected`) on its first request. */
function openSession(store: Store, session: ConnectionSession): number {
  session.sessionId ??= store.sessions.open({ clientTag: session.clientTag, peerAddr: session.peerAddr });
  return session.sessionId;
}

/**
 * A wire u64 id for the store. The store allocates ids below 2^53 and answers larger ones as missing
 * but names them "-1"; this names the id that was sent instead.
 * @throws NotFoundError for an id above `MAX_ID` (no such object can exist).
 */
function storeId(id: bigint, what: string): bigint {
  if (id > MAX_ID_BIG) throw new NotFoundError({ message: `${what} not found: ${id}` });
  return id;
}

function appendInputOf(req: AppendTurnRequest): AppendInput {
  return {
    parentTurnId: storeId(req.parentTurnId, "parent turn"),
    typeId: req.typeId,
    typeVersion: req.typeVersion,
    payload: req.payload,
    encoding: req.encoding,
    compression: req.compression,
    uncompressedLen: req.uncompressedLen,
    contentHash: req.contentHash,
    idempotencyKey: req.idempotencyKey,
    fsRootHash: req.fsRootHash,
  };
}

function encodeAppendResult(result: AppendResult): Uint8Array {
  return encodeAppendTurnResponse({
    contextId: BigInt(result.contextId),
    newTurnId: BigInt(result.turnId),
    newDepth: result.depth,
    contentHash: hexToBytes(result.contentHash),
  });
}

function encodeHead(head: { contextId: number; headTurnId: number; headDepth: number }): Uint8Array {
  const response: ContextHeadResponse = {
    contextId: BigInt(head.contextId),
    headTurnId: BigInt(head.headTurnId),
    headDepth: head.headDepth,
  };
  return encodeContextHeadResponse(response);
}

/**
 * GET_LAST. With include_payload the response size is computed from the turns' metadata first, so a
 * window whose payloads would not fit in one frame is refused (413) before any payload is loaded.
 */
function getLast(store: Store, payload: Uint8Array): Uint8Array {
  const req = decodeGetLastRequest(payload);
  if (req.includePayload) {
    const meta = store.getLast(storeId(req.contextId, "context"), req.limit, { includePayload: false });
    let size = 4;
    for (const turn of meta) size += TURN_ITEM_FIXED_BYTES + Buffer.byteLength(turn.typeId) + 4 + turn.uncompressedLen;
    if (size > MAX_FRAME_PAYLOAD_BYTES) {
      throw new PayloadTooLargeError({
        message: `the last ${meta.length} turns with payloads make ${size} bytes, over the ${MAX_FRAME_PAYLOAD_BYTES}-byte frame limit; ask for fewer`,
      });
    }
  }
  const turns = store.getLast(storeId(req.contextId, "context"), req.limit, { includePayload: req.includePayload });
  return encodeGetLastResponse({ turns: turns.map((t) => toTurnItem(t, req.includePayload)) }, req.includePayload);
}

/**
 * A stored turn as a GET_LAST item. As in CXDB: with the payload, `compression` 0 and
 * `uncompressed_len` = payload length; without it, the compression it was sent with and its length.
 */
function toTurnItem(turn: TurnRecord, includePayload: boolean): TurnItem {
  const item: TurnItem = {
    turnId: BigInt(turn.turnId),
    parentTurnId: BigInt(turn.parentTurnId),
    depth: turn.depth,
    typeId: turn.typeId,
    typeVersion: turn.typeVersion,
    encoding: turn.encoding,
    compression: turn.compression,
    uncompressedLen: turn.uncompressedLen,
    contentHash: hexToBytes(turn.contentHash),
  };
  if (includePayload && turn.payload !== undefined) {
    item.payload = turn.payload;
    item.compression = 0;
    item.uncompressedLen = turn.payload.byteLength;
  }
  return item;
}
