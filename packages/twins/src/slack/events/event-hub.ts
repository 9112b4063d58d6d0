/**
 * The Events API dispatcher: follows the state events, offers Slack's event objects to every app
 * that can be reached (a request URL, Socket Mode), filtered by its bot's scopes and membership,
 * and delivers each as an `event_callback` envelope over Socket Mode (when the app has a
 * connection) or HTTP, with Slack's retries. Deliveries are logged; nothing blocks the change
 * that caused them.
 * @module
 */
import { randomUUID } from "node:crypto";
import type { EnvelopeType, SocketModeHub } from "../socket/socket-hub.js";
import type { SlackState } from "../state/slack-state.js";
import type { AppRecord } from "../state/types.js";
import { appEventsOf } from "./app-events.js";
import { DeliveryLog } from "./delivery-log.js";
import { eventCallback, urlVerification } from "./envelope.js";
import { type AppAnswer, postToApp } from "./http-delivery.js";
import type { AppEvent, Delivery, DeliveryAttempt, DeliveryConfig, DeliveryFailure, RetryReason } from "./types.js";

/** What {@link EventHub} works with. */
export interface EventHubOptions {
  state: SlackState;
  sockets: SocketModeHub;
  /** The twin's origin (file URLs in payloads). */
  origin: () => string;
  config: DeliveryConfig;
}

/** The outcome of {@link EventHub.verifyRequestUrl}. */
export type VerificationResult = { ok: true } | { ok: false; reason: string };

/** The outcome of {@link EventHub.interact}: the app's immediate response (when any), or why none came. */
export type InteractionResult = { ok: true; response: unknown } | { ok: false; failure: DeliveryFailure };

/** What {@link EventHub.interact} sends: a slash command, or an interaction payload. */
export type Interaction =
  | { type: "slash_commands"; eventType: "slash_command"; payload: Record<string, string> }
  | {
      type: "interactive";
      /** The payload's `type` (`block_actions`, `view_submission`, `view_closed`), for the log. */
      eventType: string;
      payload: Record<string, unknown>;
      /** Whether the app's ack may carry a response (`view_submission`; Socket Mode's `accepts_response_payload`). */
      acceptsResponse: boolean;
    };

/** What one try sends. */
interface TryRequest {
  type: EnvelopeType;
  /** The payload as JSON (Socket Mode; HTTP for events). */
  json: string;
  /** The payload form-encoded (HTTP for slash commands and interactions). */
  form?: string;
  /** Where to POST it over HTTP (default: the app's request URL). */
  url?: string;
  /** Socket Mode's `accepts_response_payload` (default: true for everything but events). */
  acceptsResponse?: boolean;
  /** Set on retries: the retry number (1..) and why the previous try failed. */
  retry?: { num: number; reason: RetryReason };
}

/** One try's result, before it is logged. */
interface Try {
  attempt: DeliveryAttempt;
  /** The app asked for no retries. */
  final: boolean;
  /** The app's immediate response: the ack's payload, or the HTTP answer's body. */
  response: unknown;
}

/** Content type of slash command and interaction requests. */
const FORM = "application/x-www-form-urlencoded";

/** The Events API dispatcher of one twin (see the module doc). */
export class EventHub {
  /** Recent deliveries. */
  readonly log = new DeliveryLog();
  /** Timeout and retries in force (changeable at run time). */
  config: DeliveryConfig;
  private readonly state: SlackState;
  private readonly sockets: SocketModeHub;
  private readonly origin: () => string;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  private seq = 0;

  constructor(options: EventHubOptions) {
    this.state = options.state;
    this.sockets = options.sockets;
    this.origin = options.origin;
    this.config = options.config;
  }

  /** Starts following the state. */
  start(): void {
    this.unsubscribe = this.state.events.on((change) => {
      if (this.reachableApps().length > 0) this.offer(appEventsOf(this.state, change, this.origin()));
    });
  }

