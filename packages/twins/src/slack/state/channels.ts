/**
 * Conversation operations of the Slack twin's state: create, join, leave, invite, kick, archive,
 * unarchive, rename, topic and purpose (each with the system message Slack posts), DMs and group
 * DMs, and read marks with unread counts.
 * @throws SlackApiError in Slack's words (`name_taken`, `cant_leave_general`, ...) throughout.
 * @module
 */
import { slackError } from "../errors.js";
import { postSystemMessage } from "./messages.js";
import type { SlackState } from "./slack-state.js";
import { compareTs } from "./slack-state.js";
import type { ChannelKind, ChannelRecord, MessageRecord } from "./types.js";

/** Longest channel name, in characters. */
export const MAX_CHANNEL_NAME_CHARS = 80;
/** Longest topic or purpose, in characters. */
export const MAX_TOPIC_CHARS = 250;

/** Subtypes that do not count as unread. */
const QUIET_SUBTYPES = new Set(["channel_join", "channel_leave", "tombstone"]);

/** @throws SlackApiError unless `name` is a valid channel name that is free. */
export function checkChannelName(state: SlackState, name: string, except?: ChannelRecord): void {
  if (name === "") throw slackError("invalid_name_required");
  if (name.length > MAX_CHANNEL_NAME_CHARS) throw slackError("invalid_name_maxlength");
  if (/^[\p{P}\s]+$/u.test(name)) throw slackError("invalid_name_punctuation");
  if (!/^[\p{Ll}\p{Lo}\p{N}_-]+$/u.test(name)) throw slackError("invalid_name_specials");
  const taken = state.channelByName(name);
  if (taken && taken !== except) throw slackError("name_taken");
}

/** A new channel record (not stored). */
export function newChannel(
  state: SlackState,
  fields: { id?: string; kind: ChannelKind; name: string; creator: string; members?: string[] },
): ChannelRecord {
  const blank = { value: "", creator: "", lastSet: 0 };
  return {
    id: fields.id ?? state.mintId(fields.kind === "im" ? "D" : "C"),
    kind: fields.kind,
    name: fields.name,
    created: state.nowSeconds(),
    creator: fields.creator,
    isArchived: false,
    isGeneral: false,
    members: fields.members ?? [],
    topic: { ...blank },
    purpose: { ...blank },
    previousNames: [],
    lastRead: {},
    pins: [],
  };
}

/**
 * Creates a public or private channel that `creator` joins; emits `channel_created` and
 * `member_joined`.
 * @throws SlackApiError `invalid_name_*`, `name_taken`.
 */
export function createChannel(
  state: SlackState,
  input: { name: string; kind: "public" | "private"; creator: string },
): ChannelRecord {
  checkChannelName(state, input.name);
  const channel = newChannel(state, input);
  state.addChannel(channel);
  state.events.emit({ type: "channel_created", channel, user: input.creator });
  addMember(state, channel, input.creator);
  return channel;
}

function addMember(state: SlackState, channel: ChannelRecord, user: string, inviter?: string): void {
  channel.members.push(user);
  state.touch("channel", channel.id);
  postSystemMessage(state, channel, user, "channel_join", `<@${user}> has joined the channel`);
  state.events.emit({ type: "member_joined", channel, user, ...(inviter ? { inviter } : {}) });
}

function removeMember(state: SlackState, channel: ChannelRecord, user: string, remover?: string): void {
  channel.members = channel.members.filter((m) => m !== user);
  state.touch("channel", channel.id);
  postSystemMessage(state, channel, user, "channel_leave", `<@${user}> has left the channel`);
  state.events.emit({ type: "member_left", channel, user, ...(remover ? { remover } : {}) });
}

/** @throws SlackApiError `method_not_supported_for_channel_type` for DMs and group DMs. */
function checkChannelKind(channel: ChannelRecord): void {
  if (channel.kind === "im" || channel.kind === "mpim") throw slackError("method_not_supported_for_channel_type");
}

/**
 * `user` joins `channel` (posts `channel_join`, emits `member_joined`).
 * @returns false when they already were a member (Slack's `already_in_channel` warning).
 * @throws SlackApiError `method_not_supported_for_channel_type`, `is_archived`, `channel_not_found`
 *   (private channels cannot be joined).
 */
