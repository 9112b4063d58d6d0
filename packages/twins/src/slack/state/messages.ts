/**
 * Message operations of the Slack twin's state: post (threads, broadcasts, system subtypes),
 * update, delete (tombstones for thread roots), ephemeral messages, reactions and pins. Each
 * checks Slack's rules, changes the state and emits its event.
 * @throws SlackApiError in Slack's words (`is_archived`, `message_not_found`, ...) throughout.
 * @module
 */
import { slackError } from "../errors.js";
import type { SlackState } from "./slack-state.js";
import type { Author, ChannelRecord, MessageRecord, PinRecord } from "./types.js";

/** Longest message text Slack accepts, in characters. */
export const MAX_TEXT_CHARS = 40_000;

/** What a posted message carries besides its channel and author. */
export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  /** File ids shared with the message. */
  files?: string[];
}

/** Input of {@link postMessage}. */
export interface PostMessageInput extends MessageContent {
  channel: ChannelRecord;
  author: Author;
  /** Reply in this thread (a reply's ts is taken as its thread's root, as Slack does). */
  threadTs?: string;
  /** A reply also shown in the channel. */
  replyBroadcast?: boolean;
  /** A system subtype (`channel_join`, ...): skips the content and archive checks. */
  subtype?: string;
}

/**
 * Posts a message and emits `message_posted`. A reply updates its root's `reply_count`,
 * `reply_users` and `latest_reply`.
 * @throws SlackApiError `is_archived`, `no_text`, `msg_too_long`, `thread_not_found`.
 */
export function postMessage(state: SlackState, input: PostMessageInput): MessageRecord {
  const { channel, author } = input;
  if (input.subtype === undefined) checkPostable(channel, input);
  const root = input.threadTs === undefined ? undefined : threadRoot(state, channel.id, input.threadTs);
  const message: MessageRecord = {
    channel: channel.id,
    ts: state.nextTs(),
    ...authorFields(author),
    text: input.text ?? "",
    reactions: [],
  };
  const subtype = input.subtype ?? (root && input.replyBroadcast ? "thread_broadcast" : undefined);
  if (subtype) message.subtype = subtype;
  if (input.blocks) message.blocks = input.blocks;
  if (input.attachments) message.attachments = input.attachments;
  if (input.metadata !== undefined) message.metadata = input.metadata;
  if (input.files?.length) message.files = input.files;
  if (root) {
    message.threadTs = root.ts;
    if (input.replyBroadcast) message.replyBroadcast = true;
  }
  state.insertMessage(message);
  if (root) summarizeThread(state, root);
  state.events.emit({ type: "message_posted", channel, message });
  return message;
}

/** A system message (`channel_join`, `channel_topic`, ...) by `user`. */
export function postSystemMessage(
  state: SlackState,
  channel: ChannelRecord,
  user: string,
  subtype: string,
  text: string,
): MessageRecord {
  return postMessage(state, { channel, author: { userId: user }, subtype, text });
}

/** Fields of a message that name its author. */
function authorFields(author: Author): Partial<MessageRecord> {
  const fields: Partial<MessageRecord> = { user: author.userId };
  if (author.botId) fields.botId = author.botId;
  if (author.appId) fields.appId = author.appId;
  if (author.username) fields.username = author.username;
  if (author.icons) fields.icons = author.icons;
  return fields;
}

/** @throws SlackApiError unless `content` may be posted to `channel`. */
export function checkPostable(channel: ChannelRecord, content: MessageContent): void {
  if (channel.isArchived) throw slackError("is_archived");
  const empty = !content.text && !content.blocks?.length && !content.attachments?.length && !content.files?.length;
  if (empty) throw slackError("no_text");
  if ((content.text ?? "").length > MAX_TEXT_CHARS) throw slackError("msg_too_long");
}

/** The root of the thread `threadTs` names (a reply names its root). @throws `thread_not_found`. */
function threadRoot(state: SlackState, channel: string, threadTs: string): MessageRecord {
  const named = state.message(channel, threadTs);
  if (!named) throw slackError("thread_not_found");
  if (named.threadTs === undefined || named.threadTs === named.ts) return named;
  const root = state.message(channel, named.threadTs);
  if (!root) throw slackError("thread_not_found");
  return root;
}

/** Recomputes a root's reply summary from its replies (a root without replies loses it). */
function summarizeThread(state: SlackState, root: MessageRecord): void {
  const replies = state.repliesOf(root.channel, root.ts);
  if (replies.length === 0) {
    delete root.threadTs;
    delete root.replyCount;
    delete root.replyUsers;
    delete root.latestReply;
  } else {
    root.threadTs = root.ts;
    root.replyCount = replies.length;
    root.replyUsers = [...new Set(replies.map((r) => r.user ?? ""))].filter((u) => u !== "");
    root.latestReply = replies[replies.length - 1].ts;
  }
  state.touchMessage(root);
}

/** The message `ts` of `channel`. @throws SlackApiError `message_not_found`. */
export function findMessage(state: SlackState, channel: ChannelRecord, ts: string): MessageRecord {
  const message = state.message(channel.id, ts);
  if (!message || message.subtype === "tombstone") throw slackError("message_not_found");
  return message;
}

