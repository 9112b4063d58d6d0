// Shared helpers of the Gemini twin tests: a running twin per test file, the official
// @google/genai SDK pointed at it, raw requests, and the admin API.
import { type FunctionDeclaration, GoogleGenAI, type HttpRetryOptions, Type } from "@google/genai";
import { type JournalEntry, type RunningTwin, startTwin, type TwinOptions } from "../../src/index.js";

/** Starts the Gemini twin on a free loopback port. */
export function startGeminiTwin(options: TwinOptions = {}): Promise<RunningTwin> {
  return startTwin("gemini", { port: 0, ...options });
}

/** The official SDK pointed at `twin` (no retries unless `retryOptions` is given). */
export function genai(
  twin: RunningTwin,
  options: { apiKey?: string; retryOptions?: HttpRetryOptions; timeoutMs?: number } = {},
): GoogleGenAI {
  return new GoogleGenAI({
    apiKey: options.apiKey ?? "AIza-twin-test-key",
    httpOptions: {
      baseUrl: twin.url,
      ...(options.retryOptions ? { retryOptions: options.retryOptions } : {}),
      ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
    },
  });
}

/** A JSON POST to `path` (e.g. `/v1beta/models/gemini-2.5-flash:generateContent`) with a key. */
export function post(twin: RunningTwin, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${twin.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-goog-api-key": "AIza-raw", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The `error` of a Google error body. */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: Record<string, unknown>[] };
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
export async function loadScript(twin: RunningTwin, yaml: string): Promise<void> {
  const response = await fetch(`${twin.url}/_twin/script`, {
    method: "PUT",
    headers: { "content-type": "application/yaml" },
    body: yaml,
  });
  if (!response.ok) throw new Error(`script rejected: ${await response.text()}`);
}

/** Adds a fault rule (JSON). */
export async function addFault(twin: RunningTwin, rule: unknown): Promise<void> {
  await fetch(`${twin.url}/_twin/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
}

/** The journal's entries, oldest first. */
export async function journal(twin: RunningTwin): Promise<JournalEntry[]> {
  return (await admin<{ entries: JournalEntry[] }>(twin, "/journal")).entries;
}

/** A weather tool as the SDK takes it (OpenAPI-style `parameters`). */
export const WEATHER_DECLARATION: FunctionDeclaration = {
  name: "get_weather",
  description: "Current weather of a city.",
  parameters: {
    type: Type.OBJECT,
    properties: { city: { type: Type.STRING } },
    required: ["city"],
  },
};
