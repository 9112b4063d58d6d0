/**
 * Conversations as the Web API shows them (`conversations.info`, `conversations.list`, ...), in
 * Slack's snake_case, seen by one user (membership, read mark, unread counts).
 * @module
 */
import { unreadCount } from "../state/channels.js";
import type { SlackState } from "../state/slack-state.js";
import type { ChannelRecord } from "../state/types.js";

/** What a conversation object includes beyond the basics. */
export interface ConversationView {
  /** The user looking (membership, `last_read`, unread counts). */
  viewer: string;
  /** Add `num_members`. */
  numMembers?: boolean;
  /** Add `last_read`, `unread_count` and `unread_count_display` (conversations.info). */
  readState?: boolean;
}

/** A conversation object. */
export function conversationObject(
  state: SlackState,
  channel: ChannelRecord,
  view: ConversationView,
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: channel.id,
    created: channel.created,
    is_archived: channel.isArchived,
    is_org_shared: false,
    context_team_id: state.team.id,
    updated: channel.created * 1000,
  };
  const out: Record<string, unknown> =
    channel.kind === "im"
      ? {
          ...base,
          is_im: true,
          user: imPartner(channel, view.viewer),
          is_user_deleted: false,
          priority: 0,
          is_open: true,
        }
      : { ...base, ...channelFields(state, channel, view.viewer) };
  if (view.numMembers && channel.kind !== "im") out.num_members = channel.members.length;
  if (view.readState && channel.members.includes(view.viewer)) {
    const count = unreadCount(state, channel, view.viewer);
    Object.assign(out, {
      last_read: channel.lastRead[view.viewer] ?? "0000000000.000000",
      unread_count: count,
      unread_count_display: count,
    });
  }
  return out;
}

function imPartner(channel: ChannelRecord, viewer: string): string {
  return channel.members.find((m) => m !== viewer) ?? channel.members[0] ?? channel.name;
}

function channelFields(state: SlackState, channel: ChannelRecord, viewer: string): Record<string, unknown> {
  const text = (setting: ChannelRecord["topic"]) => ({
    value: setting.value,
    creator: setting.creator,
    last_set: setting.lastSet,
  });
  return {
    name: channel.name,
    is_channel: channel.kind === "public" || channel.kind === "private",
    is_group: false,
    is_im: false,
    is_mpim: channel.kind === "mpim",
    is_private: channel.kind !== "public",
    creator: channel.creator,
    is_general: channel.isGeneral,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    pending_connected_team_ids: [],
    shared_team_ids: [state.team.id],
    parent_conversation: null,
    is_member: channel.members.includes(viewer),
    topic: text(channel.topic),
    purpose: text(channel.purpose),
    previous_names: [...channel.previousNames],
  };
}
