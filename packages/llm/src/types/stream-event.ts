/**
 * Unified stream events (unified-llm-spec §3.13-3.14): a discriminated union on `type`. Text,
 * reasoning and tool calls go start -> delta* -> end; a stream ends with exactly one `finish`
 * (carrying the accumulated Response) or `error`.
 * @module
 */
import type { LlmError } from "../errors/llm-error.js";
import type { StepResult } from "../generate/types.js";
import type { FinishReason, Response, Usage, Warning } from "./response.js";
import type { ToolCall } from "./tool.js";

interface Raw {
  /** The provider event this was translated from, when there is one. */
  raw?: unknown;
}

/** One event of a unified stream. */
export type StreamEvent =
  | (Raw & { type: "stream_start"; id?: string; model?: string; warnings: Warning[] })
  | (Raw & { type: "text_start"; textId: string })
  | (Raw & { type: "text_delta"; textId: string; delta: string })
  | (Raw & { type: "text_end"; textId: string; text: string })
  | (Raw & { type: "reasoning_start"; reasoningId: string; redacted?: boolean })
  | (Raw & { type: "reasoning_delta"; reasoningId: string; delta: string })
  | (Raw & { type: "reasoning_end"; reasoningId: string; text: string; signature?: string; redacted?: boolean })
  | (Raw & { type: "tool_call_start"; toolCallId: string; toolName: string })
  | (Raw & { type: "tool_call_delta"; toolCallId: string; argumentsDelta: string })
  | (Raw & { type: "tool_call_end"; toolCall: ToolCall })
  | (Raw & { type: "finish"; finishReason: FinishReason; usage: Usage; response: Response })
  | (Raw & { type: "error"; error: LlmError })
  /** High-level `stream()` only (§4.4, §5.9): a step ended and its tools ran; the next step follows. */
  | { type: "step_finish"; step: StepResult }
  | { type: "provider_event"; raw: unknown };

/** §3.14 the event types. */
export type StreamEventType = StreamEvent["type"];
