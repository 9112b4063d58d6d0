// §8.9 rows: usage token counts and prompt caching across turns.
import { expect } from "vitest";
import { generate } from "../../../src/generate/generate.js";
import { stream } from "../../../src/generate/stream.js";
import { Message } from "../../../src/types/message.js";
import type { Usage } from "../../../src/types/response.js";
import { cacheablePrefix, PROMPTS } from "../scenarios.js";
import { base, collect, expectReportedUsage, expectSaneUsage, type ParityRow, wireViews } from "./context.js";

/** 400 one-token words: the difference they make to the input count is known in advance. */
const FILLER = `Ignore this filler: ${"apple ".repeat(400).trim()}.`;

export const usageRows: ParityRow[] = [
  {
    id: "usage",
    title: "Usage token counts are accurate",
    async run(ctx) {
      const short = await generate({ ...base(ctx), prompt: PROMPTS.hello });
      const long = await generate({ ...base(ctx), prompt: `${PROMPTS.hello}\n\n${FILLER}` });
      const streamed = stream({ ...base(ctx), prompt: PROMPTS.hello });
      await collect(streamed);
      const streamedUsage = (await streamed.response()).usage;
      for (const usage of [short.usage, long.usage, streamedUsage]) expectSaneUsage(usage);
      const added = long.usage.inputTokens - short.usage.inputTokens;
      expect(added, "400 more words cost about 400 more input tokens").toBeGreaterThanOrEqual(300);
      expect(added).toBeLessThanOrEqual(600);
      expect(streamedUsage.inputTokens, "streaming counts the same prompt the same").toBe(short.usage.inputTokens);
      const { raw: _raw, ...counts } = short.usage;
      expect(short.totalUsage, "one step: the total is that step's usage").toEqual(counts);
      if (!ctx.probe) return;
      wireViews(ctx.probe, 3);
      expectReportedUsage(short.usage, ctx.probe.usage[0]);
      expectReportedUsage(long.usage, ctx.probe.usage[1]);
      expectReportedUsage(streamedUsage, ctx.probe.usage[2]);
    },
  },
  {
    id: "prompt_caching",
    title: "Prompt caching (cache_read_tokens > 0 on turn 2+)",
    async run(ctx) {
      const system = cacheablePrefix();
      const conversation: Message[] = [];
      const turns: Usage[] = [];
      // Five turns: §8.6 asks for a multi-turn session whose turn 5+ reads most of its input from cache.
      for (let n = 1; n <= 5; n++) {
        conversation.push(Message.user(PROMPTS.turn(n)));
        const result = await generate({ ...base(ctx), system, messages: [...conversation] });
        conversation.push(result.response.message);
        turns.push(result.usage);
      }
      for (const usage of turns) expectSaneUsage(usage);
      const reads = turns.map((u) => u.cacheReadTokens ?? 0);
      // Live caches are best effort (routing, eviction): one hit on turns 2-5 proves the path.
      if (ctx.probe)
        expect(
          reads.slice(1).every((r) => r > 0),
          `cache reads per turn: ${reads}`,
        ).toBe(true);
      else
        expect(
          reads.slice(1).some((r) => r > 0),
          `cache reads per turn: ${reads}`,
        ).toBe(true);
      for (const [i, usage] of turns.entries()) {
        if (i > 0 && reads[i] > 0)
          expect(reads[i], "the long system prompt was read from the cache").toBeGreaterThan(usage.inputTokens / 2);
      }
      if (ctx.provider === "anthropic") {
        // Anthropic only caches at cache_control breakpoints: the first turn writes (or re-reads) the prefix.
        expect((turns[0].cacheWriteTokens ?? 0) + reads[0]).toBeGreaterThan(0);
      }
      if (!ctx.probe) return;
      const views = wireViews(ctx.probe, 5);
      for (const [i, usage] of turns.entries()) expectReportedUsage(usage, ctx.probe.usage[i]);
      if (ctx.provider === "anthropic") {
        for (const view of views) {
          expect(
            view.blocks.some((b) => b.marked),
            "the request carries cache_control",
          ).toBe(true);
          expect(view.betas).toContain("prompt-caching-2024-07-31");
        }
      }
    },
  },
];
