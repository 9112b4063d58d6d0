/**
 * Chat Completions error bodies (unified-llm-spec §7.6) read into {@link ErrorBodyInfo}; the status
 * mapping is the shared `errorFromStatus`, reached through `httpError`.
 * @module
 */
import type { LlmError } from "../../errors/llm-error.js";
import { type ErrorBodyInfo, httpError } from "../../http/http-call.js";
import type { ChatErrorBody } from "./wire-types.js";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function codeOf(value: unknown): string | undefined {
  return typeof value === "number" ? String(value) : text(value);
}

/**
 * Reads the message and code of OpenAI's `{ error: { message, type, code } }` (code, else type),
 * Ollama's `{ error: "..." }`, vLLM's top-level `{ message, type, code }` and FastAPI's
 * `{ detail }` (a string, or a list of `{ msg }`). Unknown shapes give `{}`.
 */
export function parseChatErrorBody(body: unknown): ErrorBodyInfo {
  if (typeof body !== "object" || body === null) return {};
  const b = body as ChatErrorBody;
  const info: ErrorBodyInfo = {};
  if (typeof b.error === "string") {
    info.message = b.error;
  } else if (typeof b.error === "object" && b.error !== null) {
    const message = text(b.error.message);
    const code = codeOf(b.error.code) ?? text(b.error.type);
    if (message) info.message = message;
    if (code) info.code = code;
  } else if (text(b.message)) {
    info.message = b.message;
    const code = text(b.type) ?? codeOf(b.code);
    if (code) info.code = code;
  } else if (text(b.detail)) {
    info.message = b.detail as string;
  } else if (Array.isArray(b.detail)) {
    const messages = b.detail.map((d) => text((d as { msg?: unknown })?.msg)).filter((m) => m !== undefined);
    if (messages.length > 0) info.message = messages.join("; ");
  }
  return info;
}

/**
 * The error for an `{ error }` object received in a 200 body or stream: mapped like an HTTP
 * error, with the status taken from a numeric `error.code` in 400-599 (else 500, a server error).
 */
export function chatBodyError(provider: string, body: ChatErrorBody, data: string): LlmError {
  const code = typeof body.error === "object" && body.error !== null ? body.error.code : body.code;
  const numeric = typeof code === "number" ? code : Number(code);
  const status = Number.isInteger(numeric) && numeric >= 400 && numeric <= 599 ? numeric : 500;
  return httpError({ provider, parseErrorBody: parseChatErrorBody }, new globalThis.Response(null, { status }), data);
}
