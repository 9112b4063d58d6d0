/**
 * Typed session events (coding-agent-loop-spec §2.9): a discriminated union on `type`, one member
 * per spec event kind (snake_case of the kind's name) plus reasoning deltas and forwarded subagent
 * events. Payloads are complete enough to record a session (full tool output, reasoning, usage).
 * @module
 */
import type { FinishReason, ToolCall, Usage } from "@darkfactory/llm";
import type { SessionState, StopReason } from "./types.js";

interface Base {
  /** The session that emitted the event. */
  sessionId: string;
  /** ISO-8601 time it was emitted. */
  timestamp: string;
}

/** A serialisable summary of an error. */
export interface EventError {
  /** The error class name, e.g. `AuthenticationError`. */
  name: string;
  message: string;
  /** Whether retrying the same call may succeed (from LlmError.retryable; false otherwise). */
  retryable: boolean;
  /** HTTP status for provider errors. */
  statusCode?: number;
}

/** Why a `warning` was emitted. */
export type WarningCode =
  /** §5.5 approximate history size passed 80% of the context window. */
  | "context_usage"
  /** Appendix B the provider rejected the request as too long (ContextLengthError). */
  | "context_length_exceeded"
  /** The provider returned a warning with its response (e.g. an unsupported parameter). */
  | "provider_warning"
  /** A retryable LLM error (429, 5xx, network) is being retried with backoff. */
  | "llm_retry";

/** §5.5 context figures attached to `context_usage` warnings. */
export interface ContextUsage {
  /** History + system prompt characters / 4. */
  approxTokens: number;
  contextWindowSize: number;
  /** approxTokens / contextWindowSize × 100, rounded. */
  percent: number;
}

/**
 * §2.9 every event a session emits. Order for one input: `user_input`, (`steering_injected`)*,
 * then per LLM call `assistant_text_start` → (`assistant_text_delta` | `assistant_reasoning_delta`)*
 * → `assistant_text_end`, then per tool call `tool_call_start` → `tool_call_output_delta`* →
 * `tool_call_end`; finally `processing_end`. `session_start`/`session_end` bracket the session.
 */
export type SessionEvent =
  | (Base & {
      type: "session_start";
      /** Profile id, e.g. `anthropic`. */
      provider: string;
      model: string;
      workingDirectory: string;
      /** 0 for a root session, n for a subagent n levels down. */
      depth: number;
      /** The session that spawned this one (subagents only). */
      parentSessionId?: string;
    })
  | (Base & { type: "session_end"; state: SessionState; reason: "closed" | "aborted" | "error" })
  | (Base & { type: "user_input"; content: string })
  | (Base & { type: "processing_end"; state: SessionState; stopReason: StopReason })
  | (Base & { type: "assistant_text_start"; model: string })
  | (Base & { type: "assistant_text_delta"; delta: string })
  | (Base & { type: "assistant_reasoning_delta"; delta: string })
  | (Base & {
      type: "assistant_text_end";
      /** The full text of the response. */
      text: string;
      reasoning: string | undefined;
      toolCalls: ToolCall[];
      usage: Usage;
      responseId: string | undefined;
      model: string;
      finishReason: FinishReason;
      /** True when the response was cut short (abort or error mid-stream); not added to history. */
      incomplete: boolean;
    })
  | (Base & { type: "tool_call_start"; callId: string; toolName: string; arguments: Record<string, unknown> })
  | (Base & { type: "tool_call_output_delta"; callId: string; delta: string })
  | (Base & {
      type: "tool_call_end";
      callId: string;
      toolName: string;
      /** The FULL untruncated output (or the error message when `isError`). */
      output: string;
      isError: boolean;
      /** True when the model received a truncated version (§5.1). */
      truncated: boolean;
      /** Wall-clock duration, ms. */
      durationMs: number;
    })
  | (Base & { type: "steering_injected"; content: string; source: "steer" | "loop_detection" })
  | (Base & {
      type: "turn_limit";
      limit: "max_tool_rounds_per_input" | "max_turns";
      /** Tool rounds run for the current input. */
      round: number;
      /** Assistant turns in the session. */
      totalTurns: number;
    })
  | (Base & { type: "loop_detection"; message: string; window: number })
  | (Base & { type: "warning"; code: WarningCode; message: string; contextUsage?: ContextUsage })
  | (Base & {
      type: "error";
      error: EventError;
      /** True when the session closes because of it (Appendix B unrecoverable errors). */
      fatal: boolean;
    })
  | (Base & {
      type: "subagent_event";
      /** The subagent's id (as returned by spawn_agent). */
      agentId: string;
      /** The subagent's own event, unchanged. */
      event: SessionEvent;
    });

/** §2.9 the event kinds. */
export type SessionEventType = SessionEvent["type"];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the session stamps it with `sessionId` and `timestamp`. */
export type SessionEventBody = DistributiveOmit<SessionEvent, keyof Base>;

/** Receives events; must not throw (a throwing listener is ignored). */
export type SessionEventListener = (event: SessionEvent) => void;