  /** Stops following the state; retries not yet made are dropped. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
  }

  /**
   * Delivers `events` to every reachable app whose bot has one of an event's scopes (none needed
   * when an event lists none) and is in its audience.
   */
  offer(events: readonly AppEvent[]): void {
    for (const app of this.reachableApps()) {
      const botUser = this.state.bots.get(app.botId)?.userId;
      if (botUser === undefined) continue;
      const scopes = this.botScopes(app);
      for (const event of events) {
        if (event.scopes.length > 0 && !event.scopes.some((s) => scopes.has(s))) continue;
        if (event.audience && !event.audience.includes(botUser)) continue;
        const envelope = eventCallback(this.state, app, botUser, event, this.nextEventId());
        void this.deliver(app.id, envelope);
      }
    }
  }

  /**
   * Sends Slack's `url_verification` challenge to `url` for `app`, signed like events: the app
   * must answer 2xx with the challenge (as text, or as JSON `{"challenge":...}`) within the
   * timeout. Logged as a delivery. Never throws.
   */
  async verifyRequestUrl(app: AppRecord, url: string): Promise<VerificationResult> {
    const challenge = randomUUID().replaceAll("-", "");
    const payload = urlVerification(app, challenge);
    const delivery = this.log.open({ eventId: "", appId: app.id, eventType: "url_verification", url, body: payload });
    const base = this.attemptBase(0);
    const started = performance.now();
    const answer = await postToApp({
      url,
      body: JSON.stringify(payload),
      signingSecret: app.signingSecret,
      timeoutMs: this.config.timeoutMs,
      nowSeconds: this.state.nowSeconds(),
    });
    const echoed = answer.text.trim() === challenge || jsonChallenge(answer.text) === challenge;
    const failure = answer.failure ?? (echoed ? undefined : "http_error");
    delivery.attempts.push(httpAttempt(base, { ...answer, ...(failure ? { failure } : {}) }, started));
    delivery.outcome = failure ? "failed" : "delivered";
    if (!failure) return { ok: true };
    const reason = answer.failure ?? "the answer did not echo the challenge";
    return { ok: false, reason: `${url}: ${reason}${answer.status ? ` (HTTP ${answer.status})` : ""}` };
  }

  /**
   * Sends a slash command's or an interaction's payload to `app` once (Slack does not retry
   * them), and returns the app's immediate response. Over Socket Mode it is a `slash_commands`
   * or `interactive` envelope, whose ack may carry the response. Over HTTP it is a signed form
   * POST, whose answer body is the response (JSON, or text as `{text}`): slash commands go to the
   * request URL with their fields form-encoded, interactions to the interactivity URL (or the
   * request URL) as `payload=<json>`. Logged as a delivery. Never throws.
   */
  async interact(app: AppRecord, interaction: Interaction): Promise<InteractionResult> {
    const { payload, eventType } = interaction;
    const delivery = this.log.open({ eventId: "", appId: app.id, eventType, body: payload });
    const json = JSON.stringify(payload);
    const request: TryRequest =
      interaction.type === "slash_commands"
        ? { type: "slash_commands", json, form: new URLSearchParams(interaction.payload).toString() }
        : {
            type: "interactive",
            json,
            form: new URLSearchParams({ payload: json }).toString(),
            acceptsResponse: interaction.acceptsResponse,
            ...(app.interactivityUrl ? { url: app.interactivityUrl } : {}),
          };
    const result = await this.tryOnce(app, delivery, request);
    delivery.attempts.push(result.attempt);
    const failure = result.attempt.failure;
    delivery.outcome = failure ? "failed" : "delivered";
    return failure ? { ok: false, failure } : { ok: true, response: result.response };
  }

  /** Apps that events can reach: a request URL, Socket Mode, or an open connection. */
  reachableApps(): AppRecord[] {
    return [...this.state.apps.values()].filter(
      (app) => app.requestUrl || app.socketMode || this.sockets.connectionCount(app.id) > 0,
    );
  }

  /** Scopes of the app's bot tokens. */
  private botScopes(app: AppRecord): Set<string> {
    const scopes = new Set<string>();
    for (const token of this.state.tokens.values())
      if (token.kind === "bot" && token.appId === app.id) for (const scope of token.scopes) scopes.add(scope);
    return scopes;
  }

