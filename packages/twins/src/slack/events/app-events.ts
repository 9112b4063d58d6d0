/**
 * What the Events API sends for each state event: Slack's event objects (`message` with its
 * subtypes, `app_mention`, `reaction_added`, `member_joined_channel`, `channel_created`, ...), built
 * with the Web API's renderers, each with the scopes it needs and the bot users that may get it.
 * @module
 */
import { conversationScopes } from "../api/method.js";
import { conversationObject } from "../render/conversation.js";
import { messageObject } from "../render/message.js";
import type { SlackStateEvent } from "../state/events.js";
import type { SlackState } from "../state/slack-state.js";
import { formatTs } from "../state/slack-ts.js";
import type { ChannelKind, ChannelRecord, MessageRecord } from "../state/types.js";
import type { AppEvent } from "./types.js";

/** `channel_type` of message events. */
const MESSAGE_CHANNEL_TYPE: Readonly<Record<ChannelKind, string>> = {
  public: "channel",
  private: "group",
  im: "im",
  mpim: "mpim",
};

/** Subtypes of messages a person or an app wrote (the others are system notices). */
const AUTHORED_SUBTYPES = new Set([undefined, "thread_broadcast", "file_share", "bot_message", "me_message"]);

/** An `event_ts` (or `action_ts`) for an event that is not a message: now, as a Slack `ts`. */
export function eventTsNow(state: SlackState): string {
  return formatTs(Math.floor(state.now() * 1000));
}

/** Mentions of users in message text: `<@U123>` or `<@U123|name>`. */
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/**
 * The events apps may receive for `change` (none for changes without a Slack event: read marks,
 * views, presence, ephemeral messages, resets).
 * @param origin the twin's origin, for file URLs in messages.
 */
export function appEventsOf(state: SlackState, change: SlackStateEvent, origin: string): AppEvent[] {
  const eventTs = eventTsNow(state);
  switch (change.type) {
    case "message_posted":
      return messagePosted(state, change.channel, change.message, origin);
    case "message_changed":
      return [
        historyEvent(change.channel, {
          type: "message",
          subtype: "message_changed",
          hidden: true,
          message: messageObject(state, change.message, origin),
          previous_message: messageObject(state, change.previous, origin),
          channel: change.channel.id,
          ts: eventTs,
          event_ts: eventTs,
        }),
      ];
    case "message_deleted": {
      const { channel, previous, tombstone } = change;
      const fields = tombstone
        ? { subtype: "message_changed", message: messageObject(state, tombstone, origin) }
        : { subtype: "message_deleted", deleted_ts: previous.ts };
      return [
        historyEvent(channel, {
          type: "message",
          ...fields,
          hidden: true,
          previous_message: messageObject(state, previous, origin),
          channel: channel.id,
          ts: eventTs,
          event_ts: eventTs,
        }),
      ];
    }
    case "reaction_added":
    case "reaction_removed":
      return [
        memberEvent(change.channel, ["reactions:read"], {
          type: change.type,
          user: change.user,
          reaction: change.reaction,
          item: { type: "message", channel: change.channel.id, ts: change.message.ts },
          ...(change.message.user ? { item_user: change.message.user } : {}),
          event_ts: eventTs,
        }),
      ];
    case "pin_added":
    case "pin_removed":
      return [
        memberEvent(change.channel, ["pins:read"], {
          type: change.type,
          user: change.user,
          channel_id: change.channel.id,
          item: {
            type: "message",
            created: change.pin.created,
            created_by: change.pin.createdBy,
            channel: change.channel.id,
            message: messageObject(state, change.message, origin),
          },
          ...(change.message.user ? { item_user: change.message.user } : {}),
          pin_count: change.channel.pins.length,
          ...(change.type === "pin_removed" ? { has_pins: change.channel.pins.length > 0 } : {}),
          event_ts: eventTs,
        }),
      ];
    case "member_joined":
    case "member_left": {
      const { channel, user } = change;
      const joined = change.type === "member_joined";
      const event = {
        type: joined ? "member_joined_channel" : "member_left_channel",
        user,
        channel: channel.id,
        channel_type: channel.kind === "public" ? "C" : "G",
        team: state.team.id,
        ...(joined && change.inviter ? { inviter: change.inviter } : {}),
        event_ts: eventTs,
      };
      // Whoever left still hears about it (an app removed from a channel learns it was).
      return [
        {
          ...memberEvent(channel, conversationScopes(channel.kind, "read"), event),
          audience: [...channel.members, user],
        },
      ];
    }
    case "channel_created":
      return channelCreated(state, change.channel, change.user, eventTs);
    case "channel_renamed": {
      const { channel } = change;
      const type = channel.kind === "public" ? "channel_rename" : "group_rename";
      const renamed = { id: channel.id, name: channel.name, created: channel.created };
      return [channelEvent(channel, { type, channel: renamed, event_ts: eventTs })];
    }
    case "channel_archived":
    case "channel_unarchived": {
      const { channel } = change;
      const action = change.type === "channel_archived" ? "archive" : "unarchive";
      const type = `${channel.kind === "public" ? "channel" : "group"}_${action}`;
      return [channelEvent(channel, { type, channel: channel.id, user: change.user, event_ts: eventTs })];
    }
    case "file_shared":
      return [
        memberEvent(change.channel, ["files:read"], {
          type: "file_shared",
          channel_id: change.channel.id,
          file_id: change.file.id,
          user_id: change.user,
          file: { id: change.file.id },
          event_ts: eventTs,
        }),
      ];
    case "ephemeral_posted":
    case "ephemeral_changed":
    case "ephemeral_deleted":
    case "channel_updated":
    case "channel_marked":
    case "file_created":
    case "file_deleted":
    case "view_opened":
    case "view_pushed":
    case "view_updated":
    case "view_published":
    case "view_closed":
    case "presence_changed":
    case "state_reset":
      return [];
    default: {
      const unknown: never = change;
      throw new Error(`unknown state event ${JSON.stringify(unknown)}`);
    }
  }
}

