/**
 * The wire forms of interactions, as Slack sends them to an app's interactivity URL: the
 * `block_actions` payload of a click on a message's button or select (the element found in the
 * message's Block Kit `actions` blocks or `section` accessories), and the `view_submission` /
 * `view_closed` payloads of a modal. Pure functions of the state.
 * @module
 */
import { createHash } from "node:crypto";
import { slackError } from "../errors.js";
import { viewObject } from "../render/view.js";
import type { SlackState } from "../state/slack-state.js";
import type { AppRecord, ChannelRecord, UserRecord, ViewRecord } from "../state/types.js";
import { verificationToken } from "./envelope.js";

/** Element types a person can click or choose from in a message, and that the twin sends on. */
export const ACTION_ELEMENT_TYPES = ["button", "static_select", "overflow"] as const;

/** A Block Kit block or element, as the app sent it. */
type Json = Record<string, unknown>;

/** An interactive element of a message, and the block it is in. */
export interface FoundElement {
  blockId: string;
  element: Json;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The `block_id` of the `index`th block of message `ts`: its own, or (as Slack fills in ids the
 * app left out) a stable 5-character id derived from the message and the position.
 */
export function blockIdOf(block: Json, ts: string, index: number): string {
  if (typeof block.block_id === "string") return block.block_id;
  return createHash("sha256").update(`${ts}/${index}`).digest("base64url").slice(0, 5);
}

/**
 * The interactive elements of `blocks` (`actions` blocks' elements and `section` accessories of
 * the types in {@link ACTION_ELEMENT_TYPES}) with their block ids.
 * @param ts the message's ts (for block ids the app left out).
 */
export function actionElements(blocks: readonly unknown[], ts: string): FoundElement[] {
  const found: FoundElement[] = [];
  blocks.forEach((block, index) => {
    if (!isObject(block)) return;
    const candidates = block.type === "actions" && Array.isArray(block.elements) ? block.elements : [block.accessory];
    for (const element of candidates) {
      if (!isObject(element) || !ACTION_ELEMENT_TYPES.includes(element.type as never)) continue;
      found.push({ blockId: blockIdOf(block, ts, index), element });
    }
  });
  return found;
}

/** The options of a select or overflow (`options`, or those of its `option_groups`). */
function optionsOf(element: Json): Json[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isObject) : [];
  const lists = [element.options, ...groups.map((g) => g.options)];
  return lists.flatMap((list) => (Array.isArray(list) ? list.filter(isObject) : []));
}

/**
 * The `actions[0]` of a `block_actions` payload: a button's `text`, `value`, `style` and `url`,
 * or the `selected_option` (the option whose value is `value`) of a select or overflow menu.
 * @param actionTs the `action_ts` (now, as a Slack ts).
 * @throws SlackApiError `option_not_found` when a select has no option `value`.
 */
export function actionObject(found: FoundElement, value: string | undefined, actionTs: string): Json {
  const { element, blockId } = found;
  const base = { action_id: element.action_id, block_id: blockId };
  if (element.type === "button") {
    return {
      ...base,
      text: { emoji: true, ...(isObject(element.text) ? element.text : {}) },
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style !== undefined ? { style: element.style } : {}),
      ...(element.url !== undefined ? { url: element.url } : {}),
      type: "button",
      action_ts: actionTs,
    };
  }
  const option = optionsOf(element).find((o) => o.value === value);
  if (!option) throw slackError("option_not_found");
  return {
    type: element.type,
    ...base,
    selected_option: { text: option.text, value: option.value },
    ...(element.placeholder !== undefined ? { placeholder: element.placeholder } : {}),
    action_ts: actionTs,
  };
}

/**
 * The message's `state.values`: each static select with its chosen option (`chosen` is the
 * action just taken; the others are unchosen).
 */
export function messageStateValues(elements: readonly FoundElement[], chosen: Json): Record<string, Json> {
  const values: Record<string, Json> = {};
  for (const { blockId, element } of elements) {
    if (element.type !== "static_select" || typeof element.action_id !== "string") continue;
    const selected = chosen.action_id === element.action_id && chosen.block_id === blockId;
    values[blockId] = {
      ...values[blockId],
      [element.action_id]: { type: "static_select", selected_option: selected ? chosen.selected_option : null },
    };
  }
  return values;
}

/** The `channel_name` / `channel.name` of a conversation in payloads (`directmessage` for DMs). */
export function payloadChannelName(channel: ChannelRecord): string {
  return channel.kind === "im" ? "directmessage" : channel.name;
}

/** The `user` of an interaction payload. */
export function interactionUser(state: SlackState, user: UserRecord): Json {
  return { id: user.id, username: user.name, name: user.name, team_id: state.team.id };
}

/** Fields every interaction payload has, in Slack's order after `type` and `user`. */
function common(app: AppRecord): Json {
  return { api_app_id: app.id, token: verificationToken(app) };
}

/** What a `block_actions` payload is made of (see {@link blockActionsPayload}). */
export interface BlockActionsInput {
  app: AppRecord;
  user: UserRecord;
  /** The conversation's id and name (`directmessage` for DMs). */
  channel: { id: string; name: string };
  /** The message as the Web API shows it; undefined for an ephemeral message (Slack leaves it out). */
  message: Json | undefined;
  messageTs: string;
  /** The message is an ephemeral one of the person (`container.is_ephemeral`). */
  isEphemeral: boolean;
  triggerId: string;
  responseUrl: string;
  action: Json;
  stateValues: Record<string, Json>;
}

/** Slack's `block_actions` payload, with its fields in Slack's order. */
export function blockActionsPayload(state: SlackState, input: BlockActionsInput): Json {
  return {
    type: "block_actions",
    user: interactionUser(state, input.user),
    ...common(input.app),
    container: {
      type: "message",
      message_ts: input.messageTs,
      channel_id: input.channel.id,
      is_ephemeral: input.isEphemeral,
    },
    trigger_id: input.triggerId,
    team: { id: state.team.id, domain: state.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: input.channel,
    ...(input.message === undefined ? {} : { message: input.message }),
    state: { values: input.stateValues },
    response_url: input.responseUrl,
    actions: [input.action],
  };
}

/** Slack's `view_submission` payload of `view`, with what the person entered. */
export function viewSubmissionPayload(
  state: SlackState,
  app: AppRecord,
  input: { user: UserRecord; view: ViewRecord; values: Record<string, unknown>; triggerId: string },
): Json {
  return {
    type: "view_submission",
    team: { id: state.team.id, domain: state.team.domain },
    user: interactionUser(state, input.user),
    ...common(app),
    trigger_id: input.triggerId,
    view: viewObject(state, input.view, input.values),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Slack's `view_closed` payload of `view` (`isCleared` when its whole stack was closed). */
export function viewClosedPayload(
  state: SlackState,
  app: AppRecord,
  input: { user: UserRecord; view: ViewRecord; isCleared: boolean },
): Json {
  return {
    type: "view_closed",
    team: { id: state.team.id, domain: state.team.domain },
    user: interactionUser(state, input.user),
    ...common(app),
    view: viewObject(state, input.view),
    is_cleared: input.isCleared,
    is_enterprise_install: false,
    enterprise: null,
  };
}
