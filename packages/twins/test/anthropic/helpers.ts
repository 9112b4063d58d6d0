// Shared helpers of the Anthropic twin tests: a running twin, the official SDK on it, raw
// requests with Anthropic's headers, and the admin API.
import Anthropic from "@anthropic-ai/sdk";
import type { JournalEntry, RunningTwin, TwinOptions } from "../../src/index.js";
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

/** `fetch` of an admin path (`/_twin/...`) as JSON. */
export async function admin<T = unknown>(twin: RunningTwin, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${twin.url}/_twin${path}`, init);
  return (await response.json()) as T;
}

/** Resets the twin and unloads its script. */
export async function resetTwin(twin: RunningTwin): Promise<void> {
  await admin(twin, "/reset", { method: "POST" });
  await fetch(`${twin.url}/_twin/script`, { method: "DELETE" });
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

/** Adds fault rules through the admin API. */
export async function addFault(twin: RunningTwin, rule: unknown): Promise<void> {
  const response = await fetch(`${twin.url}/_twin/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
  if (!response.ok) throw new Error(`fault rejected: ${await response.text()}`);
}

/** The journal, oldest first. */
export async function journal(twin: RunningTwin): Promise<JournalEntry[]> {
  const { entries } = await admin<{ entries: JournalEntry[] }>(twin, "/journal");
  return [...entries].sort((a, b) => a.seq - b.seq);
}

/** Parses an SSE body into `{ event, data }` pairs. */
export function parseSse(text: string): { event: string | undefined; data: Record<string, unknown> }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
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
