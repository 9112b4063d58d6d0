/**
 * The Slack twin's state: every record of the workspace in memory, indexed for the Web API, with
 * id and `ts` minting, change tracking for persistence, and the state event emitter. The
 * operations that change it live beside it (`messages.ts`, `channels.ts`, `files.ts`, `views.ts`).
 * @module
 */
import { slackError } from "../errors.js";
import { SlackEmitter } from "./events.js";
import { TsClock } from "./slack-ts.js";
import type {
  AppRecord,
  BotRecord,
  ChannelRecord,
  FileRecord,
  MessageRecord,
  ScheduledMessageRecord,
  TeamRecord,
  TokenRecord,
  UserRecord,
  ViewRecord,
} from "./types.js";

/** The whole state as plain data (what a seed produces and persistence stores). */
export interface SlackSnapshot {
  team: TeamRecord;
  users: UserRecord[];
  bots: BotRecord[];
  apps: AppRecord[];
  tokens: TokenRecord[];
  channels: ChannelRecord[];
  messages: MessageRecord[];
  files: FileRecord[];
  /** File contents, base64, by file id. */
  fileContents: Record<string, string>;
  views: ViewRecord[];
  scheduled: ScheduledMessageRecord[];
  /** Next value of the id counter. */
  nextId: number;
}

/** An upload between `files.getUploadURLExternal` and `files.completeUploadExternal`. */
export interface PendingUpload {
  fileId: string;
  filename: string;
  /** Bytes announced. */
  length: number;
  userId: string;
  altTxt?: string;
  /** The bytes, once posted to the upload URL. */
  data?: Buffer;
}

/** The kinds of record persistence tracks. */
export type RecordKind =
  | "team"
  | "user"
  | "bot"
  | "app"
  | "token"
  | "channel"
  | "message"
  | "file"
  | "content"
  | "view"
  | "scheduled"
  | "meta";

/** One changed record: its current value, or undefined when it was removed. */
export interface RecordChange {
  kind: RecordKind;
  id: string;
  value: unknown;
}

/**
 * Where changes go (see `SlackDatabase`); called once per batch of synchronous changes, with
 * `replaceAll` when the changes are the whole state (drop everything stored before).
 */
export type ChangeSink = (changes: RecordChange[], replaceAll: boolean) => void;

/** Options of {@link SlackState}. */
export interface SlackStateOptions {
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
  /** Where errors thrown by event listeners go (default: dropped). */
  onListenerError?: (error: unknown) => void;
}

/** The workspace state (see the module doc). */
export class SlackState {
  /** State events; see `SlackStateEvent`. */
  readonly events: SlackEmitter;
  /** Clock in epoch ms. */
  readonly now: () => number;
  team!: TeamRecord;
  readonly users = new Map<string, UserRecord>();
  readonly bots = new Map<string, BotRecord>();
  readonly apps = new Map<string, AppRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly files = new Map<string, FileRecord>();
  readonly fileContents = new Map<string, Buffer>();
  readonly views = new Map<string, ViewRecord>();
  readonly scheduled = new Map<string, ScheduledMessageRecord>();
  /** Uploads begun with `files.getUploadURLExternal` and not completed yet (not persisted). */
  readonly uploads = new Map<string, PendingUpload>();
  /** Interaction trigger ids (`views.open` needs one), with their user and expiry (not persisted). */
  readonly triggers = new Map<string, { userId: string; expiresMs: number }>();
  /**
   * Ephemeral messages (`chat.postEphemeral`, slash command and `response_url` answers), by
   * `<channel> <user>` (who alone sees them), oldest first (not persisted; cleared on reset).
   */
  readonly ephemerals = new Map<string, MessageRecord[]>();
  /** Messages of each channel, oldest first (thread replies included). */
  private readonly messages = new Map<string, MessageRecord[]>();
  private clock: TsClock;
  private nextId = 1;
  private sink: ChangeSink | undefined;
  private pending = new Map<string, { kind: RecordKind; id: string }>();
  private flushQueued = false;

  constructor(snapshot: SlackSnapshot, options: SlackStateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.events = new SlackEmitter(options.onListenerError);
    this.clock = new TsClock(this.now);
    this.load(snapshot);
  }

