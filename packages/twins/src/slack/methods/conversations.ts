/**
 * `conversations.*`: create, list, info, history, replies, join, leave, invite, kick, members,
 * archive, unarchive, rename, setTopic, setPurpose, open and mark. Scopes follow the conversation
 * type (`channels:*`, `groups:*`, `im:*`, `mpim:*`).
 * @module
 */

import {
  canSee,
  conversation,
  conversationScopes,
  type MethodContext,
  requireMember,
  requireScope,
  type SlackMethod,
  type SlackMethods,
} from "../api/method.js";
import { pageMetadata, paginate } from "../api/paginate.js";
import { slackError } from "../errors.js";
import { conversationObject } from "../render/conversation.js";
import { messageObject } from "../render/message.js";
import {
  archiveChannel,
  createChannel,
  inviteToChannel,
  isChannelLevel,
  joinChannel,
  kickFromChannel,
  leaveChannel,
  markRead,
  openConversation,
  renameChannel,
  setChannelText,
  unarchiveChannel,
} from "../state/channels.js";
import { compareTs } from "../state/slack-state.js";
import { parseTs } from "../state/slack-ts.js";
import type { ChannelKind, ChannelRecord, MessageRecord } from "../state/types.js";

const TYPE_KINDS: Readonly<Record<string, ChannelKind>> = {
  public_channel: "public",
  private_channel: "private",
  im: "im",
  mpim: "mpim",
};

/**
 * The conversations of `kinds` (from a `types` argument, default public channels) that `user`
 * belongs to, or, without `memberOnly`, can see; after the read-scope check of each kind.
 * @throws SlackApiError `invalid_types`, `missing_scope`.
 */
