/**
 * `reactions.*` (add, remove, get, list) and `pins.*` (add, remove, list).
 * @module
 */

import { canSee, type MethodContext, requireMember, type SlackMethods } from "../api/method.js";
import { pageMetadata, paginate } from "../api/paginate.js";
import { slackError } from "../errors.js";
import { messageObject } from "../render/message.js";
import { addReaction, findMessage, pinMessage, removeReaction, unpinMessage } from "../state/messages.js";
import type { ChannelRecord, MessageRecord } from "../state/types.js";

/** The message of `channel` + `timestamp`. @throws SlackApiError `no_item_specified`, `channel_not_found`, `message_not_found`. */
function messageArg(ctx: MethodContext): { channel: ChannelRecord; message: MessageRecord } {
  const id = ctx.args.string("channel");
  const ts = ctx.args.string("timestamp");
  if (id === undefined || ts === undefined) throw slackError("no_item_specified");
  const channel = ctx.state.findChannel(id);
  if (!channel || !canSee(channel, ctx.user.id)) throw slackError("channel_not_found");
  return { channel, message: findMessage(ctx.state, channel, ts) };
}

function reactionName(ctx: MethodContext): string {
  return ctx.args.required("name", "invalid_name").replace(/^:|:$/g, "");
}

function messageItem(ctx: MethodContext, channel: ChannelRecord, message: MessageRecord): Record<string, unknown> {
  return { type: "message", channel: channel.id, message: messageObject(ctx.state, message, ctx.origin) };
}

/** The `reactions.*` and `pins.*` methods. */
export const reactionsMethods: SlackMethods = {
  "reactions.add": {
    scopes: ["reactions:write"],
    tier: 3,
    handler(ctx) {
      const { channel, message } = messageArg(ctx);
      addReaction(ctx.state, channel, message.ts, reactionName(ctx), ctx.user.id);
      return {};
    },
  },
  "reactions.remove": {
    scopes: ["reactions:write"],
    tier: 2,
    handler(ctx) {
      const { channel, message } = messageArg(ctx);
      removeReaction(ctx.state, channel, message.ts, reactionName(ctx), ctx.user.id);
      return {};
    },
  },
  "reactions.get": {
    scopes: ["reactions:read"],
    tier: 3,
    handler(ctx) {
      const { channel, message } = messageArg(ctx);
      return messageItem(ctx, channel, message);
    },
  },
  "reactions.list": {
    scopes: ["reactions:read"],
    tier: 2,
    handler(ctx) {
      const ref = ctx.args.string("user");
      const user = ref === undefined ? ctx.user : ctx.state.findUser(ref);
      if (!user) throw slackError("user_not_found");
      const items: { channel: ChannelRecord; message: MessageRecord }[] = [];
      for (const channel of ctx.state.channels.values()) {
        if (!canSee(channel, ctx.user.id)) continue;
        for (const message of ctx.state.messagesOf(channel.id)) {
          if (message.reactions.some((r) => r.users.includes(user.id))) items.push({ channel, message });
        }
      }
      // Newest first: keys (fixed-width ts, then channel) in descending text order.
      const key = (item: (typeof items)[number]) => `${item.message.ts}/${item.channel.id}`;
      const descending = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
      items.sort((a, b) => descending(key(a), key(b)));
      const page = paginate(items, ctx.args, { prefix: "reaction", keyOf: key, compare: descending });
      return { items: page.items.map((i) => messageItem(ctx, i.channel, i.message)), ...pageMetadata(page) };
    },
  },
  "pins.add": {
    scopes: ["pins:write"],
    tier: 2,
    handler(ctx) {
      const { channel, message } = messageArg(ctx);
      requireMember(ctx, channel);
      pinMessage(ctx.state, channel, message.ts, ctx.user.id);
      return {};
    },
  },
  "pins.remove": {
    scopes: ["pins:write"],
    tier: 2,
    handler(ctx) {
      const { channel, message } = messageArg(ctx);
      requireMember(ctx, channel);
      unpinMessage(ctx.state, channel, message.ts, ctx.user.id);
      return {};
    },
  },
  "pins.list": {
    scopes: ["pins:read"],
    tier: 2,
    handler(ctx) {
      const channel = ctx.state.findChannel(ctx.args.required("channel", "channel_not_found"));
      if (!channel || !canSee(channel, ctx.user.id)) throw slackError("channel_not_found");
      const items = channel.pins.flatMap((pin) => {
        const message = ctx.state.message(channel.id, pin.ts);
        const base = { created: pin.created, created_by: pin.createdBy };
        return message ? [{ ...messageItem(ctx, channel, message), ...base }] : [];
      });
      return { items };
    },
  },
};
