/**
 * Slash commands: a person's `/command text` in a conversation, sent to the app that takes it
 * (Slack's command payload, with a `trigger_id` and a `response_url` on the twin), and the app's
 * responses — the immediate one (the HTTP answer or the Socket Mode ack) and those POSTed to the
 * `response_url` — shown to the person only (`ephemeral`, the default) or posted to the
 * conversation (`"response_type": "in_channel"`) by the app's bot.
 * @module
 */
import { randomUUID } from "node:crypto";
import { slackError } from "../errors.js";
import { postEphemeral, postMessage } from "../state/messages.js";
import type { SlackState } from "../state/slack-state.js";
import type { AppRecord, ChannelRecord, UserRecord } from "../state/types.js";
import { issueTrigger } from "../state/views.js";
import { verificationToken } from "./envelope.js";
import type { EventHub } from "./event-hub.js";

/** Path of response URLs on the twin (`/commands/<id>`). */
export const RESPONSE_URL_PATH = "/commands";

/** How long a response URL can be used, in ms (Slack: 30 minutes), and how many times (Slack: 5). */
const RESPONSE_URL_TTL_MS = 30 * 60_000;
const RESPONSE_URL_USES = 5;

/** A command a person types. */
export interface SlashCommandInput {
  /** `/deploy`. */
  command: string;
  /** What follows the command. */
  text: string;
  user: UserRecord;
  channel: ChannelRecord;
  /** The app that takes it (id or name); default: the only app events can reach. */
  app?: string;
  /** The twin's origin, for the response URL. */
  origin: string;
}

/** What a response carries (Slack's message fields of command responses). */
interface CommandResponse {
  text?: string;
  blocks?: unknown[];
  response_type?: "ephemeral" | "in_channel";
  thread_ts?: string;
}

/** Where a response URL posts. */
interface ResponseTarget {
  appId: string;
  channel: string;
  user: string;
  expiresMs: number;
  usesLeft: number;
}

/** Slash commands of one twin (see the module doc). */
export class SlashCommands {
  private readonly targets = new Map<string, ResponseTarget>();

  constructor(
    private readonly state: SlackState,
    private readonly hub: EventHub,
  ) {}

  /**
   * Sends `input` to its app and applies the immediate response.
   * @throws SlackApiError `invalid_command` (no app, or several and none named), `not_in_channel`,
   *   `operation_timeout` (no answer in time) or `dispatch_failed` (the app could not be reached
   *   or did not answer 2xx).
   */
  async run(input: SlashCommandInput): Promise<void> {
    if (!/^\/[\w-]+$/.test(input.command)) throw slackError("invalid_command");
    if (!input.channel.members.includes(input.user.id)) throw slackError("not_in_channel");
    const app = this.appFor(input.app);
    const id = randomUUID();
    this.targets.set(id, {
      appId: app.id,
      channel: input.channel.id,
      user: input.user.id,
      expiresMs: this.state.now() + RESPONSE_URL_TTL_MS,
      usesLeft: RESPONSE_URL_USES,
    });
    const channelName = input.channel.kind === "im" ? "directmessage" : input.channel.name;
    const result = await this.hub.interact(app, {
      token: verificationToken(app),
      team_id: this.state.team.id,
      team_domain: this.state.team.domain,
      channel_id: input.channel.id,
      channel_name: channelName,
      user_id: input.user.id,
      user_name: input.user.name,
      command: input.command,
      text: input.text,
      api_app_id: app.id,
      is_enterprise_install: "false",
      response_url: `${input.origin}${RESPONSE_URL_PATH}/${id}`,
      trigger_id: issueTrigger(this.state, input.user.id),
    });
    if (!result.ok) throw slackError(result.failure === "timeout" ? "operation_timeout" : "dispatch_failed");
    this.apply(app, input.channel, input.user.id, result.response);
  }

  /**
   * A POST to response URL `id`: applies `body`.
   * @returns false when the URL is unknown, expired or used up.
   * @throws SlackApiError when the response cannot be posted (`is_archived`, `no_text`, ...).
   */
  respond(id: string, body: unknown): boolean {
    const target = this.targets.get(id);
    if (!target || target.expiresMs < this.state.now() || target.usesLeft <= 0) return false;
    target.usesLeft--;
    const app = this.state.apps.get(target.appId);
    const channel = this.state.findChannel(target.channel);
    if (!app || !channel) return false;
    this.apply(app, channel, target.user, body);
    return true;
  }

  /** The app `ref` names, or the only reachable app. @throws SlackApiError `invalid_command`. */
  private appFor(ref: string | undefined): AppRecord {
    const apps = ref === undefined ? this.hub.reachableApps() : [...this.state.apps.values()];
    const named = ref === undefined ? apps : apps.filter((a) => a.id === ref || a.name === ref);
    if (named.length !== 1) throw slackError("invalid_command");
    return named[0];
  }

  /** Shows a response: ephemeral to `user` (default), or posted to the channel by the app's bot. */
  private apply(app: AppRecord, channel: ChannelRecord, user: string, response: unknown): void {
    if (typeof response !== "object" || response === null) return;
    const { text, blocks, response_type: type, thread_ts: threadTs } = response as CommandResponse;
    if (!text && !blocks?.length) return;
    const bot = this.state.bots.get(app.botId);
    if (!bot) return;
    const author = { userId: bot.userId, botId: bot.id, appId: app.id };
    const content = { ...(text ? { text } : {}), ...(blocks ? { blocks } : {}) };
    if (type === "in_channel")
      postMessage(this.state, { channel, author, ...content, ...(threadTs ? { threadTs } : {}) });
    else postEphemeral(this.state, { channel, author, user, ...content });
  }
}
