/**
 * Interactivity: a person clicks a button or chooses an option in a message (`block_actions`),
 * submits a modal (`view_submission`) or closes it (`view_closed`), and the app that owns the
 * message or modal gets Slack's payload (over Socket Mode, or HTTP to its interactivity URL),
 * with a fresh `trigger_id` (for `views.open`) and, for messages, a `response_url` that can
 * replace or delete the message. A submission's ack decides what the modal does next: close
 * (empty), show `errors`, `update`, `push`, or `clear` the whole stack.
 * @module
 */
import { canSee } from "../api/method.js";
import { type SlackApiError, slackError } from "../errors.js";
import { messageObject } from "../render/message.js";
import { findEphemeral, findMessage } from "../state/messages.js";
import type { SlackState } from "../state/slack-state.js";
import type { AppRecord, ChannelRecord, UserRecord, ViewRecord } from "../state/types.js";
import { closeView, issueTrigger, stackView, topModal, updateView } from "../state/views.js";
import { eventTsNow } from "./app-events.js";
import type { EventHub, Interaction, InteractionResult } from "./event-hub.js";
import {
  actionElements,
  actionObject,
  blockActionsPayload,
  messageStateValues,
  payloadChannelName,
  viewClosedPayload,
  viewSubmissionPayload,
} from "./interaction-payloads.js";
import type { ResponseUrls } from "./response-urls.js";

/** A click on (or a choice in) an interactive element of a message. */
export interface BlockActionInput {
  user: UserRecord;
  channel: ChannelRecord;
  /** The message's ts: a message of the channel, or an ephemeral message the person sees there. */
  ts: string;
  actionId: string;
  /** The block, when several hold an element `actionId`. */
  blockId?: string;
  /** The option chosen in a select or overflow menu (its `value`); ignored for buttons. */
  value?: string;
  /** The twin's origin, for the response URL. */
  origin: string;
}

/** A modal submitted by the person it is open for. */
export interface ViewSubmissionInput {
  user: UserRecord;
  viewId: string;
  /** `state.values`: `{block_id: {action_id: {type, value | selected_option | ...}}}`. */
  values: Record<string, unknown>;
}

/** What became of a submitted modal, after the app's answer. */
export type SubmissionOutcome =
  /** An empty ack: the modal closed (the one under it, if any, shows again). */
  | { outcome: "closed" }
  /** `response_action: "clear"`: the whole stack closed. */
  | { outcome: "cleared" }
  /** `response_action: "errors"`: the modal stays open, with an error per block id. */
  | { outcome: "errors"; errors: Record<string, string> }
  /** `response_action: "update"` / `"push"`: the modal now shown. */
  | { outcome: "updated" | "pushed"; view: ViewRecord };

