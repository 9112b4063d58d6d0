/**
 * Gemini error bodies (unified-llm-spec §6.4, §7.6): `{ error: { code, message, status, details } }`
 * read into {@link ErrorBodyInfo}; the status mapping itself is the shared `errorFromStatus`,
 * reached through `httpError`.
 * @module
 */
import type { LlmError } from "../../errors/llm-error.js";
import { type ErrorBodyInfo, httpError } from "../../http/http-call.js";
import type { GeminiErrorBody, GeminiErrorDetail } from "./wire-types.js";

const RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

/** Seconds from a protobuf Duration string such as `"34.4s"`; undefined when unreadable. */
export function parseGoogleDuration(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

function detailOf(body: unknown): GeminiErrorDetail | undefined {
  // The JSON (non-SSE) stream endpoint wraps the body in an array.
  const first = Array.isArray(body) ? body[0] : body;
  const error = (first as GeminiErrorBody | null)?.error;
  return error && typeof error === "object" ? error : undefined;
}

/**
 * Reads a Google error body: the message, the gRPC status name (used as the error code and for
 * the §6.4 gRPC mapping), and the `RetryInfo` delay in seconds. Unknown shapes give `{}`.
 */
export function parseGeminiErrorBody(body: unknown): ErrorBodyInfo {
  const error = detailOf(body);
  if (!error) return {};
  const info: ErrorBodyInfo = {};
  if (typeof error.message === "string") info.message = error.message;
  if (typeof error.status === "string") {
    info.code = error.status;
    info.grpcStatus = error.status;
  } else if (typeof error.code === "number") {
    info.code = String(error.code);
  }
  for (const detail of Array.isArray(error.details) ? error.details : []) {
    // google.rpc.ErrorInfo names the cause; a bad key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID.
    if (typeof detail?.reason === "string" && detail.reason !== "") info.code = detail.reason;
    if (detail?.["@type"] === RETRY_INFO) {
      const seconds = parseGoogleDuration(detail.retryDelay);
      if (seconds !== undefined) info.retryAfter = seconds;
    }
  }
  return info;
}

/**
 * The error for an `{ error: ... }` object received inside a 200 stream (the server failed after
 * it started answering), mapped like an HTTP error with the status in `error.code` (500 when
 * absent or invalid).
 */
export function geminiStreamError(provider: string, chunk: GeminiErrorBody, data: string): LlmError {
  const code = chunk.error?.code;
  const status = typeof code === "number" && code >= 400 && code <= 599 ? code : 500;
  const response = new globalThis.Response(null, { status, statusText: chunk.error?.status ?? "" });
  return httpError({ provider, parseErrorBody: parseGeminiErrorBody }, response, data);
}