export function joinChannel(state: SlackState, channel: ChannelRecord, user: string): boolean {
  checkChannelKind(channel);
  if (channel.isArchived) throw slackError("is_archived");
  if (channel.members.includes(user)) return false;
  if (channel.kind === "private") throw slackError("channel_not_found");
  addMember(state, channel, user);
  return true;
}

/**
 * `user` leaves `channel` (posts `channel_leave`, emits `member_left`).
 * @returns false when they were not a member (Slack answers `not_in_channel: true`).
 * @throws SlackApiError `method_not_supported_for_channel_type`, `cant_leave_general`, `is_archived`.
 */
export function leaveChannel(state: SlackState, channel: ChannelRecord, user: string): boolean {
  checkChannelKind(channel);
  if (channel.isGeneral) throw slackError("cant_leave_general");
  if (channel.isArchived) throw slackError("is_archived");
  if (!channel.members.includes(user)) return false;
  removeMember(state, channel, user);
  return true;
}

/**
 * `inviter` adds `users` to `channel`.
 * @throws SlackApiError `method_not_supported_for_channel_type`, `is_archived`, `not_in_channel`,
 *   `no_user`, `cant_invite_self`, `user_not_found`, `already_in_channel`.
 */
export function inviteToChannel(state: SlackState, channel: ChannelRecord, inviter: string, users: string[]): void {
  checkChannelKind(channel);
  if (channel.isArchived) throw slackError("is_archived");
  if (!channel.members.includes(inviter)) throw slackError("not_in_channel");
  if (users.length === 0) throw slackError("no_user");
  if (users.length > 1000) throw slackError("too_many_users");
  for (const user of users) {
    if (user === inviter) throw slackError("cant_invite_self");
    if (!state.users.get(user) || state.users.get(user)?.deleted) throw slackError("user_not_found");
    if (channel.members.includes(user)) {
      throw slackError("already_in_channel", { errors: [{ user, ok: false, error: "already_in_channel" }] });
    }
  }
  for (const user of new Set(users)) addMember(state, channel, user, inviter);
}

/**
 * `remover` takes `user` out of `channel`.
 * @throws SlackApiError `method_not_supported_for_channel_type`, `cant_kick_self`,
 *   `cant_kick_from_general`, `user_not_found`, `not_in_channel`.
 */
export function kickFromChannel(state: SlackState, channel: ChannelRecord, remover: string, user: string): void {
  checkChannelKind(channel);
  if (user === remover) throw slackError("cant_kick_self");
  if (channel.isGeneral) throw slackError("cant_kick_from_general");
  state.user(user);
  if (!channel.members.includes(user)) throw slackError("not_in_channel");
  removeMember(state, channel, user, remover);
}

/**
 * Archives `channel` (posts `channel_archive`, emits `channel_archived`).
 * @throws SlackApiError `method_not_supported_for_channel_type`, `already_archived`, `cant_archive_general`.
 */
export function archiveChannel(state: SlackState, channel: ChannelRecord, user: string): void {
  checkChannelKind(channel);
  if (channel.isArchived) throw slackError("already_archived");
  if (channel.isGeneral) throw slackError("cant_archive_general");
  postSystemMessage(state, channel, user, "channel_archive", `<@${user}> archived the channel`);
  channel.isArchived = true;
  state.touch("channel", channel.id);
  state.events.emit({ type: "channel_archived", channel, user });
}

/**
 * Unarchives `channel` (emits `channel_unarchived`, posts `channel_unarchive`).
 * @throws SlackApiError `method_not_supported_for_channel_type`, `not_archived`.
 */
export function unarchiveChannel(state: SlackState, channel: ChannelRecord, user: string): void {
  checkChannelKind(channel);
  if (!channel.isArchived) throw slackError("not_archived");
  channel.isArchived = false;
  state.touch("channel", channel.id);
  state.events.emit({ type: "channel_unarchived", channel, user });
  postSystemMessage(state, channel, user, "channel_unarchive", `<@${user}> un-archived the channel`);
}

