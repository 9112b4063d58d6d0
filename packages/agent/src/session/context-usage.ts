/**
 * Context window awareness (coding-agent-loop-spec §5.5): approximate tokens as characters / 4 and
 * flag usage above 80% of the profile's context window. Informational only: no compaction.
 * @module
 */
import type { ContextUsage } from "./events.js";
import { totalCharsInHistory } from "./history.js";
import type { Turn } from "./types.js";

/** §5.5 the share of the context window above which a warning is emitted. */
export const CONTEXT_WARNING_RATIO = 0.8;

/** §5.5 approximate token count: 1 token ≈ 4 characters. */
export function approxTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/**
 * §5.5 `check_context_usage`: the usage figures when history plus the system prompt exceed 80% of
 * `contextWindowSize` tokens, else undefined (also when the window size is unknown, ≤ 0).
 */
export function checkContextUsage(
  history: readonly Turn[],
  systemPrompt: string,
  contextWindowSize: number,
): ContextUsage | undefined {
  if (!(contextWindowSize > 0)) return undefined;
  const tokens = approxTokens(totalCharsInHistory(history) + systemPrompt.length);
  if (tokens <= contextWindowSize * CONTEXT_WARNING_RATIO) return undefined;
  return { approxTokens: tokens, contextWindowSize, percent: Math.round((tokens / contextWindowSize) * 100) };
}
