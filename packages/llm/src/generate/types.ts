/**
 * Types shared by the high-level API (unified-llm-spec §4.3-4.6, §5): tools with handlers, the
 * options of `generate()`/`stream()`, and the per-step and final results.
 * @module
 */
import type { Client } from "../client/client.js";
import type { InvalidToolCallError } from "../errors/client-errors.js";
import type { RetryPolicy, RetryRuntime } from "../http/retry.js";
import type { Message } from "../types/message.js";
import type { ReasoningEffort, ResponseFormat } from "../types/request.js";
import type { FinishReason, Response, Usage, Warning } from "../types/response.js";
import type { ToolCall, ToolChoice, ToolDefinition, ToolResult } from "../types/tool.js";

/** §5.2 the context injected into a tool handler as its second parameter. */
export interface ToolExecuteContext {
  /** Id of the tool call being answered. */
  toolCallId: string;
  /** The conversation so far, ending with the assistant message that holds the call (a copy). */
  messages: Message[];
  /** Aborts when the operation is cancelled or its total timeout expires. */
  abortSignal: AbortSignal;
}

/**
 * §5.1 a tool: its definition plus an optional handler. With `execute` the tool is active and
 * `generate()`/`stream()` run it; without, it is passive and its calls are returned to the caller
 * (§5.5).
 */
export interface Tool<Args = Record<string, unknown>> extends ToolDefinition {
  /**
   * Runs the tool with the arguments the model gave, parsed and validated against `parameters`.
   * Returns a string or any JSON-serializable value; throwing sends an error result
   * (`isError: true`) to the model instead of failing the generation (§5.2).
   */
  execute?(args: Args, context: ToolExecuteContext): unknown;
}

/** §5.6 a custom stop condition, checked after each step that executed tools. */
export type StopCondition = (steps: StepResult[]) => boolean | Promise<boolean>;

/** Input of a {@link RepairToolCall} hook. */
export interface RepairToolCallOptions {
  /** The call whose arguments failed to parse or validate. */
  toolCall: ToolCall;
  tool: Tool;
  /** What was wrong, as a readable message. */
  error: InvalidToolCallError;
  /** The conversation so far (a copy). */
  messages: Message[];
  abortSignal: AbortSignal;
}

/**
 * §5.8 repairs invalid tool arguments: returns replacement arguments (validated again), or
 * `undefined`/`null` to give up, in which case the model receives an error result.
 */
export type RepairToolCall = (
  options: RepairToolCallOptions,
) => Record<string, unknown> | null | undefined | Promise<Record<string, unknown> | null | undefined>;

/** §4.7 timeouts of a high-level call, in milliseconds. */
export interface TimeoutConfig {
  /** For the whole multi-step operation; expiry rejects with RequestTimeoutError scope `total`. */
  totalMs?: number;
  /** For each step's LLM call (including its retries); expiry rejects with scope `per_step`. */
  perStepMs?: number;
}

/** Options of `generate()` and `stream()` (§4.3). Give exactly one of `prompt` and `messages`. */
export interface GenerateOptions {
  /** The provider's native model id. */
  model: string;
  /** A simple prompt, sent as one user message. */
  prompt?: string;
  /** A full conversation (not modified). */
  messages?: Message[];
  /** Prepended as a system message. */
  system?: string;
  /** Tools the model may call; those with `execute` are run automatically (§5.5). */
  tools?: Tool[];
  /** Defaults to `auto` when tools are present. */
  toolChoice?: ToolChoice;
  /** Maximum rounds of tool execution (default 1; 0 = never execute). At most `maxToolRounds + 1` LLM calls. */
  maxToolRounds?: number;
  /** Stops the tool loop early when it returns true (see `stepCountIs`, `hasToolCall`). */
  stopWhen?: StopCondition;
  /** §5.8 hook to repair tool arguments that fail their schema. */
  repairToolCall?: RepairToolCall;
  responseFormat?: ResponseFormat;
  temperature?: number;
  topP?: number;
  /** Maximum output tokens per step. */
  maxTokens?: number;
  stopSequences?: string[];
  reasoningEffort?: ReasoningEffort;
  /** The provider key; the client's default when omitted. */
  provider?: string;
  providerOptions?: Record<string, Record<string, unknown>>;
  metadata?: Record<string, string>;
  /** Retries of each step's LLM call for transient errors (default 2; 0 disables, §6.6). */
  maxRetries?: number;
  /** Backoff settings beyond `maxRetries` (§6.6 RetryPolicy; delays in seconds). */
  retryPolicy?: Partial<Omit<RetryPolicy, "maxRetries">>;
  /** Sleep and randomness used between retries (tests inject these). */
  retryRuntime?: Pick<RetryRuntime, "sleep" | "random">;
  /** Total timeout in ms, or separate total and per-step timeouts (§4.7). */
  timeout?: number | TimeoutConfig;
  /** Cancels the operation; it rejects (or the stream throws) with AbortError (§4.7). */
  abortSignal?: AbortSignal;
  /** The client to use (default: `getDefaultClient()`, §2.5). */
  client?: Client;
}

/** §4.3 the result of one step: one LLM call and the tools run for it. */
export interface StepResult {
  text: string;
  reasoning: string | undefined;
  toolCalls: ToolCall[];
  /** Results of the tools run after this step's call, in call order (empty when none ran). */
  toolResults: ToolResult[];
  finishReason: FinishReason;
  usage: Usage;
  response: Response;
  warnings: Warning[];
}

/** §4.3 the result of `generate()`: the final step's fields plus every step and the total usage. */
export interface GenerateResult<Output = unknown> {
  /** Text of the final step. */
  text: string;
  reasoning: string | undefined;
  /** Tool calls of the final step (unexecuted ones when the loop stopped on them). */
  toolCalls: ToolCall[];
  toolResults: ToolResult[];
  finishReason: FinishReason;
  /** Usage of the final step. */
  usage: Usage;
  /** Usage summed over all steps. */
  totalUsage: Usage;
  steps: StepResult[];
  /** The final Response. */
  response: Response;
  /** Parsed structured output (`generateObject()`). */
  output?: Output;
}