  /** Replaces every record with `snapshot` (no events; see {@link replace}). */
  private load(snapshot: SlackSnapshot): void {
    for (const map of [this.users, this.bots, this.apps, this.tokens, this.channels, this.files, this.views])
      map.clear();
    this.fileContents.clear();
    this.scheduled.clear();
    this.uploads.clear();
    this.triggers.clear();
    this.ephemerals.clear();
    this.messages.clear();
    this.clock = new TsClock(this.now);
    this.team = snapshot.team;
    for (const user of snapshot.users) this.users.set(user.id, user);
    for (const bot of snapshot.bots) this.bots.set(bot.id, bot);
    for (const app of snapshot.apps) this.apps.set(app.id, app);
    for (const token of snapshot.tokens) this.tokens.set(token.token, token);
    for (const channel of snapshot.channels) {
      this.channels.set(channel.id, channel);
      this.messages.set(channel.id, []);
    }
    const sorted = [...snapshot.messages].sort((a, b) => compareTs(a.ts, b.ts));
    for (const message of sorted) {
      this.messagesOf(message.channel).push(message);
      this.clock.observe(message.ts);
    }
    for (const file of snapshot.files) this.files.set(file.id, file);
    for (const [id, base64] of Object.entries(snapshot.fileContents))
      this.fileContents.set(id, Buffer.from(base64, "base64"));
    for (const view of snapshot.views) this.views.set(view.id, view);
    for (const item of snapshot.scheduled) this.scheduled.set(item.id, item);
    this.nextId = snapshot.nextId;
  }

  /** Replaces the whole state (a reset or a new seed), persists all of it and emits `state_reset`. */
  replace(snapshot: SlackSnapshot): void {
    this.load(snapshot);
    this.pending.clear();
    this.sink?.(this.allChanges(), true);
    this.events.emit({ type: "state_reset" });
  }

  /** The whole state as plain data (a deep copy). */
  snapshot(): SlackSnapshot {
    const contents: Record<string, string> = {};
    for (const [id, buffer] of this.fileContents) contents[id] = buffer.toString("base64");
    return structuredClone({
      team: this.team,
      users: [...this.users.values()],
      bots: [...this.bots.values()],
      apps: [...this.apps.values()],
      tokens: [...this.tokens.values()],
      channels: [...this.channels.values()],
      messages: [...this.messages.values()].flat(),
      files: [...this.files.values()],
      fileContents: contents,
      views: [...this.views.values()],
      scheduled: [...this.scheduled.values()],
      nextId: this.nextId,
    });
  }

  /**
   * Sends every later change to `sink`, batched: changes made in one synchronous run (one API
   * call) arrive together, in a microtask, or at once on {@link flush}.
   */
  persistTo(sink: ChangeSink | undefined): void {
    this.sink = sink;
  }

  /** Hands pending changes to the sink now. */
  flush(): void {
    this.flushQueued = false;
    if (!this.sink || this.pending.size === 0) return;
    const changes = [...this.pending.values()].map(({ kind, id }) => ({ kind, id, value: this.valueOf(kind, id) }));
    this.pending.clear();
    this.sink(changes, false);
  }

  /** Marks a record as changed (or removed) for persistence. */
  touch(kind: RecordKind, id: string): void {
    if (!this.sink) return;
    this.pending.set(`${kind}\u0000${id}`, { kind, id });
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Marks a message as changed. */
  touchMessage(message: MessageRecord): void {
    this.touch("message", messageKey(message.channel, message.ts));
  }

  private allChanges(): RecordChange[] {
    const snap = this.snapshot();
    const rows = (kind: RecordKind, items: { id: string }[]) =>
      items.map((item) => ({ kind, id: item.id, value: item }));
    return [
      { kind: "team", id: "team", value: snap.team },
      ...rows("user", snap.users),
      ...rows("bot", snap.bots),
      ...rows("app", snap.apps),
      ...snap.tokens.map((t) => ({ kind: "token" as const, id: t.token, value: t })),
      ...rows("channel", snap.channels),
      ...snap.messages.map((m) => ({ kind: "message" as const, id: messageKey(m.channel, m.ts), value: m })),
      ...rows("file", snap.files),
      ...Object.entries(snap.fileContents).map(([id, value]) => ({ kind: "content" as const, id, value })),
      ...rows("view", snap.views),
      ...rows("scheduled", snap.scheduled),
      { kind: "meta", id: "nextId", value: this.nextId },
    ];
  }

  private valueOf(kind: RecordKind, id: string): unknown {
    switch (kind) {
      case "team":
        return this.team;
      case "user":
        return this.users.get(id);
      case "bot":
        return this.bots.get(id);
      case "app":
        return this.apps.get(id);
      case "token":
        return this.tokens.get(id);
      case "channel":
        return this.channels.get(id);
      case "message": {
        const [channel, ts] = id.split("/");
        return this.message(channel, ts);
      }
      case "file":
        return this.files.get(id);
      case "content":
        return this.fileContents.get(id)?.toString("base64");
      case "view":
        return this.views.get(id);
      case "scheduled":
        return this.scheduled.get(id);
      case "meta":
        return this.nextId;
    }
  }

  /** A new id: `prefix` + 8 upper-case base-36 digits (`C0000001A`), never reused. */
  mintId(prefix: string): string {
    const id = `${prefix}${(this.nextId++).toString(36).toUpperCase().padStart(8, "0")}`;
    this.touch("meta", "nextId");
    return id;
  }

  /** The next message `ts` (increasing, unique in the workspace). */
  nextTs(): string {
    return this.clock.next();
  }

  /** Epoch seconds now. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** The user `id`. @throws SlackApiError `user_not_found`. */
  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw slackError("user_not_found");
    return user;
  }

