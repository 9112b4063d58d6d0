/**
 * Types of the Slack twin's Events API delivery: its options (added to `SlackTwinOptions` as
 * `events`), the events offered to apps, and the delivery records the admin API lists.
 * @module
 */

/** Options of event delivery (`TwinOptions.slack.events`). */
export interface SlackEventsOptions {
  /**
   * How long an app has to answer a delivery (HTTP 2xx, or a Socket Mode ack), in ms. Default
   * 3000 (Slack's 3 seconds).
   */
  timeoutMs?: number;
  /**
   * Delays before each retry, in ms; their number is the number of retries. Default
   * `[0, 60_000, 300_000]` (Slack: at once, after a minute, after five minutes).
   */
  retryDelaysMs?: number[];
  /** How often the twin pings Socket Mode connections, in ms (default 10_000). */
  socketPingIntervalMs?: number;
}

declare module "../options.js" {
  interface SlackTwinOptions {
    /** Events API and Socket Mode delivery: timeout, retries, pings (see `SlackEventsOptions`). */
    events?: SlackEventsOptions;
  }
}

/** Delivery settings in force (see {@link SlackEventsOptions}). */
export interface DeliveryConfig {
  timeoutMs: number;
  retryDelaysMs: number[];
  socketPingIntervalMs: number;
}

/** The defaults of {@link SlackEventsOptions}. */
export const DEFAULT_DELIVERY_CONFIG: Readonly<DeliveryConfig> = {
  timeoutMs: 3000,
  retryDelaysMs: [0, 60_000, 300_000],
  socketPingIntervalMs: 10_000,
};

/** An event object offered to the apps, and which apps may receive it. */
export interface AppEvent {
  /** The `event` of the envelope, in Slack's snake_case (`type`, `user`, `channel`, `event_ts`, ...). */
  event: Record<string, unknown>;
  /** Scopes of the app's bot token, any one of which lets the event through. */
  scopes: readonly string[];
  /**
   * The bot users that may receive it (members of its conversation at the time); absent for
   * workspace-wide events (`channel_created` of a public channel, ...).
   */
  audience?: readonly string[];
  /** Its conversation, for the envelope's `event_context`. */
  channelId?: string;
}

/** Why a delivery attempt failed, in Slack's `X-Slack-Retry-Reason` words (`timeout` over Socket Mode). */
export type RetryReason = "http_timeout" | "http_error" | "connection_failed" | "timeout";

/** Why an attempt failed: a {@link RetryReason}, or no way to reach the app (no URL, no connection). */
export type DeliveryFailure = RetryReason | "no_transport";

/** How an event reaches an app. */
export type Transport = "http" | "socket";

/** One try of a delivery. */
export interface DeliveryAttempt {
  /** 0 for the first try, then the `X-Slack-Retry-Num`. */
  attempt: number;
  /** Absent when the app could not be reached at all. */
  transport?: Transport;
  /** When it started (ISO 8601). */
  time: string;
  /** The HTTP status the app answered (HTTP only). */
  status?: number;
  /** Why it failed; absent when it succeeded. */
  failure?: DeliveryFailure;
  /** Time until the answer, ack or failure, in ms. */
  durationMs: number;
}

/** One event sent (or being sent) to one app. */
export interface Delivery {
  /** 1-based, increasing for the life of the twin. */
  seq: number;
  /** The envelope's `event_id` (the same on every retry); "" for `url_verification`, slash commands and interactions. */
  eventId: string;
  appId: string;
  /**
   * `event.type` (`message`, `app_mention`, ...), `url_verification`, `slash_command`, or the
   * interaction's type (`block_actions`, `view_submission`, `view_closed`).
   */
  eventType: string;
  /** `event.subtype`, when any. */
  subtype?: string;
  /** The request (or interactivity) URL (HTTP deliveries). */
  url?: string;
  /** The envelope (or command or interaction payload) as sent. */
  body: unknown;
  attempts: DeliveryAttempt[];
  outcome: "pending" | "delivered" | "failed";
}
