import { describe, expect, it } from "vitest";
import { type PromptBlock, PromptCache, promptBlock } from "../../src/kit/prompt-cache.js";

const block = (key: string, tokens: number, breakpoint = false): PromptBlock => ({
  key,
  tokens,
  ...(breakpoint ? { breakpoint } : {}),
});

describe("PromptCache (automatic, OpenAI-like)", () => {
  const policy = { mode: "automatic" as const, minTokens: 1024, granularityTokens: 128 };

  it("reads a repeated prefix of 1024+ tokens, rounded down to 128", () => {
    const cache = new PromptCache(policy);
    const system = block("system", 1100);
    expect(cache.use([system, block("u1", 50)], "m")).toEqual({ readTokens: 0, writeTokens: 1150 });
    // Same system prompt, a new question: the 1100-token prefix is read, in steps of 128 (1024).
    expect(cache.use([system, block("u2", 50)], "m").readTokens).toBe(1024);
    // The whole first prompt (1150 tokens) plus a continuation: floor(1150 / 128) * 128 = 1024.
    expect(cache.use([system, block("u1", 50), block("a1", 300)], "m").readTokens).toBe(1024);
    expect(cache.use([system, block("u1", 50), block("a1", 300), block("u3", 10)], "m").readTokens).toBe(1408);
  });

  it("does not cache short prefixes, and caches per model", () => {
    const cache = new PromptCache(policy);
    cache.use([block("short", 500)], "m");
    expect(cache.use([block("short", 500), block("x", 5)], "m").readTokens).toBe(0);
    cache.use([block("long", 2000)], "m");
    expect(cache.use([block("long", 2000)], "other").readTokens).toBe(0);
    expect(cache.use([block("long", 2000)], "m").readTokens).toBe(1920);
  });

  it("expires entries after ttlMs without use", () => {
    let now = 0;
    const cache = new PromptCache({ ...policy, ttlMs: 1000 }, () => now);
    cache.use([block("long", 2000)], "m");
    now = 999;
    expect(cache.use([block("long", 2000)], "m").readTokens).toBe(1920);
    now = 1998; // refreshed at 999
    expect(cache.use([block("long", 2000)], "m").readTokens).toBe(1920);
    now = 5000;
    expect(cache.use([block("long", 2000)], "m").readTokens).toBe(0);
  });

  it("clear() forgets everything", () => {
    const cache = new PromptCache(policy);
    cache.use([block("long", 2000)], "m");
    cache.clear();
    expect(cache.use([block("long", 2000)], "m").readTokens).toBe(0);
  });
});

describe("PromptCache (breakpoints, Anthropic-like)", () => {
  const policy = { mode: "breakpoints" as const, minTokens: 1024, lookbackBlocks: 20 };

  it("writes at a breakpoint on first use and reads it on the next request", () => {
    const cache = new PromptCache(policy);
    const tools = block("tools", 600);
    const system = block("system", 600, true);
    expect(cache.use([tools, system, block("u1", 20)], "claude")).toEqual({ readTokens: 0, writeTokens: 1200 });
    expect(cache.use([tools, system, block("u2", 20)], "claude")).toEqual({ readTokens: 1200, writeTokens: 0 });
  });

  it("caches nothing without breakpoints", () => {
    const cache = new PromptCache(policy);
    cache.use([block("tools", 600), block("system", 600)], "claude");
    expect(cache.use([block("tools", 600), block("system", 600)], "claude")).toEqual({ readTokens: 0, writeTokens: 0 });
  });

  it("reads an earlier breakpoint found within the lookback and writes the rest", () => {
    const cache = new PromptCache(policy);
    const system = block("system", 1500, true);
    cache.use([system, block("u1", 20)], "claude");
    const second = cache.use([system, block("u1", 20), block("a1", 400), block("u2", 20, true)], "claude");
    expect(second).toEqual({ readTokens: 1500, writeTokens: 440 });
  });
});

describe("promptBlock", () => {
  it("keys on kind and content, counts text tokens plus overhead", () => {
    const a = promptBlock("message:user", "hello world");
    expect(a.key).toBe('message:user:"hello world"');
    expect(a.tokens).toBe(2 + 3); // two words, plus the block overhead
    expect(promptBlock("tool", { name: "x" }, { breakpoint: true }).breakpoint).toBe(true);
    expect(promptBlock("image", {}, { tokens: 85 }).tokens).toBe(88);
  });
});
