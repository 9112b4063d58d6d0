// The §8.10 integration smoke test against the real APIs, step by step as the spec writes it.
// Each step runs only when the key of the provider it calls is set (see live-env.ts), so without
// keys every test is skipped and nothing touches the network. The spec's models can be overridden
// with PARITY_ANTHROPIC_MODEL / PARITY_OPENAI_MODEL (steps 2-5).
import { describe, expect, it } from "vitest";
import { getLatestModel } from "../../src/catalog/catalog.js";
import { Client } from "../../src/client/client.js";
import { NotFoundError } from "../../src/errors/provider-error.js";
import { generate } from "../../src/generate/generate.js";
import { generateObject } from "../../src/generate/generate-object.js";
import { stream } from "../../src/generate/stream.js";
import type { Tool } from "../../src/generate/types.js";
import { Message } from "../../src/types/message.js";
import { parityAdapter } from "./adapters.js";
import { liveBaseUrl, liveKey, liveModel, liveSkipReason } from "./live-env.js";
import { PARITY_PROVIDERS, type ParityProvider } from "./parity-types.js";
import { RED_PNG } from "./scenarios.js";

const TIMEOUT_MS = 180_000;

/** A client for the providers whose keys are set (built lazily: never when a test is skipped). */
function liveClient(): Client {
  const client = new Client();
  for (const provider of PARITY_PROVIDERS) {
    const key = liveKey(provider);
    if (key) client.register(provider, parityAdapter(provider, key, liveBaseUrl(provider)));
  }
  return client;
}

/** Mock weather data, as the spec's `weather_tool`. */
const weatherTool: Tool = {
  name: "get_weather",
  description: "Get the current weather for a city.",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  execute: (args) => ({ city: args.city, forecast: "sunny", temperatureC: 21 }),
};

function skipUnless(provider: ParityProvider) {
  const reason = liveSkipReason(provider);
  return { skip: reason !== undefined, note: reason === undefined ? "" : ` (skipped: ${reason})` };
}

describe("§8.10 integration smoke test (live)", () => {
  describe("1. basic generation across all providers", () => {
    for (const provider of ["anthropic", "openai", "gemini"] as const) {
      const { skip, note } = skipUnless(provider);
      it.skipIf(skip)(`§8.10 basic generation [${provider}]${note}`, { timeout: TIMEOUT_MS }, async () => {
        const result = await generate({
          client: liveClient(),
          model: liveModel(provider, getLatestModel(provider)?.id),
          prompt: "Say hello in one sentence.",
          maxTokens: 100,
          provider,
        });
        expect(result.text.trim()).not.toBe("");
        expect(result.usage.inputTokens).toBeGreaterThan(0);
        expect(result.usage.outputTokens).toBeGreaterThan(0);
        expect(result.finishReason.reason).toBe("stop");
      });
    }
  });

  const anthropic = skipUnless("anthropic");
  const claude = () => liveModel("anthropic", "claude-opus-4-6");

  it.skipIf(anthropic.skip)(`§8.10 streaming [anthropic]${anthropic.note}`, { timeout: TIMEOUT_MS }, async () => {
    const result = stream({ client: liveClient(), provider: "anthropic", model: claude(), prompt: "Write a haiku." });
    const chunks: string[] = [];
    for await (const event of result) if (event.type === "text_delta") chunks.push(event.delta);
    const response = await result.response();
    expect(response.text.trim()).not.toBe("");
    expect(chunks.join("")).toBe(response.text);
  });

  it.skipIf(anthropic.skip)(
    `§8.10 tool calling with parallel execution [anthropic]${anthropic.note}`,
    { timeout: TIMEOUT_MS },
    async () => {
      const result = await generate({
        client: liveClient(),
        provider: "anthropic",
        model: claude(),
        prompt: "What is the weather in San Francisco and New York?",
        tools: [weatherTool],
        maxToolRounds: 3,
      });
      expect(result.steps.length).toBeGreaterThanOrEqual(2);
      expect(result.text).toContain("San Francisco");
      expect(result.text).toContain("New York");
    },
  );

  it.skipIf(anthropic.skip)(`§8.10 image input [anthropic]${anthropic.note}`, { timeout: TIMEOUT_MS }, async () => {
    const result = await generate({
      client: liveClient(),
      provider: "anthropic",
      model: claude(),
      messages: [
        Message.user([
          { kind: "text", text: "What do you see?" },
          { kind: "image", image: { data: RED_PNG, mediaType: "image/png" } },
        ]),
      ],
    });
    expect(result.text.trim()).not.toBe("");
  });

  const openai = skipUnless("openai");

  it.skipIf(openai.skip)(`§8.10 structured output [openai]${openai.note}`, { timeout: TIMEOUT_MS }, async () => {
    const result = await generateObject<{ name: string; age: number }>({
      client: liveClient(),
      provider: "openai",
      model: liveModel("openai", "gpt-5.2"),
      prompt: "Extract: Alice is 30 years old",
      schema: {
        type: "object",
        properties: { name: { type: "string" }, age: { type: "integer" } },
        required: ["name", "age"],
      },
    });
    expect(result.output.name).toBe("Alice");
    expect(result.output.age).toBe(30);
  });

  it.skipIf(openai.skip)(`§8.10 error handling [openai]${openai.note}`, { timeout: TIMEOUT_MS }, async () => {
    const failure = await generate({
      client: liveClient(),
      provider: "openai",
      model: "nonexistent-model-xyz",
      prompt: "test",
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure, "should have raised an error").toBeInstanceOf(NotFoundError);
  });
});
