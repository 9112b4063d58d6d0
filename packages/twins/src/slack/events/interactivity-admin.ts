/**
 * Admin routes of interactivity, beside the Slack admin API under `/_twin/slack/` (people and
 * conversations by name or id):
 * - `POST /actions` `{"user","channel","ts","action_id","block_id"?,"value"?}`: the person clicks
 *   a button (or chooses option `value` of a select) in a message (or in an ephemeral message the
 *   person sees, by its ts); the app gets `block_actions`;
 * - `POST /views/:id/submit` `{"user","values":{block_id:{action_id:{type,value}}}}`: the person
 *   submits a modal; answers what became of it (`{"ok":true,"outcome":"closed"|"cleared"|"errors"
 *   |"updated"|"pushed","errors"?,"view"?}`);
 * - `POST /views/:id/close` `{"user","all"?}`: the person closes a modal (or its whole stack).
 * Refusals are `{"error":{"type":"twin_admin_error","message":"...: <Slack's error>"}}` (400).
 * @module
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from "fastify";
import { SlackApiError } from "../errors.js";
import { viewObject } from "../render/view.js";
import type { SlackState } from "../state/slack-state.js";
import { adminError, channelByRef, isObject } from "./events-admin.js";
import type { Interactivity, SubmissionOutcome } from "./interactivity.js";

/** Runs `task`, answering its SlackApiError as a 400 admin error prefixed with `what`. */
async function refusals<T>(reply: FastifyReply, what: string, task: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof SlackApiError) return adminError(reply, 400, `${what} failed: ${error.error}`);
    throw error;
  }
}

/** A submission's outcome as JSON (the view shown next as its view object). */
export function outcomeBody(state: SlackState, outcome: SubmissionOutcome): Record<string, unknown> {
  if (outcome.outcome === "updated" || outcome.outcome === "pushed") {
    return { outcome: outcome.outcome, view: viewObject(state, outcome.view) };
  }
  return { ...outcome };
}

/** The admin routes of interactivity (register with prefix `/_twin/slack`). */
export function interactivityAdminRoutes(state: SlackState, interactivity: Interactivity): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.post("/actions", async (request, reply) => {
      const body = isObject(request.body) ? request.body : {};
      const { ts, action_id: actionId, block_id: blockId, value } = body;
      const user = typeof body.user === "string" ? state.findUser(body.user) : undefined;
      const channel = channelByRef(state, body.channel);
      if (!user || !channel || typeof ts !== "string" || typeof actionId !== "string") {
        return adminError(reply, 400, 'expected {"user": ..., "channel": ..., "ts": ..., "action_id": ...}');
      }
      return refusals(reply, "block action", async () => {
        await interactivity.blockAction({
          user,
          channel,
          ts,
          actionId,
          ...(typeof blockId === "string" ? { blockId } : {}),
          ...(typeof value === "string" ? { value } : {}),
          origin: `${request.protocol}://${request.host}`,
        });
        return { ok: true };
      });
    });

    app.post<{ Params: { id: string } }>("/views/:id/submit", async (request, reply) => {
      const body = isObject(request.body) ? request.body : {};
      const user = typeof body.user === "string" ? state.findUser(body.user) : undefined;
      const values = body.values ?? {};
      if (!user || !isObject(values)) {
        return adminError(reply, 400, 'expected {"user": ..., "values": {block_id: {action_id: {...}}}}');
      }
      return refusals(reply, "view submission", async () => {
        const outcome = await interactivity.submitView({ user, viewId: request.params.id, values });
        return { ok: true, ...outcomeBody(state, outcome) };
      });
    });

    app.post<{ Params: { id: string } }>("/views/:id/close", async (request, reply) => {
      const body = isObject(request.body) ? request.body : {};
      const user = typeof body.user === "string" ? state.findUser(body.user) : undefined;
      if (!user) return adminError(reply, 400, 'expected {"user": ..., "all"?: true}');
      return refusals(reply, "view close", async () => ({
        ok: true,
        closed: await interactivity.closeModal(request.params.id, user, body.all === true),
      }));
    });
  };
}
