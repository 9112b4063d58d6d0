/**
 * `cxdb.ConversationItem` v3, CXDB's canonical conversation turn (strongdm/cxdb
 * `clients/go/types/conversation.go`), as camelCase TypeScript shapes. Exactly one variant is set,
 * named by `itemType`; `contextMetadata` (tag 30) goes on the first turn of a context only.
 * Context metadata and provenance reuse the store's {@link ContextMetadata} and {@link Provenance}.
 * @module
 */
import type { ContextMetadata } from "../store/types.js";

/** Declared type version of the items this module writes (CXDB's `TypeVersionConversationItem`). */
export const CONVERSATION_ITEM_VERSION = 3;

/**
 * Which variant an item carries. `user_input`, `assistant_turn`, `system` and `handoff` are CXDB's
 * current variants; `assistant`, `tool_call` and `tool_result` are its flat (legacy) ones, still
 * written and rendered.
 */
export type ItemType =
  | "user_input"
  | "assistant_turn"
  | "system"
  | "handoff"
  | "assistant"
  | "tool_call"
  | "tool_result";

/** Lifecycle state of an item. */
export type ItemStatus = "pending" | "streaming" | "complete" | "error" | "cancelled";

/** Execution state of a tool call inside an assistant turn. */
export type ToolCallStatus = "pending" | "executing" | "complete" | "error" | "skipped";

/** Category of a system message. */
export type SystemKind = "info" | "warning" | "error" | "guardrail" | "rate_limit" | "rewind";

/** One `cxdb.ConversationItem` (tags in brackets). */
export interface ConversationItem {
  /** [1] The variant that is set. */
  itemType: ItemType;
  /** [2] Default `""` (not written as absent: the Go layout writes every field). */
  status?: ItemStatus;
  /** [3] When the item was created, Unix ms. Default 0. */
  timestampMs?: number;
  /** [4] Optional unique id of the item. */
  id?: string;
  /** [10] */
  userInput?: UserInput;
  /** [11] */
  turn?: AssistantTurn;
  /** [12] */
  system?: SystemMessage;
  /** [13] */
  handoff?: HandoffInfo;
  /** [20] Legacy flat assistant message. */
  assistant?: AssistantMessage;
  /** [21] Legacy flat tool call. */
  toolCall?: ToolCallRequest;
  /** [22] Legacy flat tool result. */
  toolResult?: ToolResultMessage;
  /** [30] Context metadata and provenance; first turn of a context only. */
  contextMetadata?: ContextMetadata;
}

/** User input [10]. */
export interface UserInput {
  /** [1] */
  text: string;
  /** [2] File paths included with the input. */
  files?: string[];
}

/** A complete assistant response [11]: text, reasoning, the tool calls it made, usage. */
export interface AssistantTurn {
  /** [1] */
  text: string;
  /** [2] Tool calls the response made (each may carry its result once known). */
  toolCalls?: ToolCallItem[];
  /** [3] Reasoning/thinking text. */
  reasoning?: string;
  /** [4] */
  metrics?: TurnMetrics;
  /** [5] Name of the agent that produced the turn. */
  agent?: string;
  /** [6] 0-based turn number in the session. */
  turnNumber?: number;
  /** [7] Turn limit (0 = none). */
  maxTurns?: number;
  /** [8] Why generation stopped. */
  finishReason?: string;
}

/** A tool call inside an assistant turn. */
export interface ToolCallItem {
  /** [1] Call id from the model. */
  id: string;
  /** [2] */
  name: string;
  /** [3] Arguments as JSON text. */
  args: string;
  /** [4] */
  status: ToolCallStatus;
  /** [5] What the call does, for people. */
  description?: string;
  /** [6] */
  streamingOutput?: string;
  /** [7] */
  streamingOutputTruncated?: boolean;
  /** [8] */
  result?: ToolCallResult;
  /** [9] */
  error?: ToolCallError;
  /** [10] */
  durationMs?: number;
}

/** Successful tool execution. */
export interface ToolCallResult {
  /** [1] */
  content: string;
  /** [2] */
  contentTruncated?: boolean;
  /** [3] */
  success: boolean;
  /** [4] Shell exit code, when there is one. */
  exitCode?: number;
}

/** Failed tool execution. */
export interface ToolCallError {
  /** [1] Machine-readable code. */
  code?: string;
  /** [2] */
  message: string;
  /** [3] */
  exitCode?: number;
}

/** Token usage and timing of an assistant turn. */
export interface TurnMetrics {
  /** [1] */
  inputTokens: number;
  /** [2] */
  outputTokens: number;
  /** [3] */
  totalTokens: number;
  /** [4] */
  cachedTokens?: number;
  /** [5] */
  reasoningTokens?: number;
  /** [6] */
  durationMs?: number;
  /** [7] */
  model?: string;
}

/** A system message or event [12]. */
export interface SystemMessage {
  /** [1] */
  kind: SystemKind;
  /** [2] Short summary. */
  title?: string;
  /** [3] */
  content: string;
}

/** An agent-to-agent handoff [13]. */
export interface HandoffInfo {
  /** [1] */
  fromAgent: string;
  /** [2] */
  toAgent: string;
  /** [3] */
  toolName?: string;
  /** [4] */
  input?: string;
  /** [5] */
  reason?: string;
}

/** Legacy flat assistant message [20] (CXDB's `Assistant`). */
export interface AssistantMessage {
  /** [1] */
  text: string;
  /** [2] */
  reasoning?: string;
  /** [3] */
  model?: string;
  /** [4] */
  inputTokens?: number;
  /** [5] */
  outputTokens?: number;
  /** [6] */
  stopReason?: string;
}

/** Legacy flat tool call [21] (CXDB's `ToolCall`). */
export interface ToolCallRequest {
  /** [1] */
  callId: string;
  /** [2] */
  name: string;
  /** [3] Arguments as JSON text. */
  args: string;
  /** [4] */
  description?: string;
}

/** Legacy flat tool result [22] (CXDB's `ToolResult`), linked to its call by `callId`. */
export interface ToolResultMessage {
  /** [1] */
  callId: string;
  /** [2] */
  content: string;
  /** [3] */
  isError: boolean;
  /** [4] */
  exitCode?: number;
  /** [5] */
  streamingOutput?: string;
  /** [6] */
  outputTruncated?: boolean;
  /** [7] */
  durationMs?: number;
}
