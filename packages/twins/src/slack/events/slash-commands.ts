/**
 * Slash commands: a person's `/command text` in a conversation, sent to the app that takes it
 * (Slack's command payload, with a `trigger_id` and a `response_url` on the twin), and the app's
 * responses — the immediate one (the HTTP answer or the Socket Mode ack) and those POSTed to the
 * `response_url` (see `response-urls.ts`) — shown to the person only (`ephemeral`, the default)
 * or posted to the conversation (`"response_type": "in_channel"`) by the app's bot.
 * @module
 */
import { slackError } from "../errors.js";
import type { SlackState } from "../state/slack-state.js";
import type { AppRecord, ChannelRecord, UserRecord } from "../state/types.js";
import { issueTrigger } from "../state/views.js";
import { verificationToken } from "./envelope.js";
import type { EventHub } from "./event-hub.js";
import { payloadChannelName } from "./interaction-payloads.js";
import type { ResponseUrls } from "./response-urls.js";

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

/** Slash commands of one twin (see the module doc). */
export class SlashCommands {
  constructor(
    private readonly state: SlackState,
    private readonly hub: EventHub,
    private readonly responses: ResponseUrls,
  ) {}

  /**
   * Sends `input` to its app and shows the immediate response.
   * @throws SlackApiError `invalid_command` (no app, or several and none named), `not_in_channel`,
   *   `operation_timeout` (no answer in time) or `dispatch_failed` (the app could not be reached
   *   or did not answer 2xx).
   */
  async run(input: SlashCommandInput): Promise<void> {
    if (!/^\/[\w-]+$/.test(input.command)) throw slackError("invalid_command");
    if (!input.channel.members.includes(input.user.id)) throw slackError("not_in_channel");
    const app = this.appFor(input.app);
    const target = { appId: app.id, channel: input.channel.id, user: input.user.id };
    const result = await this.hub.interact(app, {
      type: "slash_commands",
      eventType: "slash_command",
      payload: {
        token: verificationToken(app),
        team_id: this.state.team.id,
        team_domain: this.state.team.domain,
        channel_id: input.channel.id,
        channel_name: payloadChannelName(input.channel),
        user_id: input.user.id,
        user_name: input.user.name,
        command: input.command,
        text: input.text,
        api_app_id: app.id,
        is_enterprise_install: "false",
        response_url: this.responses.issue(input.origin, "commands", target),
        trigger_id: issueTrigger(this.state, input.user.id),
      },
    });
    if (!result.ok) throw slackError(result.failure === "timeout" ? "operation_timeout" : "dispatch_failed");
    this.responses.show(target, result.response);
  }

  /** The app `ref` names, or the only reachable app. @throws SlackApiError `invalid_command`. */
  private appFor(ref: string | undefined): AppRecord {
    const apps = ref === undefined ? this.hub.reachableApps() : [...this.state.apps.values()];
    const named = ref === undefined ? apps : apps.filter((a) => a.id === ref || a.name === ref);
    if (named.length !== 1) throw slackError("invalid_command");
    return named[0];
  }
}
