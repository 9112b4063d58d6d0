// What each recorded Gemini response in ../shared/fixtures/llm/gemini must translate to, worked out
// by reading the fixture. Usage: outputTokens = candidatesTokenCount + thoughtsTokenCount (see
// geminiUsage), so totalTokens equals Gemini's totalTokenCount.

export interface ExpectedCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Start of `providerMetadata.gemini.thoughtSignature`, when the call carries one. */
  signaturePrefix?: string;
}

export interface GeminiFixtureExpectation {
  /** `stream` (.chunks.txt), `json` (a whole 200 body) or `error` (an error body). */
  kind: "stream" | "json" | "error";
  /** Status to serve an error body with. */
  status?: number;
  text?: string;
  /** Start of the reasoning text (undefined: none). */
  reasoningPrefix?: string;
  /** Start of the thought signature kept for the text part (a Gemini provider part). */
  textSignaturePrefix?: string;
  toolCalls?: ExpectedCall[];
  finish?: { reason: string; raw?: string };
  usage?: { inputTokens: number; outputTokens: number; totalTokens: number; reasoningTokens?: number };
  id?: string;
  model?: string;
  /** True when arguments stream as Vertex `partialArgs`, which have no one-body equivalent. */
  partialArgs?: boolean;
  error?: { name: string; statusCode: number; errorCode: string; retryAfter: number; retryable: boolean };
}

const STRAWBERRY_REASONING = 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.';

const RECIPE = {
  recipe: {
    ingredients: [
      { amount: "16 oz", name: "Lasagna noodles" },
      { amount: "1 lb", name: "Ground beef" },
      { amount: "15 oz", name: "Ricotta cheese" },
      { amount: "3 cups", name: "Mozzarella cheese" },
      { amount: "1/2 cup", name: "Parmesan cheese" },
      { amount: "24 oz", name: "Tomato sauce" },
      { amount: "1", name: "Egg" },
      { amount: "2 cloves", name: "Garlic" },
      { amount: "1 tsp", name: "Salt" },
      { amount: "1/2 tsp", name: "Pepper" },
    ],
    name: "Lasagna",
    steps: [
      "Preheat oven to 375°F (190°C).",
      "Cook lasagna noodles according to package directions, drain and set aside.",
      "Brown ground beef with minced garlic in a skillet. Drain fat and stir in tomato sauce. Simmer for 10 minutes.",
      "In a bowl, mix ricotta cheese, egg, salt, pepper, and Parmesan cheese.",
      "In a 9x13 baking dish, spread a thin layer of meat sauce.",
      "Layer noodles, ricotta mixture, mozzarella, and meat sauce. Repeat.",
      "Top with remaining mozzarella cheese.",
      "Cover with foil and bake for 25 minutes.",
      "Remove foil and bake for another 25 minutes until golden.",
      "Let stand for 15 minutes before serving.",
    ],
  },
};

