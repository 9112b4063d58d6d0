/**
 * Typed errors of `@darkfactory/cxdb`: one base {@link CxdbError}, one subclass per failure kind,
 * each carrying the HTTP status and the binary-protocol ERROR `code` (u32) it maps to. The mapping
 * status → class is written once, in {@link errorFromStatus}.
 * @module
 */

const MARKER = Symbol.for("darkfactory.cxdb.error");

/** Options every {@link CxdbError} constructor takes. */
export interface CxdbErrorOptions {
  message: string;
  cause?: unknown;
}

/**
 * Base class of every error the store, the HTTP layer and the clients throw on purpose.
 * `status` is the HTTP status of the error envelope `{"error":{"code":status,"message":...}}`;
 * `binaryCode` is the `code u32` of a binary-protocol ERROR frame (CXDB uses HTTP-style codes there
 * too); `code` is a stable upper-case name (`NOT_FOUND`, ...).
 */
export class CxdbError extends Error {
  readonly [MARKER] = true;
  override name = "CxdbError";
  /** HTTP status this error maps to. */
  readonly status: number = 500;
  /** Binary-protocol ERROR frame code (u32) this error maps to. */
  readonly binaryCode: number = 500;
  /** Stable machine-readable name of the kind of failure. */
  readonly code: string = "INTERNAL";
  /** Whether retrying the same call may succeed. */
  readonly retryable: boolean = false;
  constructor(options: CxdbErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
  }
  /** True when `value` is a CxdbError from any copy of this package. */
  static isInstance(value: unknown): value is CxdbError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/** A malformed argument: a bad id, a limit out of range, a missing field, a batch over 256 turns. HTTP 400. */
export class InvalidArgumentError extends CxdbError {
  override name = "InvalidArgumentError";
  override readonly status: number = 400;
  override readonly binaryCode: number = 400;
  override readonly code: string = "BAD_REQUEST";
}

/** A context, turn, blob, bundle, type version or file-system path that does not exist. HTTP 404. */
export class NotFoundError extends CxdbError {
  override name = "NotFoundError";
  override readonly status = 404;
  override readonly binaryCode = 404;
  override readonly code = "NOT_FOUND";
}

/** A state conflict: an explicit parent turn outside the context's chain. HTTP 409. */
export class ConflictError extends CxdbError {
  override name = "ConflictError";
  override readonly status = 409;
  override readonly binaryCode = 409;
  override readonly code = "CONFLICT";
}

/** A request body, frame or blob over the configured size limit. HTTP 413. */
export class PayloadTooLargeError extends CxdbError {
  override name = "PayloadTooLargeError";
  override readonly status = 413;
  override readonly binaryCode = 413;
  override readonly code = "PAYLOAD_TOO_LARGE";
}

/**
 * Well-formed but invalid content: bad msgpack, bad zstd, an unsupported encoding or compression,
 * a length mismatch, a malformed registry bundle, JSON data that does not fit its type. HTTP 422
 * (CXDB answers every such input error with 422, on HTTP and in binary ERROR frames).
 */
export class UnprocessableError extends CxdbError {
  override name = "UnprocessableError";
  override readonly status: number = 422;
  override readonly binaryCode: number = 422;
  override readonly code: string = "UNPROCESSABLE_ENTITY";
}

/** A supplied BLAKE3 content hash that does not match the bytes. HTTP 422, like CXDB. */
export class HashMismatchError extends UnprocessableError {
  override name = "HashMismatchError";
  override readonly code = "HASH_MISMATCH";
  /** Hash the caller supplied (hex). */
  readonly expected: string;
  /** Hash of the bytes received (hex). */
  readonly actual: string;
  constructor(options: CxdbErrorOptions & { expected: string; actual: string }) {
    super(options);
    this.expected = options.expected;
    this.actual = options.actual;
  }
}

/**
 * A registry bundle that conflicts with what is already registered: a type version redefined, a
 * tag reused with another type, an enum remapped, a bundle id reused for other content. HTTP 422,
 * as CXDB's code answers (its documents say 409).
 */
export class RegistryConflictError extends UnprocessableError {
  override name = "RegistryConflictError";
  override readonly code = "REGISTRY_CONFLICT";
}

/** A typed projection was required but the type descriptor is missing. HTTP 424. */
export class MissingDescriptorError extends CxdbError {
  override name = "MissingDescriptorError";
  override readonly status = 424;
  override readonly binaryCode = 424;
  override readonly code = "FAILED_DEPENDENCY";
}

/** Where in a CQL query an error was found: 1-based line and column, 0-based UTF-16 offset. */
export interface CqlPosition {
  line: number;
  column: number;
  offset: number;
}

/** The kinds of CQL errors, as CXDB names them. */
export type CqlErrorType = "syntax_error" | "unknown_field" | "invalid_operator" | "invalid_value";

/** A CQL query that does not parse or cannot be evaluated. HTTP 400. */
export class CqlError extends InvalidArgumentError {
  override name = "CqlError";
  override readonly code = "CQL_ERROR";
  readonly errorType: CqlErrorType;
  readonly position: CqlPosition | undefined;
  readonly field: string | undefined;
  constructor(
    options: CxdbErrorOptions & { errorType: CqlErrorType; position?: CqlPosition | undefined; field?: string },
  ) {
    super(options);
    this.errorType = options.errorType;
    this.position = options.position;
    this.field = options.field;
  }
}

/** The store was closed, or is corrupt, or SQLite failed. HTTP 500. */
export class InternalError extends CxdbError {
  override name = "InternalError";
}

/** The database is busy (another process holds the write lock past the busy timeout). HTTP 503. */
export class BusyError extends CxdbError {
  override name = "BusyError";
  override readonly status = 503;
  override readonly binaryCode = 503;
  override readonly code = "BUSY";
  override readonly retryable = true;
}

/**
 * The one status → class mapping (used by the HTTP client, and by anything that turns a remote
 * error code back into a typed error).
 */
export function errorFromStatus(status: number, message: string, cause?: unknown): CxdbError {
  const options = { message, cause };
  switch (status) {
    case 400:
      return new InvalidArgumentError(options);
    case 404:
      return new NotFoundError(options);
    case 409:
      return new ConflictError(options);
    case 413:
      return new PayloadTooLargeError(options);
    case 422:
      return new UnprocessableError(options);
    case 424:
      return new MissingDescriptorError(options);
    case 503:
      return new BusyError(options);
    default:
      return new InternalError(options);
  }
}

/**
 * Turns anything thrown into a {@link CxdbError}: CxdbErrors pass through, SQLite busy errors
 * become {@link BusyError}, everything else {@link InternalError} with the original as `cause`.
 */
export function toCxdbError(error: unknown): CxdbError {
  if (CxdbError.isInstance(error)) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") {
    return new BusyError({ message: `database is busy: ${message}`, cause: error });
  }
  return new InternalError({ message, cause: error });
}
