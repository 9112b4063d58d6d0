// Request translation for the Anthropic Messages API (unified-llm-spec §7.2-7.4, §5.3, §2.8,
// §2.10): the body and betas `buildRequest` produces from a unified Request (content parts:
// messages.test.ts).
import { describe, expect, it } from "vitest";
import { countCacheBreakpoints } from "../../../src/providers/anthropic/cache.js";
import {
  type BuildRequestOptions,
  buildRequest,
  PROMPT_CACHING_BETA,
  THINKING_BUDGET_TOKENS,
} from "../../../src/providers/anthropic/request.js";
import { Message } from "../../../src/types/message.js";
import type { Request } from "../../../src/types/request.js";
import type { ToolDefinition } from "../../../src/types/tool.js";

const NO_CACHE: BuildRequestOptions = { stream: false, autoCache: false };
const weather: ToolDefinition = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const clock: ToolDefinition = {
  name: "clock",
  description: "The time",
  parameters: { type: "object", properties: {} },
};

function req(overrides: Partial<Request> = {}): Request {
  return { model: "claude-opus-4-6", messages: [Message.user("Hi")], ...overrides };
}

// biome-ignore lint/suspicious/noExplicitAny: the tests index freely into the JSON body they check.
type WireJson = Record<string, any>;

async function body(request: Request, options: BuildRequestOptions = NO_CACHE): Promise<WireJson> {
  return (await buildRequest(request, options)).body as WireJson;
}

