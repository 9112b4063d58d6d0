/**
 * Slack's rate limits for realistic mode: per-method tiers (Tier 1: 1+ per minute, Tier 2: 20+,
 * Tier 3: 50+, Tier 4: 100+), each a token bucket per method and app (or user), and
 * `chat.postMessage` at about one message per second per channel.
 * @module
 */

/** A method's limit: a tier, `post` (one per second per channel) or `none`. */
export type RateTier = 1 | 2 | 3 | 4 | "post" | "none";

/** Calls per minute of each numbered tier. */
export const TIER_PER_MINUTE: Readonly<Record<1 | 2 | 3 | 4, number>> = { 1: 1, 2: 20, 3: 50, 4: 100 };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Token buckets of one twin; off unless `enabled`. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** @param now clock in epoch ms. */
  constructor(
    public enabled: boolean,
    private readonly now: () => number,
  ) {}

  /**
   * Takes one call from the bucket `key` of `tier`.
   * @returns 0 when the call may go ahead, else the seconds to wait (Slack's `Retry-After`).
   */
  take(key: string, tier: RateTier): number {
    if (!this.enabled || tier === "none") return 0;
    const capacity = tier === "post" ? 1 : TIER_PER_MINUTE[tier];
    const refillPerMs = tier === "post" ? 1 / 1000 : TIER_PER_MINUTE[tier] / 60_000;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedMs: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedMs) * refillPerMs);
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
  }

  /** Refills every bucket. */
  reset(): void {
    this.buckets.clear();
  }
}