  /** The user with handle or id `ref` (`alice`, `@alice`, `U...`), or undefined. */
  findUser(ref: string): UserRecord | undefined {
    const name = ref.replace(/^@/, "");
    return this.users.get(ref) ?? [...this.users.values()].find((u) => u.name === name);
  }

  /** The channel `id`, or undefined. */
  findChannel(id: string): ChannelRecord | undefined {
    return this.channels.get(id);
  }

  /** The public or private channel named `name` (`general` or `#general`), or undefined. */
  channelByName(name: string): ChannelRecord | undefined {
    const bare = name.replace(/^#/, "");
    for (const channel of this.channels.values())
      if ((channel.kind === "public" || channel.kind === "private") && channel.name === bare) return channel;
    return undefined;
  }

  /** Adds a new channel (no event; see `createChannel`). */
  addChannel(channel: ChannelRecord): void {
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    this.touch("channel", channel.id);
  }

  /** Messages of `channel`, oldest first, thread replies included (the live array: do not change it). */
  messagesOf(channel: string): MessageRecord[] {
    let list = this.messages.get(channel);
    if (!list) {
      list = [];
      this.messages.set(channel, list);
    }
    return list;
  }

  /** The message `ts` of `channel`, or undefined. */
  message(channel: string, ts: string): MessageRecord | undefined {
    const list = this.messages.get(channel);
    if (!list) return undefined;
    const i = lowerBound(list, ts);
    return list[i]?.ts === ts ? list[i] : undefined;
  }

  /** Stores a message at its place (by `ts`). */
  insertMessage(message: MessageRecord): void {
    const list = this.messagesOf(message.channel);
    if (list.length === 0 || compareTs(list[list.length - 1].ts, message.ts) < 0) list.push(message);
    else list.splice(lowerBound(list, message.ts), 0, message);
    this.clock.observe(message.ts);
    this.touchMessage(message);
  }

  /** Removes a message. */
  removeMessage(message: MessageRecord): void {
    const list = this.messagesOf(message.channel);
    const i = lowerBound(list, message.ts);
    if (list[i]?.ts === message.ts) list.splice(i, 1);
    this.touchMessage(message);
  }

  /** Replies of the thread rooted at `threadTs` in `channel`, oldest first. */
  repliesOf(channel: string, threadTs: string): MessageRecord[] {
    const list = this.messagesOf(channel);
    const out: MessageRecord[] = [];
    for (let i = lowerBound(list, threadTs) + 1; i < list.length; i++)
      if (list[i].threadTs === threadTs) out.push(list[i]);
    return out;
  }
}

/** Persistence key of a message. */
export function messageKey(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}

/** Orders two `ts` strings (equal-length seconds compare as text; else numerically). */
export function compareTs(a: string, b: string): number {
  const [as, af = ""] = a.split(".");
  const [bs, bf = ""] = b.split(".");
  if (as.length !== bs.length) return as.length - bs.length;
  if (as !== bs) return as < bs ? -1 : 1;
  const x = af.padEnd(6, "0");
  const y = bf.padEnd(6, "0");
  return x === y ? 0 : x < y ? -1 : 1;
}

/** First index of `list` whose ts is >= `ts`. */
function lowerBound(list: MessageRecord[], ts: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareTs(list[mid].ts, ts) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
