/**
 * Methods about the workspace and the caller: `auth.test`, `team.info`, `bots.info` and
 * `apps.connections.open` (a Socket Mode URL on the twin).
 * @module
 */

import type { SlackMethods } from "../api/method.js";
import { slackError } from "../errors.js";
import { botObject, teamObject } from "../render/user.js";

/** How long a Socket Mode ticket may be used, in ms. */
export const TICKET_TTL_MS = 30_000;

/** Path of the Socket Mode endpoint on the twin. */
export const SOCKET_MODE_PATH = "/link/";

/** The workspace and caller methods. */
export const workspaceMethods: SlackMethods = {
  "auth.test": {
    scopes: [],
    tier: 4,
    handler(ctx) {
      const team = ctx.state.team;
      return {
        url: `${ctx.origin}/`,
        team: team.name,
        user: ctx.user.name,
        team_id: team.id,
        user_id: ctx.user.id,
        ...(ctx.bot ? { bot_id: ctx.bot.id } : {}),
        is_enterprise_install: false,
      };
    },
  },
  "team.info": {
    scopes: ["team:read"],
    tier: 3,
    handler(ctx) {
      const id = ctx.args.string("team");
      if (id !== undefined && id !== ctx.state.team.id) throw slackError("team_not_found");
      return { team: teamObject(ctx.state, ctx.origin) };
    },
  },
  "bots.info": {
    scopes: ["users:read"],
    tier: 3,
    handler(ctx) {
      const bot = ctx.state.bots.get(ctx.args.required("bot", "bot_not_found"));
      if (!bot) throw slackError("bot_not_found");
      return { bot: botObject(bot) };
    },
  },
  "apps.connections.open": {
    scopes: ["connections:write"],
    tier: 1,
    tokens: ["app"],
    handler(ctx) {
      const appId = ctx.token.appId ?? "";
      const ticket = crypto.randomUUID();
      ctx.runtime.tickets.set(ticket, { appId, expiresMs: ctx.state.now() + TICKET_TTL_MS });
      const ws = ctx.origin.replace(/^http/, "ws");
      return { url: `${ws}${SOCKET_MODE_PATH}?ticket=${ticket}&app_id=${appId}` };
    },
  },
};