describe("anthropic request translation", () => {
  it("translates all five roles: system and developer to `system`, tool results to user tool_result blocks", async () => {
    const b = await body(
      req({
        messages: [
          Message.system("You are terse."),
          Message.developer("Answer in French."),
          Message.user("Weather in Paris?"),
          Message.assistant([
            { kind: "tool_call", toolCall: { id: "toolu_1", name: "get_weather", arguments: { city: "Paris" } } },
          ]),
          Message.toolResult({ toolCallId: "toolu_1", content: "18C" }),
          Message.assistant("Il fait 18C."),
        ],
      }),
    );
    expect(b).toEqual({
      model: "claude-opus-4-6",
      max_tokens: 4096,
      system: [
        { type: "text", text: "You are terse." },
        { type: "text", text: "Answer in French." },
      ],
      messages: [
        { role: "user", content: [{ type: "text", text: "Weather in Paris?" }] },
        {
          role: "assistant",
          content: [{ type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } }],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "18C" }] },
        { role: "assistant", content: [{ type: "text", text: "Il fait 18C." }] },
      ],
    });
  });

  it("merges consecutive same-role messages and puts tool results first in a user message", async () => {
    const b = await body(
      req({
        messages: [
          Message.user("one"),
          Message.user("two"),
          Message.assistant([
            { kind: "tool_call", toolCall: { id: "a", name: "clock", arguments: {} } },
            { kind: "tool_call", toolCall: { id: "b", name: "clock", arguments: "{}" } },
          ]),
          Message.toolResult({ toolCallId: "a", content: "noon" }),
          Message.user("and also"),
          Message.toolResult({ toolCallId: "b", content: { error: "boom" }, isError: true }),
          Message.assistant("x"),
          Message.assistant("y"),
        ],
      }),
    );
    expect(b.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "one" },
          { type: "text", text: "two" },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "a", name: "clock", input: {} },
          { type: "tool_use", id: "b", name: "clock", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "a", content: "noon" },
          { type: "tool_result", tool_use_id: "b", content: '{"error":"boom"}', is_error: true },
          { type: "text", text: "and also" },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "x" },
          { type: "text", text: "y" },
        ],
      },
    ]);
  });

  it("drops empty text, and a tool message of plain text becomes a tool_result for its toolCallId", async () => {
    const b = await body(
      req({
        messages: [
          Message.user([
            { kind: "text", text: "" },
            { kind: "text", text: "q" },
          ]),
          Message.assistant([{ kind: "tool_call", toolCall: { id: "c1", name: "clock", arguments: {} } }]),
          { role: "tool", toolCallId: "c1", content: [{ kind: "text", text: "12:00" }] },
        ],
      }),
    );
    expect(b.messages[0].content).toEqual([{ type: "text", text: "q" }]);
    expect(b.messages[2].content).toEqual([{ type: "tool_result", tool_use_id: "c1", content: "12:00" }]);
  });

  describe("tools and tool choice (§5.3)", () => {
    it("translates tools to {name, description, input_schema} with auto choice by default", async () => {
      const b = await body(req({ tools: [weather] }));
      expect(b.tools).toEqual([
        { name: "get_weather", description: "Weather for a city", input_schema: weather.parameters },
      ]);
      expect(b.tool_choice).toEqual({ type: "auto" });
    });

    it.each([
      [{ mode: "auto" as const }, { type: "auto" }],
      [{ mode: "required" as const }, { type: "any" }],
      [
        { mode: "named" as const, toolName: "clock" },
        { type: "tool", name: "clock" },
      ],
    ])("maps %j to %j", async (toolChoice, wire) => {
      const b = await body(req({ tools: [weather, clock], toolChoice }));
      expect(b.tool_choice).toEqual(wire);
      expect(b.tools).toHaveLength(2);
    });

    it("omits tools and tool_choice entirely for mode none", async () => {
      const b = await body(req({ tools: [weather], toolChoice: { mode: "none" } }));
      expect(b).not.toHaveProperty("tools");
      expect(b).not.toHaveProperty("tool_choice");
    });

    it("appends provider tools (server tools) from providerOptions.anthropic.tools", async () => {
      const webSearch = { type: "web_search_20250305", name: "web_search", max_uses: 3 };
      const b = await body(req({ tools: [weather], providerOptions: { anthropic: { tools: [webSearch] } } }));
      expect(b.tools).toEqual([expect.objectContaining({ name: "get_weather" }), webSearch]);
      const onlyServer = await body(req({ providerOptions: { anthropic: { tools: [webSearch] } } }));
      expect(onlyServer.tools).toEqual([webSearch]);
      expect(onlyServer.tool_choice).toEqual({ type: "auto" });
    });
  });

  describe("generation parameters", () => {
    it("maps max_tokens (default 4096), temperature, top_p, stop_sequences and metadata.user_id", async () => {
      expect((await body(req())).max_tokens).toBe(4096);
      const built = await buildRequest(
        req({
          maxTokens: 100,
          temperature: 0.2,
          topP: 0.9,
          stopSequences: ["END"],
          metadata: { user_id: "u-1", team: "x" },
        }),
        NO_CACHE,
      );
      expect(built.body).toMatchObject({
        max_tokens: 100,
        temperature: 0.2,
        top_p: 0.9,
        stop_sequences: ["END"],
        metadata: { user_id: "u-1" },
      });
      expect(built.warnings).toEqual([expect.objectContaining({ code: "metadata_dropped" })]);
    });

    it("sets stream: true for streaming bodies", async () => {
      expect((await body(req(), { stream: true, autoCache: false })).stream).toBe(true);
      expect(await body(req())).not.toHaveProperty("stream");
    });

    it.each(["low", "medium", "high"] as const)(
      "maps reasoningEffort %s to an extended-thinking budget",
      async (effort) => {
        const budget = THINKING_BUDGET_TOKENS[effort];
        const b = await body(req({ reasoningEffort: effort }));
        expect(b.thinking).toEqual({ type: "enabled", budget_tokens: budget });
        expect(b.max_tokens).toBe(4096 + budget);
      },
    );

    it("raises a max_tokens that does not exceed the thinking budget, with a warning", async () => {
      const built = await buildRequest(req({ reasoningEffort: "high", maxTokens: 1000 }), NO_CACHE);
      expect(built.body.max_tokens).toBe(1000 + THINKING_BUDGET_TOKENS.high);
      expect(built.warnings).toEqual([expect.objectContaining({ code: "max_tokens_raised" })]);
      const roomy = await buildRequest(req({ reasoningEffort: "low", maxTokens: 30000 }), NO_CACHE);
      expect(roomy.body.max_tokens).toBe(30000);
      expect(roomy.warnings).toEqual([]);
    });

    it("uses providerOptions.anthropic.thinking instead of reasoningEffort", async () => {
      const thinking = { type: "enabled", budget_tokens: 3000 };
      const b = await body(req({ reasoningEffort: "high", providerOptions: { anthropic: { thinking } } }));
      expect(b.thinking).toEqual(thinking);
      expect(b.max_tokens).toBe(4096 + 3000);
      const adaptive = await body(req({ providerOptions: { anthropic: { thinking: { type: "adaptive" } } } }));
      expect(adaptive.thinking).toEqual({ type: "adaptive" });
      expect(adaptive.max_tokens).toBe(4096);
    });

    it("maps json_schema to native output_config.format", async () => {
      const schema = {
        type: "object",
        properties: { name: { type: "string" } },
        required: ["name"],
        additionalProperties: false,
      };
      const built = await buildRequest(req({ responseFormat: { type: "json_schema", jsonSchema: schema } }), NO_CACHE);
      expect(built.body.output_config).toEqual({ format: { type: "json_schema", schema } });
      expect(built.warnings).toEqual([]);
    });

    it("emulates json (and json_schema in prompt mode) with a system instruction and a warning", async () => {
      const json = await buildRequest(
        req({ messages: [Message.system("Be nice."), Message.user("Hi")], responseFormat: { type: "json" } }),
        NO_CACHE,
      );
      const system = json.body.system as { text: string }[];
      expect(system[0].text).toBe("Be nice.");
      expect(system[1].text).toMatch(/single valid JSON value/);
      expect(json.body).not.toHaveProperty("output_config");
      expect(json.warnings).toEqual([expect.objectContaining({ code: "response_format_emulated" })]);

      const schema = { type: "object", properties: { n: { type: "number" } } };
      const prompt = await buildRequest(
        req({
          responseFormat: { type: "json_schema", jsonSchema: schema },
          providerOptions: { anthropic: { structuredOutputMode: "prompt" } },
        }),
        NO_CACHE,
      );
      expect((prompt.body.system as { text: string }[])[0].text).toContain(JSON.stringify(schema));
      expect(prompt.body).not.toHaveProperty("output_config");
      expect(prompt.body).not.toHaveProperty("structuredOutputMode");
    });

    it("merges other providerOptions.anthropic keys into the body as written, minus the consumed ones", async () => {
      const built = await buildRequest(
        req({
          providerOptions: {
            anthropic: { top_k: 5, service_tier: "auto", betaHeaders: ["x"], autoCache: false },
            openai: { store: true },
          },
        }),
        NO_CACHE,
      );
      expect(built.body).toMatchObject({ top_k: 5, service_tier: "auto" });
      for (const key of ["betaHeaders", "autoCache", "store"]) expect(built.body).not.toHaveProperty(key);
    });
  });

  describe("beta headers (§2.8)", () => {
    it("takes betaHeaders (list) or beta_headers (comma string), deduplicated", async () => {
      const a = await buildRequest(
        req({
          providerOptions: {
            anthropic: { betaHeaders: ["interleaved-thinking-2025-05-14", "interleaved-thinking-2025-05-14"] },
          },
        }),
        NO_CACHE,
      );
      expect(a.betas).toEqual(["interleaved-thinking-2025-05-14"]);
      const b = await buildRequest(
        req({
          providerOptions: { anthropic: { beta_headers: "token-efficient-tools-2025-02-19, files-api-2025-04-14" } },
        }),
        NO_CACHE,
      );
      expect(b.betas).toEqual(["token-efficient-tools-2025-02-19", "files-api-2025-04-14"]);
      expect((await buildRequest(req(), NO_CACHE)).betas).toEqual([]);
    });

    it("adds the prompt-caching beta whenever the body carries cache_control", async () => {
      const cached = await buildRequest(req({ providerOptions: { anthropic: { betaHeaders: ["a-beta"] } } }), {
        stream: false,
        autoCache: true,
      });
      expect(cached.betas).toEqual(["a-beta", PROMPT_CACHING_BETA]);
      const manual = await buildRequest(
        req({
          messages: [
            Message.user([
              {
                kind: "provider",
                provider: "anthropic",
                data: { type: "text", text: "big doc", cache_control: { type: "ephemeral" } },
              },
            ]),
          ],
        }),
        NO_CACHE,
      );
      expect(manual.betas).toEqual([PROMPT_CACHING_BETA]);
    });
  });

  describe("automatic prompt caching (§2.10)", () => {
    const conversation = req({
      tools: [weather, clock],
      messages: [
        Message.system("sys 1"),
        Message.system("sys 2"),
        Message.user("first"),
        Message.assistant([
          { kind: "text", text: "calling" },
          { kind: "tool_call", toolCall: { id: "t1", name: "clock", arguments: {} } },
        ]),
        Message.toolResult({ toolCallId: "t1", content: "noon" }),
      ],
    });
    const mark = { type: "ephemeral" };

    it("marks the last tool, the last system block and the last conversation block", async () => {
      const b = await body(conversation, { stream: false, autoCache: true });
      expect(b.tools[0]).not.toHaveProperty("cache_control");
      expect(b.tools[1].cache_control).toEqual(mark);
      expect(b.system[0]).not.toHaveProperty("cache_control");
      expect(b.system[1].cache_control).toEqual(mark);
      expect(b.messages[2].content[0]).toEqual({
        type: "tool_result",
        tool_use_id: "t1",
        content: "noon",
        cache_control: mark,
      });
      expect(b.messages[1].content[1]).not.toHaveProperty("cache_control");
      expect(countCacheBreakpoints(b)).toBe(3);
    });

    it("skips thinking blocks when choosing the conversation breakpoint", async () => {
      const b = await body(
        req({
          messages: [
            Message.user("q"),
            Message.assistant([
              { kind: "text", text: "answer" },
              { kind: "thinking", thinking: { text: "t", signature: "s", redacted: false } },
            ]),
          ],
        }),
        { stream: false, autoCache: true },
      );
      expect(b.messages[1].content[0].cache_control).toEqual(mark);
      expect(b.messages[1].content[1]).not.toHaveProperty("cache_control");
    });

    it("counts the caller's marks toward the limit of 4", async () => {
      const marked = (text: string) => ({
        kind: "provider" as const,
        provider: "anthropic",
        data: { type: "text", text, cache_control: mark },
      });
      const withTwo = await body(
        {
          ...conversation,
          messages: [Message.system("s"), Message.user([marked("a"), marked("b"), { kind: "text", text: "c" }])],
        },
        { stream: false, autoCache: true },
      );
      expect(countCacheBreakpoints(withTwo)).toBe(4);
      expect(withTwo.tools[1].cache_control).toEqual(mark);
      expect(withTwo.system[0].cache_control).toEqual(mark);
      expect(withTwo.messages[0].content[2]).not.toHaveProperty("cache_control");
      const withFour = await body(
        { ...conversation, messages: [Message.user([marked("a"), marked("b"), marked("c"), marked("d")])] },
        { stream: false, autoCache: true },
      );
      expect(countCacheBreakpoints(withFour)).toBe(4);
      expect(withFour.tools[1]).not.toHaveProperty("cache_control");
    });

    it("leaves the conversation to a top-level cache_control set by the caller", async () => {
      const b = await body(
        { ...conversation, providerOptions: { anthropic: { cache_control: mark } } },
        { stream: false, autoCache: true },
      );
      expect(b.cache_control).toEqual(mark);
      expect(b.messages[2].content[0]).not.toHaveProperty("cache_control");
      expect(countCacheBreakpoints(b)).toBe(3);
    });

    it("is disabled by autoCache / auto_cache = false, and a request may enable it", async () => {
      for (const anthropic of [{ autoCache: false }, { auto_cache: false }]) {
        const built = await buildRequest(
          { ...conversation, providerOptions: { anthropic } },
          { stream: false, autoCache: true },
        );
        expect(countCacheBreakpoints(built.body)).toBe(0);
        expect(built.betas).toEqual([]);
      }
      const off = await buildRequest(conversation, NO_CACHE);
      expect(countCacheBreakpoints(off.body)).toBe(0);
      const on = await buildRequest({ ...conversation, providerOptions: { anthropic: { autoCache: true } } }, NO_CACHE);
      expect(countCacheBreakpoints(on.body)).toBe(3);
    });
  });
});