/** A `message` event (with its subtype, thread fields, bot profile), and the `app_mention`s it makes. */
function messagePosted(state: SlackState, channel: ChannelRecord, message: MessageRecord, origin: string): AppEvent[] {
  const object = messageObject(state, message, origin);
  const events = [historyEvent(channel, { ...object, channel: channel.id, event_ts: message.ts })];
  if (!AUTHORED_SUBTYPES.has(message.subtype)) return events;
  const { subtype: _subtype, ...mention } = object;
  for (const [, userId] of message.text.matchAll(MENTION)) {
    const bot = state.users.get(userId);
    if (!bot?.isBot || userId === message.user || !channel.members.includes(userId)) continue;
    events.push({
      event: { ...mention, type: "app_mention", channel: channel.id, event_ts: message.ts },
      scopes: ["app_mentions:read"],
      audience: [userId],
      channelId: channel.id,
    });
  }
  return events;
}

/** A message event of `channel`: needs its history scope, for member bots. */
function historyEvent(channel: ChannelRecord, event: Record<string, unknown>): AppEvent {
  const withType = { ...event, channel_type: MESSAGE_CHANNEL_TYPE[channel.kind] };
  return memberEvent(channel, conversationScopes(channel.kind, "history"), withType);
}

/** An event for the bots that are members of `channel`. */
function memberEvent(channel: ChannelRecord, scopes: readonly string[], event: Record<string, unknown>): AppEvent {
  return { event, scopes, audience: [...channel.members], channelId: channel.id };
}

/** A channel event: workspace-wide for public channels, members only for the others. */
function channelEvent(channel: ChannelRecord, event: Record<string, unknown>): AppEvent {
  const scopes = conversationScopes(channel.kind, "read");
  return channel.kind === "public" ? { event, scopes, channelId: channel.id } : memberEvent(channel, scopes, event);
}

/** `channel_created` (public channels), `im_created` or `mpim_open`; private channels have none. */
function channelCreated(state: SlackState, channel: ChannelRecord, user: string, eventTs: string): AppEvent[] {
  switch (channel.kind) {
    case "public":
      return [
        channelEvent(channel, {
          type: "channel_created",
          channel: conversationObject(state, channel, { viewer: user }),
          event_ts: eventTs,
        }),
      ];
    case "im":
      return [
        channelEvent(channel, {
          type: "im_created",
          user,
          channel: conversationObject(state, channel, { viewer: user }),
          event_ts: eventTs,
        }),
      ];
    case "mpim":
      return [channelEvent(channel, { type: "mpim_open", user, channel: channel.id, event_ts: eventTs })];
    case "private":
      return [];
  }
}

/**
 * `app_home_opened`: `user` opened the Messages tab of the app whose bot user is `botUser` (their
 * DM `channel`), e.g. from the twin's web UI. Needs no scope.
 */
export function appHomeOpened(state: SlackState, user: string, botUser: string, channel: string): AppEvent {
  const eventTs = eventTsNow(state);
  return {
    event: { type: "app_home_opened", user, channel, tab: "messages", event_ts: eventTs },
    scopes: [],
    audience: [botUser],
    channelId: channel,
  };
}
