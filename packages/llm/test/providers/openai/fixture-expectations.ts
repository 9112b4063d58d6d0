// Per-fixture expectations for ../shared/fixtures/llm/openai (vercel/ai recordings, see SOURCE.md),
// written from reading each file: for a `.chunks.txt` they describe the FIRST response in the file
// (the adapter stops reading at the first terminal event, as the real API ends the stream there).
// Every file in the folder must have a row here; fixtures.test.ts fails on a file without one.
import type { FinishReason, Usage } from "../../../src/types/response.js";

/** A tool call as `Response.toolCalls` reports it. */
export interface ExpectedToolCall {
  id: string;
  name: string;
  /** Parsed arguments (function tools). */
  arguments?: Record<string, unknown>;
  /** The free-form input (custom tools). */
  rawArguments?: string;
  type?: "custom";
}

/** A successful response (from `complete()`, or the `finish` event of `stream()`). */
export interface ResponseExpectation {
  kind: "response";
  id: string;
  model: string;
  /** `stream_start.id` when it differs from the final id (proxies that rotate ids). */
  startId?: string;
  /** Message parts in order: `text`, `thinking`, `tool_call:<name>`, `provider:<item type>`. */
  parts: string[];
  /** The whole text (`""` for none), or a prefix plus the length in UTF-16 units. */
  text?: string;
  textPrefix?: string;
  textLength?: number;
  toolCalls: ExpectedToolCall[];
  /** Start of `Response.reasoning`; absent when the response has no reasoning text. */
  reasoningPrefix?: string;
  finish: FinishReason;
  usage: Omit<Usage, "raw">;
}

/** An HTTP error body, served with `status`. */
export interface HttpErrorExpectation {
  kind: "http_error";
  status: number;
  errorClass: string;
  errorCode?: string;
  messageIncludes: string;
  retryable: boolean;
}

/** A stream the adapter must reject: the error is thrown from the iterator (no event came first). */
export interface StreamThrowsExpectation {
  kind: "stream_throws";
  errorClass: string;
  messageIncludes: string;
  /** What the stream gives once the upstream defect is repaired (each bad line closed with `}`). */
  repaired: ResponseExpectation;
}

export type FixtureExpectation = ResponseExpectation | HttpErrorExpectation | StreamThrowsExpectation;

const parallelResponse: ResponseExpectation = {
  kind: "response",
  id: "resp_parallel",
  model: "gpt-5.4",
  // The model wrapped two calls in an undeclared `parallel` tool (vercel/ai issue 19067); with
  // `weather` and `cityAttractions` declared, the adapter expands it into the two real calls.
  parts: ["tool_call:weather", "tool_call:cityAttractions"],
  text: "",
  toolCalls: [
    { id: "call_parallel_0", name: "weather", arguments: { location: "San Francisco" } },
    { id: "call_parallel_1", name: "cityAttractions", arguments: { city: "Rome" } },
  ],
  finish: { reason: "tool_calls", raw: "completed" },
  usage: { inputTokens: 34, outputTokens: 28, totalTokens: 62, reasoningTokens: 0, cacheReadTokens: 0 },
};

/** Function tools declared in the request, per fixture (base name without `.json`/`.chunks.txt`). */
export const REQUEST_TOOLS: Record<string, string[]> = {
  "parallel-tool-call-wrapper.1": ["weather", "cityAttractions"],
};

/**
 * How a `.json` and `.chunks.txt` of the same name must agree. They are mostly separate
 * recordings (other ids, texts and token counts), so the default is `shape`: the same parts in the
 * same order and the same finish reason. `text` adds the same text; `identical` the same message,
 * usage, id and model.
 */
export type Agreement = "shape" | "text" | "identical" | { skip: string };

export const AGREEMENT: Record<string, Agreement> = {
  "openai-client-tool-search.1": "shape",
  "openai-client-tool-search.2": "shape",
  "openai-compaction.1": "shape",
  "openai-custom-tool.1": "identical",
  "openai-file-search-tool.1": "shape",
  "openai-file-search-tool.2": "shape",
  "openai-local-shell-tool.1": "shape",
  "openai-mcp-tool-approval.1": "shape",
  "openai-mcp-tool-approval.3": "shape",
  "openai-mcp-tool-approval.4": "shape",
  "openai-phase.1": "shape",
  "openai-reasoning-encrypted-content.1": {
    skip: "the stream holds four chained responses (the first ends in a calculator call); the .json is a separate gpt-5-mini run that answers in text",
  },
  // The stream's deltas disagree with its own done text (see EXPECTATIONS); items and usage agree.
  "openai-shell-container.1": "shape",
  "openai-shell-local-multiturn.1": "text",
  "openai-shell-tool.1": "shape",
  "openai-tool-search.1": "shape",
  // Compared with the repaired stream (see EXPECTATIONS).
  "parallel-tool-call-wrapper.1": "identical",
  "programmatic-tool-calling.1": "shape",
  "programmatic-tool-calling.3": "shape",
};

