/**
 * `users.*`: list, info, lookupByEmail, conversations, profile.get, setPresence and getPresence.
 * @module
 */

import type { MethodContext, SlackMethods } from "../api/method.js";
import { pageMetadata, paginate } from "../api/paginate.js";
import { slackError } from "../errors.js";
import { userObject, userProfile } from "../render/user.js";
import { setPresence } from "../state/presence.js";
import type { UserRecord } from "../state/types.js";
import { conversationPage, listedConversations } from "./conversations.js";

/** The user of the `user` argument, or the caller. @throws SlackApiError `user_not_found`. */
function userArg(ctx: MethodContext): UserRecord {
  const ref = ctx.args.string("user");
  if (ref === undefined) return ctx.user;
  const user = ctx.state.findUser(ref);
  if (!user) throw slackError("user_not_found");
  return user;
}

/** The `users.*` methods. */
export const usersMethods: SlackMethods = {
  "users.list": {
    scopes: ["users:read"],
    tier: 2,
    handler(ctx) {
      const users = [...ctx.state.users.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const page = paginate(users, ctx.args, { prefix: "user", keyOf: (u) => u.id });
      return {
        members: page.items.map((u) => userObject(ctx.state, u)),
        cache_ts: ctx.state.nowSeconds(),
        ...pageMetadata(page),
      };
    },
  },
  "users.info": {
    scopes: ["users:read"],
    tier: 4,
    handler(ctx) {
      const user = ctx.state.findUser(ctx.args.required("user", "user_not_found"));
      if (!user) throw slackError("user_not_found");
      return { user: userObject(ctx.state, user) };
    },
  },
  "users.lookupByEmail": {
    scopes: ["users:read.email"],
    tier: 3,
    handler(ctx) {
      const email = ctx.args.required("email", "users_not_found").toLowerCase();
      const user = [...ctx.state.users.values()].find((u) => u.email?.toLowerCase() === email);
      if (!user) throw slackError("users_not_found");
      return { user: userObject(ctx.state, user) };
    },
  },
  "users.conversations": {
    scopes: ["channels:read", "groups:read", "im:read", "mpim:read"],
    tier: 3,
    handler(ctx) {
      const user = userArg(ctx);
      const visible = listedConversations(ctx, user.id, true).filter(
        (c) => c.kind === "public" || c.members.includes(ctx.user.id),
      );
      return conversationPage(ctx, visible);
    },
  },
  "users.profile.get": {
    scopes: ["users.profile:read"],
    tier: 4,
    handler: (ctx) => ({ profile: userProfile(ctx.state, userArg(ctx)) }),
  },
  "users.setPresence": {
    scopes: ["users:write"],
    tier: 2,
    handler(ctx) {
      const presence = ctx.args.required("presence", "invalid_presence");
      if (presence !== "auto" && presence !== "away") throw slackError("invalid_presence");
      setPresence(ctx.state, ctx.user.id, presence === "auto" ? "active" : "away");
      return {};
    },
  },
  "users.getPresence": {
    scopes: ["users:read"],
    tier: 3,
    handler(ctx) {
      const user = userArg(ctx);
      if (user.id !== ctx.user.id) return { presence: user.presence };
      return {
        presence: user.presence,
        online: user.presence === "active",
        auto_away: false,
        manual_away: user.presence === "away",
        connection_count: user.presence === "active" ? 1 : 0,
        last_activity: ctx.state.nowSeconds(),
      };
    },
  },
};
