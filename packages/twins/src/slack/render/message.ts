/**
 * Messages and files as the Web API (and event payloads) show them, in Slack's snake_case.
 * @module
 */
import type { SlackState } from "../state/slack-state.js";
import type { ChannelKind, FileRecord, MessageRecord } from "../state/types.js";
import { botProfile } from "./user.js";

/** How many repliers a thread root lists (`reply_users`). */
const REPLY_USERS_SHOWN = 5;

/**
 * A message object: author (with `bot_profile` for bots), text and blocks, thread summary
 * (`reply_count`, `reply_users`, `latest_reply`) or `parent_user_id`, `edited`, `reactions`,
 * `pinned_to` and `files`.
 * @param origin the twin's origin, for file URLs.
 */
export function messageObject(state: SlackState, message: MessageRecord, origin: string): Record<string, unknown> {
  const out: Record<string, unknown> = { type: "message" };
  if (message.subtype) out.subtype = message.subtype;
  if (message.user !== undefined) out.user = message.user;
  if (message.botId) {
    out.bot_id = message.botId;
    if (message.appId) out.app_id = message.appId;
    const bot = state.bots.get(message.botId);
    if (bot) out.bot_profile = botProfile(state, bot);
  }
  if (message.username) out.username = message.username;
  if (message.icons) out.icons = message.icons;
  out.text = message.text;
  out.ts = message.ts;
  out.team = state.team.id;
  if (message.blocks) out.blocks = message.blocks;
  if (message.attachments) out.attachments = message.attachments;
  if (message.metadata !== undefined) out.metadata = message.metadata;
  if (message.threadTs !== undefined) {
    out.thread_ts = message.threadTs;
    if (message.threadTs === message.ts) {
      const users = message.replyUsers ?? [];
      Object.assign(out, {
        reply_count: message.replyCount ?? 0,
        reply_users_count: users.length,
        reply_users: users.slice(0, REPLY_USERS_SHOWN),
        latest_reply: message.latestReply ?? message.ts,
        is_locked: false,
        subscribed: false,
      });
    } else {
      const root = state.message(message.channel, message.threadTs);
      if (root?.user !== undefined) out.parent_user_id = root.user;
      if (message.subtype === "thread_broadcast" && root) out.root = messageObject(state, root, origin);
    }
  }
  if (message.edited) out.edited = { user: message.edited.user, ts: message.edited.ts };
  if (message.reactions.length > 0) {
    out.reactions = message.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length }));
  }
  const channel = state.findChannel(message.channel);
  if (channel?.pins.some((pin) => pin.ts === message.ts)) out.pinned_to = [channel.id];
  if (message.files?.length) {
    out.files = message.files.flatMap((id) => {
      const file = state.files.get(id);
      return file ? [fileObject(state, file, origin)] : [];
    });
    out.upload = true;
  }
  return out;
}

const SHARE_GROUP: Readonly<Record<ChannelKind, "public" | "private">> = {
  public: "public",
  private: "private",
  im: "private",
  mpim: "private",
};

/** A file object: names, type, size, owner, URLs on the twin, and where it is shared. */
export function fileObject(state: SlackState, file: FileRecord, origin: string): Record<string, unknown> {
  const lists = { channels: [] as string[], groups: [] as string[], ims: [] as string[] };
  const shares: Record<"public" | "private", Record<string, unknown[]>> = { public: {}, private: {} };
  for (const share of file.shares) {
    const channel = state.findChannel(share.channel);
    if (!channel) continue;
    const list = channel.kind === "public" ? lists.channels : channel.kind === "private" ? lists.groups : lists.ims;
    if (!list.includes(channel.id)) list.push(channel.id);
    const byChannel = shares[SHARE_GROUP[channel.kind]];
    byChannel[channel.id] = [
      ...(byChannel[channel.id] ?? []),
      { ts: share.ts, channel_name: channel.name, team_id: state.team.id, share_user_id: file.user },
    ];
  }
  const path = `${file.id}/${encodeURIComponent(file.name)}`;
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.filetype.toUpperCase(),
    user: file.user,
    user_team: state.team.id,
    editable: false,
    size: file.size,
    mode: "hosted",
    is_external: false,
    external_type: "",
    is_public: lists.channels.length > 0,
    public_url_shared: false,
    display_as_bot: false,
    username: "",
    url_private: `${origin}/files-pri/${path}`,
    url_private_download: `${origin}/files-pri/${file.id}/download/${encodeURIComponent(file.name)}`,
    permalink: `${origin}/files/${file.user}/${path}`,
    permalink_public: `${origin}/files-pub/${path}`,
    ...(file.altTxt ? { alt_txt: file.altTxt } : {}),
    ...lists,
    shares,
    comments_count: 0,
    has_rich_preview: false,
    file_access: "visible",
  };
}
