/**
 * Builders of {@link ConversationItem}s, one per variant, with the defaults of CXDB's Go builders
 * (`types/builders.go`): status `complete` (a legacy tool call is `pending`), timestamp now.
 * @module
 */
import type {
  AssistantMessage,
  AssistantTurn,
  ConversationItem,
  HandoffInfo,
  ItemStatus,
  SystemKind,
  ToolCallRequest,
  ToolResultMessage,
} from "./conversation-item.js";

/** What every builder accepts. */
export interface ItemOptions {
  /** Item id (tag 4). Default none (`""` on the wire). */
  id?: string;
  /** Creation time, Unix ms. Default `Date.now()`. */
  timestampMs?: number;
  /** Lifecycle state. Default per builder (see each). */
  status?: ItemStatus;
}

function base(itemType: ConversationItem["itemType"], status: ItemStatus, options: ItemOptions): ConversationItem {
  const item: ConversationItem = {
    itemType,
    status: options.status ?? status,
    timestampMs: options.timestampMs ?? Date.now(),
  };
  if (options.id !== undefined) item.id = options.id;
  return item;
}

/** A `user_input` item: what a user (or a program, for a prompt) sent. Status `complete`. */
export function userInputItem(text: string, options: ItemOptions & { files?: string[] } = {}): ConversationItem {
  const userInput = options.files === undefined ? { text } : { text, files: options.files };
  return { ...base("user_input", "complete", options), userInput };
}

/**
 * An `assistant_turn` item: one complete model response with its text, reasoning, tool calls
 * (their results may follow as {@link toolResultItem}s) and usage. Status `complete`.
 */
export function assistantTurnItem(turn: AssistantTurn, options: ItemOptions = {}): ConversationItem {
  return { ...base("assistant_turn", "complete", options), turn };
}

/** A legacy flat `assistant` item (text, reasoning, model, token counts). Status `complete`. */
export function assistantItem(message: AssistantMessage, options: ItemOptions = {}): ConversationItem {
  return { ...base("assistant", "complete", options), assistant: message };
}

/** A legacy flat `tool_call` item: a call requested, before it runs. Status `pending`. */
export function toolCallItem(call: ToolCallRequest, options: ItemOptions = {}): ConversationItem {
  return { ...base("tool_call", "pending", options), toolCall: call };
}

/** A legacy flat `tool_result` item, linked to its call by `callId`. Status `complete`. */
export function toolResultItem(result: ToolResultMessage, options: ItemOptions = {}): ConversationItem {
  return { ...base("tool_result", "complete", options), toolResult: result };
}

/** A `system` item (info, warning, error, ...). Status `complete`. */
export function systemItem(
  kind: SystemKind,
  content: string,
  options: ItemOptions & { title?: string } = {},
): ConversationItem {
  const system = options.title === undefined ? { kind, content } : { kind, title: options.title, content };
  return { ...base("system", "complete", options), system };
}

/** A `handoff` item: work passed from one agent to another. Status `complete`. */
export function handoffItem(handoff: HandoffInfo, options: ItemOptions = {}): ConversationItem {
  return { ...base("handoff", "complete", options), handoff };
}
