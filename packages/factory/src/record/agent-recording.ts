/**
 * Records a `factory agent` session into a context store (opt-in: `--store PATH|URL` or
 * `$FACTORY_STORE`): one context per session (client tag `factory`, labels `agent`, provider and
 * model), filled by the same session recorder as a `factory run` codergen stage
 * (recordSessionEvents: user input, assistant turns with reasoning and tool calls, tool results,
 * system turns, a child context per subagent).
 * @module
 */
import type { SessionEventListener } from "@darkfactory/agent";
import type { ContextRecorder, SessionRecorder } from "@darkfactory/cxdb";
import { recordSessionEvents } from "../agent/record-session.js";
import type { RunRecordingSummary } from "../render/types.js";
import { displayPath } from "../run/run-options.js";
import { openFactoryRecorder } from "./factory-recorder.js";
import { parseStoreOption } from "./run-record.js";

/** Environment variable naming the store `factory agent` records into when `--store` is not given. */
export const STORE_ENV = "FACTORY_STORE";

/** The last `--json` line of a recorded `factory agent`, like `factory run`'s `run_recorded`. */
export interface AgentRecordedLine {
  type: "agent_recorded";
  /** ISO-8601 time the recording was closed. */
  ts: string;
  /** Store file (absolute) or server URL. */
  store: string;
  /** The session's context; null when it could not be created. */
  contextId: number | null;
  /** Turns written. */
  turns: number;
  /** Turns not written because recording stopped. */
  dropped: number;
  /** Why recording stopped, when it did. */
  error?: string;
}

/** What the session is, for its context's metadata. */
export interface AgentSessionInfo {
  instruction: string;
  provider: string;
  model: string;
  workDir: string;
}

/**
 * The store `factory agent` records into: `--no-store` (false) → none; `--store VALUE` → that;
 * else `$FACTORY_STORE` when set and not empty; else none (no default store file).
 * @throws CliError (exit 2) for an empty `--store` or a malformed URL.
 */
export function resolveAgentStore(
  option: string | false | undefined,
  context: { cwd: string; env: NodeJS.ProcessEnv },
): string | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return parseStoreOption(option, context.cwd);
  const fromEnv = context.env[STORE_ENV];
  if (fromEnv === undefined || fromEnv.trim() === "") return undefined;
  return parseStoreOption(fromEnv, context.cwd, `$${STORE_ENV}`);
}

/** A session being recorded: feed it the session's events, then `finish`. */
export class AgentRecording {
  readonly #recorder: ContextRecorder;
  readonly #session: SessionRecorder;
  /** Records one session event. Never throws. */
  readonly listener: SessionEventListener;

  constructor(recorder: ContextRecorder, info: AgentSessionInfo) {
    this.#recorder = recorder;
    this.#session = recorder.openSession({
      title: `agent: ${titleOf(info.instruction)}`,
      labels: ["agent", info.provider, info.model],
      custom: { provider: info.provider, model: info.model, working_dir: info.workDir },
    });
    this.listener = recordSessionEvents(this.#session);
  }

  /**
   * Opens the recorder for `target`. Never throws: a store that cannot be opened or reached is
   * reported once through `warn`, and the session goes on unrecorded.
   */
  static async open(target: string, info: AgentSessionInfo, warn: (message: string) => void): Promise<AgentRecording> {
    return new AgentRecording(await openFactoryRecorder(target, warn), info);
  }

  /** Waits for every write, closes the store and says what was recorded (paths shown relative to `cwd`). */
  async finish(cwd: string): Promise<RunRecordingSummary> {
    const report = await this.#recorder.close();
    return {
      target: report.target,
      shown: report.kind === "remote" ? report.target : displayPath(report.target, cwd),
      contextId: this.#session.contextId,
      turns: report.turns,
      dropped: report.dropped,
      ...(report.error !== undefined ? { error: report.error } : {}),
    };
  }
}

/** The `--json` line for a finished recording. */
export function agentRecordedLine(summary: RunRecordingSummary): AgentRecordedLine {
  return {
    type: "agent_recorded",
    ts: new Date().toISOString(),
    store: summary.target,
    contextId: summary.contextId ?? null,
    turns: summary.turns,
    dropped: summary.dropped,
    ...(summary.error !== undefined ? { error: summary.error } : {}),
  };
}

/** The instruction's first line, at most 80 characters. */
function titleOf(instruction: string): string {
  const line = instruction.trim().split("\n", 1)[0].trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
