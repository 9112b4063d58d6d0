/**
 * Seeds of the Slack twin: the workspace a twin starts with (team, users with their tokens, apps
 * with their bots, channels, messages), from YAML or JSON with `file:line:col` errors, or built in
 * code. Users and channels are named by handle or id; ids and timestamps left out are minted.
 * @module
 */
import { parseYamlValue } from "../../kit/script/parse-script.js";
import { optChoice, optString, readList, readObject, ShapeError, type ValuePath } from "../../kit/shape.js";
import { ScriptError } from "../../kit/twin-error.js";
import { checkChannelName, newChannel } from "./channels.js";
import type { SlackSnapshot } from "./slack-state.js";
import { compareTs, SlackState } from "./slack-state.js";
import { formatTs, isTs } from "./slack-ts.js";
import type { ChannelRecord, MessageRecord, TokenRecord, UserRecord } from "./types.js";

/** Scopes of a seeded bot token unless the seed names them. */
export const DEFAULT_BOT_SCOPES: readonly string[] = [
  "app_mentions:read",
  "channels:history",
  "channels:join",
  "channels:manage",
  "channels:read",
  "chat:write",
  "chat:write.customize",
  "chat:write.public",
  "files:read",
  "files:write",
  "groups:history",
  "groups:read",
  "groups:write",
  "im:history",
  "im:read",
  "im:write",
  "mpim:history",
  "mpim:read",
  "mpim:write",
  "pins:read",
  "pins:write",
  "reactions:read",
  "reactions:write",
  "team:read",
  "users.profile:read",
  "users:read",
  "users:read.email",
  "users:write",
];

/** Scopes of a seeded user token unless the seed names them. */
export const DEFAULT_USER_SCOPES: readonly string[] = DEFAULT_BOT_SCOPES.filter(
  (s) =>
    !["app_mentions:read", "channels:join", "channels:manage", "chat:write.customize", "chat:write.public"].includes(s),
).concat(["channels:write"]);

/** A user of a seed. */
export interface SeedUser {
  name: string;
  id?: string;
  realName?: string;
  displayName?: string;
  email?: string;
  title?: string;
  tz?: string;
  admin?: boolean;
  owner?: boolean;
  deleted?: boolean;
  /** A user token (`xoxp-...`) for this user. */
  token?: string;
  /** Scopes of `token` (default {@link DEFAULT_USER_SCOPES}). */
  scopes?: string[];
}

/** An app of a seed, with its bot. */
export interface SeedApp {
  name: string;
  id?: string;
  botId?: string;
  botUserId?: string;
  /** Handle of the bot user (default: the app name, lower-case, dashed). */
  botName?: string;
  /** Bot token (`xoxb-...`). */
  botToken?: string;
  /** Scopes of the bot token (default {@link DEFAULT_BOT_SCOPES}). */
  botScopes?: string[];
  /** App-level token (`xapp-...`, scope `connections:write`) for Socket Mode. */
  appToken?: string;
  signingSecret?: string;
  requestUrl?: string;
  interactivityUrl?: string;
  socketMode?: boolean;
}

/** A conversation of a seed. */
export interface SeedChannel {
  /** Required for public and private channels. */
  name?: string;
  id?: string;
  /** Default `public`. */
  type?: "public" | "private" | "im" | "mpim";
  /** The default channel; all users are members unless `members` is given. */
  general?: boolean;
  /** Handles or ids (users, or apps' bot users). */
  members?: string[];
  creator?: string;
  topic?: string;
  purpose?: string;
  archived?: boolean;
}

/** A message of a seed. */
export interface SeedMessage {
  /** Channel name or id. */
  channel: string;
  /** Author handle or id (a bot user posts as its bot). */
  user: string;
  text: string;
  ts?: string;
  /** A reply in the thread of this ts. */
  threadTs?: string;
  subtype?: string;
  reactions?: { name: string; users: string[] }[];
  pinned?: boolean;
}

/** A seed: the workspace a Slack twin starts with. */
export interface SlackSeed {
  team?: { id?: string; name?: string; domain?: string; emailDomain?: string };
  users?: SeedUser[];
  apps?: SeedApp[];
  channels?: SeedChannel[];
  messages?: SeedMessage[];
}