/** One entry per file of the folder; the suite fails when a file has none. */
export const GEMINI_FIXTURES: Record<string, GeminiFixtureExpectation> = {
  "google-429-retry-info.json": {
    kind: "error",
    status: 429,
    // A per-minute quota with RetryInfo 34.4s: retryable, not an exhausted quota.
    error: {
      name: "RateLimitError",
      statusCode: 429,
      errorCode: "RESOURCE_EXHAUSTED",
      retryAfter: 34.4,
      retryable: true,
    },
  },
  "google-reasoning.chunks.txt": {
    kind: "stream",
    text: STRAWBERRY_REASONING,
    textSignaturePrefix: "Eo0HCooHAb4+",
    finish: { reason: "stop", raw: "STOP" },
    usage: { inputTokens: 9, outputTokens: 29 + 256, totalTokens: 294, reasoningTokens: 256 },
    id: "dX6LadKVC7SZ28oPr9yJoQs",
    model: "gemini-3-pro-preview",
  },
  "google-reasoning.json": {
    kind: "json",
    text: STRAWBERRY_REASONING,
    textSignaturePrefix: "EvsFCvgFAb4+",
    finish: { reason: "stop", raw: "STOP" },
    usage: { inputTokens: 9, outputTokens: 29 + 282, totalTokens: 320, reasoningTokens: 282 },
    id: "YH6LaZT7ENmPxN8P-r2J8Aw",
    model: "gemini-3-pro-preview",
  },
  "google-stream-no-args-tool-call.chunks.txt": {
    kind: "stream",
    partialArgs: true,
    text: "",
    reasoningPrefix: "**Processing User Requests**\n\nI've started by understanding",
    toolCalls: [
      { name: "read_theme", arguments: {}, signaturePrefix: "AY89a18a8/Loc" },
      { name: "read_screen", arguments: { id: "A" } },
      { name: "read_screen", arguments: { id: "B" } },
      { name: "read_screen", arguments: { id: "C" } },
    ],
    finish: { reason: "tool_calls", raw: "STOP" },
    usage: { inputTokens: 249, outputTokens: 58 + 183, totalTokens: 490, reasoningTokens: 183 },
    id: "_vr4aYiWEJnYodAPkujX0QM",
    model: "gemini-3-flash-preview",
  },
  "google-stream-tool-call-arguments.chunks.txt": {
    kind: "stream",
    partialArgs: true,
    text: "",
    toolCalls: [
      { name: "getWeather", arguments: { location: "Boston" }, signaturePrefix: "CiMBjz1rX25K" },
      { name: "getWeather", arguments: { location: "San Francisco" } },
    ],
    finish: { reason: "tool_calls", raw: "STOP" },
    usage: { inputTokens: 26, outputTokens: 23 + 132, totalTokens: 181, reasoningTokens: 132 },
    id: "dqHOab6xGLzWodAPkPuViA4",
    model: "gemini-3.1-pro-preview",
  },
  "google-text.chunks.txt": {
    kind: "stream",
    text: 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y',
    textSignaturePrefix: "EqsFCqgFAb4+",
    finish: { reason: "stop", raw: "STOP" },
    usage: { inputTokens: 9, outputTokens: 23 + 185, totalTokens: 217, reasoningTokens: 185 },
    id: "bH6LaZW8Fp_3nsEPqtaSwQ4",
    model: "gemini-3-pro-preview",
  },
  "google-text.json": {
    kind: "json",
    text: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
    textSignaturePrefix: "EtoFCtcFAb4+",
    finish: { reason: "stop", raw: "STOP" },
    usage: { inputTokens: 9, outputTokens: 28 + 244, totalTokens: 281, reasoningTokens: 244 },
    id: "Un6LacrVMcjUxs0PmJfWoQc",
    model: "gemini-3-pro-preview",
  },
  "google-tool-call.chunks.txt": {
    kind: "stream",
    text: "",
    toolCalls: [{ name: "weather", arguments: { location: "San Francisco" }, signaturePrefix: "EqUCCqICAb4+" }],
    finish: { reason: "tool_calls", raw: "STOP" },
    usage: { inputTokens: 29, outputTokens: 15 + 45, totalTokens: 89, reasoningTokens: 45 },
    id: "b36LacjwM668nsEP2tbsgQQ",
    model: "gemini-3-pro-preview",
  },
  "google-tool-call.json": {
    kind: "json",
    text: "",
    toolCalls: [{ name: "weather", arguments: { location: "San Francisco" }, signaturePrefix: "EskgCsYgAb4+" }],
    finish: { reason: "tool_calls", raw: "STOP" },
    usage: { inputTokens: 29, outputTokens: 15 + 893, totalTokens: 937, reasoningTokens: 893 },
    id: "m36LaZGyCLz1xs0PtNSB-QU",
    model: "gemini-3-pro-preview",
  },
  "google-vertex-stream-tool-call-arguments-nested.1.chunks.txt": {
    kind: "stream",
    partialArgs: true,
    text: "",
    toolCalls: [{ name: "cookRecipe", arguments: RECIPE, signaturePrefix: "CmIBjz1rX0" }],
    finish: { reason: "tool_calls", raw: "STOP" },
    usage: { inputTokens: 31, outputTokens: 684 + 1026, totalTokens: 1741, reasoningTokens: 1026 },
    id: "tjXVaYaxFISTq8YP_MWiyAo",
    model: "gemini-3.1-pro-preview",
  },
};
