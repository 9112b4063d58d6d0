// The token counts a twin reported in one response, read from the journal's copy of the response
// body (JSON, or the SSE text of a stream) into the provider-neutral NeutralUsage. Written apart
// from the adapters' own usage mapping, so that the matrix's expectReportedUsage compares two
// independent readings of the wire.
import type { NeutralUsage, ParityProvider } from "../wire/types.js";
import { isObject } from "../wire/types.js";

type Json = Record<string, unknown>;

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

/** The JSON `data:` payloads of an SSE text, in order (a non-JSON payload such as `[DONE]` is skipped). */
export function sseData(text: string): Json[] {
  const out: Json[] = [];
  for (const event of text.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).trimStart())
      .join("\n");
    if (data === "") continue;
    try {
      const parsed: unknown = JSON.parse(data);
      if (isObject(parsed)) out.push(parsed);
    } catch {
      // not JSON
    }
  }
  return out;
}

/** The `usage` object of a JSON body. */
function usageField(body: unknown): Json | undefined {
  const usage = obj(body).usage;
  return isObject(usage) ? usage : undefined;
}

/** OpenAI Responses: `usage` of the response (streamed: of `response.completed`). */
function openaiUsage(body: unknown): Json | undefined {
  if (typeof body !== "string") return usageField(body);
  const done = sseData(body).find((e) => e.type === "response.completed");
  const usage = obj(done?.response).usage;
  return isObject(usage) ? usage : undefined;
}

/** Anthropic Messages: the message's `usage` (streamed: `message_start`'s, updated by `message_delta`). */
function anthropicUsage(body: unknown): Json | undefined {
  if (typeof body !== "string") return usageField(body);
  let usage: Json | undefined;
  for (const event of sseData(body)) {
    if (event.type === "message_start") usage = { ...obj(obj(event.message).usage) };
    if (event.type === "message_delta" && usage) Object.assign(usage, obj(event.usage));
  }
  return usage;
}

/** Gemini: `usageMetadata` (streamed: of the last chunk that has it, as every chunk carries the running count). */
function geminiUsage(body: unknown): Json | undefined {
  const chunks = typeof body === "string" ? sseData(body) : Array.isArray(body) ? body.map(obj) : [obj(body)];
  const usage = chunks.findLast((c) => isObject(c.usageMetadata))?.usageMetadata;
  return isObject(usage) ? usage : undefined;
}

/** What `provider` reported in a response body, or undefined when it reported no usage. */
export function reportedUsage(provider: ParityProvider, body: unknown): NeutralUsage | undefined {
  switch (provider) {
    case "openai": {
      const u = openaiUsage(body);
      if (!u) return undefined;
      return {
        input: num(u.input_tokens),
        output: num(u.output_tokens),
        reasoning: num(obj(u.output_tokens_details).reasoning_tokens),
        cacheRead: num(obj(u.input_tokens_details).cached_tokens),
      };
    }
    case "anthropic": {
      const u = anthropicUsage(body);
      if (!u) return undefined;
      // `input_tokens` is only the uncached rest of the prompt.
      const cacheRead = num(u.cache_read_input_tokens);
      const cacheWrite = num(u.cache_creation_input_tokens);
      return {
        input: num(u.input_tokens) + cacheRead + cacheWrite,
        output: num(u.output_tokens),
        reasoning: num(obj(u.output_tokens_details).thinking_tokens),
        cacheRead,
        cacheWrite,
      };
    }
    case "gemini": {
      const u = geminiUsage(body);
      if (!u) return undefined;
      // Thoughts are reported apart from the candidates; both are generated tokens.
      const thoughts = num(u.thoughtsTokenCount);
      return {
        input: num(u.promptTokenCount),
        output: num(u.candidatesTokenCount) + thoughts,
        reasoning: thoughts,
        cacheRead: num(u.cachedContentTokenCount),
      };
    }
  }
}