export function listedConversations(ctx: MethodContext, user: string, memberOnly: boolean): ChannelRecord[] {
  const types = ctx.args.list("types");
  const kinds = (types.length === 0 ? ["public_channel"] : types).map((type) => {
    const kind = TYPE_KINDS[type];
    if (!kind) throw slackError("invalid_types");
    return kind;
  });
  for (const kind of new Set(kinds)) requireScope(ctx, ...conversationScopes(kind, "read"));
  const excludeArchived = ctx.args.bool("exclude_archived");
  return [...ctx.state.channels.values()]
    .filter((c) => kinds.includes(c.kind) && (memberOnly ? c.members.includes(user) : canSee(c, user)))
    .filter((c) => !(excludeArchived && c.isArchived))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A page of conversations as `conversations.list` and `users.conversations` answer it. */
export function conversationPage(ctx: MethodContext, channels: ChannelRecord[]): Record<string, unknown> {
  const page = paginate(channels, ctx.args, { prefix: "channel", keyOf: (c) => c.id });
  return {
    channels: page.items.map((c) => conversationObject(ctx.state, c, { viewer: ctx.user.id, numMembers: true })),
    ...pageMetadata(page),
  };
}

function channelArg(ctx: MethodContext, access: "read" | "history" | "write"): ChannelRecord {
  return conversation(ctx, ctx.args.required("channel", "channel_not_found"), access);
}

function channelOf(ctx: MethodContext, channel: ChannelRecord): { channel: Record<string, unknown> } {
  return { channel: conversationObject(ctx.state, channel, { viewer: ctx.user.id }) };
}

/** Bots read only the conversations they are in. @throws SlackApiError `not_in_channel`. */
function requireReader(ctx: MethodContext, channel: ChannelRecord): void {
  if (ctx.token.kind === "bot") requireMember(ctx, channel);
}

/** `oldest`/`latest`/`inclusive` of history and replies, as a filter. */
function timeWindow(ctx: MethodContext): (message: MessageRecord) => boolean {
  const oldest = ctx.args.string("oldest");
  const latest = ctx.args.string("latest");
  if (oldest !== undefined && parseTs(oldest) === undefined) throw slackError("invalid_ts_oldest");
  if (latest !== undefined && parseTs(latest) === undefined) throw slackError("invalid_ts_latest");
  const inclusive = ctx.args.bool("inclusive");
  return (m) => {
    if (oldest !== undefined) {
      const order = compareTs(m.ts, oldest);
      if (order < 0 || (order === 0 && !inclusive)) return false;
    }
    if (latest !== undefined) {
      const order = compareTs(m.ts, latest);
      if (order > 0 || (order === 0 && !inclusive)) return false;
    }
    return true;
  };
}

function messagePage(ctx: MethodContext, messages: MessageRecord[], newestFirst: boolean): Record<string, unknown> {
  const page = paginate(messages, ctx.args, {
    prefix: "next_ts",
    keyOf: (m) => m.ts,
    compare: newestFirst ? (a, b) => compareTs(b, a) : compareTs,
    maxLimit: 999,
  });
  return {
    messages: page.items.map((m) => messageObject(ctx.state, m, ctx.origin)),
    has_more: page.nextCursor !== "",
    ...pageMetadata(page),
  };
}

const WRITE_ANY = ["channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"];
const READ_ANY = ["channels:read", "groups:read", "im:read", "mpim:read"];
const HISTORY_ANY = ["channels:history", "groups:history", "im:history", "mpim:history"];

/** `conversations.setTopic` / `setPurpose`: a member sets the channel's `field` from the argument of that name. */
function setChannelTextMethod(field: "topic" | "purpose"): SlackMethod {
  return {
    scopes: WRITE_ANY,
    tier: 2,
    handler(ctx) {
      const channel = channelArg(ctx, "write");
      requireMember(ctx, channel);
      setChannelText(ctx.state, channel, field, ctx.args.string(field) ?? "", ctx.user.id);
      return channelOf(ctx, channel);
    },
  };
}

/** The `conversations.*` methods. */
export const conversationsMethods: SlackMethods = {
  "conversations.create": {
    scopes: WRITE_ANY,
    tier: 2,
    handler(ctx) {
      const isPrivate = ctx.args.bool("is_private");
      requireScope(ctx, ...conversationScopes(isPrivate ? "private" : "public", "write"));
      const name = ctx.args.string("name") ?? "";
      const channel = createChannel(ctx.state, { name, kind: isPrivate ? "private" : "public", creator: ctx.user.id });
      return channelOf(ctx, channel);
    },
  },
  "conversations.list": {
    scopes: READ_ANY,
    tier: 2,
    handler: (ctx) => conversationPage(ctx, listedConversations(ctx, ctx.user.id, false)),
  },
  "conversations.info": {
    scopes: READ_ANY,
    tier: 3,
    handler(ctx) {
      const channel = channelArg(ctx, "read");
      const view = { viewer: ctx.user.id, numMembers: ctx.args.bool("include_num_members"), readState: true };
      return { channel: conversationObject(ctx.state, channel, view) };
    },
  },
  "conversations.history": {
    scopes: HISTORY_ANY,
    tier: 3,
    handler(ctx) {
      const channel = channelArg(ctx, "history");
      requireReader(ctx, channel);
      const inWindow = timeWindow(ctx);
      const messages = ctx.state
        .messagesOf(channel.id)
        .filter((m) => isChannelLevel(m) && inWindow(m))
        .reverse();
      return {
        ...messagePage(ctx, messages, true),
        pin_count: channel.pins.length,
        channel_actions_ts: null,
        channel_actions_count: 0,
      };
    },
  },
  "conversations.replies": {
    scopes: HISTORY_ANY,
    tier: 3,
    handler(ctx) {
      const channel = channelArg(ctx, "history");
      requireReader(ctx, channel);
      const root = ctx.state.message(channel.id, ctx.args.required("ts", "thread_not_found"));
      if (!root) throw slackError("thread_not_found");
      const thread = root.threadTs === root.ts ? [root, ...ctx.state.repliesOf(channel.id, root.ts)] : [root];
      const inWindow = timeWindow(ctx);
      return messagePage(
        ctx,
        thread.filter((m) => m === root || inWindow(m)),
        false,
      );
    },
  },
  "conversations.join": {
    scopes: ["channels:join", "channels:write", "channels:manage"],
    tier: 3,
    handler(ctx) {
      const channel = channelArg(ctx, "read");
      const joined = joinChannel(ctx.state, channel, ctx.user.id);
      if (joined) return channelOf(ctx, channel);
      return {
        ...channelOf(ctx, channel),
        warning: "already_in_channel",
        response_metadata: { warnings: ["already_in_channel"] },
      };
    },
  },
  "conversations.leave": {
    scopes: WRITE_ANY,
    tier: 3,
    handler(ctx) {
      const channel = channelArg(ctx, "write");
      return leaveChannel(ctx.state, channel, ctx.user.id) ? {} : { not_in_channel: true };
    },
  },
  "conversations.invite": {
    scopes: WRITE_ANY,
    tier: 3,
    handler(ctx) {
      const channel = channelArg(ctx, "write");
      inviteToChannel(ctx.state, channel, ctx.user.id, ctx.args.list("users"));
      return channelOf(ctx, channel);
    },
  },
  "conversations.kick": {
    scopes: WRITE_ANY,
    tier: 3,
    handler(ctx) {
      const channel = channelArg(ctx, "write");
      kickFromChannel(ctx.state, channel, ctx.user.id, ctx.args.required("user", "user_not_found"));
      return {};
    },
  },
  "conversations.members": {
    scopes: READ_ANY,
    tier: 4,
    handler(ctx) {
      const channel = channelArg(ctx, "read");
      const page = paginate([...channel.members].sort(), ctx.args, { prefix: "user", keyOf: (id) => id });
      return { members: page.items, ...pageMetadata(page) };
    },
  },
  "conversations.archive": {
    scopes: WRITE_ANY,
    tier: 2,
    handler(ctx) {
      archiveChannel(ctx.state, channelArg(ctx, "write"), ctx.user.id);
      return {};
    },
  },
  "conversations.unarchive": {
    scopes: WRITE_ANY,
    tier: 2,
    handler(ctx) {
      unarchiveChannel(ctx.state, channelArg(ctx, "write"), ctx.user.id);
      return {};
    },
  },
  "conversations.rename": {
    scopes: WRITE_ANY,
    tier: 2,
    handler(ctx) {
      const channel = channelArg(ctx, "write");
      requireMember(ctx, channel);
      renameChannel(ctx.state, channel, ctx.args.string("name") ?? "", ctx.user.id);
      return channelOf(ctx, channel);
    },
  },
  "conversations.setTopic": setChannelTextMethod("topic"),
  "conversations.setPurpose": setChannelTextMethod("purpose"),
  "conversations.open": {
    scopes: ["im:write", "mpim:write"],
    tier: 3,
    handler(ctx) {
      const existing = ctx.args.string("channel");
      let opened: { channel: ChannelRecord; alreadyOpen: boolean };
      if (existing !== undefined) {
        const channel = ctx.state.findChannel(existing);
        if (!channel || (channel.kind !== "im" && channel.kind !== "mpim") || !canSee(channel, ctx.user.id)) {
          throw slackError("channel_not_found");
        }
        opened = { channel, alreadyOpen: true };
      } else {
        const users = ctx.args.list("users");
        requireScope(ctx, users.filter((u) => u !== ctx.user.id).length > 1 ? "mpim:write" : "im:write");
        opened = openConversation(ctx.state, ctx.user.id, users);
      }
      const full = ctx.args.bool("return_im");
      return {
        ...(opened.alreadyOpen ? { no_op: true, already_open: true } : {}),
        channel: full
          ? conversationObject(ctx.state, opened.channel, { viewer: ctx.user.id })
          : { id: opened.channel.id },
      };
    },
  },
  "conversations.mark": {
    scopes: WRITE_ANY,
    tier: 3,
    handler(ctx) {
      const channel = channelArg(ctx, "write");
      requireMember(ctx, channel);
      const ts = ctx.args.required("ts", "invalid_timestamp");
      if (parseTs(ts) === undefined) throw slackError("invalid_timestamp");
      markRead(ctx.state, channel, ctx.user.id, ts);
      return {};
    },
  },
};
