/**
 * Session records (coding-agent-loop-spec §2.2-2.4): configuration, lifecycle states, history
 * turns and the result of one `submit()`.
 * @module
 */
import type { Message, ReasoningEffort, ToolCall, ToolResult, Usage } from "@darkfactory/llm";

/**
 * §2.2 session configuration (camelCase of the spec's names). Every field can be changed between
 * two LLM calls through `session.config`; the change applies to the next call.
 */
export interface SessionConfig {
  /** Most assistant turns (LLM responses) across the whole session; 0 = unlimited. Default 0. */
  maxTurns: number;
  /** Most tool rounds per submitted input (not per session); 0 = unlimited. Default 0. */
  maxToolRoundsPerInput: number;
  /** Command timeout when a call sets none, ms. Default 10000 (a profile may override, §3.5). */
  defaultCommandTimeoutMs: number;
  /** Upper bound of any command timeout, ms. Default 600000. */
  maxCommandTimeoutMs: number;
  /** §2.7 `low`/`medium`/`high`, or null for the provider default. Default null. */
  reasoningEffort: ReasoningEffort | null;
  /** §5.2 per-tool character limits, overriding the defaults. */
  toolOutputLimits: Record<string, number>;
  /** §5.3 per-tool line limits, overriding the defaults. */
  toolLineLimits: Record<string, number>;
  /** §2.10 warn the model when tool calls repeat. Default true. */
  enableLoopDetection: boolean;
  /** §2.10 how many recent tool calls are compared. Default 10. */
  loopDetectionWindow: number;
  /** §7.3 deepest subagent nesting; the root session is depth 0. Default 1. */
  maxSubagentDepth: number;
  /** §6.1 layer 5: instructions appended last to the system prompt (highest priority). */
  userInstructions?: string;
}

/** §2.2 the defaults. */
export const DEFAULT_SESSION_CONFIG: Readonly<SessionConfig> = Object.freeze({
  maxTurns: 0,
  maxToolRoundsPerInput: 0,
  defaultCommandTimeoutMs: 10_000,
  maxCommandTimeoutMs: 600_000,
  reasoningEffort: null,
  toolOutputLimits: {},
  toolLineLimits: {},
  enableLoopDetection: true,
  loopDetectionWindow: 10,
  maxSubagentDepth: 1,
});

/** A full config from defaults and overrides (the maps are copied). */
export function resolveSessionConfig(overrides: Partial<SessionConfig> = {}): SessionConfig {
  const config: SessionConfig = { ...DEFAULT_SESSION_CONFIG, ...overrides };
  config.toolOutputLimits = { ...(overrides.toolOutputLimits ?? {}) };
  config.toolLineLimits = { ...(overrides.toolLineLimits ?? {}) };
  return config;
}

/**
 * §2.3 lifecycle: `idle` → `processing` on submit; `processing` → `idle` (completion or limit),
 * `awaiting_input` (the model ended with a question) or `closed` (abort, unrecoverable error);
 * `idle`/`awaiting_input` → `closed` on close().
 */
export type SessionState = "idle" | "processing" | "awaiting_input" | "closed";

/** §2.4 input submitted by the host. `timestamp` is ISO-8601. */
export interface UserTurn {
  kind: "user";
  content: string;
  timestamp: string;
}

/** §2.4 one LLM response. */
export interface AssistantTurn {
  kind: "assistant";
  /** Text output ("" when the model only called tools). */
  content: string;
  toolCalls: ToolCall[];
  /** Reasoning/thinking text, when the provider returned any. */
  reasoning: string | undefined;
  usage: Usage;
  responseId: string | undefined;
  /**
   * The assistant message as the provider returned it: thinking blocks with signatures, OpenAI
   * reasoning items and tool-call metadata round-trip from here unchanged.
   */
  message: Message;
  timestamp: string;
}

/** §2.4 a tool result with the name of the tool that produced it (Gemini needs the name). */
export interface ToolResultEntry extends ToolResult {
  toolName: string;
}

/** §2.4 the results of one tool round, one per call, in call order. `content` is truncated (§5). */
export interface ToolResultsTurn {
  kind: "tool_results";
  results: ToolResultEntry[];
  timestamp: string;
}

/** §2.4 a system note added to the conversation (sent with the system role). */
export interface SystemTurn {
  kind: "system";
  content: string;
  timestamp: string;
}

/** §2.4 a steering message (from `steer()` or loop detection), sent to the model as user input. */
export interface SteeringTurn {
  kind: "steering";
  content: string;
  timestamp: string;
}

/** §2.4 one entry of the history, discriminated on `kind`. */
export type Turn = UserTurn | AssistantTurn | ToolResultsTurn | SystemTurn | SteeringTurn;

/** §2.8 why processing stopped. */
export type StopReason =
  /** The model answered with text only. */
  | "completed"
  /** The model answered with text only and it reads as a question (state `awaiting_input`). */
  | "awaiting_input"
  | "max_tool_rounds"
  | "max_turns"
  /** abort() / close() or the session's signal; the session is closed. */
  | "aborted"
  /** The request no longer fits the context window; the session stays usable. */
  | "context_length"
  /** An LLM error: the session is closed when `fatal`, else idle. */
  | "error";

/** What `submit()` resolves with: how the last processed input (after follow-ups) ended. */
export interface SubmitResult {
  stopReason: StopReason;
  /** Text of the last assistant turn ("" when there was none). */
  text: string;
  /** Tool rounds run for the last input. */
  toolRounds: number;
  /** Assistant turns in the whole session so far. */
  turnsUsed: number;
  /** Session state after processing. */
  state: SessionState;
  /** The error, when `stopReason` is `error` or `context_length`. */
  error?: unknown;
}
