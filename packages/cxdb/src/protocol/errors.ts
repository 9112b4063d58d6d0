/**
 * Errors of the binary protocol layer, all {@link CxdbError}s. Their `binaryCode` is the `code u32`
 * the server writes in the ERROR frame (msg_type 255):
 *
 * | class                     | binaryCode | when                                                         |
 * |---------------------------|-----------:|--------------------------------------------------------------|
 * | MalformedPayloadError     | 400        | payload does not match its layout (truncated, trailing bytes, bad UTF-8) |
 * | UnknownMessageTypeError   | 422        | msg_type the protocol does not define (CXDB answers 422 too)  |
 * | NotImplementedError       | 501        | 7 GET_BEFORE, 8 GET_RANGE_BY_DEPTH: named by CXDB, no layout  |
 *
 * Client side: {@link errorFromBinary} turns a received ERROR frame into the matching class (codes
 * without one become a {@link RemoteError} that keeps the code); {@link ConnectionError} is a
 * connection that failed, closed or timed out with requests in flight.
 *
 * Frames over 64 MiB are answered with the store's `PayloadTooLargeError` (413); store failures keep
 * the store's own classes (404 NotFound, 409 Conflict, 422 Unprocessable/HashMismatch, 500 ...).
 * @module
 */

import {
  CxdbError,
  type CxdbErrorOptions,
  errorFromStatus,
  InvalidArgumentError,
  UnprocessableError,
} from "../store/errors.js";

/** A message payload that does not match its documented layout. Binary code and HTTP status 400. */
export class MalformedPayloadError extends InvalidArgumentError {
  override name = "MalformedPayloadError";
  override readonly code: string = "MALFORMED_PAYLOAD";
}

/** A msg_type the protocol does not define. Binary code 422, as CXDB answers an unknown type. */
export class UnknownMessageTypeError extends UnprocessableError {
  override name = "UnknownMessageTypeError";
  override readonly code: string = "UNKNOWN_MSG_TYPE";
  /** The msg_type received (u16). */
  readonly msgType: number;
  constructor(options: CxdbErrorOptions & { msgType: number }) {
    super(options);
    this.msgType = options.msgType;
  }
}

/** A message type CXDB names but defines no wire layout for. Binary code and HTTP status 501. */
export class NotImplementedError extends CxdbError {
  override name = "NotImplementedError";
  override readonly status: number = 501;
  override readonly binaryCode: number = 501;
  override readonly code: string = "NOT_IMPLEMENTED";
}

/** An ERROR frame whose code has no dedicated class; `binaryCode` and `status` are the received code. */
export class RemoteError extends CxdbError {
  override name = "RemoteError";
  override readonly status: number;
  override readonly binaryCode: number;
  override readonly code: string = "REMOTE_ERROR";
  constructor(options: CxdbErrorOptions & { binaryCode: number }) {
    super(options);
    this.status = options.binaryCode;
    this.binaryCode = options.binaryCode;
  }
}

/**
 * The connection failed, was closed, or a request timed out (the request may or may not have been
 * executed). Retryable; HTTP-style status 503.
 */
export class ConnectionError extends CxdbError {
  override name = "ConnectionError";
  override readonly status: number = 503;
  override readonly binaryCode: number = 503;
  override readonly code: string = "CONNECTION";
  override readonly retryable: boolean = true;
}

const MAPPED_CODES = new Set([400, 404, 409, 413, 422, 424, 500, 503]);

/**
 * The typed error for a received ERROR frame: 400, 404, 409, 413, 422, 424, 500, 503 as the store's
 * classes ({@link errorFromStatus}), 501 as {@link NotImplementedError}, anything else as
 * {@link RemoteError}. The detail becomes the message.
 */
export function errorFromBinary(code: number, detail: string): CxdbError {
  if (code === 501) return new NotImplementedError({ message: detail });
  if (MAPPED_CODES.has(code)) return errorFromStatus(code, detail);
  return new RemoteError({ message: detail, binaryCode: code });
}
