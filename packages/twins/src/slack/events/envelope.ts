/**
 * The wire forms of the Events API: the `event_callback` envelope around an event, the
 * `url_verification` challenge, the app's verification token, and request signing
 * (`X-Slack-Signature: v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret).
 * @module
 */
import { createHmac } from "node:crypto";
import type { SlackState } from "../state/slack-state.js";
import type { AppRecord } from "../state/types.js";
import type { AppEvent } from "./types.js";

/**
 * The app's verification token (the deprecated `token` field of payloads): derived from its id
 * and signing secret, so it is stable across restarts; 24 characters like Slack's.
 */
export function verificationToken(app: AppRecord): string {
  return createHmac("sha256", app.signingSecret).update(`verification:${app.id}`).digest("base64url").slice(0, 24);
}

/**
 * Slack's `event_context`: an opaque `4-` + base64 string naming the event type, team, app and
 * conversation.
 */
function eventContext(state: SlackState, app: AppRecord, event: AppEvent): string {
  const context = {
    et: event.event.type,
    tid: state.team.id,
    aid: app.id,
    ...(event.channelId ? { cid: event.channelId } : {}),
  };
  return `4-${Buffer.from(JSON.stringify(context)).toString("base64url")}`;
}

/**
 * The `event_callback` envelope of `event` for `app`, whose bot user is `botUserId`.
 * @param eventId the `event_id` (kept on retries).
 */
export function eventCallback(
  state: SlackState,
  app: AppRecord,
  botUserId: string,
  event: AppEvent,
  eventId: string,
): Record<string, unknown> {
  const team = state.team.id;
  return {
    token: verificationToken(app),
    team_id: team,
    api_app_id: app.id,
    event: event.event,
    type: "event_callback",
    event_id: eventId,
    event_time: state.nowSeconds(),
    authorizations: [
      { enterprise_id: null, team_id: team, user_id: botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: eventContext(state, app, event),
    context_team_id: team,
    context_enterprise_id: null,
  };
}

/** The `url_verification` payload Slack sends when a request URL is set. */
export function urlVerification(app: AppRecord, challenge: string): Record<string, unknown> {
  return { token: verificationToken(app), challenge, type: "url_verification" };
}

/**
 * The `X-Slack-Signature` of a request: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`.
 * @param timestampSeconds the `X-Slack-Request-Timestamp` (epoch seconds).
 */
export function slackSignature(signingSecret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${body}`).digest("hex")}`;
}
