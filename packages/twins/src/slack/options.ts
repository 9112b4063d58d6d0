/**
 * Options of the Slack twin, added to the kit's `TwinOptions` as `slack` (module augmentation),
 * so that `startTwin("slack", { slack: { seed } })` is typed.
 * @module
 */
import type { SlackSeed } from "./state/seed.js";

/** Options of the Slack twin (`TwinOptions.slack`). */
export interface SlackTwinOptions {
  /**
   * The workspace to start with: a seed object, or its YAML/JSON text. Default `DEFAULT_SEED`
   * (one team, alice and bob, the app "Twin App" with bot token `xoxb-twin-bot`). Ignored when
   * `database` already holds a workspace. `POST /_twin/reset` goes back to it.
   */
  seed?: SlackSeed | string;
  /** File name of a text `seed`, for error messages (default `<seed>`). */
  seedFile?: string;
  /** SQLite file the state persists to (created when missing); default: in memory only. */
  database?: string;
  /**
   * Realistic mode: Slack's per-method rate-limit tiers (and about one `chat.postMessage` per second
   * per channel) answered with 429 `ratelimited` and `Retry-After`. Default false; also switched
   * by `PUT /_twin/slack/realistic`.
   */
  realistic?: boolean;
}

declare module "../kit/types.js" {
  interface TwinOptions {
    /** Slack twin only: seed, persistence and realistic mode (see `SlackTwinOptions`). */
    slack?: SlackTwinOptions;
  }
}