export const EXPECTATIONS: Record<string, FixtureExpectation> = {
  // A Copilot proxy recording that gives every event a fresh id (item ids, item_id of deltas, response
  // ids). The adapter keys items by output_index, so the reasoning and the 55 text deltas still join up;
  // the final id is the terminal event's. cache_write_tokens (0) is reported and mapped.
  "github-copilot-id-rotation.1.chunks.txt": {
    startId: "capture-id-1",
    kind: "response",
    id: "capture-id-69",
    model: "gpt-5.3-codex",
    parts: ["thinking", "provider:reasoning", "text"],
    text: "There are **3** letter **“r”**s in **“strawberry.”**\n\nBreakdown: **s t r a w b e r r y**  \nYou can see **r** at positions **3, 8, and 9**.",
    toolCalls: [],
    reasoningPrefix: "**Counting character occurrences**",
    finish: { reason: "stop", raw: "completed" },
    usage: {
      inputTokens: 19,
      outputTokens: 105,
      totalTokens: 124,
      reasoningTokens: 44,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
  },
  // Stream-only. apply_patch_call is a client-executed built-in: a provider part, finish stays `stop`.
  "openai-apply-patch-tool-delete.1.chunks.txt": {
    kind: "response",
    id: "resp_delete_001",
    model: "gpt-5.1-2025-11-13",
    parts: ["provider:apply_patch_call"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 24, outputTokens: 0, totalTokens: 24, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  // tool_search_call with execution "client": a provider part (the caller answers with tool_search_output).
  "openai-client-tool-search.1.chunks.txt": {
    kind: "response",
    id: "resp_05147bbe356953b60069ab67352c908196a63357757792b203",
    model: "gpt-5.4-2026-03-05",
    parts: ["provider:tool_search_call"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 65, outputTokens: 31, totalTokens: 96, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-client-tool-search.1.json": {
    kind: "response",
    id: "resp_01166e06cf473fc80169ab66e9ce7c8196aa77df57a31b8230",
    model: "gpt-5.4-2026-03-05",
    parts: ["provider:tool_search_call"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 65, outputTokens: 28, totalTokens: 93, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-client-tool-search.2.chunks.txt": {
    kind: "response",
    id: "resp_05147bbe356953b60069ab6736cddc8196933842ce635db83f",
    model: "gpt-5.4-2026-03-05",
    parts: ["tool_call:get_weather"],
    text: "",
    toolCalls: [
      {
        id: "call_Q7pq6EfVGRnauPLWSSYBGJ1l",
        name: "get_weather",
        arguments: { location: "San Francisco, CA", unit: "fahrenheit" },
      },
    ],
    finish: { reason: "tool_calls", raw: "completed" },
    usage: { inputTokens: 467, outputTokens: 26, totalTokens: 493, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-client-tool-search.2.json": {
    kind: "response",
    id: "resp_01166e06cf473fc80169ab66eaadc8819680a3e03ef7363017",
    model: "gpt-5.4-2026-03-05",
    parts: ["tool_call:get_weather"],
    text: "",
    toolCalls: [
      {
        id: "call_heVrRaKZEJbsRvHvaEf5BLUI",
        name: "get_weather",
        arguments: { location: "San Francisco, CA", unit: "fahrenheit" },
      },
    ],
    finish: { reason: "tool_calls", raw: "completed" },
    usage: { inputTokens: 461, outputTokens: 26, totalTokens: 487, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  // 815 text deltas, then a compaction item (encrypted) kept as a provider part; 49792 cached input tokens.
  "openai-compaction.1.chunks.txt": {
    kind: "response",
    id: "resp_0e2ed64344ac7f31016994b30480ac819785e6e4cd43a28c52",
    model: "gpt-5.2-2025-12-11",
    parts: ["text", "provider:compaction"],
    textPrefix: "### Testing strategies: unit vs integration vs E",
    textLength: 3483,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 51097, outputTokens: 2505, totalTokens: 53602, reasoningTokens: 0, cacheReadTokens: 49792 },
  },
  "openai-compaction.1.json": {
    kind: "response",
    id: "resp_0a311635443846b4016994b3e120508196a579ec5483942284",
    model: "gpt-5.2-2025-12-11",
    parts: ["text", "provider:compaction"],
    textPrefix: "### Testing strategies: unit vs integration vs E",
    textLength: 3064,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 51097, outputTokens: 2056, totalTokens: 53153, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  // custom_tool_call: free-form input through custom_tool_call_input.delta; a tool call of type custom.
  "openai-custom-tool.1.chunks.txt": {
    kind: "response",
    id: "resp_custom_tool_test_001",
    model: "gpt-5.2-codex",
    parts: ["tool_call:write_sql"],
    text: "",
    toolCalls: [
      {
        id: "call_custom_sql_001",
        name: "write_sql",
        type: "custom",
        rawArguments: "SELECT * FROM users WHERE age > 25",
      },
    ],
    finish: { reason: "tool_calls", raw: "completed" },
    usage: { inputTokens: 50, outputTokens: 20, totalTokens: 70, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-custom-tool.1.json": {
    kind: "response",
    id: "resp_custom_tool_test_001",
    model: "gpt-5.2-codex",
    parts: ["tool_call:write_sql"],
    text: "",
    toolCalls: [
      {
        id: "call_custom_sql_001",
        name: "write_sql",
        type: "custom",
        rawArguments: "SELECT * FROM users WHERE age > 25",
      },
    ],
    finish: { reason: "tool_calls", raw: "completed" },
    usage: { inputTokens: 50, outputTokens: 20, totalTokens: 70, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  // Reasoning items with an empty summary give no thinking part, only their provider part;
  // output_text.annotation.added events pass through as provider events.
  "openai-file-search-tool.1.chunks.txt": {
    kind: "response",
    id: "resp_0459517ad68504ad0068cabfba22b88192836339640e9a765a",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:reasoning", "provider:file_search_call", "provider:reasoning", "text"],
    textPrefix: "According to the document, an embedding model co",
    textLength: 383,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 3737, outputTokens: 621, totalTokens: 4358, reasoningTokens: 512, cacheReadTokens: 2304 },
  },
  "openai-file-search-tool.1.json": {
    kind: "response",
    id: "resp_0a098396a8feca410068caae39e7648196b346e99fa8ec494c",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:reasoning", "provider:file_search_call", "provider:reasoning", "text"],
    textPrefix: "According to the document, an embedding model is",
    textLength: 439,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 3700, outputTokens: 741, totalTokens: 4441, reasoningTokens: 640, cacheReadTokens: 2560 },
  },
  "openai-file-search-tool.2.chunks.txt": {
    kind: "response",
    id: "resp_06456cb9918b63780068cacd710b0881a1b00b5fca56e7100b",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:reasoning", "provider:file_search_call", "provider:reasoning", "text"],
    textPrefix: "The document defines an embedding model as a too",
    textLength: 380,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 3748, outputTokens: 543, totalTokens: 4291, reasoningTokens: 448, cacheReadTokens: 2304 },
  },
  "openai-file-search-tool.2.json": {
    kind: "response",
    id: "resp_0365d26c32c64c650068cabb02fea4819495862c2bc58440ad",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:reasoning", "provider:file_search_call", "provider:reasoning", "text"],
    textPrefix: "According to the document, an embedding model co",
    textLength: 351,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 3678, outputTokens: 536, totalTokens: 4214, reasoningTokens: 448, cacheReadTokens: 2304 },
  },
  "openai-local-shell-tool.1.chunks.txt": {
    kind: "response",
    id: "resp_68da7fd5d24481949fc2cf1cc60377050faf5df54b42d9a6",
    model: "gpt-5-codex",
    parts: ["provider:reasoning", "provider:local_shell_call"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 407, outputTokens: 151, totalTokens: 558, reasoningTokens: 128, cacheReadTokens: 0 },
  },
  "openai-local-shell-tool.1.json": {
    kind: "response",
    id: "resp_68da74aaae58819ca776fbd20244e8df0fdbc19a07110799",
    model: "gpt-5-codex",
    parts: ["provider:reasoning", "provider:local_shell_call"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 407, outputTokens: 24, totalTokens: 431, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-mcp-tool-approval.1.chunks.txt": {
    kind: "response",
    id: "resp_04a97b4fce127879006949a837a3a48195b37f26ae73f550c0",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:mcp_list_tools", "provider:reasoning", "provider:mcp_approval_request"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 422, outputTokens: 48, totalTokens: 470, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-mcp-tool-approval.1.json": {
    kind: "response",
    id: "resp_04f6b17429cf2b02006949a66d56088196a2d1b86e820556ce",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:mcp_list_tools", "provider:reasoning", "provider:mcp_approval_request"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 422, outputTokens: 104, totalTokens: 526, reasoningTokens: 64, cacheReadTokens: 0 },
  },
  "openai-mcp-tool-approval.3.chunks.txt": {
    kind: "response",
    id: "resp_04a97b4fce127879006949a864795c8195a77efd798149326b",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:mcp_list_tools", "provider:reasoning", "provider:mcp_approval_request"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 609, outputTokens: 48, totalTokens: 657, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-mcp-tool-approval.3.json": {
    kind: "response",
    id: "resp_04f6b17429cf2b02006949a688b32881968e0f3ec6a9efe2da",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:mcp_list_tools", "provider:reasoning", "provider:mcp_approval_request"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 587, outputTokens: 104, totalTokens: 691, reasoningTokens: 64, cacheReadTokens: 0 },
  },
  "openai-mcp-tool-approval.4.chunks.txt": {
    kind: "response",
    id: "resp_04a97b4fce127879006949a87ab0cc8195b3175edc260d6a88",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:mcp_list_tools", "provider:mcp_call", "text"],
    text: "Done — here’s your shortened link:\n\nhttps://zip1.io/UDKvlw\n\nDetails:\n- Original URL: https://ai-sdk.dev/\n- Max clicks: 100\n- Stats: https://zip1.io/stats/UDKvlw\n\nWould you like a custom alias or password protection added?",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 779, outputTokens: 69, totalTokens: 848, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-mcp-tool-approval.4.json": {
    kind: "response",
    id: "resp_04f6b17429cf2b02006949a68dcefc81969600243221f290a7",
    model: "gpt-5-mini-2025-08-07",
    parts: ["provider:mcp_list_tools", "provider:mcp_call", "text"],
    textPrefix: "Done — I created a short link for you.\n\nShort UR",
    textLength: 260,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 765, outputTokens: 74, totalTokens: 839, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  // Two messages (phase commentary, then final_answer) at output_index 0 and 2: two text segments.
  "openai-phase.1.chunks.txt": {
    kind: "response",
    id: "resp_0a63f40a2632b74300699f8818e5648196a8fa657ae8091421",
    model: "gpt-5.3-codex",
    parts: ["text", "text"],
    textPrefix: "Got it — I’ll quickly check reliable, up-to-date",
    textLength: 1638,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 7112, outputTokens: 463, totalTokens: 7575, reasoningTokens: 64, cacheReadTokens: 3072 },
  },
  "openai-phase.1.json": {
    kind: "response",
    id: "resp_0465b6d1ae1f97c500699f88318ee481a3b627f7fcb4875152",
    model: "gpt-5.3-codex",
    parts: ["text", "text"],
    textPrefix: "I’ll quickly check reliable, up-to-date sources ",
    textLength: 1366,
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 7243, outputTokens: 423, totalTokens: 7666, reasoningTokens: 58, cacheReadTokens: 3072 },
  },
  // Four responses recorded back to back; the adapter stops after the first response.completed.
  // Reasoning summary deltas -> thinking, the encrypted reasoning item -> provider part, then a calculator call.
  "openai-reasoning-encrypted-content.1.chunks.txt": {
    kind: "response",
    id: "resp_01830d662ab3856501693c321345c88190b0de00f3b9975691",
    model: "gpt-5.1-codex-max",
    parts: ["thinking", "provider:reasoning", "tool_call:calculator"],
    text: "",
    toolCalls: [{ id: "call_AB6AaRZ1FYZB2RwS6A5vbdqn", name: "calculator", arguments: { a: 12, b: 7, op: "add" } }],
    reasoningPrefix: "**Calculating step-by-step using calculator**\n\nI'll compute ",
    finish: { reason: "tool_calls", raw: "completed" },
    usage: { inputTokens: 134, outputTokens: 28, totalTokens: 162, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-reasoning-encrypted-content.1.json": {
    kind: "response",
    id: "resp_0f35ed53160b395301693cc957829881909359e7f80cdd20b5",
    model: "gpt-5-mini-2025-08-07",
    parts: ["thinking", "provider:reasoning", "text"],
    text: "12 + 7 = 19\n19 × 3 = 57\n57 × 10 = 570\n\nFinal result: 570",
    toolCalls: [],
    reasoningPrefix: "**Reporting final result**\n\nThe tool returned 570, and now I",
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 865, outputTokens: 163, totalTokens: 1028, reasoningTokens: 128, cacheReadTokens: 0 },
  },
  // shell_call_command.* and shell_call_output_content.* events pass through as provider events.
  // Hand-made recording: its four text deltas spell "The command ran successfully." while
  // output_text.done and the message item carry a longer text that does not start with it. The
  // stream keeps what its deltas said (deltas must add up to the final text); text a done event
  // adds after the deltas (openai-phase.1, whose middle deltas were cut) is sent as a last delta.
  "openai-shell-container.1.chunks.txt": {
    kind: "response",
    id: "resp_0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f",
    model: "gpt-5.2-2025-12-11",
    parts: ["provider:shell_call", "provider:shell_call_output", "text"],
    text: "The command ran successfully.",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 200, outputTokens: 120, totalTokens: 320, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-shell-container.1.json": {
    kind: "response",
    id: "resp_0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f",
    model: "gpt-5.2-2025-12-11",
    parts: ["provider:shell_call", "provider:shell_call_output", "text"],
    text: 'The command ran successfully in the container. Here\'s the output:\n\n- The echo command printed: "Hello from container!"\n- The system is running Linux (kernel 6.1.0) on an x86_64 architecture.',
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 200, outputTokens: 120, totalTokens: 320, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-shell-local-multiturn.1.chunks.txt": {
    kind: "response",
    id: "resp_0b0392bd3bb81302006994e83ac0ac819396f3f5aa5f239e03",
    model: "gpt-5.2-2025-12-11",
    parts: ["text"],
    text: "`arm64` (Apple Silicon).",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 444, outputTokens: 12, totalTokens: 456, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-shell-local-multiturn.1.json": {
    kind: "response",
    id: "resp_06a97f431a8c75fa006994e8315b948190b6dc8aec4581c6c9",
    model: "gpt-5.2-2025-12-11",
    parts: ["text"],
    text: "`arm64` (Apple Silicon).",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 444, outputTokens: 12, totalTokens: 456, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  // Two responses back to back; only the first (a local shell_call) is read.
  "openai-shell-tool.1.chunks.txt": {
    kind: "response",
    id: "resp_0434d6d64b12b08900692f639c40408195a50fd07b77ce08a7",
    model: "gpt-5.1-2025-11-13",
    parts: ["provider:shell_call"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 145, outputTokens: 41, totalTokens: 186, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  "openai-shell-tool.1.json": {
    kind: "response",
    id: "resp_0f0d479976b1e9a600692f61be5948819783b655c7a54af2a2",
    model: "gpt-5.1-2025-11-13",
    parts: ["provider:shell_call"],
    text: "",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: { inputTokens: 157, outputTokens: 73, totalTokens: 230, reasoningTokens: 0, cacheReadTokens: 0 },
  },
  // A function call with a `namespace` (a tool found by server-side tool search).
  "openai-tool-search.1.chunks.txt": {
    kind: "response",
    id: "resp_08a14073c7135dc10069aa68621de481908b2fc660fb4fc0af",
    model: "gpt-5.4-2026-03-05",
    parts: ["provider:tool_search_call", "provider:tool_search_output", "tool_call:get_weather"],
    text: "",
    toolCalls: [
      {
        id: "call_pddfxhfOx4gY56zn4vIIEbFp",
        name: "get_weather",
        arguments: { location: "San Francisco, CA", unit: "fahrenheit" },
      },
    ],
    finish: { reason: "tool_calls", raw: "completed" },
    usage: { inputTokens: 640, outputTokens: 46, totalTokens: 686, reasoningTokens: 20, cacheReadTokens: 0 },
  },
  "openai-tool-search.1.json": {
    kind: "response",
    id: "resp_04bd69550b37ba260069aa689530d0819094482b7c14059a0f",
    model: "gpt-5.4-2026-03-05",
    parts: ["provider:tool_search_call", "provider:tool_search_output", "tool_call:get_weather"],
    text: "",
    toolCalls: [
      {
        id: "call_ytqozXvUXG8NN1b0IODxzUaE",
        name: "get_weather",
        arguments: { location: "San Francisco, CA", unit: "fahrenheit" },
      },
    ],
    finish: { reason: "tool_calls", raw: "completed" },
    usage: { inputTokens: 640, outputTokens: 46, totalTokens: 686, reasoningTokens: 20, cacheReadTokens: 0 },
  },
  // A `program` item (an item type newer than the SDK) is a provider part; its function call carries
  // `caller`, kept in providerMetadata for the round trip. The call's done item still says in_progress.
  "programmatic-tool-calling.1.chunks.txt": {
    kind: "response",
    id: "resp_0bac52ec5f239d30016a6145ff09a4819291ced3bf727cda6b",
    model: "gpt-5.6-sol",
    parts: ["provider:reasoning", "provider:program", "tool_call:getInventory"],
    text: "",
    toolCalls: [{ id: "call_VgDSZztLociNcutQZWkC2fmL", name: "getInventory", arguments: { sku: "sku_123" } }],
    finish: { reason: "tool_calls", raw: "completed" },
    usage: {
      inputTokens: 631,
      outputTokens: 87,
      totalTokens: 718,
      reasoningTokens: 37,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
  },
  "programmatic-tool-calling.1.json": {
    kind: "response",
    id: "resp_0742d30c1d273351016a6145ef9a28819fa909a12fb4ce083c",
    model: "gpt-5.6-sol",
    parts: ["provider:reasoning", "provider:program", "tool_call:getInventory"],
    text: "",
    toolCalls: [{ id: "call_rj6LW6NEyodD5YVKeoexoLNz", name: "getInventory", arguments: { sku: "sku_123" } }],
    finish: { reason: "tool_calls", raw: "completed" },
    usage: {
      inputTokens: 631,
      outputTokens: 139,
      totalTokens: 770,
      reasoningTokens: 55,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
  },
  "programmatic-tool-calling.3.chunks.txt": {
    kind: "response",
    id: "resp_0bac52ec5f239d30016a6146034ee08192889c75b6ef1d0922",
    model: "gpt-5.6-sol",
    parts: ["provider:program_output", "text"],
    text: "Inventory is sufficient for `sku_123`: **42 units available** versus **31 units requested**, leaving a **surplus of 11 units**.",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: {
      inputTokens: 757,
      outputTokens: 35,
      totalTokens: 792,
      reasoningTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
  },
  "programmatic-tool-calling.3.json": {
    kind: "response",
    id: "resp_0742d30c1d273351016a6145f48170819f9d1cdfc7d5d7887a",
    model: "gpt-5.6-sol",
    parts: ["provider:program_output", "text"],
    text: "Inventory is sufficient for `sku_123`: **42 units available** versus **31 units requested**, leaving a **surplus of 11 units**.\n\n*Note: The tools were called sequentially because `getDemand` cannot be called in parallel with other tools.*",
    toolCalls: [],
    finish: { reason: "stop", raw: "completed" },
    usage: {
      inputTokens: 802,
      outputTokens: 58,
      totalTokens: 860,
      reasoningTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
  },
  "parallel-tool-call-wrapper.1.json": parallelResponse,
  // Known upstream defect (SOURCE.md): lines 1 and 6 (response.created, response.completed) miss
  // their closing brace. Malformed data is a StreamError, and as no event has been yielded when
  // line 1 fails, it is thrown from the iterator. The repaired file must translate like the .json.
  "parallel-tool-call-wrapper.1.chunks.txt": {
    kind: "stream_throws",
    errorClass: "StreamError",
    messageIncludes: "malformed stream data",
    repaired: parallelResponse,
  },
  "reasoning-model-temperature-error.json": {
    kind: "http_error",
    status: 400,
    errorClass: "InvalidRequestError",
    // `code` is null in the body, so the error code is the `type`.
    errorCode: "invalid_request_error",
    messageIncludes: "Unsupported parameter: 'temperature' is not supported with this model.",
    retryable: false,
  },
};