/** The admin's wording of a failed interaction: Slack's client says the app did not answer. */
function failureError(result: Extract<InteractionResult, { ok: false }>): SlackApiError {
  return slackError(result.failure === "timeout" ? "operation_timeout" : "dispatch_failed");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The interactivity of one twin (see the module doc). */
export class Interactivity {
  constructor(
    private readonly state: SlackState,
    private readonly hub: EventHub,
    private readonly responses: ResponseUrls,
  ) {}

  /**
   * Sends the `block_actions` payload of a click to the app whose bot posted the message, and
   * waits for its ack (the response comes later, through the `response_url`). An ephemeral
   * message of the person (found by its ts) gives `container.is_ephemeral: true` and no `message`,
   * and its `response_url` replaces or deletes that ephemeral message.
   * @throws SlackApiError `channel_not_found`, `message_not_found`, `not_interactive` (no app
   *   posted the message), `action_not_found`, `option_not_found`, `operation_timeout` or
   *   `dispatch_failed` (the app did not ack in time, or could not be reached).
   */
  async blockAction(input: BlockActionInput): Promise<void> {
    const { state } = this;
    const { channel, user } = input;
    if (!canSee(channel, user.id)) throw slackError("channel_not_found");
    const ephemeral = findEphemeral(state, channel.id, user.id, input.ts);
    const message = ephemeral ?? findMessage(state, channel, input.ts);
    const app = message.appId === undefined ? undefined : state.apps.get(message.appId);
    if (!app) throw slackError("not_interactive");
    const elements = actionElements(message.blocks ?? [], message.ts);
    const found = elements.find(
      (e) => e.element.action_id === input.actionId && (input.blockId === undefined || e.blockId === input.blockId),
    );
    if (!found) throw slackError("action_not_found");
    const action = actionObject(found, input.value, eventTsNow(state));
    const isEphemeral = ephemeral !== undefined;
    const target = { appId: app.id, channel: channel.id, user: user.id, originalTs: message.ts, isEphemeral };
    const payload = blockActionsPayload(state, {
      app,
      user,
      channel: { id: channel.id, name: payloadChannelName(channel) },
      message: isEphemeral ? undefined : messageObject(state, message, input.origin),
      messageTs: message.ts,
      isEphemeral,
      triggerId: issueTrigger(state, user.id),
      responseUrl: this.responses.issue(input.origin, "actions", target),
      action,
      stateValues: messageStateValues(elements, action),
    });
    await this.send(app, { eventType: "block_actions", payload, acceptsResponse: false });
  }

  /**
   * Sends the `view_submission` payload of a modal to its app and does what the app's ack says.
   * @throws SlackApiError `view_not_found` (not a modal open for the person, or not on top),
   *   `operation_timeout`, `dispatch_failed`, `invalid_response_action`, and the errors of
   *   `views.update` / `views.push` for an invalid `view` in the answer.
   */
  async submitView(input: ViewSubmissionInput): Promise<SubmissionOutcome> {
    const { state } = this;
    const { view, app } = this.openModal(input.viewId, input.user);
    const payload = viewSubmissionPayload(state, app, {
      user: input.user,
      view,
      values: input.values,
      triggerId: issueTrigger(state, input.user.id),
    });
    const response = await this.send(app, { eventType: "view_submission", payload, acceptsResponse: true });
    const answer = isObject(response) ? response : {};
    const next = isObject(answer.view) ? answer.view : {};
    switch (answer.response_action) {
      case undefined:
        closeView(state, view);
        return { outcome: "closed" };
      case "clear":
        closeView(state, view, true);
        return { outcome: "cleared" };
      case "errors":
        return { outcome: "errors", errors: isObject(answer.errors) ? (answer.errors as Record<string, string>) : {} };
      case "update":
        return { outcome: "updated", view: updateView(state, app, { viewId: view.id, view: next }) };
      case "push":
        return { outcome: "pushed", view: stackView(state, app, input.user.id, next) };
      default:
        throw slackError("invalid_response_action");
    }
  }

  /**
   * The person closes a modal (its whole stack with `all`): the app gets `view_closed` when the
   * modal asked for it (`notify_on_close`; a failed delivery does not keep it open).
   * @returns the ids of the closed views.
   * @throws SlackApiError `view_not_found`.
   */
  async closeModal(viewId: string, user: UserRecord, all = false): Promise<string[]> {
    const { view, app } = this.openModal(viewId, user);
    if (view.view.notify_on_close === true) {
      const payload = viewClosedPayload(this.state, app, { user, view, isCleared: all });
      await this.hub.interact(app, { type: "interactive", eventType: "view_closed", payload, acceptsResponse: false });
    }
    return closeView(this.state, view, all).map((v) => v.id);
  }

  /** The modal `viewId` on top of `user`'s stack, and its app. @throws SlackApiError `view_not_found`. */
  private openModal(viewId: string, user: UserRecord): { view: ViewRecord; app: AppRecord } {
    const view = this.state.views.get(viewId);
    const app = view && this.state.apps.get(view.appId);
    if (!view || !app || view.type !== "modal" || topModal(this.state, user.id, app.id) !== view) {
      throw slackError("view_not_found");
    }
    return { view, app };
  }

  /** Sends an interaction and returns the app's ack payload. @throws SlackApiError when it failed. */
  private async send(app: AppRecord, interaction: Omit<Extract<Interaction, { type: "interactive" }>, "type">) {
    const result = await this.hub.interact(app, { type: "interactive", ...interaction });
    if (!result.ok) throw failureError(result);
    return result.response;
  }
}
