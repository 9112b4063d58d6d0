// What each hand-written Chat Completions fixture in test/fixtures/openai-compatible must translate
// to. The fixtures follow the real wire format: OpenAI's chunks (role chunk, content pieces, an empty
// finish chunk, the include_usage chunk with empty choices, `[DONE]`), vLLM's `reasoning_content`,
// Ollama's whole tool calls all at index 0 with finish_reason "stop", and the error bodies of OpenAI
// and vLLM.

export interface ChatFixtureExpectation {
  /** Status (and headers) to serve a `.json` body with; 200 by default. */
  status?: number;
  headers?: Record<string, string>;
  text?: string;
  reasoning?: string;
  toolCalls?: Array<{ id: string; name: string; arguments: Record<string, unknown> }>;
  finish?: { reason: string; raw?: string };
  usage?: {
    inputTokens: number;
    outputTokens: number;
    totalTokens: number;
    reasoningTokens?: number;
    cacheReadTokens?: number;
  };
  id?: string;
  model?: string;
  /** A `.json` error body: what complete() rejects with. */
  error?: { name: string; statusCode: number; errorCode?: string; retryAfter?: number; retryable: boolean };
  /** A `.sse` stream that ends in an `error` event, and the text streamed before it. */
  streamError?: { name: string; retryable: boolean; textBefore: string };
}

const GPT = "gpt-4o-mini-2024-07-18";
const WEATHER_USAGE = { inputTokens: 81, outputTokens: 16, totalTokens: 97, reasoningTokens: 0, cacheReadTokens: 0 };
const PARALLEL_CALLS = [
  { id: "call_1nXw0Lk2Zp9TqA4eRvB8sYdC", name: "get_weather", arguments: { city: "Paris" } },
  { id: "call_8hGf3Ds5Aq7Wz1Xc9Vb2Nm4L", name: "get_weather", arguments: { city: "Tokyo" } },
];
const REASONING = {
  text: "\n\n2 + 2 = **4**",
  reasoning: "Okay, the user asks for 2+2. That is 4.",
  finish: { reason: "stop", raw: "stop" },
  usage: { inputTokens: 14, outputTokens: 47, totalTokens: 61 },
  id: "chatcmpl-9f2c61b4a8d34e0e9b7d1c5a3f6e2b10",
  model: "Qwen/Qwen3-8B",
};

/** One entry per fixture file; the suite fails when a file has none. */
export const CHAT_FIXTURES: Record<string, ChatFixtureExpectation> = {
  "text.sse": {
    text: "Hello! How can I help you today?",
    finish: { reason: "stop", raw: "stop" },
    usage: { inputTokens: 19, outputTokens: 10, totalTokens: 29, reasoningTokens: 0, cacheReadTokens: 0 },
    id: "chatcmpl-BfX3lq9Z2yGk7TcW1uQm0aP5rNvE",
    model: GPT,
  },
  "text.json": {
    text: "Hello! How can I help you today?",
    finish: { reason: "stop", raw: "stop" },
    usage: { inputTokens: 19, outputTokens: 10, totalTokens: 29, reasoningTokens: 0, cacheReadTokens: 0 },
    id: "chatcmpl-BfX3lq9Z2yGk7TcW1uQm0aP5rNvE",
    model: GPT,
  },
  "tool-call.sse": {
    text: "",
    toolCalls: [
      { id: "call_Qm3xV8tR2pLw9YcB4nZ7KjHd", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
    ],
    finish: { reason: "tool_calls", raw: "tool_calls" },
    usage: WEATHER_USAGE,
    model: GPT,
  },
  "tool-call.json": {
    text: "",
    toolCalls: [
      { id: "call_Qm3xV8tR2pLw9YcB4nZ7KjHd", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
    ],
    finish: { reason: "tool_calls", raw: "tool_calls" },
    usage: WEATHER_USAGE,
    model: GPT,
  },
  "parallel-tool-calls.sse": {
    text: "",
    toolCalls: PARALLEL_CALLS,
    finish: { reason: "tool_calls", raw: "tool_calls" },
    usage: { inputTokens: 94, outputTokens: 52, totalTokens: 146, reasoningTokens: 0, cacheReadTokens: 64 },
  },
  "parallel-tool-calls.json": {
    text: "",
    toolCalls: PARALLEL_CALLS,
    finish: { reason: "tool_calls", raw: "tool_calls" },
    usage: { inputTokens: 94, outputTokens: 52, totalTokens: 146, reasoningTokens: 0, cacheReadTokens: 64 },
  },
  "reasoning-content.sse": REASONING,
  "reasoning-content.json": REASONING,
  "ollama-tool-calls.sse": {
    text: "",
    toolCalls: [
      { id: "call_a1b2c3d4", name: "read_file", arguments: { path: "README.md" } },
      { id: "call_e5f6a7b8", name: "list_dir", arguments: { path: "." } },
    ],
    // Ollama says "stop"; the calls make it tool_calls.
    finish: { reason: "tool_calls", raw: "stop" },
    usage: { inputTokens: 210, outputTokens: 38, totalTokens: 248 },
    model: "llama3.1:8b",
  },
  "length.json": {
    text: "Once upon a time, in a land far",
    finish: { reason: "length", raw: "length" },
    usage: { inputTokens: 12, outputTokens: 8, totalTokens: 20, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "error-invalid-request.json": {
    status: 400,
    error: { name: "InvalidRequestError", statusCode: 400, errorCode: "invalid_request_error", retryable: false },
  },
  "error-rate-limit.json": {
    status: 429,
    headers: { "retry-after": "1" },
    error: {
      name: "RateLimitError",
      statusCode: 429,
      errorCode: "rate_limit_exceeded",
      retryAfter: 1,
      retryable: true,
    },
  },
  "error-vllm-not-found.json": {
    status: 404,
    error: { name: "NotFoundError", statusCode: 404, errorCode: "NotFoundError", retryable: false },
  },
  "stream-error.sse": { streamError: { name: "ServerError", retryable: true, textBefore: "Partial" } },
  "truncated.sse": { streamError: { name: "StreamError", retryable: true, textBefore: "Hel" } },
};
