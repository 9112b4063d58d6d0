/**
 * User presence in the Slack twin's state (`users.setPresence`, `users.getPresence`).
 * @module
 */
import type { SlackState } from "./slack-state.js";

/** Sets `userId`'s presence; emits `presence_changed` when it changes. */
export function setPresence(state: SlackState, userId: string, presence: "active" | "away"): void {
  const user = state.user(userId);
  if (user.presence === presence) return;
  user.presence = presence;
  state.touch("user", user.id);
  state.events.emit({ type: "presence_changed", user });
}