/** Who acts on a message: a user, and whether they may change others' messages (admins). */
export interface Actor {
  userId: string;
  /** Workspace admins (user tokens) may delete anyone's message. */
  isAdmin?: boolean;
}

/** Input of {@link updateMessage}: the fields given replace the message's. */
export interface UpdateMessageInput extends MessageContent {
  channel: ChannelRecord;
  ts: string;
  actor: Actor;
}

/**
 * Edits a message (marks it `edited`) and emits `message_changed`.
 * @throws SlackApiError `message_not_found`, `cant_update_message`, `is_archived`, `msg_too_long`.
 */
export function updateMessage(state: SlackState, input: UpdateMessageInput): MessageRecord {
  const message = findMessage(state, input.channel, input.ts);
  if (message.user !== input.actor.userId) throw slackError("cant_update_message");
  if (input.channel.isArchived) throw slackError("is_archived");
  if ((input.text ?? "").length > MAX_TEXT_CHARS) throw slackError("msg_too_long");
  const previous = structuredClone(message);
  if (input.text !== undefined) message.text = input.text;
  // An empty list removes the blocks (`chat.update` with `blocks: []`, `replace_original`).
  if (input.blocks?.length) message.blocks = input.blocks;
  else if (input.blocks) delete message.blocks;
  if (input.attachments !== undefined) message.attachments = input.attachments;
  if (input.metadata !== undefined) message.metadata = input.metadata;
  if (input.files !== undefined) message.files = input.files;
  message.edited = { user: input.actor.userId, ts: state.nextTs() };
  state.touchMessage(message);
  state.events.emit({ type: "message_changed", channel: input.channel, message, previous });
  return message;
}

/**
 * Deletes a message and emits `message_deleted`. A thread root that has replies becomes a
 * `tombstone` ("This message was deleted."); a deleted reply updates its root's summary.
 * @throws SlackApiError `message_not_found`, `cant_delete_message`.
 */
export function deleteMessage(state: SlackState, channel: ChannelRecord, ts: string, actor: Actor): void {
  const message = findMessage(state, channel, ts);
  if (message.user !== actor.userId && !actor.isAdmin) throw slackError("cant_delete_message");
  const previous = structuredClone(message);
  unpin(state, channel, ts);
  if (message.replyCount) {
    const tombstone: MessageRecord = {
      channel: channel.id,
      ts,
      subtype: "tombstone",
      user: "USLACKBOT",
      text: "This message was deleted.",
      threadTs: ts,
      replyCount: message.replyCount,
      replyUsers: message.replyUsers ?? [],
      latestReply: message.latestReply ?? ts,
      reactions: [],
    };
    for (const key of Object.keys(message)) delete (message as unknown as Record<string, unknown>)[key];
    Object.assign(message, tombstone);
    state.touchMessage(message);
    state.events.emit({ type: "message_deleted", channel, previous, tombstone: message });
    return;
  }
  state.removeMessage(message);
  if (message.threadTs !== undefined && message.threadTs !== ts) {
    const root = state.message(channel.id, message.threadTs);
    if (root) summarizeThread(state, root);
  }
  state.events.emit({ type: "message_deleted", channel, previous });
}

/**
 * A message shown to `user` only (kept in memory, in `state.ephemerals`, never persisted); emits
 * `ephemeral_posted`.
 * @returns the message (its `ts` is the `message_ts` Slack answers).
 * @throws SlackApiError `is_archived`, `no_text`, `msg_too_long`, `user_not_in_channel`.
 */
export function postEphemeral(
  state: SlackState,
  input: MessageContent & { channel: ChannelRecord; author: Author; user: string; threadTs?: string },
): MessageRecord {
  checkPostable(input.channel, input);
  if (!input.channel.members.includes(input.user)) throw slackError("user_not_in_channel");
  const message: MessageRecord = {
    channel: input.channel.id,
    ts: state.nextTs(),
    ...authorFields(input.author),
    text: input.text ?? "",
    reactions: [],
  };
  if (input.blocks) message.blocks = input.blocks;
  if (input.attachments) message.attachments = input.attachments;
  if (input.threadTs !== undefined) message.threadTs = input.threadTs;
  const key = ephemeralKey(input.channel.id, input.user);
  state.ephemerals.set(key, [...(state.ephemerals.get(key) ?? []), message]);
  state.events.emit({ type: "ephemeral_posted", channel: input.channel, user: input.user, message });
  return message;
}

function ephemeralKey(channel: string, user: string): string {
  return `${channel} ${user}`;
}

/** The ephemeral messages `user` sees in `channel` (id), oldest first. */
export function ephemeralsOf(state: SlackState, channel: string, user: string): MessageRecord[] {
  return state.ephemerals.get(ephemeralKey(channel, user)) ?? [];
}

/** The ephemeral message `ts` of `user` in `channel` (id), or undefined. */
export function findEphemeral(state: SlackState, channel: string, user: string, ts: string): MessageRecord | undefined {
  return ephemeralsOf(state, channel, user).find((m) => m.ts === ts);
}

