/**
 * Views of the Slack twin's state: modals (opened with a trigger, pushed, updated, closed) and App Home
 * tabs (published), stored so that the web UI can show them, and the trigger ids that interactions
 * hand out.
 * @throws SlackApiError in Slack's words (`expired_trigger_id`, `hash_conflict`, ...) throughout.
 * @module
 */
import { invalidArguments, slackError } from "../errors.js";
import type { SlackState } from "./slack-state.js";
import type { AppRecord, ViewRecord } from "./types.js";

/** How long a trigger id may be used, in ms (Slack: 3 seconds). */
export const TRIGGER_TTL_MS = 3000;

/**
 * A new trigger id for `userId` (what an interaction payload carries), valid for
 * {@link TRIGGER_TTL_MS}.
 */
export function issueTrigger(state: SlackState, userId: string): string {
  const id = state.mintId("");
  const trigger = `${state.nowSeconds()}.${parseInt(id, 36)}.${id.toLowerCase()}`;
  state.triggers.set(trigger, { userId, expiresMs: state.now() + TRIGGER_TTL_MS });
  return trigger;
}

/** The user of a valid trigger. @throws SlackApiError `invalid_trigger_id`, `expired_trigger_id`. */
function useTrigger(state: SlackState, triggerId: string): string {
  const trigger = state.triggers.get(triggerId);
  if (!trigger) throw slackError("invalid_trigger_id");
  if (state.now() > trigger.expiresMs) throw slackError("expired_trigger_id");
  return trigger.userId;
}

/** @throws SlackApiError `invalid_arguments` unless `view` is a view payload of `type`. */
function checkView(view: Record<string, unknown>, type: ViewRecord["type"]): void {
  if (view.type !== type) throw invalidArguments(`must provide a view of type '${type}' [json-pointer:/view/type]`);
  if (!Array.isArray(view.blocks)) throw invalidArguments("missing required field: blocks [json-pointer:/view]");
  if (type === "modal" && (typeof view.title !== "object" || view.title === null)) {
    throw invalidArguments("missing required field: title [json-pointer:/view]");
  }
}

function newView(
  state: SlackState,
  app: AppRecord,
  fields: Pick<ViewRecord, "type" | "userId" | "view"> & { rootViewId?: string; previousViewId?: string },
): ViewRecord {
  const id = state.mintId("V");
  const record: ViewRecord = {
    id,
    type: fields.type,
    appId: app.id,
    botId: app.botId,
    userId: fields.userId,
    view: fields.view,
    externalId: typeof fields.view.external_id === "string" ? fields.view.external_id : "",
    hash: newHash(state),
    rootViewId: fields.rootViewId ?? id,
    ...(fields.previousViewId ? { previousViewId: fields.previousViewId } : {}),
  };
  state.views.set(id, record);
  state.touch("view", id);
  return record;
}

function newHash(state: SlackState): string {
  return `${state.nowSeconds()}.${state.mintId("").toLowerCase()}`;
}

/**
 * Opens a modal for the trigger's user; emits `view_opened`.
 * @throws SlackApiError `invalid_trigger_id`, `expired_trigger_id`, `invalid_arguments`.
 */
export function openView(
  state: SlackState,
  app: AppRecord,
  triggerId: string,
  view: Record<string, unknown>,
): ViewRecord {
  const userId = useTrigger(state, triggerId);
  checkView(view, "modal");
  const record = newView(state, app, { type: "modal", userId, view });
  state.events.emit({ type: "view_opened", view: record });
  return record;
}

/**
 * Pushes a modal on top of the trigger user's open modal; emits `view_pushed`.
 * @throws SlackApiError `invalid_trigger_id`, `expired_trigger_id`, `invalid_arguments`,
 *   `push_limit_reached` (three modals at most).
 */
export function pushView(
  state: SlackState,
  app: AppRecord,
  triggerId: string,
  view: Record<string, unknown>,
): ViewRecord {
  return stackView(state, app, useTrigger(state, triggerId), view);
}

