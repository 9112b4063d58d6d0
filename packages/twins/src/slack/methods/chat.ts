/**
 * `chat.*`: postMessage, update, delete, postEphemeral, getPermalink, scheduleMessage,
 * scheduledMessages.list and deleteScheduledMessage.
 * @module
 */

import type { SlackArgs } from "../api/args.js";
import { actorOf, authorOf, canSee, type MethodContext, type SlackMethods } from "../api/method.js";
import { pageMetadata, paginate } from "../api/paginate.js";
import { slackError } from "../errors.js";
import { messageObject } from "../render/message.js";
import { openConversation } from "../state/channels.js";
import {
  deleteMessage,
  findMessage,
  type MessageContent,
  postEphemeral,
  postMessage,
  updateMessage,
} from "../state/messages.js";
import { deleteScheduledMessage, scheduleMessage } from "../state/scheduled.js";
import type { Author, ChannelRecord } from "../state/types.js";

const WRITE = ["chat:write", "chat:write:bot", "chat:write:user"];

/**
 * Where a post goes: a conversation id, a channel name (`general`, `#general`), or a user id (the
 * caller's DM with that user, opened if needed). The caller must be a member, except bots with
 * `chat:write.public` in public channels.
 * @throws SlackApiError `channel_not_found`, `not_in_channel`.
 */
function postTarget(ctx: MethodContext, ref: string): ChannelRecord {
  const user = /^[UW][A-Z0-9]+$/.test(ref) ? ctx.state.users.get(ref) : undefined;
  const channel = user
    ? openConversation(ctx.state, ctx.user.id, [user.id]).channel
    : (ctx.state.findChannel(ref) ?? ctx.state.channelByName(ref));
  if (!channel || !canSee(channel, ctx.user.id)) throw slackError("channel_not_found");
  const publicPost = channel.kind === "public" && ctx.token.scopes.includes("chat:write.public");
  if (!channel.members.includes(ctx.user.id) && !publicPost) throw slackError("not_in_channel");
  return channel;
}

/** A conversation named by id that the caller can see. @throws SlackApiError `channel_not_found`. */
function visibleChannel(ctx: MethodContext, id: string): ChannelRecord {
  const channel = ctx.state.findChannel(id);
  if (!channel || !canSee(channel, ctx.user.id)) throw slackError("channel_not_found");
  return channel;
}

/** `text`, `blocks`, `attachments` and `metadata` of a call. */
function contentOf(args: SlackArgs): MessageContent {
  const content: MessageContent = {};
  const text = args.string("text");
  const blocks = args.jsonList("blocks", "invalid_blocks_format");
  const attachments = args.jsonList("attachments", "invalid_attachments");
  const metadata = args.json("metadata", "invalid_metadata_format");
  if (text !== undefined) content.text = text;
  if (blocks) content.blocks = blocks;
  if (attachments) content.attachments = attachments;
  if (metadata !== undefined) content.metadata = metadata;
  return content;
}

/** The author of a post, with `username`/`icon_*` overrides for bots with `chat:write.customize`. */
function postAuthor(ctx: MethodContext): Author {
  const author = authorOf(ctx);
  if (!ctx.bot || !ctx.token.scopes.includes("chat:write.customize")) return author;
  const username = ctx.args.string("username");
  const emoji = ctx.args.string("icon_emoji");
  const url = ctx.args.string("icon_url");
  if (username) author.username = username;
  if (emoji || url) author.icons = { ...(emoji ? { emoji } : {}), ...(url ? { url } : {}) };
  return author;
}

function threadOf(args: SlackArgs): { threadTs?: string; replyBroadcast?: boolean } {
  const threadTs = args.string("thread_ts");
  if (threadTs === undefined) return {};
  return { threadTs, ...(args.bool("reply_broadcast") ? { replyBroadcast: true } : {}) };
}

