// Shared helpers of the OpenAI twin tests: a running twin per test file, an SDK client on it,
// and test data (the admin API is in ./admin.ts).
import OpenAI from "openai";
import { type RunningTwin, startTwin, type TwinOptions } from "../../src/index.js";

/** Starts the OpenAI twin on a free loopback port. */
export function startOpenAITwin(options: TwinOptions = {}): Promise<RunningTwin> {
  return startTwin("openai", { port: 0, ...options });
}

/** The official SDK pointed at `twin`, retries off unless asked. */
export function sdkClient(
  twin: RunningTwin,
  options: { apiKey?: string; maxRetries?: number; timeoutMs?: number } = {},
): OpenAI {
  return new OpenAI({
    baseURL: twin.sdkBaseUrl,
    apiKey: options.apiKey ?? "sk-test-key",
    maxRetries: options.maxRetries ?? 0,
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
  });
}

/** A strict-mode weather tool for the Responses API. */
export const WEATHER_TOOL = {
  type: "function" as const,
  name: "get_weather",
  description: "Current weather of a city.",
  parameters: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
    additionalProperties: false,
  },
  strict: true,
};
