/**
 * A generic prompt-cache simulator that each provider twin configures with its own policy:
 * - `automatic` (OpenAI, Gemini implicit caching): every prompt prefix of at least `minTokens`
 *   is cached when served; a later prompt that starts with a cached prefix reads it.
 * - `breakpoints` (Anthropic): only prefixes that end at a block marked as a breakpoint
 *   (`cache_control`) are written; a later prompt reads the longest cached prefix that ends at one
 *   of its breakpoints or up to `lookbackBlocks` blocks before it.
 * Prompts are compared block by block (a block is one message, tool or system text, see
 * {@link promptBlock}); entries expire `ttlMs` after their last use. Caches are per model.
 * @module
 */
import { createHash } from "node:crypto";
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from "./token-estimator.js";

/** One cacheable unit of a prompt, in the order the provider reads them. */
export interface PromptBlock {
  /** Canonical content (kind + serialized content, with cache marks removed). Equal keys = equal blocks. */
  key: string;
  /** Estimated tokens of the block, overhead included. */
  tokens: number;
  /** The block ends a cache breakpoint (Anthropic `cache_control`). */
  breakpoint?: boolean;
  /** Lifetime of the entry this breakpoint writes, in ms (Anthropic `ttl: "1h"`); default the policy's. */
  ttlMs?: number;
}

/** Options of {@link promptBlock}. */
export interface PromptBlockOptions {
  breakpoint?: boolean;
  ttlMs?: number;
  /** Token count to use instead of the estimate (images). */
  tokens?: number;
}

/**
 * A prompt block for `content` of `kind` (`"system"`, `"tool"`, `"message"`, ...): the key is
 * `kind` + the JSON of `content`; tokens are the estimate of the text (a string `content`) or of
 * the JSON, plus {@link MESSAGE_OVERHEAD_TOKENS}.
 */
export function promptBlock(kind: string, content: unknown, options: PromptBlockOptions = {}): PromptBlock {
  const json = JSON.stringify(content) ?? "";
  const tokens = options.tokens ?? estimateTokens(typeof content === "string" ? content : json);
  return {
    key: `${kind}:${json}`,
    tokens: tokens + MESSAGE_OVERHEAD_TOKENS,
    ...(options.breakpoint ? { breakpoint: true } : {}),
    ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
  };
}

/** How a provider caches prompts. */
export interface CachePolicy {
  /** `automatic`, `breakpoints` (see the module doc) or `none` (never caches). */
  mode: "automatic" | "breakpoints" | "none";
  /** Shortest cacheable prefix in tokens (OpenAI 1024), or a function of the model. */
  minTokens: number | ((model: string) => number);
  /** Cached counts are whole multiples of this (OpenAI 128; default 1). */
  granularityTokens?: number;
  /** Blocks before a breakpoint searched for an earlier cached prefix (Anthropic 20; default unlimited). */
  lookbackBlocks?: number;
  /** Lifetime of an entry after its last use, in ms (default 300000, five minutes). */
  ttlMs?: number;
  /** Most entries kept; the least recently used go first (default 10000). */
  maxEntries?: number;
}

/** What serving one prompt did to the cache. */
export interface CacheUse {
  /** Prompt tokens read from the cache (a prefix of the prompt). */
  readTokens: number;
  /** Prompt tokens newly written to the cache (after the read prefix). */
  writeTokens: number;
}

interface Entry {
  tokens: number;
  expiresAtMs: number;
  ttlMs: number;
}

/** One twin's prompt cache. */
export class PromptCache {
  private readonly entries = new Map<string, Entry>();

  /** @param now clock in epoch ms (injectable for tests). */
  constructor(
    readonly policy: CachePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }

  /** Number of live and expired-but-unswept entries. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Serves a prompt of `blocks` for `model`: returns how many of its tokens were read from the
   * cache and how many were written, and updates the cache.
   */
  use(blocks: readonly PromptBlock[], model: string): CacheUse {
    const policy = this.policy;
    if (policy.mode === "none" || blocks.length === 0) return { readTokens: 0, writeTokens: 0 };
    const now = this.now();
    const minTokens = typeof policy.minTokens === "function" ? policy.minTokens(model) : policy.minTokens;
    const ttlMs = policy.ttlMs ?? 300_000;
    // A prompt shorter than the minimum has no prefix that is (or could be) cached: no hashing.
    let total = 0;
    for (const block of blocks) total += block.tokens;
    if (total < minTokens) return { readTokens: 0, writeTokens: 0 };
    const prefixes: { hash: string; tokens: number }[] = [];
    let hash = `model:${model}`;
    let tokens = 0;
    for (const block of blocks) {
      hash = createHash("sha256").update(hash).update("\u0000").update(block.key).digest("hex");
      tokens += block.tokens;
      prefixes.push({ hash, tokens });
    }
    const live = (i: number): Entry | undefined => {
      const entry = this.entries.get(prefixes[i].hash);
      return entry && entry.expiresAtMs > now ? entry : undefined;
    };

    const marks = blocks.flatMap((b, i) => (b.breakpoint ? [i] : []));
    const lookback = policy.lookbackBlocks ?? Number.POSITIVE_INFINITY;
    const candidates =
      policy.mode === "automatic"
        ? prefixes.map((_, i) => i)
        : [...new Set(marks.flatMap((m) => range(Math.max(0, m - lookback), m)))];
    let readIndex = -1;
    for (const i of candidates)
      if (live(i) && (readIndex < 0 || prefixes[i].tokens > prefixes[readIndex].tokens)) readIndex = i;
    const step = Math.max(1, policy.granularityTokens ?? 1);
    const readTokens = readIndex < 0 ? 0 : Math.floor(prefixes[readIndex].tokens / step) * step;
    if (readIndex >= 0) this.touch(prefixes[readIndex].hash, now);

    const stored = policy.mode === "automatic" ? prefixes.map((_, i) => i) : marks;
    let writeTokens = 0;
    for (const i of stored) {
      const prefix = prefixes[i];
      if (prefix.tokens < minTokens) continue;
      const existing = live(i);
      if (!existing) writeTokens = Math.max(writeTokens, prefix.tokens - readTokens);
      const entryTtl = blocks[i].ttlMs ?? existing?.ttlMs ?? ttlMs;
      this.entries.delete(prefix.hash);
      this.entries.set(prefix.hash, { tokens: prefix.tokens, ttlMs: entryTtl, expiresAtMs: now + entryTtl });
    }
    this.evict(now, policy.maxEntries ?? 10_000);
    return { readTokens, writeTokens };
  }

  private touch(hash: string, now: number): void {
    const entry = this.entries.get(hash);
    if (!entry) return;
    this.entries.delete(hash);
    this.entries.set(hash, { ...entry, expiresAtMs: now + entry.ttlMs });
  }

  private evict(now: number, max: number): void {
    for (const [hash, entry] of this.entries) if (entry.expiresAtMs <= now) this.entries.delete(hash);
    while (this.entries.size > max) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
