/**
 * Errors the session throws for misuse (coding-agent-loop-spec §2.3 state rules). LLM and tool
 * failures are never thrown from `submit()`: they become `error` events and results.
 * @module
 */

const MARKER = Symbol.for("darkfactory.agent.error");

/** Options common to every agent error. */
export interface AgentErrorOptions {
  message: string;
  cause?: unknown;
}

/** Base class of the errors this package throws. `isInstance` survives duplicate package copies. */
export class AgentError extends Error {
  readonly [MARKER] = true;
  override name = "AgentError";
  constructor(options: AgentErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
  }
  /** True when `value` is an AgentError from any copy of this package. */
  static isInstance(value: unknown): value is AgentError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}

/** The call is not allowed in the session's current state (e.g. submit() while processing or closed). */
export class SessionStateError extends AgentError {
  override name = "SessionStateError";
  /** The state the session was in. */
  readonly state: string;
  constructor(options: AgentErrorOptions & { state: string }) {
    super(options);
    this.state = options.state;
  }
}