  /** `Ev` + time and counter in base 36, e.g. `EvSK2J1Q0007`. */
  private nextEventId(): string {
    const time = this.state.nowSeconds().toString(36).toUpperCase();
    return `Ev${time}${(++this.seq).toString(36).toUpperCase().padStart(4, "0")}`;
  }

  /** The first fields of an attempt record: its number, and now. */
  private attemptBase(attempt: number): AttemptBase {
    return { attempt, time: new Date(this.state.now()).toISOString() };
  }

  /** Delivers one envelope with retries (the event is serialized once: every try sends the same body). */
  private async deliver(appId: string, envelope: Record<string, unknown>): Promise<void> {
    const json = JSON.stringify(envelope);
    const event = envelope.event as { type?: string; subtype?: string };
    const delivery = this.log.open({
      eventId: String(envelope.event_id),
      appId,
      eventType: String(event.type),
      ...(event.subtype ? { subtype: event.subtype } : {}),
      body: envelope,
    });
    let retry: TryRequest["retry"];
    for (;;) {
      const app = this.state.apps.get(appId);
      if (!app || this.stopped) break;
      const result = await this.tryOnce(app, delivery, { type: "events_api", json, ...(retry ? { retry } : {}) });
      delivery.attempts.push(result.attempt);
      const failure = result.attempt.failure;
      if (failure === undefined) {
        delivery.outcome = "delivered";
        return;
      }
      const num = delivery.attempts.length;
      if (result.final || num > this.config.retryDelaysMs.length) break;
      retry = { num, reason: failure === "no_transport" ? "connection_failed" : failure };
      await sleep(this.config.retryDelaysMs[num - 1]);
    }
    delivery.outcome = "failed";
  }

  /** One try over Socket Mode (when the app has a connection) or HTTP (when it has a URL). */
  private async tryOnce(app: AppRecord, delivery: Delivery, request: TryRequest): Promise<Try> {
    const base = this.attemptBase(request.retry?.num ?? 0);
    const started = performance.now();
    if (this.sockets.connectionCount(app.id) > 0) {
      const outcome = await this.sockets.send(app.id, {
        type: request.type,
        payloadJson: request.json,
        retryAttempt: request.retry?.num ?? 0,
        retryReason: request.retry?.reason ?? "",
        acceptsResponsePayload: request.acceptsResponse ?? request.type !== "events_api",
        timeoutMs: this.config.timeoutMs,
      });
      const attempt: DeliveryAttempt = {
        ...base,
        transport: "socket",
        ...(outcome.acked ? {} : { failure: "timeout" }),
        durationMs: Math.round(performance.now() - started),
      };
      return { attempt, final: false, response: outcome.acked ? outcome.payload : undefined };
    }
    const url = request.url ?? app.requestUrl;
    if (!url || app.socketMode) {
      return { attempt: { ...base, failure: "no_transport", durationMs: 0 }, final: false, response: undefined };
    }
    delivery.url = url;
    const answer = await postToApp({
      url,
      body: request.form ?? request.json,
      ...(request.form !== undefined ? { contentType: FORM } : {}),
      signingSecret: app.signingSecret,
      timeoutMs: this.config.timeoutMs,
      nowSeconds: this.state.nowSeconds(),
      ...(request.retry ? { retry: request.retry } : {}),
    });
    return { attempt: httpAttempt(base, answer, started), final: answer.noRetry, response: responseOf(answer.text) };
  }
}

/** The number and start time of an attempt. */
type AttemptBase = Pick<DeliveryAttempt, "attempt" | "time">;

/** The record of an HTTP try that started at `startedMs` (`performance.now()`). */
function httpAttempt(base: AttemptBase, answer: AppAnswer, startedMs: number): DeliveryAttempt {
  return {
    ...base,
    transport: "http",
    ...(answer.status !== undefined ? { status: answer.status } : {}),
    ...(answer.failure ? { failure: answer.failure } : {}),
    durationMs: Math.round(performance.now() - startedMs),
  };
}

/** An app's immediate response: its JSON, or its text as `{text}`; undefined when empty. */
function responseOf(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

/** The `challenge` of a JSON answer, if it is one. */
function jsonChallenge(text: string): unknown {
  try {
    return (JSON.parse(text) as { challenge?: unknown }).challenge;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve();
}