/**
 * Renames `channel` (posts `channel_name`, emits `channel_renamed`).
 * @throws SlackApiError `method_not_supported_for_channel_type`, `invalid_name_*`, `name_taken`.
 */
export function renameChannel(state: SlackState, channel: ChannelRecord, name: string, user: string): void {
  checkChannelKind(channel);
  if (name === channel.name) return;
  checkChannelName(state, name, channel);
  const previousName = channel.name;
  channel.previousNames = [previousName, ...channel.previousNames.filter((n) => n !== name)];
  channel.name = name;
  state.touch("channel", channel.id);
  postSystemMessage(state, channel, user, "channel_name", `renamed the channel from "${previousName}" to "${name}"`);
  state.events.emit({ type: "channel_renamed", channel, previousName, user });
}

/**
 * Sets the topic or purpose of `channel` (emits `channel_updated`, posts `channel_topic` or
 * `channel_purpose`).
 * @throws SlackApiError `is_archived`, `too_long`.
 */
export function setChannelText(
  state: SlackState,
  channel: ChannelRecord,
  field: "topic" | "purpose",
  value: string,
  user: string,
): void {
  if (channel.isArchived) throw slackError("is_archived");
  if (value.length > MAX_TOPIC_CHARS) throw slackError("too_long");
  channel[field] = { value, creator: user, lastSet: state.nowSeconds() };
  state.touch("channel", channel.id);
  state.events.emit({ type: "channel_updated", channel, field, user });
  postSystemMessage(state, channel, user, `channel_${field}`, `set the channel ${field}: ${value}`);
}

/**
 * The DM (two users, or one user with themselves) or group DM (3 to 9 users) of exactly `users`,
 * opened by `opener`: an existing one, or a new one (emits `channel_created`).
 * @returns the conversation, and whether it already existed.
 * @throws SlackApiError `users_list_not_supplied`, `too_many_users`, `user_not_found`.
 */
export function openConversation(
  state: SlackState,
  opener: string,
  users: string[],
): { channel: ChannelRecord; alreadyOpen: boolean } {
  const members = [...new Set([opener, ...users])];
  if (users.length === 0) throw slackError("users_list_not_supplied");
  if (members.length > 9) throw slackError("too_many_users");
  for (const user of members)
    if (!state.users.get(user) || state.users.get(user)?.deleted) throw slackError("user_not_found");
  const kind: ChannelKind = members.length <= 2 ? "im" : "mpim";
  const key = [...members].sort().join(",");
  for (const channel of state.channels.values()) {
    if (channel.kind === kind && [...channel.members].sort().join(",") === key) return { channel, alreadyOpen: true };
  }
  const names = members.map((id) => state.users.get(id)?.name ?? id);
  const name = kind === "im" ? (members.find((m) => m !== opener) ?? opener) : `mpdm-${names.join("--")}-1`;
  const channel = newChannel(state, { kind, name, creator: opener, members });
  state.addChannel(channel);
  state.events.emit({ type: "channel_created", channel, user: opener });
  return { channel, alreadyOpen: false };
}

/** `user` has read `channel` up to `ts` (emits `channel_marked`). */
export function markRead(state: SlackState, channel: ChannelRecord, user: string, ts: string): void {
  channel.lastRead[user] = ts;
  state.touch("channel", channel.id);
  state.events.emit({ type: "channel_marked", channel, user, ts });
}

/** True when a message shows in the channel itself (not only in its thread). */
export function isChannelLevel(message: MessageRecord): boolean {
  return message.threadTs === undefined || message.threadTs === message.ts || message.replyBroadcast === true;
}

/**
 * Messages of `channel` that `user` has not read: channel-level, newer than their read mark,
 * by someone else, and not a join/leave notice.
 */
export function unreadCount(state: SlackState, channel: ChannelRecord, user: string): number {
  const lastRead = channel.lastRead[user] ?? "0000000000.000000";
  let count = 0;
  const list = state.messagesOf(channel.id);
  for (let i = list.length - 1; i >= 0; i--) {
    const message = list[i];
    if (compareTs(message.ts, lastRead) <= 0) break;
    if (message.user !== user && isChannelLevel(message) && !QUIET_SUBTYPES.has(message.subtype ?? "")) count++;
  }
  return count;
}