/**
 * Replaces the content of `user`'s ephemeral message `ts` (it keeps its ts and author); emits
 * `ephemeral_changed`.
 * @throws SlackApiError `message_not_found`, `no_text`, `msg_too_long`.
 */
export function replaceEphemeral(
  state: SlackState,
  input: {
    channel: ChannelRecord;
    user: string;
    ts: string;
    text?: string;
    blocks?: unknown[];
    attachments?: unknown[];
  },
): MessageRecord {
  const list = ephemeralsOf(state, input.channel.id, input.user);
  const index = list.findIndex((m) => m.ts === input.ts);
  if (index < 0) throw slackError("message_not_found");
  const text = input.text ?? "";
  if (text.length > MAX_TEXT_CHARS) throw slackError("msg_too_long");
  const { blocks: _blocks, attachments: _attachments, ...kept } = list[index];
  const message: MessageRecord = { ...kept, text };
  if (input.blocks?.length) message.blocks = input.blocks;
  if (input.attachments?.length) message.attachments = input.attachments;
  list[index] = message;
  state.events.emit({ type: "ephemeral_changed", channel: input.channel, user: input.user, message });
  return message;
}

/**
 * Deletes `user`'s ephemeral message `ts`; emits `ephemeral_deleted`.
 * @throws SlackApiError `message_not_found`.
 */
export function deleteEphemeral(state: SlackState, channel: ChannelRecord, user: string, ts: string): MessageRecord {
  const list = ephemeralsOf(state, channel.id, user);
  const index = list.findIndex((m) => m.ts === ts);
  if (index < 0) throw slackError("message_not_found");
  const [previous] = list.splice(index, 1);
  state.events.emit({ type: "ephemeral_deleted", channel, user, previous });
  return previous;
}

/** Emoji names Slack accepts: lower-case letters, digits, `_+'-`, an optional `::skin-tone-N`. */
const EMOJI_NAME = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;

/**
 * `user` reacts to a message with `name`; emits `reaction_added`.
 * @throws SlackApiError `invalid_name`, `message_not_found`, `already_reacted`, `too_many_emoji`.
 */
export function addReaction(
  state: SlackState,
  channel: ChannelRecord,
  ts: string,
  name: string,
  user: string,
): MessageRecord {
  if (!EMOJI_NAME.test(name)) throw slackError("invalid_name");
  const message = findMessage(state, channel, ts);
  let reaction = message.reactions.find((r) => r.name === name);
  if (reaction?.users.includes(user)) throw slackError("already_reacted");
  if (!reaction) {
    if (message.reactions.length >= 50) throw slackError("too_many_emoji");
    reaction = { name, users: [] };
    message.reactions.push(reaction);
  }
  reaction.users.push(user);
  state.touchMessage(message);
  state.events.emit({ type: "reaction_added", channel, message, reaction: name, user });
  return message;
}

/**
 * Takes `user`'s reaction `name` off a message; emits `reaction_removed`.
 * @throws SlackApiError `message_not_found`, `no_reaction`.
 */
export function removeReaction(
  state: SlackState,
  channel: ChannelRecord,
  ts: string,
  name: string,
  user: string,
): MessageRecord {
  const message = findMessage(state, channel, ts);
  const reaction = message.reactions.find((r) => r.name === name);
  if (!reaction?.users.includes(user)) throw slackError("no_reaction");
  reaction.users = reaction.users.filter((u) => u !== user);
  if (reaction.users.length === 0) message.reactions = message.reactions.filter((r) => r !== reaction);
  state.touchMessage(message);
  state.events.emit({ type: "reaction_removed", channel, message, reaction: name, user });
  return message;
}

/**
 * Pins a message to its channel; emits `pin_added`.
 * @throws SlackApiError `message_not_found`, `already_pinned`.
 */
export function pinMessage(state: SlackState, channel: ChannelRecord, ts: string, user: string): PinRecord {
  const message = findMessage(state, channel, ts);
  if (channel.pins.some((pin) => pin.ts === ts)) throw slackError("already_pinned");
  const pin: PinRecord = { ts, createdBy: user, created: state.nowSeconds() };
  channel.pins.push(pin);
  state.touch("channel", channel.id);
  state.events.emit({ type: "pin_added", channel, pin, message, user });
  return pin;
}

/**
 * Unpins a message; emits `pin_removed`.
 * @throws SlackApiError `message_not_found`, `not_pinned`.
 */
export function unpinMessage(state: SlackState, channel: ChannelRecord, ts: string, user: string): void {
  const message = findMessage(state, channel, ts);
  const removed = unpin(state, channel, ts);
  if (removed.length === 0) throw slackError("not_pinned");
  for (const pin of removed) state.events.emit({ type: "pin_removed", channel, pin, message, user });
}

/** Removes the pin of message `ts` from `channel`; returns what was removed. */
function unpin(state: SlackState, channel: ChannelRecord, ts: string): PinRecord[] {
  const removed = channel.pins.filter((pin) => pin.ts === ts);
  if (removed.length > 0) {
    channel.pins = channel.pins.filter((pin) => pin.ts !== ts);
    state.touch("channel", channel.id);
  }
  return removed;
}
