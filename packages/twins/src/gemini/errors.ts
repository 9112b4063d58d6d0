/**
 * Google's error answers: `{"error":{"code","message","status","details":[...]}}` with the HTTP
 * status, gRPC status name, wording and `details` (`ErrorInfo`, `BadRequest`, `QuotaFailure`,
 * `RetryInfo`, `Help`, `LocalizedMessage`) the Gemini API uses.
 * @module
 */
import type { TwinErrorBodies, WireError } from "../kit/types.js";

/** One entry of an error's `details` (a `google.rpc.*` message with its `@type`). */
export type GoogleErrorDetail = { "@type": string } & Record<string, unknown>;

/** A field violation of a `google.rpc.BadRequest` detail (`field` is absent for top-level fields). */
export interface FieldViolation {
  field?: string;
  description: string;
}

const TYPE = "type.googleapis.com/google.rpc.";

/** A Google error answer: HTTP `code` with its gRPC `status` name. */
export function googleError(code: number, status: string, message: string, details?: GoogleErrorDetail[]): WireError {
  return {
    status: code,
    body: { error: { code, message, status, ...(details && details.length > 0 ? { details } : {}) } },
  };
}

/**
 * An invalid request found by parsing or validation, sent as Google's error (400
 * `INVALID_ARGUMENT` unless told otherwise; parse errors carry a `BadRequest` detail).
 */
export class GeminiRequestError extends Error {
  override name = "GeminiRequestError";
  readonly code: number;
  readonly status: string;
  readonly violations: readonly FieldViolation[];
  constructor(options: { message: string; code?: number; status?: string; violations?: readonly FieldViolation[] }) {
    super(options.message);
    this.code = options.code ?? 400;
    this.status = options.status ?? "INVALID_ARGUMENT";
    this.violations = options.violations ?? [];
  }
  /** The error as Google sends it. */
  toWire(): WireError {
    const details: GoogleErrorDetail[] =
      this.violations.length > 0 ? [{ "@type": `${TYPE}BadRequest`, fieldViolations: [...this.violations] }] : [];
    return googleError(this.code, this.status, this.message, details);
  }
}

/**
 * A semantic check that failed, worded as the API words them:
 * `* GenerateContentRequest.contents: contents is not specified\n`.
 */
export function fieldError(request: string, path: string, detail: string): GeminiRequestError {
  return new GeminiRequestError({ message: `* ${request}${path ? `.${path}` : ""}: ${detail}\n` });
}

/** A 400 with a plain message (function-turn and thought-signature checks). */
export function invalidArgument(message: string): GeminiRequestError {
  return new GeminiRequestError({ message });
}

/** 403 for a request without an API key (no `x-goog-api-key`, `key=` or bearer token). */
export function missingApiKey(): WireError {
  return googleError(
    403,
    "PERMISSION_DENIED",
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

/** 400 `API_KEY_INVALID` for a key the twin does not accept. */
export function invalidApiKey(): WireError {
  const message = "API key not valid. Please pass a valid API key.";
  return googleError(400, "INVALID_ARGUMENT", message, [
    {
      "@type": `${TYPE}ErrorInfo`,
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: "generativelanguage.googleapis.com" },
    },
    { "@type": `${TYPE}LocalizedMessage`, locale: "en-US", message },
  ]);
}

/** 401 for an OAuth bearer token the twin does not accept. */
export function invalidBearerToken(): WireError {
  return googleError(
    401,
    "UNAUTHENTICATED",
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
  );
}

/** A protobuf Duration as JSON: `2s`, `1.5s`, `34.4s`. */
export function formatDuration(seconds: number): string {
  return `${Number(Math.max(0, seconds).toFixed(3))}s`;
}

/**
 * 429 `RESOURCE_EXHAUSTED`: the free-tier per-minute quota, with `Help`, `QuotaFailure` and
 * `RetryInfo` (`retryDelay`) details. Google sends no `Retry-After` header: clients read
 * `RetryInfo`.
 */
export function rateLimited(options: { retryAfterSeconds: number; model?: string }): WireError {
  const delay = formatDuration(options.retryAfterSeconds);
  const model = options.model ?? "gemini-2.5-flash";
  const metric = "generativelanguage.googleapis.com/generate_content_free_tier_requests";
  return googleError(
    429,
    "RESOURCE_EXHAUSTED",
    `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/rate-limit. \n* Quota exceeded for metric: ${metric}, limit: 10, model: ${model}\nPlease retry in ${delay}.`,
    [
      {
        "@type": `${TYPE}Help`,
        links: [
          {
            description: "Learn more about Gemini API quotas",
            url: "https://ai.google.dev/gemini-api/docs/rate-limits",
          },
        ],
      },
      {
        "@type": `${TYPE}QuotaFailure`,
        violations: [
          {
            quotaMetric: metric,
            quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
            quotaDimensions: { location: "global", model },
            quotaValue: "10",
          },
        ],
      },
      { "@type": `${TYPE}RetryInfo`, retryDelay: delay },
    ],
  );
}

/** 500 `INTERNAL`, 502/503 `UNAVAILABLE`, 504 `DEADLINE_EXCEEDED`. */
export function serverError(status: 500 | 502 | 503 | 504): WireError {
  switch (status) {
    case 500:
      return googleError(
        500,
        "INTERNAL",
        "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
      );
    case 502:
      return googleError(502, "UNAVAILABLE", "The service is currently unavailable.");
    case 503:
      return overloaded();
    case 504:
      return googleError(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
  }
}

/** 503 `UNAVAILABLE`: the model is overloaded (Google's answer to the `overloaded` fault too). */
export function overloaded(): WireError {
  return googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
}

/** 404 for a model the twin does not serve, or one that does not support `method`. */
export function modelNotFound(model: string, version: string, method: string): GeminiRequestError {
  return new GeminiRequestError({
    code: 404,
    status: "NOT_FOUND",
    message: `models/${model} is not found for API version ${version}, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
  });
}

/** The error bodies of the Gemini twin (see `TwinErrorBodies`). */
export const geminiErrors: TwinErrorBodies = {
  notFound: (method, path) =>
    googleError(404, "NOT_FOUND", `The requested URL ${path} was not found on this server (${method}).`),
  unreadableBody: (message, status) =>
    status === 413
      ? googleError(413, "INVALID_ARGUMENT", "Request payload size exceeds the limit: 20971520 bytes.")
      : /json/i.test(message)
        ? new GeminiRequestError({
            message: "Invalid JSON payload received. Unexpected token.",
            violations: [{ description: "Invalid JSON payload received. Unexpected token." }],
          }).toWire()
        : googleError(400, "INVALID_ARGUMENT", `Invalid request: ${message}`),
  rateLimited,
  serverError,
  overloaded,
  scriptMismatch: (message) => googleError(400, "INVALID_ARGUMENT", message),
};
