// Prompt caching as each provider does it, over the prompt blocks of a request (tools, system,
// messages): OpenAI and Gemini cache every long prefix automatically; Anthropic only caches
// prefixes that end at a `cache_control` breakpoint, and finds earlier cached prefixes by
// looking back up to 20 blocks from each breakpoint.
import type { ParityProvider, PromptBlock } from "../wire/types.js";

/** How a provider caches prompts. */
export interface CachePolicy {
  /** `automatic`: every prefix; `breakpoints`: only prefixes ending at a marked block. */
  mode: "automatic" | "breakpoints";
  /** Shortest cacheable prefix, in tokens. */
  minTokens: number;
  /** Cached counts are whole multiples of this (OpenAI: 128). */
  step: number;
  /** Blocks before a breakpoint searched for an earlier cached prefix (Anthropic: 20). */
  lookback: number;
}

export const CACHE_POLICIES: Readonly<Record<ParityProvider, CachePolicy>> = {
  openai: { mode: "automatic", minTokens: 1024, step: 128, lookback: Number.POSITIVE_INFINITY },
  anthropic: { mode: "breakpoints", minTokens: 1024, step: 1, lookback: 20 },
  gemini: { mode: "automatic", minTokens: 1024, step: 1, lookback: Number.POSITIVE_INFINITY },
};

/** One provider's prompt cache. */
export class PromptCache {
  /** Cached prefixes (the joined block keys) and their token counts. */
  private readonly entries = new Map<string, number>();

  constructor(private readonly policy: CachePolicy) {}

  clear(): void {
    this.entries.clear();
  }

  /**
   * Serves a prompt: how many of its tokens were read from the cache, and how many it wrote
   * (Anthropic only reports writes), then stores what this prompt makes cacheable.
   */
  use(blocks: PromptBlock[]): { read: number; write: number } {
    const prefixes: { key: string; tokens: number }[] = [];
    let key = "";
    let tokens = 0;
    for (const block of blocks) {
      key += `\u0001${block.key}`;
      tokens += block.tokens;
      prefixes.push({ key, tokens });
    }
    const marks = blocks.flatMap((b, i) => (b.marked ? [i] : []));
    const candidates =
      this.policy.mode === "automatic"
        ? prefixes.map((_, i) => i)
        : marks.flatMap((m) => prefixes.map((_, i) => i).filter((i) => i <= m && i >= m - this.policy.lookback));
    let read = 0;
    for (const i of candidates) read = Math.max(read, this.entries.get(prefixes[i].key) ?? 0);
    read = Math.floor(read / this.policy.step) * this.policy.step;
    const stored = this.policy.mode === "automatic" ? prefixes : marks.map((m) => prefixes[m]);
    let write = 0;
    for (const prefix of stored) {
      if (prefix.tokens < this.policy.minTokens) continue;
      if (!this.entries.has(prefix.key) && this.policy.mode === "breakpoints")
        write = Math.max(write, prefix.tokens - read);
      this.entries.set(prefix.key, prefix.tokens);
    }
    return { read, write };
  }
}
