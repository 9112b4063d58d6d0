/**
 * Step bookkeeping (unified-llm-spec §4.3, §5.6): a StepResult per LLM call, the GenerateResult
 * made of all steps, and the messages that carry tool results into the next step.
 * @module
 */
import { Message } from "../types/message.js";
import { addUsage, emptyUsage, type Response } from "../types/response.js";
import type { ToolResult } from "../types/tool.js";
import type { GenerateResult, StepResult } from "./types.js";

/** The StepResult of `response` and the tools run for it. */
export function stepResult(response: Response, toolResults: ToolResult[]): StepResult {
  return {
    text: response.text,
    reasoning: response.reasoning,
    toolCalls: response.toolCalls,
    toolResults,
    finishReason: response.finishReason,
    usage: response.usage,
    response,
    warnings: response.warnings,
  };
}

/** The GenerateResult of `steps` (at least one): the last step's fields and `totalUsage` summed over all. */
export function generateResult(steps: StepResult[]): GenerateResult {
  const last = steps.at(-1);
  if (!last) throw new Error("generateResult needs at least one step");
  return {
    text: last.text,
    reasoning: last.reasoning,
    toolCalls: last.toolCalls,
    toolResults: last.toolResults,
    finishReason: last.finishReason,
    usage: last.usage,
    totalUsage: steps.reduce((sum, step) => addUsage(sum, step.usage), emptyUsage()),
    steps,
    response: last.response,
  };
}

/** §5.6 one tool message per result, in order, to append after the assistant message. */
export function toolResultMessages(results: readonly ToolResult[]): Message[] {
  return results.map((result) =>
    Message.toolResult({ toolCallId: result.toolCallId, content: result.content, isError: result.isError }),
  );
}
