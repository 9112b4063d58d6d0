/**
 * Tool definitions, tool choice, and extracted tool calls/results (unified-llm-spec §5.1-5.4).
 * @module
 */

/** A JSON Schema object (the root of tool parameters must be `{ "type": "object" }`). */
export type JsonSchema = Record<string, unknown>;

/** §5.1 what the model is told about a tool. Layer 4's `Tool` adds an `execute` handler. */
export interface ToolDefinition {
  /** `[a-zA-Z][a-zA-Z0-9_]*`, at most 64 characters. */
  name: string;
  description: string;
  /** JSON Schema with `type: "object"` at the root. */
  parameters: JsonSchema;
}

/** §5.3 tool choice modes. */
export type ToolChoiceMode = "auto" | "none" | "required" | "named";

/** §5.3 whether and how the model uses tools. */
export interface ToolChoice {
  mode: ToolChoiceMode;
  /** Required when `mode` is `named`. */
  toolName?: string;
}

/** §5.4 a tool call extracted from a response. */
export interface ToolCall {
  id: string;
  name: string;
  /** Parsed JSON arguments (`{}` when they did not parse; see `rawArguments`). */
  arguments: Record<string, unknown>;
  /** The argument string as the model produced it. */
  rawArguments?: string;
  /** `function` or `custom`. */
  type?: "function" | "custom";
  /** Provider data that must round-trip with the call. */
  providerMetadata?: Record<string, unknown>;
}

/** §5.4 the result of executing a tool call. */
export interface ToolResult {
  toolCallId: string;
  content: string | Record<string, unknown> | unknown[];
  isError: boolean;
}

const TOOL_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/** True when `name` is a valid tool name (§5.1). */
export function isValidToolName(name: string): boolean {
  return TOOL_NAME.test(name);
}
