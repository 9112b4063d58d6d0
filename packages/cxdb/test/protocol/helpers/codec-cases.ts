/**
 * Every message codec keyed by `(msg_type, direction)`, so fixture-driven tests can decode and
 * re-encode any vector.
 */
import {
  appendTurnFlags,
  decodeAppendTurnRequest,
  decodeAppendTurnResponse,
  encodeAppendTurnRequest,
  encodeAppendTurnResponse,
} from "../../../src/protocol/messages/append-turn.js";
import {
  decodeAttachFsRequest,
  decodeAttachFsResponse,
  encodeAttachFsRequest,
  encodeAttachFsResponse,
} from "../../../src/protocol/messages/attach-fs.js";
import {
  decodeGetBlobRequest,
  decodeGetBlobResponse,
  decodePutBlobRequest,
  decodePutBlobResponse,
  encodeGetBlobRequest,
  encodeGetBlobResponse,
  encodePutBlobRequest,
  encodePutBlobResponse,
} from "../../../src/protocol/messages/blob.js";
import {
  decodeContextHeadResponse,
  decodeCtxCreateRequest,
  decodeCtxForkRequest,
  decodeGetHeadRequest,
  encodeContextHeadResponse,
  encodeCtxCreateRequest,
  encodeCtxForkRequest,
  encodeGetHeadRequest,
} from "../../../src/protocol/messages/context.js";
import { decodeErrorResponse, encodeErrorResponse } from "../../../src/protocol/messages/error.js";
import {
  decodeGetLastRequest,
  decodeGetLastResponse,
  encodeGetLastRequest,
  encodeGetLastResponse,
} from "../../../src/protocol/messages/get-last.js";
import {
  decodeHelloRequest,
  decodeHelloResponse,
  encodeHelloRequest,
  encodeHelloResponse,
} from "../../../src/protocol/messages/hello.js";

export interface CodecCase {
  // biome-ignore lint/suspicious/noExplicitAny: test table over heterogeneous codecs
  decode(payload: Uint8Array, flags: number, includePayload: boolean): any;
  // biome-ignore lint/suspicious/noExplicitAny: test table over heterogeneous codecs
  encode(value: any, includePayload: boolean): { payload: Uint8Array; flags: number };
}

const plain = <T>(decode: (p: Uint8Array) => T, encode: (v: T) => Uint8Array): CodecCase => ({
  decode: (p) => decode(p),
  encode: (v) => ({ payload: encode(v), flags: 0 }),
});

export const codecCases: Record<string, CodecCase> = {
  "1/request": plain(decodeHelloRequest, encodeHelloRequest),
  "1/response": plain(decodeHelloResponse, encodeHelloResponse),
  "2/request": plain(decodeCtxCreateRequest, encodeCtxCreateRequest),
  "2/response": plain(decodeContextHeadResponse, encodeContextHeadResponse),
  "3/request": plain(decodeCtxForkRequest, encodeCtxForkRequest),
  "3/response": plain(decodeContextHeadResponse, encodeContextHeadResponse),
  "4/request": plain(decodeGetHeadRequest, encodeGetHeadRequest),
  "4/response": plain(decodeContextHeadResponse, encodeContextHeadResponse),
  "5/request": {
    decode: (p, flags) => decodeAppendTurnRequest(p, flags),
    encode: (v) => ({ payload: encodeAppendTurnRequest(v), flags: appendTurnFlags(v) }),
  },
  "5/response": plain(decodeAppendTurnResponse, encodeAppendTurnResponse),
  "6/request": plain(decodeGetLastRequest, encodeGetLastRequest),
  "6/response": {
    decode: (p, _flags, include) => decodeGetLastResponse(p, include),
    encode: (v, include) => ({ payload: encodeGetLastResponse(v, include), flags: 0 }),
  },
  "9/request": plain(decodeGetBlobRequest, encodeGetBlobRequest),
  "9/response": plain(decodeGetBlobResponse, encodeGetBlobResponse),
  "10/request": plain(decodeAttachFsRequest, encodeAttachFsRequest),
  "10/response": plain(decodeAttachFsResponse, encodeAttachFsResponse),
  "11/request": plain(decodePutBlobRequest, encodePutBlobRequest),
  "11/response": plain(decodePutBlobResponse, encodePutBlobResponse),
  "255/response": plain(decodeErrorResponse, encodeErrorResponse),
};
