/**
 * `generate()` (unified-llm-spec §4.3): non-streaming generation with prompt standardization,
 * the tool loop (§5.6), per-step retries (§6.6), cancellation and timeouts (§4.7).
 * @module
 */
import { getDefaultClient } from "../client/default-client.js";
import type { Response } from "../types/response.js";
import { operationScope, timeoutConfig } from "./operation-scope.js";
import { standardizePrompt } from "./standardize-prompt.js";
import { completeStep } from "./step-call.js";
import { ToolLoop } from "./tool-loop.js";
import type { GenerateOptions, GenerateResult } from "./types.js";

/**
 * Generates a response, running active tools and calling the model again with their results
 * until it answers without tool calls, `maxToolRounds` is spent, or `stopWhen` says stop. Each
 * step's LLM call is retried on its own for transient errors (`maxRetries`, default 2).
 * @example
 * const result = await generate({ model: "claude-opus-4-6", prompt: "Say hi", maxTokens: 100 });
 * result.text; result.totalUsage.totalTokens;
 * @throws ConfigurationError for bad options (both `prompt` and `messages`, an invalid tool, no
 *   provider); AbortError when `abortSignal` aborts; RequestTimeoutError (scope `total` or
 *   `per_step`) when a timeout expires; the provider's error when a step fails after its retries.
 *   Tool failures are not thrown: they go to the model as error results.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const loop = new ToolLoop(options, standardizePrompt(options));
  const client = options.client ?? getDefaultClient();
  const scope = operationScope({ abortSignal: options.abortSignal, timeout: timeoutConfig(options.timeout) });
  try {
    for (;;) {
      scope.throwIfAborted();
      const step = scope.step();
      let response: Response;
      try {
        response = await completeStep(client, loop.request(), step, options);
      } finally {
        step.dispose();
      }
      const { more } = await loop.step(response, scope);
      if (!more) return loop.result();
    }
  } finally {
    scope.dispose();
  }
}
