/**
 * The `anthropic-beta` header: the betas the API knows (an unknown one is a 400), and the ones
 * that change what the twin accepts.
 * @module
 */
import { invalidRequest } from "./errors.js";

/** Beta names the API accepts (those `@anthropic-ai/sdk` 1.11 lists, and the older ones still honoured). */
export const KNOWN_BETAS: ReadonlySet<string> = new Set(
  (
    "message-batches-2024-09-24 prompt-caching-2024-07-31 computer-use-2024-10-22 computer-use-2025-01-24 " +
    "computer-use-2025-11-24 pdfs-2024-09-25 token-counting-2024-11-01 token-efficient-tools-2025-02-19 " +
    "output-128k-2025-02-19 files-api-2025-04-14 mcp-client-2025-04-04 mcp-client-2025-11-20 " +
    "dev-full-thinking-2025-05-14 interleaved-thinking-2025-05-14 code-execution-2025-05-22 " +
    "code-execution-2025-08-25 extended-cache-ttl-2025-04-11 context-1m-2025-08-07 " +
    "context-management-2025-06-27 model-context-window-exceeded-2025-08-26 skills-2025-10-02 " +
    "fine-grained-tool-streaming-2025-05-14 structured-outputs-2025-11-13 advanced-tool-use-2025-11-20 " +
    "effort-2025-11-24 web-fetch-2025-09-10 search-results-2025-06-09 claude-code-20250219 oauth-2025-04-20 " +
    "fast-mode-2026-02-01 output-300k-2026-03-24 user-profiles-2026-03-24 user-profiles-2026-08-18 " +
    "user-profiles-2026-09-04 advisor-tool-2026-03-01 managed-agents-2026-04-01 dreaming-2026-04-21 " +
    "thinking-token-count-2026-05-13 server-side-fallback-2026-06-01 server-side-fallback-2026-07-01 " +
    "fallback-credit-2026-06-01 fallback-credit-2026-07-01 agent-memory-2026-07-22 " +
    "mid-conversation-tool-changes-2026-07-01 compact-2026-01-12 mcp-tunnels-2026-06-22 task-budgets-2026-03-13 " +
    "thinking-display-updates-2026-08-18 mid-conversation-output-config-2026-07-01 " +
    "thinking-binding-controls-2026-08-01 mid-conversation-system-clear-at-2026-08-21 compact-2026-09-04 " +
    "inline-tools-2026-09-15 mcp-client-2026-09-15 ce-plugins-2026-09-01 spend-limit-reads-2026-09-26 " +
    "telemetry-destinations-2026-08-11 webhooks-2026-10-07 admin-user-sign-out-2026-10-08 " +
    "message-threads-2026-08-12 analytics-usage-cost-2026-08-24 experimental-claude-tag-2026-10-21 " +
    "cache-diagnosis-2026-04-07 ce-user-management-2026-07-13 ce-claude-code-managed-settings-2026-10-06 " +
    "user-profiles-billing-2026-10-01"
  ).split(" "),
);

/** Betas that change what the twin accepts or answers. */
export const BETA = {
  /** Thinking budget may exceed `max_tokens` (it spans the whole turn). */
  interleavedThinking: "interleaved-thinking-2025-05-14",
  /** A 1,000,000-token context window on the models that offer it. */
  context1m: "context-1m-2025-08-07",
  /** `max_tokens` up to 128,000 on Claude Sonnet 3.7. */
  output128k: "output-128k-2025-02-19",
  /** The beta `output_format` parameter (structured output before `output_config.format`). */
  structuredOutputs: "structured-outputs-2025-11-13",
  /** Tool input streamed in finer pieces. */
  fineGrainedToolStreaming: "fine-grained-tool-streaming-2025-05-14",
} as const;

/**
 * The betas of a request (`anthropic-beta`, comma-separated, possibly repeated).
 * @throws AnthropicRequestError for a name the API does not know, with its wording.
 */
export function readBetas(header: string | string[] | undefined): Set<string> {
  const values = (Array.isArray(header) ? header : header === undefined ? [] : [header])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
  const unknown = values.filter((v) => !KNOWN_BETAS.has(v));
  if (unknown.length > 0) {
    throw invalidRequest(
      `Unexpected value(s) \`${unknown.join("`, `")}\` for the \`anthropic-beta\` header. Please consult our documentation at docs.claude.com or try again without the header.`,
    );
  }
  return new Set(values);
}
