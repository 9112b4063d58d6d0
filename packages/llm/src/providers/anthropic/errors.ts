/**
 * Anthropic error bodies (unified-llm-spec §6, §7.6): what a `{type:"error", error:{type,
 * message}}` body says, and the error an in-stream `error` event stands for. Status → class
 * mapping stays in the shared `errorFromStatus`, reached through `httpError`.
 * @module
 */
import type { LlmError } from "../../errors/llm-error.js";
import { type ErrorBodyInfo, httpError } from "../../http/http-call.js";
import type { AnthropicErrorBody } from "./wire-types.js";

/** The provider key used in errors and responses. */
export const PROVIDER = "anthropic";

/**
 * Reads an Anthropic error body: `{ type: "error", error: { type, message }, request_id? }`.
 * @returns the message and the error type as `code` (e.g. `overloaded_error`); empty when the
 *   body has another shape.
 */
export function parseErrorBody(body: unknown): ErrorBodyInfo {
  if (typeof body !== "object" || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return {};
  const { type, message } = error as { type?: unknown; message?: unknown };
  return {
    ...(typeof message === "string" ? { message } : {}),
    ...(typeof type === "string" ? { code: type } : {}),
  };
}

/**
 * The HTTP status Anthropic documents for each error type
 * (https://docs.anthropic.com/en/api/errors). Used for errors that arrive without a status of
 * their own: `error` events inside a 200 stream.
 */
const STATUS_BY_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** True when `value` looks like `{ type: "error", error: { type, message } }`. */
export function isErrorBody(value: unknown): value is AnthropicErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { type?: unknown; error?: unknown };
  return v.type === "error" && typeof v.error === "object" && v.error !== null;
}

/**
 * The error for an Anthropic error body received with a 2xx status (a stream `error` event):
 * classified by the status Anthropic documents for its `error.type` (overloaded_error → 529 →
 * ServerError, rate_limit_error → 429 → RateLimitError, api_error → 500 → ServerError,
 * invalid_request_error → 400 → InvalidRequestError, ...; unknown types → 500). The error's
 * `statusCode` is that documented status, `raw` the body, `requestId` the stream's request id.
 * @returns the error; never throws.
 */
export function errorFromErrorBody(body: AnthropicErrorBody, requestId?: string): LlmError {
  const status = STATUS_BY_ERROR_TYPE[body.error.type] ?? 500;
  const headers = new Headers(requestId ? { "request-id": requestId } : {});
  const response = new globalThis.Response(null, { status, headers });
  return httpError({ provider: PROVIDER, parseErrorBody }, response, JSON.stringify(body));
}
