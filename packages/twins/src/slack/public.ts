/**
 * The Slack twin's public API, re-exported by the package index: the twin, its options and seeds,
 * its state with the state events, and the Events API delivery records.
 * @module
 */
export { buildSlackTwin, slackTwin } from "./app.js";
export { SlackApiError } from "./errors.js";
export type { Delivery, DeliveryAttempt, SlackEventsOptions } from "./events/types.js";
export type { SlackTwinOptions } from "./options.js";
export { slackState } from "./slack-runtime.js";
export type { SlackStateEvent, SlackStateListener } from "./state/events.js";
export { DEFAULT_SEED, loadSlackSeed, type SlackSeed } from "./state/seed.js";
export { type SlackSnapshot, SlackState } from "./state/slack-state.js";
