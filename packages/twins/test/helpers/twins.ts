// Shared helpers of the twin tests: a running OpenAI twin per test file, an SDK client on it,
// and a reader for the twin's admin API.
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

/** `fetch` of an admin path (`/_twin/...`) as JSON. */
export async function admin<T = unknown>(twin: RunningTwin, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${twin.url}/_twin${path}`, init);
  return (await response.json()) as T;
}

/** Loads a script (YAML text) into a running twin. */
export async function loadScriptInto(twin: RunningTwin, yaml: string): Promise<void> {
  const response = await fetch(`${twin.url}/_twin/script`, {
    method: "PUT",
    headers: { "content-type": "application/yaml" },
    body: yaml,
  });
  if (!response.ok) throw new Error(`script rejected: ${await response.text()}`);
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
