/**
 * Views as the Web API shows them (`views.open`, `views.publish`, ...), in Slack's snake_case.
 * @module
 */
import type { SlackState } from "../state/slack-state.js";
import type { ViewRecord } from "../state/types.js";

/**
 * A view object: the payload the app sent, with Slack's ids, hash, stack and state.
 * @param values `state.values` (what a person entered, by block and action id); default none.
 */
export function viewObject(
  state: SlackState,
  view: ViewRecord,
  values: Record<string, unknown> = {},
): Record<string, unknown> {
  const payload = view.view;
  const pick = (key: string, fallback: unknown) => (payload[key] === undefined ? fallback : payload[key]);
  return {
    id: view.id,
    team_id: state.team.id,
    type: view.type,
    blocks: pick("blocks", []),
    private_metadata: pick("private_metadata", ""),
    callback_id: pick("callback_id", ""),
    state: { values },
    hash: view.hash,
    title: pick("title", null),
    clear_on_close: pick("clear_on_close", false),
    notify_on_close: pick("notify_on_close", false),
    close: pick("close", null),
    submit: pick("submit", null),
    previous_view_id: view.previousViewId ?? null,
    root_view_id: view.rootViewId,
    app_id: view.appId,
    external_id: view.externalId,
    app_installed_team_id: state.team.id,
    bot_id: view.botId,
  };
}
