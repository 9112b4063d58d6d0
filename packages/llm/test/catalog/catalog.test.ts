import { describe, expect, it } from "vitest";
import { getLatestModel, getModelInfo, listModels } from "../../src/catalog/catalog.js";
import catalogFile from "../../src/catalog/models.json" with { type: "json" };
import { ConfigurationError } from "../../src/errors/client-errors.js";

describe("model catalog (§2.9)", () => {
  it("§8.1 the catalog is populated with current models of every provider", () => {
    for (const id of [
      "claude-opus-4-6",
      "claude-sonnet-4-5",
      "gpt-5.2",
      "gpt-5.2-codex",
      "gemini-3.1-pro-preview",
      "gemini-3-flash-preview",
    ]) {
      expect(getModelInfo(id)?.id, id).toBe(id);
    }
    for (const provider of ["anthropic", "openai", "gemini"]) expect(listModels(provider).length).toBeGreaterThan(2);
  });

  it("§8.1 get_model_info() returns correct data, by id or alias, and undefined for unknown models", () => {
    expect(getModelInfo("claude-opus-4-6")).toMatchObject({
      provider: "anthropic",
      displayName: "Claude Opus 4.6",
      contextWindow: 1000000,
      supportsTools: true,
      supportsVision: true,
      supportsReasoning: true,
      inputCostPerMillion: 5,
      outputCostPerMillion: 25,
    });
    expect(getModelInfo("sonnet")?.id).toBe("claude-sonnet-4-5");
    expect(getModelInfo("Claude-Opus-4-6")?.id).toBe("claude-opus-4-6");
    expect(getModelInfo("gpt-4.1")?.supportsReasoning).toBe(false);
    expect(getModelInfo("nonexistent-model-xyz")).toBeUndefined();
  });

  it("§8.1 list_models() returns all models, or one provider's", () => {
    const all = listModels();
    expect(all.length).toBe(catalogFile.models.length);
    expect(new Set(all.map((m) => m.provider))).toEqual(new Set(["anthropic", "openai", "gemini"]));
    expect(listModels("gemini").every((m) => m.provider === "gemini")).toBe(true);
    expect(listModels("nobody")).toEqual([]);
  });

  it("get_latest_model() prefers the newest model, optionally with a capability", () => {
    expect(getLatestModel("anthropic")?.id).toBe("claude-opus-4-6");
    expect(getLatestModel("openai")?.id).toBe("gpt-5.2");
    expect(getLatestModel("gemini", "reasoning")?.id).toBe("gemini-3.1-pro-preview");
    expect(getLatestModel("openai", "vision")?.supportsVision).toBe(true);
    expect(getLatestModel("nobody")).toBeUndefined();
    expect(() => getLatestModel("openai", "telepathy" as "tools")).toThrow(ConfigurationError);
  });

  it("entries are well-formed: unique ids and aliases, positive limits, non-negative costs", () => {
    const names = new Set<string>();
    for (const m of listModels()) {
      for (const name of [m.id, ...m.aliases]) {
        expect(names.has(name), `duplicate ${name}`).toBe(false);
        names.add(name);
      }
      expect(m.contextWindow).toBeGreaterThan(0);
      if (m.maxOutput !== undefined) expect(m.maxOutput).toBeLessThanOrEqual(m.contextWindow);
      for (const cost of [m.inputCostPerMillion, m.outputCostPerMillion]) {
        if (cost !== undefined) expect(cost).toBeGreaterThanOrEqual(0);
      }
      expect(m.displayName).not.toBe("");
    }
    expect(catalogFile.advisory).toMatch(/advisory/i);
  });

  it("entries cannot be modified by callers", () => {
    const info = getModelInfo("gpt-5.2");
    expect(() => {
      (info as { contextWindow: number }).contextWindow = 1;
    }).toThrow();
  });
});