/** The `chat.*` methods. */
export const chatMethods: SlackMethods = {
  "chat.postMessage": {
    scopes: WRITE,
    tier: "post",
    handler(ctx) {
      const channel = postTarget(ctx, ctx.args.required("channel", "channel_not_found"));
      const message = postMessage(ctx.state, {
        channel,
        author: postAuthor(ctx),
        ...contentOf(ctx.args),
        ...threadOf(ctx.args),
      });
      return { channel: channel.id, ts: message.ts, message: messageObject(ctx.state, message, ctx.origin) };
    },
  },
  "chat.update": {
    scopes: WRITE,
    tier: 3,
    handler(ctx) {
      const channel = visibleChannel(ctx, ctx.args.required("channel", "channel_not_found"));
      const ts = ctx.args.required("ts", "message_not_found");
      const content = contentOf(ctx.args);
      if (content.text === undefined && !content.blocks && !content.attachments) throw slackError("no_text");
      const message = updateMessage(ctx.state, { channel, ts, actor: actorOf(ctx), ...content });
      return {
        channel: channel.id,
        ts,
        text: message.text,
        message: messageObject(ctx.state, message, ctx.origin),
      };
    },
  },
  "chat.delete": {
    scopes: WRITE,
    tier: 3,
    handler(ctx) {
      const channel = visibleChannel(ctx, ctx.args.required("channel", "channel_not_found"));
      const ts = ctx.args.required("ts", "message_not_found");
      deleteMessage(ctx.state, channel, ts, actorOf(ctx));
      return { channel: channel.id, ts };
    },
  },
  "chat.postEphemeral": {
    scopes: WRITE,
    tier: 4,
    handler(ctx) {
      const channel = postTarget(ctx, ctx.args.required("channel", "channel_not_found"));
      const user = ctx.state.findUser(ctx.args.required("user", "user_not_found"));
      if (!user) throw slackError("user_not_found");
      const message = postEphemeral(ctx.state, {
        channel,
        author: postAuthor(ctx),
        user: user.id,
        ...contentOf(ctx.args),
        ...threadOf(ctx.args),
      });
      return { message_ts: message.ts };
    },
  },
  "chat.getPermalink": {
    scopes: [],
    tier: 4,
    handler(ctx) {
      const channel = visibleChannel(ctx, ctx.args.required("channel", "channel_not_found"));
      const message = findMessage(ctx.state, channel, ctx.args.required("message_ts", "message_not_found"));
      const reply = message.threadTs !== undefined && message.threadTs !== message.ts;
      const query = reply ? `?thread_ts=${message.threadTs}&cid=${channel.id}` : "";
      return {
        channel: channel.id,
        permalink: `${ctx.origin}/archives/${channel.id}/p${message.ts.replace(".", "")}${query}`,
      };
    },
  },
  "chat.scheduleMessage": {
    scopes: WRITE,
    tier: 3,
    handler(ctx) {
      const channel = postTarget(ctx, ctx.args.required("channel", "channel_not_found"));
      const postAt = Number(ctx.args.required("post_at", "invalid_time"));
      if (!Number.isFinite(postAt)) throw slackError("invalid_time");
      const record = scheduleMessage(ctx.state, {
        channel,
        author: postAuthor(ctx),
        postAt: Math.floor(postAt),
        ...contentOf(ctx.args),
        ...threadOf(ctx.args),
      });
      const message: Record<string, unknown> = {
        type: "delayed_message",
        text: record.text,
        user: record.author.userId,
        team: ctx.state.team.id,
        ...(record.author.botId ? { bot_id: record.author.botId, app_id: record.author.appId } : {}),
        ...(record.blocks ? { blocks: record.blocks } : {}),
      };
      return { channel: channel.id, scheduled_message_id: record.id, post_at: record.postAt, message };
    },
  },
  "chat.scheduledMessages.list": {
    scopes: WRITE,
    tier: 3,
    handler(ctx) {
      const channel = ctx.args.string("channel");
      const mine = [...ctx.state.scheduled.values()]
        .filter((r) => r.author.userId === ctx.user.id && (channel === undefined || r.channel === channel))
        .sort((a, b) => a.postAt - b.postAt || (a.id < b.id ? -1 : 1));
      const page = paginate(mine, ctx.args, { prefix: "scheduled", keyOf: (r) => `${r.postAt}:${r.id}` });
      return {
        scheduled_messages: page.items.map((r) => ({
          id: r.id,
          channel_id: r.channel,
          post_at: r.postAt,
          date_created: r.dateCreated,
          text: r.text,
        })),
        ...pageMetadata(page),
      };
    },
  },
  "chat.deleteScheduledMessage": {
    scopes: WRITE,
    tier: 3,
    handler(ctx) {
      const channel = visibleChannel(ctx, ctx.args.required("channel", "channel_not_found"));
      const id = ctx.args.required("scheduled_message_id", "invalid_scheduled_message_id");
      deleteScheduledMessage(ctx.state, channel.id, id, ctx.user.id);
      return {};
    },
  },
};
