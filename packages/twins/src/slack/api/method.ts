/**
 * What a Web API method is (its scopes, rate tier, accepted tokens and handler) and the context a
 * handler gets, with the access checks methods share: scopes by conversation type, conversation
 * lookup and membership.
 * @module
 */
import type { TwinKit } from "../../kit/types.js";
import { slackError } from "../errors.js";
import type { SlackRuntime } from "../slack-runtime.js";
import type { SlackState } from "../state/slack-state.js";
import type {
  AppRecord,
  Author,
  BotRecord,
  ChannelKind,
  ChannelRecord,
  TokenKind,
  TokenRecord,
  UserRecord,
} from "../state/types.js";
import type { SlackArgs } from "./args.js";
import type { RateTier } from "./rate-limit.js";

/** Everything a method handler works with. */
export interface MethodContext {
  method: string;
  kit: TwinKit;
  runtime: SlackRuntime;
  state: SlackState;
  args: SlackArgs;
  token: TokenRecord;
  /** The acting user: the person (user token) or the bot user (bot token). @throws for app tokens. */
  readonly user: UserRecord;
  /** The app and bot of a bot or app token. */
  app?: AppRecord;
  bot?: BotRecord;
  /** The twin's origin as the caller reached it, e.g. `http://127.0.0.1:4110`. */
  origin: string;
}

/** A Web API method. */
export interface SlackMethod {
  /**
   * Scopes, any one of which lets the call in (empty: none needed). Methods whose scope depends on
   * the conversation type check it themselves ({@link conversation}).
   */
  scopes: readonly string[];
  /** Rate-limit tier in realistic mode. */
  tier: RateTier;
  /** Token kinds accepted (default: bot and user tokens). */
  tokens?: readonly TokenKind[];
  /** Answers the call: the fields after `ok: true`. @throws SlackApiError for refusals. */
  handler(ctx: MethodContext): Record<string, unknown>;
}

/** Methods by name (`chat.postMessage`). */
export type SlackMethods = Record<string, SlackMethod>;

/**
 * @throws SlackApiError `missing_scope` unless the token has one of `anyOf`; `needed` names the
 *   first (the current scope; the others are older equivalents), `provided` the token's scopes.
 */
export function requireScope(ctx: MethodContext, ...anyOf: string[]): void {
  if (anyOf.length === 0 || anyOf.some((scope) => ctx.token.scopes.includes(scope))) return;
  throw slackError("missing_scope", { needed: anyOf[0], provided: ctx.token.scopes.join(",") });
}

/** What a method does with a conversation, for its scope. */
export type ConversationAccess = "read" | "history" | "write";

const SCOPE_PREFIX: Readonly<Record<ChannelKind, string>> = {
  public: "channels",
  private: "groups",
  im: "im",
  mpim: "mpim",
};

/** The scopes (any one suffices) of `access` to conversations of `kind`. */
export function conversationScopes(kind: ChannelKind, access: ConversationAccess): string[] {
  const prefix = SCOPE_PREFIX[kind];
  if (access === "write" && kind === "public") return ["channels:manage", "channels:write"];
  return [`${prefix}:${access}`];
}

/** True when `user` may see `channel` (public channels, or a member of the others). */
export function canSee(channel: ChannelRecord, user: string): boolean {
  return channel.kind === "public" || channel.members.includes(user);
}

/**
 * The conversation `id` as the caller may see it, after the scope check of `access`.
 * @throws SlackApiError `channel_not_found` (unknown, or private to others), `missing_scope`.
 */
export function conversation(ctx: MethodContext, id: string, access: ConversationAccess): ChannelRecord {
  const channel = ctx.state.findChannel(id);
  if (!channel || !canSee(channel, ctx.user.id)) throw slackError("channel_not_found");
  requireScope(ctx, ...conversationScopes(channel.kind, access));
  return channel;
}

/** @throws SlackApiError `not_in_channel` unless the caller is a member of `channel`. */
export function requireMember(ctx: MethodContext, channel: ChannelRecord): void {
  if (!channel.members.includes(ctx.user.id)) throw slackError("not_in_channel");
}

/** The author of what the caller posts (its bot, with the bot's app, for bot tokens). */
export function authorOf(ctx: MethodContext): Author {
  return {
    userId: ctx.user.id,
    ...(ctx.bot ? { botId: ctx.bot.id, appId: ctx.bot.appId } : {}),
  };
}

/** The caller as an actor on others' messages (workspace admins may delete them). */
export function actorOf(ctx: MethodContext): { userId: string; isAdmin: boolean } {
  return { userId: ctx.user.id, isAdmin: ctx.token.kind === "user" && ctx.user.isAdmin };
}
