/**
 * Admin routes of event delivery, beside the Slack admin API under `/_twin/slack/`:
 * - `GET /events/deliveries?app=&type=&outcome=&since=&limit=`: recent deliveries and their attempts;
 * - `GET|PUT /events/config` `{"timeoutMs":..., "retryDelaysMs":[...]}`: timeout and retries;
 * - `PUT /apps/:app/request-url` `{"url":...}` (the app by id or name): sends the `url_verification` challenge, and sets
 *   the app's request URL when the app answers it (`{"url":null}` clears it without a challenge);
 * - `POST /socket/disconnect` `{"app"?:..., "reason"?:...}`: Slack's `disconnect` message to
 *   Socket Mode connections;
 * - `POST /commands` `{"command":"/deploy","text":...,"user":...,"channel":...,"app"?:...}`: a
 *   person types a slash command (user and channel by name or id).
 * Errors are `{"error":{"type":"twin_admin_error","message":...}}` (400, 404 for unknown apps).
 * @module
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from "fastify";
import { SlackApiError } from "../errors.js";
import type { DisconnectReason, SocketModeHub } from "../socket/socket-hub.js";
import type { SlackState } from "../state/slack-state.js";
import type { ChannelRecord } from "../state/types.js";
import type { DeliveryFilter } from "./delivery-log.js";
import type { EventHub } from "./event-hub.js";
import type { SlashCommands } from "./slash-commands.js";
import type { Delivery } from "./types.js";

const OUTCOMES: readonly Delivery["outcome"][] = ["pending", "delivered", "failed"];
const REASONS: readonly DisconnectReason[] = ["warning", "refresh_requested", "link_disabled"];

/** Answers `{"error":{"type":"twin_admin_error","message":...}}` with `status`. */
export function adminError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ error: { type: "twin_admin_error", message } });
}

/** A JSON object (not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isDelay(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** The conversation `ref` names (id or name), if any. */
export function channelByRef(state: SlackState, ref: unknown): ChannelRecord | undefined {
  return typeof ref === "string" ? (state.findChannel(ref) ?? state.channelByName(ref)) : undefined;
}

/** The admin routes of event delivery (register with prefix `/_twin/slack`). */
export function eventsAdminRoutes(
  state: SlackState,
  hub: EventHub,
  sockets: SocketModeHub,
  commands: SlashCommands,
): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, string | undefined> }>("/events/deliveries", async (request, reply) => {
      const { app: appId, type, outcome, since, limit } = request.query;
      const filter: DeliveryFilter = {};
      if (appId) filter.appId = appId;
      if (type) filter.eventType = type;
      if (outcome) {
        if (!OUTCOMES.includes(outcome as Delivery["outcome"])) {
          return adminError(reply, 400, `outcome must be one of ${OUTCOMES.join(", ")}`);
        }
        filter.outcome = outcome as Delivery["outcome"];
      }
      if (since) filter.sinceSeq = Number(since);
      if (limit) filter.limit = Number(limit);
      return { deliveries: hub.log.list(filter) };
    });

    app.get("/events/config", async () => hub.config);
    app.put("/events/config", async (request, reply) => {
      const body = request.body;
      if (!isObject(body)) return adminError(reply, 400, "expected a JSON object body");
      const { timeoutMs, retryDelaysMs } = body;
      if (timeoutMs !== undefined && !(isDelay(timeoutMs) && timeoutMs > 0)) {
        return adminError(reply, 400, "timeoutMs must be a positive number of ms");
      }
      if (retryDelaysMs !== undefined && !(Array.isArray(retryDelaysMs) && retryDelaysMs.every(isDelay))) {
        return adminError(reply, 400, "retryDelaysMs must be a list of delays in ms");
      }
      hub.config = {
        ...hub.config,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(retryDelaysMs !== undefined ? { retryDelaysMs: retryDelaysMs as number[] } : {}),
      };
      return hub.config;
    });

    app.put<{ Params: { app: string } }>("/apps/:app/request-url", async (request, reply) => {
      const ref = request.params.app;
      const record = state.apps.get(ref) ?? [...state.apps.values()].find((a) => a.name === ref);
      if (!record) return adminError(reply, 404, `no app '${request.params.app}'`);
      const url = isObject(request.body) ? request.body.url : undefined;
      if (url === null) {
        delete record.requestUrl;
      } else {
        if (typeof url !== "string" || !/^https?:\/\//.test(url)) {
          return adminError(reply, 400, 'expected {"url": "http(s)://..."} or {"url": null}');
        }
        const verified = await hub.verifyRequestUrl(record, url);
        if (!verified.ok) return adminError(reply, 400, `url_verification failed: ${verified.reason}`);
        record.requestUrl = url;
      }
      state.touch("app", record.id);
      return { ok: true, app: record.id, requestUrl: record.requestUrl ?? null };
    });

    app.post("/socket/disconnect", async (request, reply) => {
      const body = isObject(request.body) ? request.body : {};
      const reason = body.reason ?? "refresh_requested";
      if (!REASONS.includes(reason as DisconnectReason)) {
        return adminError(reply, 400, `reason must be one of ${REASONS.join(", ")}`);
      }
      const appId = typeof body.app === "string" ? body.app : undefined;
      return { disconnected: sockets.disconnect(appId, reason as DisconnectReason) };
    });

    app.post("/commands", async (request, reply) => {
      const body = isObject(request.body) ? request.body : {};
      const { command, text, app: appRef } = body;
      const user = typeof body.user === "string" ? state.findUser(body.user) : undefined;
      const channel = channelByRef(state, body.channel);
      if (typeof command !== "string" || !user || !channel) {
        return adminError(reply, 400, 'expected {"command": "/name", "text": ..., "user": ..., "channel": ...}');
      }
      try {
        await commands.run({
          command,
          text: typeof text === "string" ? text : "",
          user,
          channel,
          ...(typeof appRef === "string" ? { app: appRef } : {}),
          origin: `${request.protocol}://${request.host}`,
        });
        return { ok: true };
      } catch (error) {
        if (error instanceof SlackApiError) return adminError(reply, 400, `slash command failed: ${error.error}`);
        throw error;
      }
    });
  };
}
