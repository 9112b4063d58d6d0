/**
 * OpenAI error bodies (unified-llm-spec §7.6): what an HTTP error body says, and the error a
 * stream reports in `response.failed` or `error` events. Classification is left to the shared
 * `errorFromStatus`.
 * @module
 */
import { errorFromStatus } from "../../errors/error-from-status.js";
import type { LlmError } from "../../errors/llm-error.js";
import type { ErrorBodyInfo } from "../../http/http-call.js";
import type { WireError } from "./wire-types.js";

/**
 * Reads `{ error: { message, type, code, param } }`. The code is `code`, else `type` (OpenAI
 * often sends `code: null` with `type: "invalid_request_error"`).
 */
export function parseErrorBody(body: unknown): ErrorBodyInfo {
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) {
    const message = (body as { message?: unknown }).message;
    return typeof message === "string" ? { message } : {};
  }
  const e = error as WireError;
  const info: ErrorBodyInfo = {};
  if (typeof e.message === "string" && e.message !== "") info.message = e.message;
  const code = e.code ?? e.type;
  if (code !== undefined && code !== null && code !== "") info.code = String(code);
  return info;
}

/**
 * OpenAI error codes and types to canonical (gRPC) status names, so that an error that arrives
 * without an HTTP status (inside a stream) still maps to the right class through
 * `errorFromStatus`, while `statusCode` stays undefined. Codes not listed fall back to
 * `errorFromStatus`'s message classification (context length, quota, ...).
 */
const CANONICAL_STATUS: Record<string, string> = {
  rate_limit_exceeded: "RESOURCE_EXHAUSTED",
  rate_limit_error: "RESOURCE_EXHAUSTED",
  server_error: "INTERNAL",
  api_error: "INTERNAL",
  vector_store_timeout: "UNAVAILABLE",
  invalid_prompt: "INVALID_ARGUMENT",
  invalid_request_error: "INVALID_ARGUMENT",
  authentication_error: "UNAUTHENTICATED",
  invalid_api_key: "UNAUTHENTICATED",
  permission_error: "PERMISSION_DENIED",
  not_found_error: "NOT_FOUND",
};

function canonicalStatus(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (CANONICAL_STATUS[code]) return CANONICAL_STATUS[code];
  // invalid_image, image_too_large, unsupported_image_media_type, failed_to_download_image, ...
  if (/image/.test(code)) return "INVALID_ARGUMENT";
  return undefined;
}

/**
 * The error a stream reports: a `response.failed` event's `response.error`, or an `error`
 * event (flat `{ code, message, param }` or nested `{ error: {...} }`).
 * @param raw the provider event, kept as the error's `raw`.
 */
export function streamFailure(provider: string, error: WireError | null | undefined, raw: unknown): LlmError {
  const code = error?.code ?? error?.type ?? undefined;
  const errorCode = code === null || code === undefined || code === "" ? undefined : String(code);
  const message = error?.message || "the response failed";
  return errorFromStatus({
    message: `${provider}: ${message}`,
    provider,
    errorCode,
    grpcStatus: canonicalStatus(errorCode) ?? canonicalStatus(error?.type),
    raw,
  });
}
