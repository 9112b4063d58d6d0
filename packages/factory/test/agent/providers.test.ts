// Which providers the factory's agents can use (from the environment), what a stage or a
// `factory agent` run resolves to, and what is wrong with --provider/--model flags.

import { Message } from "@darkfactory/llm";
import { startTwin } from "@darkfactory/twins";
import { describe, expect, it } from "vitest";
import {
  agentProvidersFromEnv,
  asAgentProvider,
  providerFlagProblem,
  providerOfModel,
  resolveTarget,
} from "../../src/agent/providers.js";

describe("agentProvidersFromEnv", () => {
  it("counts a provider as configured by its key, or by its base URL alone", () => {
    expect(agentProvidersFromEnv({}).configured).toEqual([]);
    expect(agentProvidersFromEnv({ ANTHROPIC_API_KEY: "k", GOOGLE_API_KEY: "k" }).configured).toEqual([
      "anthropic",
      "gemini",
    ]);
    expect(agentProvidersFromEnv({ OPENAI_BASE_URL: "http://twins.internal:4101/v1" }).configured).toEqual(["openai"]);
    expect(agentProvidersFromEnv({ OPENAI_BASE_URL: "not a url", GEMINI_API_KEY: "" }).configured).toEqual([]);
  });

  it("gives a bare GEMINI_BASE_URL origin the API version, as `factory twin start` prints it", async () => {
    const twin = await startTwin("gemini", { port: 0, host: "127.0.0.1" });
    try {
      const { client } = agentProvidersFromEnv({ GEMINI_BASE_URL: twin.url });
      const response = await client.complete({
        model: "gemini-2.5-flash",
        provider: "gemini",
        messages: [Message.user("ping")],
      });
      expect(response.text).toBe("Echo: ping");
      expect(twin.kit.journal.list()[0].path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    } finally {
      await twin.close();
    }
  });
});

describe("resolveTarget", () => {
  const both = ["openai", "anthropic"] as const;

  it("takes the node's provider, model and effort; a model alone names its provider", () => {
    expect(resolveTarget({ provider: "Anthropic", reasoningEffort: "HIGH" }, {}, both)).toEqual({
      provider: "anthropic",
      model: "claude-opus-4-6",
      reasoningEffort: "high",
      warnings: [],
    });
    expect(resolveTarget({ model: "claude-sonnet-4-5" }, {}, both)).toMatchObject({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
    });
  });

  it("falls back to the defaults (--provider, --model), then to the first configured provider", () => {
    expect(resolveTarget({}, {}, both)).toMatchObject({ provider: "openai", model: "gpt-5.2-codex" });
    expect(resolveTarget({}, { model: "claude-sonnet-4-5" }, both)).toMatchObject({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
    });
    expect(resolveTarget({}, { provider: "anthropic", model: "my-finetune" }, both)).toMatchObject({
      provider: "anthropic",
      model: "my-finetune",
    });
    // A node naming another provider does not inherit the default's model.
    expect(resolveTarget({ provider: "anthropic" }, { model: "gpt-5.2" }, both)).toMatchObject({
      provider: "anthropic",
      model: "claude-opus-4-6",
    });
  });

  it("runs what it cannot honour on the default provider, and says why", () => {
    expect(resolveTarget({ provider: "gemini", model: "gemini-2.5-pro" }, {}, both)).toEqual({
      provider: "openai",
      model: "gpt-5.2-codex",
      reasoningEffort: undefined,
      warnings: ["provider gemini is not configured (GEMINI_API_KEY): using openai"],
    });
    expect(resolveTarget({ provider: "mistral" }, {}, both).warnings).toEqual([
      "unknown provider 'mistral': using openai",
    ]);
    expect(resolveTarget({ model: "llama-3" }, {}, both).warnings).toEqual([
      "cannot tell the provider of model 'llama-3': using openai and its default model",
    ]);
    expect(resolveTarget({ reasoningEffort: "max" }, {}, both)).toMatchObject({
      reasoningEffort: undefined,
      warnings: ["unknown reasoning effort 'max': using the default"],
    });
  });

  it("throws when no provider is configured", () => {
    expect(() => resolveTarget({}, {}, [])).toThrow(/^no LLM provider configured: set OPENAI_API_KEY/);
  });
});

describe("providerFlagProblem", () => {
  it("accepts flags that can be honoured", () => {
    expect(providerFlagProblem({}, ["gemini"])).toBeUndefined();
    expect(providerFlagProblem({ provider: "google", model: "anything" }, ["gemini"])).toBeUndefined();
    expect(providerFlagProblem({ model: "my-finetune" }, ["openai"])).toBeUndefined();
  });

  it("names what is wrong and what to set", () => {
    expect(providerFlagProblem({}, [])).toBe(
      "no LLM provider configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or a *_BASE_URL",
    );
    expect(providerFlagProblem({ provider: "x" }, ["openai"])).toBe(
      "unknown provider 'x': use openai, anthropic, gemini",
    );
    expect(providerFlagProblem({ provider: "anthropic" }, ["openai"])).toBe(
      "provider anthropic is not configured: set ANTHROPIC_API_KEY (or ANTHROPIC_BASE_URL)",
    );
    expect(providerFlagProblem({ model: "gemini-2.5-pro" }, ["openai"])).toBe(
      "model gemini-2.5-pro needs provider gemini, which is not configured: set GEMINI_API_KEY or GOOGLE_API_KEY (or GEMINI_BASE_URL)",
    );
  });
});

describe("provider names", () => {
  it("reads provider names and model families", () => {
    expect(asAgentProvider(" Google ")).toBe("gemini");
    expect(asAgentProvider("bedrock")).toBeUndefined();
    expect(["gpt-5.2", "o3-mini", "claude-3-opus-x", "gemini-9", "llama"].map(providerOfModel)).toEqual([
      "openai",
      "openai",
      "anthropic",
      "gemini",
      undefined,
    ]);
  });
});
