/**
 * Slack's error answers: HTTP 200 `{"ok":false,"error":"channel_not_found",...}` for everything a
 * method refuses (with `needed`/`provided` for `missing_scope`, `response_metadata.messages` for
 * `invalid_arguments`), and 429 `ratelimited` with `Retry-After`.
 * @module
 */
import type { TwinErrorBodies, WireError } from "../kit/types.js";

/** Options of {@link SlackApiError}. */
export interface SlackApiErrorOptions {
  /** Slack's error string: `channel_not_found`, `not_in_channel`, ... */
  error: string;
  /** Extra top-level fields of the body (`needed`, `provided`, `response_metadata`, ...). */
  fields?: Record<string, unknown>;
}

/**
 * A refusal in Slack's words, thrown by state operations and method handlers, and sent as
 * HTTP 200 `{ok:false,error,...fields}`.
 */
export class SlackApiError extends Error {
  override name = "SlackApiError";
  readonly error: string;
  readonly fields: Record<string, unknown>;
  constructor(options: SlackApiErrorOptions) {
    super(options.error);
    this.error = options.error;
    this.fields = options.fields ?? {};
  }

  /** The body Slack sends. */
  toBody(): Record<string, unknown> {
    return { ok: false, error: this.error, ...this.fields };
  }
}

/** Shorthand for `new SlackApiError({ error })`. */
export function slackError(error: string, fields?: Record<string, unknown>): SlackApiError {
  return new SlackApiError({ error, ...(fields ? { fields } : {}) });
}

/**
 * `invalid_arguments` with Slack's `[ERROR] ...` messages (e.g. `missing required field: channel`).
 */
export function invalidArguments(...messages: string[]): SlackApiError {
  return slackError("invalid_arguments", { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
}

/** An `ok:false` body with HTTP `status` (200 unless told otherwise). */
export function slackWireError(error: string, status = 200, headers?: Record<string, string>): WireError {
  return { status, ...(headers ? { headers } : {}), body: { ok: false, error } };
}

/** The twin kit's error answers in Slack's shape. */
export const slackErrors: TwinErrorBodies = {
  notFound: () => slackWireError("not_found", 404),
  unreadableBody: (message, status) => {
    if (status === 415) return slackWireError("invalid_post_type");
    if (status === 413) return slackWireError("request_too_large", 413);
    return slackWireError(/json/i.test(message) ? "invalid_json" : "invalid_form_data");
  },
  rateLimited: ({ retryAfterSeconds }) =>
    slackWireError("ratelimited", 429, { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) }),
  serverError: (status) => slackWireError(status === 503 ? "service_unavailable" : "internal_error", status),
  overloaded: () => slackWireError("service_unavailable", 503),
  scriptMismatch: (message) => ({ status: 200, body: invalidArguments(message).toBody() }),
};
