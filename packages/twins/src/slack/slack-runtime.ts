/**
 * The per-twin runtime of a Slack twin: its state (seeded, or loaded from its SQLite file), the
 * rate limiter of realistic mode, and the delivery of scheduled messages; found from the twin's kit.
 * @module
 */
import { TwinError } from "../kit/twin-error.js";
import type { TwinKit } from "../kit/types.js";
import { RateLimiter } from "./api/rate-limit.js";
import { SlackDatabase } from "./state/database.js";
import { deliverDueMessages } from "./state/scheduled.js";
import { DEFAULT_SEED, loadSlackSeed } from "./state/seed.js";
import { SlackState } from "./state/slack-state.js";

/** What one Slack twin holds besides the kit. */
export interface SlackRuntime {
  state: SlackState;
  limiter: RateLimiter;
  /** Socket Mode tickets handed out by `apps.connections.open`, by ticket id (not persisted). */
  tickets: Map<string, { appId: string; expiresMs: number }>;
  /** The SQLite file, when `TwinOptions.slack.database` is set. */
  database?: SlackDatabase;
  /** Goes back to the twin's seed (`POST /_twin/reset`). */
  reseed(): void;
  /** Stops the scheduler and closes the database (pending changes are written first). */
  close(): void;
}

const runtimes = new WeakMap<TwinKit, SlackRuntime>();

/** How often scheduled messages are checked, in ms. */
const SCHEDULER_INTERVAL_MS = 1000;

/**
 * The runtime of the Slack twin whose kit is `kit`, created on first use: the seed (or the
 * database's stored workspace), the rate limiter and the scheduler. Its state's listener errors go
 * to `onListenerError`.
 * @throws TwinError for a kit of another twin; ScriptError for an invalid seed; TwinError for a
 *   database that cannot be opened.
 */
export function slackRuntime(kit: TwinKit, onListenerError?: (error: unknown) => void): SlackRuntime {
  const existing = runtimes.get(kit);
  if (existing) return existing;
  if (kit.definition.name !== "slack") {
    throw new TwinError({ message: `not a Slack twin: '${kit.definition.name}'` });
  }
  const options = kit.options.slack ?? {};
  const seedSnapshot = () =>
    loadSlackSeed(options.seed ?? DEFAULT_SEED, {
      now: kit.now(),
      ...(options.seedFile ? { file: options.seedFile } : {}),
    });
  const initial = seedSnapshot();
  const database = options.database === undefined ? undefined : new SlackDatabase(options.database);
  const stored = database?.read();
  const state = new SlackState(stored ?? initial, { now: kit.now, ...(onListenerError ? { onListenerError } : {}) });
  if (database) {
    state.persistTo((changes, replaceAll) => database.write(changes, replaceAll));
    if (!stored) state.replace(initial);
  }
  const timer = setInterval(() => deliverDueMessages(state), SCHEDULER_INTERVAL_MS);
  timer.unref();
  const runtime: SlackRuntime = {
    state,
    limiter: new RateLimiter(options.realistic ?? false, kit.now),
    tickets: new Map(),
    ...(database ? { database } : {}),
    reseed() {
      state.replace(seedSnapshot());
      runtime.limiter.reset();
      runtime.limiter.enabled = options.realistic ?? false;
    },
    close() {
      clearInterval(timer);
      state.flush();
      state.persistTo(undefined);
      database?.close();
    },
  };
  runtimes.set(kit, runtime);
  return runtime;
}

/**
 * The state of a Slack twin, e.g. `slackState(twin.kit)` of a `startTwin("slack")` result.
 * @throws TwinError for a kit of another twin.
 */
export function slackState(kit: TwinKit): SlackState {
  return slackRuntime(kit).state;
}
