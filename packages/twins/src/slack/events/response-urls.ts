/**
 * Response URLs on the twin, shared by slash commands (`/commands/<id>`) and interactions
 * (`/actions/<id>`): each is tied to an app, a conversation and a person (and, for interactions,
 * the message that was clicked), can be used 5 times in 30 minutes, and shows what the app POSTs
 * as Slack does — to the person only (`response_type: "ephemeral"`, the default), in the
 * conversation (`"in_channel"`, posted by the app's bot), or in place of the clicked message
 * (`replace_original`), or deletes it (`delete_original`) — for an ephemeral message, for its
 * person only.
 * @module
 */
import { randomUUID } from "node:crypto";
import {
  deleteEphemeral,
  deleteMessage,
  postEphemeral,
  postMessage,
  replaceEphemeral,
  updateMessage,
} from "../state/messages.js";
import type { SlackState } from "../state/slack-state.js";

/** Paths of response URLs on the twin: slash commands and interactions. */
export const RESPONSE_URL_PATHS = { commands: "/commands", actions: "/actions" } as const;

/** How long a response URL can be used, in ms (Slack: 30 minutes), and how many times (Slack: 5). */
const RESPONSE_URL_TTL_MS = 30 * 60_000;
const RESPONSE_URL_USES = 5;

/** Who a response answers, and where it goes. */
export interface ResponseTarget {
  appId: string;
  /** The conversation (id). */
  channel: string;
  /** The person (id) who ran the command or clicked. */
  user: string;
  /** The `ts` of the message whose interaction this answers (what `replace_original` replaces). */
  originalTs?: string;
  /** The original is an ephemeral message of `user` (replaced or deleted for that person only). */
  isEphemeral?: boolean;
}

/** What a response carries (Slack's message fields of `response_url` posts). */
interface ResponseBody {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  response_type?: "ephemeral" | "in_channel";
  thread_ts?: string;
  replace_original?: boolean | string;
  delete_original?: boolean | string;
}

interface IssuedUrl extends ResponseTarget {
  expiresMs: number;
  usesLeft: number;
}

/** `true`, or the string `"true"` (form-encoded responses). */
function flag(value: unknown): boolean {
  return value === true || value === "true";
}

/** The response URLs of one twin (see the module doc). */
export class ResponseUrls {
  private readonly issued = new Map<string, IssuedUrl>();

  constructor(private readonly state: SlackState) {}

  /**
   * A new response URL for `target`.
   * @param origin the twin's origin (`http://127.0.0.1:4110`).
   * @param kind `commands` or `actions` (Slack's two kinds of URLs).
   */
  issue(origin: string, kind: keyof typeof RESPONSE_URL_PATHS, target: ResponseTarget): string {
    const id = randomUUID();
    this.issued.set(id, {
      ...target,
      expiresMs: this.state.now() + RESPONSE_URL_TTL_MS,
      usesLeft: RESPONSE_URL_USES,
    });
    return `${origin}${RESPONSE_URL_PATHS[kind]}/${id}`;
  }

  /**
   * A POST to response URL `id`: shows `body` (see {@link ResponseUrls.show}).
   * @returns false when the URL is unknown, expired or used up.
   * @throws SlackApiError when the response cannot be shown (`is_archived`, `no_text`, ...).
   */
  respond(id: string, body: unknown): boolean {
    const target = this.issued.get(id);
    if (!target || target.expiresMs < this.state.now() || target.usesLeft <= 0) return false;
    target.usesLeft--;
    this.show(target, body);
    return true;
  }

  /**
   * Shows an app's response to `target`: deletes or replaces the original message (when the
   * target has one and the response asks), or posts it in the channel by the app's bot
   * (`in_channel`), or shows it to the person only. Responses without text or blocks, and
   * targets whose app or conversation are gone, are ignored.
   * @throws SlackApiError from the message operations (`is_archived`, `msg_too_long`,
   *   `message_not_found`, `cant_update_message`, ...).
   */
  show(target: ResponseTarget, response: unknown): void {
    if (typeof response !== "object" || response === null) return;
    const body = response as ResponseBody;
    const app = this.state.apps.get(target.appId);
    const bot = app && this.state.bots.get(app.botId);
    const channel = this.state.findChannel(target.channel);
    if (!app || !bot || !channel) return;
    const original = target.originalTs;
    if (original !== undefined && flag(body.delete_original)) {
      if (target.isEphemeral) deleteEphemeral(this.state, channel, target.user, original);
      else deleteMessage(this.state, channel, original, { userId: bot.userId });
      return;
    }
    const { text, blocks, attachments } = body;
    if (original !== undefined && flag(body.replace_original) && target.isEphemeral) {
      replaceEphemeral(this.state, {
        channel,
        user: target.user,
        ts: original,
        text: text ?? "",
        ...(blocks ? { blocks } : {}),
        ...(attachments ? { attachments } : {}),
      });
      return;
    }
    if (original !== undefined && flag(body.replace_original)) {
      updateMessage(this.state, {
        channel,
        ts: original,
        actor: { userId: bot.userId },
        text: text ?? "",
        blocks: blocks ?? [],
        ...(attachments ? { attachments } : {}),
      });
      return;
    }
    if (!text && !blocks?.length) return;
    const author = { userId: bot.userId, botId: bot.id, appId: app.id };
    const content = {
      ...(text ? { text } : {}),
      ...(blocks ? { blocks } : {}),
      ...(attachments ? { attachments } : {}),
    };
    const threadTs = body.thread_ts;
    if (body.response_type === "in_channel")
      postMessage(this.state, { channel, author, ...content, ...(threadTs ? { threadTs } : {}) });
    else postEphemeral(this.state, { channel, author, user: target.user, ...content });
  }
}
