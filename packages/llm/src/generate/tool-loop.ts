/**
 * The multi-step tool loop (unified-llm-spec §5.6), shared by `generate()` and `stream()`: it
 * owns the conversation, decides after each response whether tools run and whether another step
 * follows, and records the steps.
 * @module
 */
import { ConfigurationError } from "../errors/client-errors.js";
import type { Message } from "../types/message.js";
import type { Request } from "../types/request.js";
import type { Response } from "../types/response.js";
import { executeAllTools } from "./execute-tools.js";
import type { SignalScope } from "./operation-scope.js";
import { stepRequest } from "./step-request.js";
import { generateResult, stepResult, toolResultMessages } from "./step-result.js";
import type { GenerateOptions, GenerateResult, StepResult } from "./types.js";

/** The state of one high-level call's tool loop. */
export class ToolLoop {
  /** Steps so far, in order. */
  readonly steps: StepResult[] = [];
  private readonly conversation: Message[];
  private readonly maxToolRounds: number;
  private round = 0;

  /**
   * @param conversation the initial conversation (see `standardizePrompt`); owned by the loop.
   * @throws ConfigurationError when `maxToolRounds` is not a non-negative integer.
   */
  constructor(
    private readonly options: GenerateOptions,
    conversation: Message[],
  ) {
    const max = options.maxToolRounds ?? 1;
    if (!Number.isInteger(max) || max < 0) {
      throw new ConfigurationError({ message: `maxToolRounds must be a non-negative integer (got ${max})` });
    }
    this.maxToolRounds = max;
    this.conversation = conversation;
  }

  /** The Request of the next step. */
  request(): Request {
    return stepRequest(this.options, this.conversation);
  }

  /**
   * §5.6 records the step of `response`. Its tools run (concurrently, §5.7) when it has tool calls,
   * finished with `tool_calls`, and rounds remain. Another step follows when tools ran, none of
   * the calls was for a passive tool (those go back to the caller, §5.5), and `stopWhen` did not
   * stop the loop; the assistant message and the tool results are then appended to the conversation.
   * @throws the scope's abort reason when it aborts during tool execution.
   */
  async step(response: Response, scope: SignalScope): Promise<{ step: StepResult; more: boolean }> {
    const calls = response.toolCalls;
    const due = calls.length > 0 && response.finishReason.reason === "tool_calls" && this.round < this.maxToolRounds;
    let more = due;
    let step: StepResult;
    if (due) {
      const execution = await executeAllTools(calls, this.options.tools ?? [], {
        scope,
        messages: [...this.conversation, response.message],
        repair: this.options.repairToolCall,
      });
      step = stepResult(response, execution.results);
      if (execution.passiveCalls.length > 0) more = false;
    } else {
      step = stepResult(response, []);
    }
    this.steps.push(step);
    if (more && this.options.stopWhen && (await this.options.stopWhen([...this.steps]))) more = false;
    if (more) {
      this.conversation.push(response.message, ...toolResultMessages(step.toolResults));
      this.round++;
    }
    return { step, more };
  }

  /** The GenerateResult of the steps so far (at least one). */
  result(): GenerateResult {
    return generateResult(this.steps);
  }
}
