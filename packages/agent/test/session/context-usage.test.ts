import { describe, expect, it } from "vitest";
import { approxTokens, checkContextUsage } from "../../src/session/context-usage.js";
import { bigTool, testProfile } from "../helpers/fake-tools.js";
import { harness } from "../helpers/harness.js";
import { calls, text } from "../helpers/scripted-adapter.js";

describe("context window awareness (§5.5)", () => {
  it("approximates 4 characters per token and flags usage above 80%", () => {
    expect(approxTokens(400)).toBe(100);
    const turn = (chars: number) => [{ kind: "user" as const, content: "x".repeat(chars), timestamp: "" }];
    expect(checkContextUsage(turn(3000), "", 1000)).toBeUndefined(); // 750 tokens: 75%
    expect(checkContextUsage(turn(3000), "y".repeat(400), 1000)).toEqual({
      approxTokens: 850,
      contextWindowSize: 1000,
      percent: 85,
    });
    expect(checkContextUsage(turn(3000), "", 0)).toBeUndefined();
  });

  it("emits a warning event once the history passes 80% of the window, and keeps going", async () => {
    const h = harness([calls([{ id: "b", name: "big" }]), text("done")], {
      profile: testProfile({ tools: [bigTool(20_000)], contextWindowSize: 5_000 }),
    });
    const result = await h.session.submit("read the big thing");
    expect(result.stopReason).toBe("completed");
    const warnings = h.ofType("warning").filter((w) => w.code === "context_usage");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/^Context usage at ~\d+% of context window$/);
    expect(warnings[0].contextUsage).toMatchObject({ contextWindowSize: 5_000 });
    expect(warnings[0].contextUsage?.percent).toBeGreaterThan(80);
  });

  it("stays quiet below the threshold", async () => {
    const h = harness([text("short")]);
    await h.session.submit("hi");
    expect(h.ofType("warning")).toEqual([]);
  });
});
