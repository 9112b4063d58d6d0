/**
 * The records of the Slack twin's state: one workspace (team) with its users, bots, apps, tokens,
 * conversations, messages, files, views and scheduled messages. Plain JSON data (camelCase; the
 * Web API renders them in Slack's snake_case), so that they persist as they are.
 * @module
 */

/** The kinds of conversation: public and private channels, DMs (`im`) and group DMs (`mpim`). */
export type ChannelKind = "public" | "private" | "im" | "mpim";

/** The workspace. */
export interface TeamRecord {
  /** `T...`. */
  id: string;
  name: string;
  /** Subdomain (`acme` of `acme.slack.com`). */
  domain: string;
  /** Email domain of the team (may be empty). */
  emailDomain: string;
}

/** A member of the workspace: a person, or the bot user of an app. */
export interface UserRecord {
  /** `U...`. */
  id: string;
  teamId: string;
  /** Handle (`alice`), unique in the team. */
  name: string;
  realName: string;
  displayName: string;
  /** Absent for bots. */
  email?: string;
  title: string;
  /** IANA zone, e.g. `Europe/Paris`. */
  tz: string;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  /** For a bot user: its bot (`B...`) and app (`A...`). */
  botId?: string;
  appId?: string;
  deleted: boolean;
  /** Hex colour (no `#`) shown with the name. */
  color: string;
  presence: "active" | "away";
  statusText: string;
  statusEmoji: string;
  /** Last change, epoch seconds. */
  updated: number;
}

/** The bot of an app. */
export interface BotRecord {
  /** `B...`. */
  id: string;
  appId: string;
  /** Its bot user (`U...`). */
  userId: string;
  name: string;
  deleted: boolean;
  /** Last change, epoch seconds. */
  updated: number;
}

/** An app installed in the workspace (its bot, and where the Events API delivers). */
export interface AppRecord {
  /** `A...`. */
  id: string;
  name: string;
  botId: string;
  /** Secret of the `X-Slack-Signature` HMAC. */
  signingSecret: string;
  /** Events API request URL (HTTP delivery), when set. */
  requestUrl?: string;
  /** Interactivity request URL, when set. */
  interactivityUrl?: string;
  /** Delivers over Socket Mode instead of HTTP. */
  socketMode: boolean;
}

/** What a token stands for: a bot (`xoxb-`), a user (`xoxp-`) or an app (`xapp-`, app-level). */
export type TokenKind = "bot" | "user" | "app";

/** An access token and its scopes. */
export interface TokenRecord {
  token: string;
  kind: TokenKind;
  /** The user acting: the person (user tokens) or the bot user (bot tokens); absent for app tokens. */
  userId?: string;
  botId?: string;
  appId?: string;
  /** OAuth scopes granted, e.g. `chat:write`. */
  scopes: string[];
}

/** A topic or purpose and who set it when. */
export interface TextSetting {
  value: string;
  /** User id, or "" when never set. */
  creator: string;
  /** Epoch seconds, 0 when never set. */
  lastSet: number;
}

/** A pinned message of a conversation. */
export interface PinRecord {
  ts: string;
  createdBy: string;
  /** Epoch seconds. */
  created: number;
}

/** A conversation. */
export interface ChannelRecord {
  /** `C...` (public), `G...` (private), `D...` (im) or `C...` (mpim, as Slack does today). */
  id: string;
  kind: ChannelKind;
  /** `general`; for an im the other member's id; for an mpim `mpdm-a--b--c-1`. */
  name: string;
  /** Epoch seconds. */
  created: number;
  creator: string;
  isArchived: boolean;
  /** The workspace's default channel (cannot be left, archived or kicked from). */
  isGeneral: boolean;
  /** Member user ids, in joining order. */
  members: string[];
  topic: TextSetting;
  purpose: TextSetting;
  previousNames: string[];
  /** Per user: the `ts` up to which they have read (`conversations.mark`). */
  lastRead: Record<string, string>;
  pins: PinRecord[];
}

/** One emoji reaction on a message and who gave it. */
export interface ReactionRecord {
  /** Emoji name without colons. */
  name: string;
  users: string[];
}

/** A message of a conversation (top-level or in a thread). */
export interface MessageRecord {
  channel: string;
  /** Slack timestamp `seconds.micros`; unique per channel and sorting like the messages. */
  ts: string;
  /** `bot_message`, `channel_join`, `channel_topic`, `thread_broadcast`, `tombstone`, ... */
  subtype?: string;
  /** Author user id (the bot user for bot posts). */
  user?: string;
  botId?: string;
  appId?: string;
  /** Display-name override (`username` of chat.postMessage). */
  username?: string;
  icons?: { emoji?: string; url?: string };
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  /** Thread root ts: on replies, and on a root once it has replies. */
  threadTs?: string;
  /** Thread root only: number of replies, repliers (first 5 distinct) and the newest reply ts. */
  replyCount?: number;
  replyUsers?: string[];
  latestReply?: string;
  /** A reply also shown in the channel (`reply_broadcast`). */
  replyBroadcast?: boolean;
  /** Set by `chat.update`. */
  edited?: { user: string; ts: string };
  reactions: ReactionRecord[];
  /** Ids of files shared with the message. */
  files?: string[];
}

/** A file uploaded to the twin. */
export interface FileRecord {
  /** `F...`. */
  id: string;
  name: string;
  title: string;
  mimetype: string;
  /** Slack's short type (`text`, `png`, `pdf`, `binary`). */
  filetype: string;
  /** Bytes. */
  size: number;
  user: string;
  /** Epoch seconds. */
  created: number;
  /** Conversations it was shared to, with the ts of the message that shared it. */
  shares: { channel: string; ts: string }[];
  altTxt?: string;
}

/** A stored view (modal or App Home tab). */
export interface ViewRecord {
  /** `V...`. */
  id: string;
  type: "modal" | "home";
  appId: string;
  botId: string;
  /** The user it was opened for or published to. */
  userId: string;
  /** The view payload as the app sent it (title, blocks, submit, private_metadata, ...). */
  view: Record<string, unknown>;
  externalId: string;
  /** Changes on each update; `hash` arguments must match it. */
  hash: string;
  /** First modal of the stack, or its own id. */
  rootViewId: string;
  /** The modal under this one in the stack (`views.push`), when any. */
  previousViewId?: string;
}

/** A message waiting for its `post_at` (`chat.scheduleMessage`). */
export interface ScheduledMessageRecord {
  /** `Q...`. */
  id: string;
  channel: string;
  /** Epoch seconds. */
  postAt: number;
  /** Epoch seconds. */
  dateCreated: number;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  replyBroadcast?: boolean;
  author: Author;
}

/** Who posts a message: a person, or an app's bot (with its bot user). */
export interface Author {
  userId: string;
  botId?: string;
  appId?: string;
  username?: string;
  icons?: { emoji?: string; url?: string };
}