/** The seed of a bare start: team "Twin Workspace", alice (admin) and bob, the app "Twin App". */
export const DEFAULT_SEED: SlackSeed = {
  team: { id: "T0TWIN001", name: "Twin Workspace", domain: "twin", emailDomain: "twin.test" },
  users: [
    {
      name: "alice",
      realName: "Alice Example",
      email: "alice@twin.test",
      admin: true,
      owner: true,
      token: "xoxp-twin-alice",
    },
    { name: "bob", realName: "Bob Example", email: "bob@twin.test", token: "xoxp-twin-bob" },
  ],
  apps: [
    {
      name: "Twin App",
      botName: "twinbot",
      botToken: "xoxb-twin-bot",
      appToken: "xapp-twin-app",
      signingSecret: "twin-signing-secret",
    },
  ],
  channels: [
    { name: "general", general: true, purpose: "This channel is for workspace-wide communication." },
    { name: "random", members: ["alice", "bob", "twinbot"] },
  ],
};

/**
 * A checked seed as state, from YAML/JSON text or a seed object.
 * @param now clock in epoch ms (creation times, minted timestamps).
 * @throws ScriptError `file:line:col: what is wrong` (text) or `file: what is wrong` (object).
 */
export function loadSlackSeed(
  source: string | SlackSeed,
  options: { file?: string; now?: number } = {},
): SlackSnapshot {
  const file = options.file ?? "<seed>";
  const now = options.now ?? Date.now();
  if (typeof source === "string") return parseYamlValue(source, file, (value) => seedToSnapshot(value, now));
  try {
    return seedToSnapshot(structuredClone(source), now);
  } catch (error) {
    if (error instanceof ShapeError) throw new ScriptError({ file, detail: error.message });
    throw error;
  }
}

const COLORS = ["9f69e7", "4bbe2e", "e7392d", "3c989f", "e96699", "db3150", "5b89d5", "e0a729"];

/** Converts a parsed seed to state. @throws ShapeError at the first problem. */
function seedToSnapshot(value: unknown, nowMs: number): SlackSnapshot {
  const seed = readObject(value, [], ["team", "users", "apps", "channels", "messages"]);
  const team = readObject(seed.team ?? {}, ["team"], ["id", "name", "domain", "emailDomain"]);
  const state = new SlackState(
    {
      team: {
        id: optString(team, "id", ["team"]) ?? "T0TWIN001",
        name: optString(team, "name", ["team"]) ?? "Twin Workspace",
        domain: optString(team, "domain", ["team"]) ?? "twin",
        emailDomain: optString(team, "emailDomain", ["team"]) ?? "",
      },
      users: [],
      bots: [],
      apps: [],
      tokens: [],
      channels: [],
      messages: [],
      files: [],
      fileContents: {},
      views: [],
      scheduled: [],
      nextId: 1,
    },
    { now: () => nowMs },
  );
  const list = (key: string) => (seed[key] === undefined ? [] : readList(seed[key], [key]));
  for (const [i, item] of list("users").entries()) addUser(state, item, ["users", i]);
  for (const [i, item] of list("apps").entries()) addApp(state, item, ["apps", i]);
  for (const [i, item] of list("channels").entries()) addChannel(state, item, ["channels", i]);
  const messages = list("messages");
  for (const [i, item] of messages.entries()) {
    addMessage(state, item, ["messages", i], nowMs - (messages.length - i) * 1000);
  }
  return state.snapshot();
}

function uniqueId(state: SlackState, id: string | undefined, path: ValuePath, prefix: string): string {
  if (id === undefined) return state.mintId(prefix);
  if (state.users.has(id) || state.channels.has(id) || state.bots.has(id) || state.apps.has(id)) {
    throw new ShapeError([...path, "id"], `duplicate id '${id}'`);
  }
  return id;
}

function optBool(obj: Record<string, unknown>, key: string, path: ValuePath): boolean | undefined {
  const value = obj[key];
  if (value !== undefined && typeof value !== "boolean") throw new ShapeError([...path, key], "expected true or false");
  return value as boolean | undefined;
}

function optStrings(obj: Record<string, unknown>, key: string, path: ValuePath): string[] | undefined {
  if (obj[key] === undefined) return undefined;
  return readList(obj[key], [...path, key]).map((item, i) => {
    if (typeof item !== "string") throw new ShapeError([...path, key, i], "expected a string");
    return item;
  });
}

function reqString(obj: Record<string, unknown>, key: string, path: ValuePath): string {
  const value = optString(obj, key, path);
  if (value === undefined || value === "") throw new ShapeError(path, `missing '${key}'`);
  return value;
}

function addToken(state: SlackState, token: string, path: ValuePath, record: Omit<TokenRecord, "token">): void {
  if (state.tokens.has(token)) throw new ShapeError(path, `duplicate token '${token}'`);
  state.tokens.set(token, { token, ...record });
}

