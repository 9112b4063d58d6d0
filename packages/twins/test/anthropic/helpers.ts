// Shared helpers of the Anthropic twin tests: a running twin, the official SDK on it, raw
// requests with Anthropic's headers and test data (the admin API is in ../helpers/admin.ts).
import Anthropic from "@anthropic-ai/sdk";
import type { RunningTwin, TwinOptions } from "../../src/index.js";
import { startTwin } from "../../src/index.js";

/** An error of the SDK (`Anthropic.APIError` is a value; this is its instance type). */
export type ApiError = InstanceType<typeof Anthropic.APIError>;

/** The error `promise` fails with. @throws when it succeeds. */
export async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error("expected the request to fail");
}

/** A current model the SDK does not warn about. */
export const MODEL = "claude-sonnet-4-6";

/** Starts the Anthropic twin on a free loopback port. */
export function startAnthropicTwin(options: TwinOptions = {}): Promise<RunningTwin> {
  return startTwin("anthropic", { port: 0, ...options });
}

/** The official SDK pointed at `twin` (`baseURL` is the twin's origin), retries off unless asked. */
export function sdkClient(
  twin: RunningTwin,
  options: { apiKey?: string; maxRetries?: number; timeoutMs?: number } = {},
): Anthropic {
  return new Anthropic({
    baseURL: twin.sdkBaseUrl,
    apiKey: options.apiKey ?? "sk-ant-test-key",
    maxRetries: options.maxRetries ?? 0,
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
  });
}

/** Headers of a raw request: a key, the version, JSON. */
export function anthropicHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "x-api-key": "sk-ant-raw", "anthropic-version": "2023-06-01", "content-type": "application/json", ...extra };
}

/** A raw `POST /v1/messages`; returns status, headers and the parsed (or raw) body. */
export async function postMessages(
  twin: RunningTwin,
  body: unknown,
  headers: Record<string, string> = anthropicHeaders(),
): Promise<{ status: number; headers: Headers; body: Record<string, unknown>; text: string }> {
  const response = await fetch(`${twin.url}/v1/messages`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // SSE or broken JSON: the caller reads `text`.
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** A weather tool as the Messages API declares it. */
export const WEATHER_TOOL = {
  name: "get_weather",
  description: "Current weather of a city.",
  input_schema: {
    type: "object" as const,
    properties: { city: { type: "string" } },
    required: ["city"],
  },
};

const PROSE = "the factory builds software from specs and runs every test at night".split(" ");

/** `tokens` tokens of stable prose, one word each (for prompts the cache will store). */
export function longText(tokens: number): string {
  return Array.from({ length: tokens }, (_, i) => PROSE[i % PROSE.length]).join(" ");
}
