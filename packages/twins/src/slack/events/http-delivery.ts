/**
 * HTTP delivery of the Events API: one signed POST to an app's request URL, as Slack sends it
 * (`X-Slack-Signature`, `X-Slack-Request-Timestamp`, and `X-Slack-Retry-Num` /
 * `X-Slack-Retry-Reason` on retries), with the answer classified.
 * @module
 */
import { slackSignature } from "./envelope.js";
import type { RetryReason } from "./types.js";

/** Slack's user agent for Events API requests. */
const USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)";

/** What a request to the app needs. */
export interface AppRequest {
  url: string;
  /** The body, sent and signed as it is. */
  body: string;
  /** Its content type (default `application/json`; slash commands are form-encoded). */
  contentType?: string;
  signingSecret: string;
  /** How long the app has to answer, in ms. */
  timeoutMs: number;
  /** Epoch seconds of the signature timestamp. */
  nowSeconds: number;
  /** Set on retries: the retry number (1..) and why the previous try failed. */
  retry?: { num: number; reason: RetryReason };
}

/** How the app answered. */
export interface AppAnswer {
  /** HTTP status, when the app answered at all. */
  status?: number;
  /** Why the try failed: no 2xx answer in time; absent on success. */
  failure?: RetryReason;
  /** The app asked not to be retried (`X-Slack-No-Retry: 1`). */
  noRetry: boolean;
  /** The response body (read in full, also on errors). */
  text: string;
}

/**
 * POSTs `request.body` to the app. Never throws: connection errors, timeouts and non-2xx answers
 * come back as a `failure` (`connection_failed`, `http_timeout`, `http_error`).
 */
export async function postToApp(request: AppRequest): Promise<AppAnswer> {
  const headers: Record<string, string> = {
    "content-type": request.contentType ?? "application/json",
    "user-agent": USER_AGENT,
    "x-slack-request-timestamp": String(request.nowSeconds),
    "x-slack-signature": slackSignature(request.signingSecret, request.nowSeconds, request.body),
  };
  if (request.retry) {
    headers["x-slack-retry-num"] = String(request.retry.num);
    headers["x-slack-retry-reason"] = request.retry.reason;
  }
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(request.url, { method: "POST", headers, body: request.body, signal });
    const text = await response.text();
    const noRetry = response.headers.get("x-slack-no-retry") === "1";
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, ...(ok ? {} : { failure: "http_error" }), noRetry, text };
  } catch {
    return { failure: signal.aborted ? "http_timeout" : "connection_failed", noRetry: false, text: "" };
  }
}