function newUser(state: SlackState, fields: Partial<UserRecord> & { id: string; name: string }): UserRecord {
  const user: UserRecord = {
    teamId: state.team.id,
    realName: fields.name,
    displayName: "",
    title: "",
    tz: "UTC",
    isAdmin: false,
    isOwner: false,
    isBot: false,
    deleted: false,
    color: COLORS[state.users.size % COLORS.length],
    presence: "active",
    statusText: "",
    statusEmoji: "",
    updated: state.nowSeconds(),
    ...fields,
  };
  state.users.set(user.id, user);
  return user;
}

function addUser(state: SlackState, value: unknown, path: ValuePath): void {
  const keys = [
    "name",
    "id",
    "realName",
    "displayName",
    "email",
    "title",
    "tz",
    "admin",
    "owner",
    "deleted",
    "token",
    "scopes",
  ];
  const obj = readObject(value, path, keys);
  const name = reqString(obj, "name", path);
  if (state.findUser(name)) throw new ShapeError([...path, "name"], `duplicate user name '${name}'`);
  const user = newUser(state, {
    id: uniqueId(state, optString(obj, "id", path), path, "U"),
    name,
    realName: optString(obj, "realName", path) ?? name,
    displayName: optString(obj, "displayName", path) ?? "",
    title: optString(obj, "title", path) ?? "",
    tz: optString(obj, "tz", path) ?? "UTC",
    isAdmin: optBool(obj, "admin", path) ?? false,
    isOwner: optBool(obj, "owner", path) ?? false,
    deleted: optBool(obj, "deleted", path) ?? false,
  });
  const email = optString(obj, "email", path);
  if (email !== undefined) user.email = email;
  const token = optString(obj, "token", path);
  const scopes = optStrings(obj, "scopes", path) ?? [...DEFAULT_USER_SCOPES];
  if (token !== undefined) addToken(state, token, [...path, "token"], { kind: "user", userId: user.id, scopes });
}

function addApp(state: SlackState, value: unknown, path: ValuePath): void {
  const keys = [
    "name",
    "id",
    "botId",
    "botUserId",
    "botName",
    "botToken",
    "botScopes",
    "appToken",
    "signingSecret",
    "requestUrl",
    "interactivityUrl",
    "socketMode",
  ];
  const obj = readObject(value, path, keys);
  const name = reqString(obj, "name", path);
  const appId = uniqueId(state, optString(obj, "id", path), path, "A");
  const botId = optString(obj, "botId", path) ?? state.mintId("B");
  const botName = optString(obj, "botName", path) ?? name.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
  if (state.findUser(botName)) throw new ShapeError([...path, "botName"], `duplicate user name '${botName}'`);
  const user = newUser(state, {
    id: optString(obj, "botUserId", path) ?? state.mintId("U"),
    name: botName,
    realName: name,
    isBot: true,
    botId,
    appId,
  });
  state.bots.set(botId, { id: botId, appId, userId: user.id, name, deleted: false, updated: state.nowSeconds() });
  state.apps.set(appId, {
    id: appId,
    name,
    botId,
    signingSecret: optString(obj, "signingSecret", path) ?? `secret-${appId.toLowerCase()}`,
    socketMode: optBool(obj, "socketMode", path) ?? false,
    ...(obj.requestUrl !== undefined ? { requestUrl: optString(obj, "requestUrl", path) } : {}),
    ...(obj.interactivityUrl !== undefined ? { interactivityUrl: optString(obj, "interactivityUrl", path) } : {}),
  });
  const botToken = optString(obj, "botToken", path);
  const scopes = optStrings(obj, "botScopes", path) ?? [...DEFAULT_BOT_SCOPES];
  if (botToken !== undefined) {
    addToken(state, botToken, [...path, "botToken"], { kind: "bot", userId: user.id, botId, appId, scopes });
  }
  const appToken = optString(obj, "appToken", path);
  if (appToken !== undefined) {
    addToken(state, appToken, [...path, "appToken"], { kind: "app", appId, scopes: ["connections:write"] });
  }
}

function userRef(state: SlackState, ref: string, path: ValuePath): string {
  const user = state.findUser(ref);
  if (!user) throw new ShapeError(path, `unknown user '${ref}'`);
  return user.id;
}