/**
 * Pushes a modal on top of `userId`'s open modal of `app` (or opens one), without a trigger: what
 * `views.push` does, and a submission answered with `response_action: "push"`; emits `view_pushed`.
 * @throws SlackApiError `invalid_arguments`, `push_limit_reached` (three modals at most).
 */
export function stackView(
  state: SlackState,
  app: AppRecord,
  userId: string,
  view: Record<string, unknown>,
): ViewRecord {
  checkView(view, "modal");
  const top = topModal(state, userId, app.id);
  const depth = top ? stackDepth(state, top) : 0;
  if (depth >= 3) throw slackError("push_limit_reached");
  const record = newView(state, app, {
    type: "modal",
    userId,
    view,
    ...(top ? { rootViewId: top.rootViewId, previousViewId: top.id } : {}),
  });
  state.events.emit({ type: "view_pushed", view: record });
  return record;
}

/** The modal `userId` sees on top (of `appId`'s, when given), if any. */
export function topModal(state: SlackState, userId: string, appId?: string): ViewRecord | undefined {
  return [...state.views.values()]
    .filter((v) => v.type === "modal" && v.userId === userId && (appId === undefined || v.appId === appId))
    .at(-1);
}

/**
 * Closes a modal (the one under it, if any, shows again), or with `all` its whole stack; emits
 * `view_closed` for each, top first.
 * @returns the closed views.
 */
export function closeView(state: SlackState, view: ViewRecord, all = false): ViewRecord[] {
  const closed = all
    ? [...state.views.values()].filter((v) => v.type === "modal" && v.rootViewId === view.rootViewId).reverse()
    : [view];
  for (const record of closed) {
    state.views.delete(record.id);
    state.touch("view", record.id);
    state.events.emit({ type: "view_closed", view: record });
  }
  return closed;
}

function stackDepth(state: SlackState, view: ViewRecord): number {
  let depth = 1;
  for (let v = view; v.previousViewId; depth++) {
    const previous = state.views.get(v.previousViewId);
    if (!previous) break;
    v = previous;
  }
  return depth;
}

/**
 * Replaces a view's payload (by id or external id); emits `view_updated`.
 * @throws SlackApiError `not_found`, `hash_conflict`, `invalid_arguments`.
 */
export function updateView(
  state: SlackState,
  app: AppRecord,
  input: { viewId?: string; externalId?: string; view: Record<string, unknown>; hash?: string },
): ViewRecord {
  const record =
    input.viewId !== undefined
      ? state.views.get(input.viewId)
      : [...state.views.values()].find((v) => v.externalId === input.externalId && v.appId === app.id);
  if (!record || record.appId !== app.id) throw slackError("not_found");
  if (input.hash !== undefined && input.hash !== record.hash) throw slackError("hash_conflict");
  checkView(input.view, record.type);
  record.view = input.view;
  if (typeof input.view.external_id === "string") record.externalId = input.view.external_id;
  record.hash = newHash(state);
  state.touch("view", record.id);
  state.events.emit({ type: "view_updated", view: record });
  return record;
}

/**
 * Publishes `userId`'s App Home tab of `app` (replacing the previous one); emits `view_published`.
 * @throws SlackApiError `user_not_found`, `hash_conflict`, `invalid_arguments`.
 */
export function publishView(
  state: SlackState,
  app: AppRecord,
  input: { userId: string; view: Record<string, unknown>; hash?: string },
): ViewRecord {
  state.user(input.userId);
  checkView(input.view, "home");
  const existing = [...state.views.values()].find(
    (v) => v.type === "home" && v.userId === input.userId && v.appId === app.id,
  );
  if (existing && input.hash !== undefined && input.hash !== existing.hash) throw slackError("hash_conflict");
  if (existing) {
    existing.view = input.view;
    existing.hash = newHash(state);
    state.touch("view", existing.id);
    state.events.emit({ type: "view_published", view: existing });
    return existing;
  }
  const record = newView(state, app, { type: "home", userId: input.userId, view: input.view });
  state.events.emit({ type: "view_published", view: record });
  return record;
}
