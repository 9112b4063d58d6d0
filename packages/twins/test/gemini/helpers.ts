// Shared helpers of the Gemini twin tests: a running twin per test file, the official
// @google/genai SDK pointed at it, raw requests and test data (the admin API is in ../helpers/admin.ts).
import { type FunctionDeclaration, GoogleGenAI, type HttpRetryOptions, Type } from "@google/genai";
import { type RunningTwin, startTwin, type TwinOptions } from "../../src/index.js";

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