function addChannel(state: SlackState, value: unknown, path: ValuePath): void {
  const keys = ["name", "id", "type", "general", "members", "creator", "topic", "purpose", "archived"];
  const obj = readObject(value, path, keys);
  const kind = optChoice(obj, "type", path, ["public", "private", "im", "mpim"] as const) ?? "public";
  const members = (optStrings(obj, "members", path) ?? []).map((ref, i) =>
    userRef(state, ref, [...path, "members", i]),
  );
  const general = optBool(obj, "general", path) ?? false;
  if (general && obj.members === undefined) members.push(...state.users.keys());
  const creatorRef = optString(obj, "creator", path);
  const creator = creatorRef !== undefined ? userRef(state, creatorRef, [...path, "creator"]) : (members[0] ?? "");
  let name = optString(obj, "name", path) ?? "";
  if (kind === "public" || kind === "private") {
    if (name === "") throw new ShapeError(path, "missing 'name'");
    try {
      checkChannelName(state, name);
    } catch (error) {
      throw new ShapeError([...path, "name"], `invalid channel name '${name}': ${(error as Error).message}`);
    }
  } else {
    const expected = kind === "im" ? [1, 2] : [3, 9];
    if (members.length < expected[0] || members.length > expected[1]) {
      throw new ShapeError([...path, "members"], `${kind} needs ${expected[0]} to ${expected[1]} members`);
    }
    const names = members.map((id) => state.users.get(id)?.name ?? id);
    name = kind === "im" ? (members[1] ?? members[0]) : `mpdm-${names.join("--")}-1`;
  }
  const id = uniqueId(state, optString(obj, "id", path), path, kind === "im" ? "D" : "C");
  const channel: ChannelRecord = newChannel(state, { id, kind, name, creator, members: [...new Set(members)] });
  channel.isGeneral = general;
  channel.isArchived = optBool(obj, "archived", path) ?? false;
  for (const field of ["topic", "purpose"] as const) {
    const text = optString(obj, field, path);
    if (text !== undefined) channel[field] = { value: text, creator, lastSet: channel.created };
  }
  state.addChannel(channel);
}

function channelRef(state: SlackState, ref: string, path: ValuePath): ChannelRecord {
  const channel = state.findChannel(ref) ?? state.channelByName(ref);
  if (!channel) throw new ShapeError(path, `unknown channel '${ref}'`);
  return channel;
}

function addMessage(state: SlackState, value: unknown, path: ValuePath, defaultMs: number): void {
  const keys = ["channel", "user", "text", "ts", "threadTs", "subtype", "reactions", "pinned"];
  const obj = readObject(value, path, keys);
  const channel = channelRef(state, reqString(obj, "channel", path), [...path, "channel"]);
  const user = state.users.get(userRef(state, reqString(obj, "user", path), [...path, "user"]));
  const ts = optString(obj, "ts", path) ?? formatTs(defaultMs * 1000);
  if (!isTs(ts)) throw new ShapeError([...path, "ts"], `invalid ts '${ts}' (expected seconds.micros)`);
  if (state.message(channel.id, ts)) throw new ShapeError([...path, "ts"], `duplicate ts '${ts}' in this channel`);
  const message: MessageRecord = {
    channel: channel.id,
    ts,
    user: user?.id,
    text: optString(obj, "text", path) ?? "",
    reactions: [],
  };
  if (user?.botId) Object.assign(message, { botId: user.botId, appId: user.appId });
  const subtype = optString(obj, "subtype", path);
  if (subtype !== undefined) message.subtype = subtype;
  const threadTs = optString(obj, "threadTs", path);
  if (threadTs !== undefined) {
    const root = state.message(channel.id, threadTs);
    if (!root) throw new ShapeError([...path, "threadTs"], `no earlier message with ts '${threadTs}' in this channel`);
    if (compareTs(ts, threadTs) <= 0) throw new ShapeError([...path, "ts"], "a reply must be newer than its thread");
    message.threadTs = threadTs;
    root.threadTs = threadTs;
    root.replyCount = (root.replyCount ?? 0) + 1;
    root.replyUsers = [...new Set([...(root.replyUsers ?? []), message.user ?? ""])];
    root.latestReply = compareTs(root.latestReply ?? "0", ts) < 0 ? ts : root.latestReply;
  }
  const reactions = obj.reactions === undefined ? [] : readList(obj.reactions, [...path, "reactions"]);
  reactions.forEach((item, i) => {
    const at = [...path, "reactions", i];
    const reaction = readObject(item, at, ["name", "users"]);
    const users = (optStrings(reaction, "users", at) ?? []).map((ref, j) => userRef(state, ref, [...at, "users", j]));
    message.reactions.push({ name: reqString(reaction, "name", at), users });
  });
  if (optBool(obj, "pinned", path)) {
    channel.pins.push({ ts, createdBy: message.user ?? "", created: Math.floor(defaultMs / 1000) });
  }
  state.insertMessage(message);
}
