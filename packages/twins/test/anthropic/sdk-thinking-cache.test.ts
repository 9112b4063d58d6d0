// Extended thinking (signed thinking blocks round-tripped, tampered or dropped ones refused) and
// prompt caching (cache_control breakpoints written on first use and read on the next turn) as
// the official `@anthropic-ai/sdk` sees them.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS, type RunningTwin } from "../../src/index.js";
import { loadScriptInto, resetTwin } from "../helpers/admin.js";
import { failureOf, longText, MODEL, postMessages, sdkClient, startAnthropicTwin, WEATHER_TOOL } from "./helpers.js";

let twin: RunningTwin;
let client: Anthropic;
let clockMs = Date.parse("2026-01-01T00:00:00Z");
beforeAll(async () => {
  twin = await startAnthropicTwin({ now: () => clockMs });
  client = sdkClient(twin);
});
afterAll(() => twin.close());
beforeEach(() => resetTwin(twin));

const thinking = { type: "enabled" as const, budget_tokens: 2048 };
const badRequest = failureOf;
/** Tokens of a prompt block holding `text`. */
const blockTokens = (text: string) => estimateTokens(text) + MESSAGE_OVERHEAD_TOKENS;

describe("extended thinking", () => {
  const script = `rules:
  - match: { userText: weather }
    reply:
      reasoning: The user wants the weather in Paris; I will call the tool.
      toolCalls: [{ name: get_weather, arguments: { city: Paris } }]
  - match: { toolResult: get_weather }
    reply: { reasoning: The tool says sunny., text: It is sunny in Paris. }
`;
  const question: Anthropic.MessageParam = { role: "user", content: "What is the weather in Paris?" };

  it("returns signed thinking blocks and accepts them back on the next turn (JSON and stream)", async () => {
    await loadScriptInto(twin, script);
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking,
      tools: [WEATHER_TOOL],
      messages: [question],
    });
    expect(first.content.map((b) => b.type)).toEqual(["thinking", "tool_use"]);
    const block = first.content[0] as Anthropic.ThinkingBlock;
    expect(block.thinking).toBe("The user wants the weather in Paris; I will call the tool.");
    expect(block.signature).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
    expect(first.usage.output_tokens_details?.thinking_tokens).toBe(estimateTokens(block.thinking));
    const use = first.content[1] as Anthropic.ToolUseBlock;
    const followUp: Anthropic.MessageParam[] = [
      question,
      { role: "assistant", content: first.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: "sunny" }] },
    ];
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 4000,
      thinking,
      tools: [WEATHER_TOOL],
      messages: followUp,
    });
    const signatures: string[] = [];
    stream.on("signature", (signature) => signatures.push(signature));
    const second = await stream.finalMessage();
    expect(second.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(second.content[0]).toMatchObject({ type: "thinking", thinking: "The tool says sunny." });
    expect(signatures).toEqual([(second.content[0] as Anthropic.ThinkingBlock).signature]);

    // The streamed block goes back too: a third turn that carries both signed blocks.
    const third = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking,
      tools: [WEATHER_TOOL],
      messages: [...followUp, { role: "assistant", content: second.content }, { role: "user", content: "Thanks!" }],
    });
    expect(third.stop_reason).toBe("end_turn");
  });

  it("refuses a tampered thinking text or signature, a missing signature, and a tool loop without thinking", async () => {
    await loadScriptInto(twin, script);
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking,
      tools: [WEATHER_TOOL],
      messages: [question],
    });
    const [block, use] = first.content as [Anthropic.ThinkingBlock, Anthropic.ToolUseBlock];
    const result: Anthropic.MessageParam = {
      role: "user",
      content: [{ type: "tool_result", tool_use_id: use.id, content: "sunny" }],
    };
    const send = (assistant: Anthropic.ContentBlockParam[]) =>
      badRequest(
        client.messages.create({
          model: MODEL,
          max_tokens: 4000,
          thinking,
          tools: [WEATHER_TOOL],
          messages: [question, { role: "assistant", content: assistant }, result],
        }),
      );
    const tamperedText = await send([{ ...block, thinking: `${block.thinking} Also rain.` }, use]);
    expect(tamperedText).toBeInstanceOf(Anthropic.BadRequestError);
    expect(tamperedText.apiMessage).toBe("messages.1.content.0: Invalid `signature` in `thinking` block");
    const flipped =
      block.signature.slice(0, 20) + (block.signature[20] === "A" ? "B" : "A") + block.signature.slice(21);
    expect((await send([{ ...block, signature: flipped }, use])).apiMessage).toBe(
      "messages.1.content.0: Invalid `signature` in `thinking` block",
    );
    const unsigned = await postMessages(twin, {
      model: MODEL,
      max_tokens: 4000,
      messages: [question, { role: "assistant", content: [{ type: "thinking", thinking: block.thinking }] }],
    });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error).toEqual({
      type: "invalid_request_error",
      message: "messages.1.content.0.thinking.signature: Field required",
    });
    const dropped = await send([use]);
    expect(dropped.apiMessage).toMatch(
      /^messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`\. When `thinking` is enabled, a final `assistant` message must start with a thinking block/,
    );
  });

  it("display omitted: empty thinking text, a signature that still round-trips", async () => {
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking: { ...thinking, display: "omitted" },
      messages: [{ role: "user", content: "Think quietly" }],
    });
    const block = first.content[0] as Anthropic.ThinkingBlock;
    expect(block).toMatchObject({ type: "thinking", thinking: "" });
    expect(first.usage.output_tokens_details?.thinking_tokens).toBeGreaterThan(0);
    const next = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking: { ...thinking, display: "omitted" },
      messages: [
        { role: "user", content: "Think quietly" },
        { role: "assistant", content: first.content },
        { role: "user", content: "Again" },
      ],
    });
    expect(next.stop_reason).toBe("end_turn");
  });

  it("adaptive thinking with effort; the thinking rules of the API", async () => {
    const adaptive = await client.messages.create({
      model: "claude-opus-4-7",
      max_tokens: 4000,
      thinking: { type: "adaptive" },
      output_config: { effort: "low" },
      messages: [{ role: "user", content: "Adapt" }],
    });
    expect(adaptive.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    const cases: [Record<string, unknown>, string][] = [
      [{ max_tokens: 2048 }, "`max_tokens` must be greater than `thinking.budget_tokens`."],
      [
        { tools: [WEATHER_TOOL], tool_choice: { type: "any" } },
        "Thinking may not be enabled when tool_choice forces tool use.",
      ],
      [{ temperature: 0.5 }, "`temperature` may only be set to 1 when thinking is enabled."],
      [
        { thinking: { type: "enabled", budget_tokens: 100 } },
        "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
      ],
      [
        { model: "claude-3-5-haiku-20241022" },
        "thinking.enabled: enabled thinking is not supported by model claude-3-5-haiku-20241022",
      ],
    ];
    for (const [over, message] of cases) {
      const error = await badRequest(
        client.post("/v1/messages", {
          body: { model: MODEL, max_tokens: 4000, thinking, messages: [{ role: "user", content: "x" }], ...over },
        }),
      );
      expect(error, JSON.stringify(over)).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error.apiMessage?.startsWith(message), error.message).toBe(true);
    }
    // interleaved thinking lets the budget span the turn, beyond max_tokens
    const interleaved = await client.messages.create(
      { model: MODEL, max_tokens: 1500, thinking, messages: [{ role: "user", content: "x" }] },
      { headers: { "anthropic-beta": "interleaved-thinking-2025-05-14" } },
    );
    expect(interleaved.content[0].type).toBe("thinking");
  });
});

describe("prompt caching", () => {
  const system = longText(2500);
  const systemTokens = blockTokens(system);
  const cachedSystem: Anthropic.TextBlockParam[] = [
    { type: "text", text: system, cache_control: { type: "ephemeral" } },
  ];
  const ask = (messages: Anthropic.MessageParam[], model = MODEL) =>
    client.messages.create({ model, max_tokens: 200, system: cachedSystem, messages });
  const marked = (text: string): Anthropic.MessageParam => ({
    role: "user",
    content: [{ type: "text", text, cache_control: { type: "ephemeral" } }],
  });

  it("writes the prefix on turn 1, reads it on turn 2 and writes the new turn after it", async () => {
    expect(systemTokens).toBeGreaterThan(2048);
    const turn1 = await ask([marked("Question one")]);
    expect(turn1.usage).toMatchObject({
      cache_creation_input_tokens: systemTokens + blockTokens("Question one"),
      cache_read_input_tokens: 0,
      input_tokens: 0,
      cache_creation: {
        ephemeral_5m_input_tokens: systemTokens + blockTokens("Question one"),
        ephemeral_1h_input_tokens: 0,
      },
    });
    const answer1 = turn1.content[0] as Anthropic.TextBlock;
    expect(answer1.text).toBe("Echo: Question one");
    const history: Anthropic.MessageParam[] = [
      { role: "user", content: [{ type: "text", text: "Question one" }] },
      { role: "assistant", content: answer1.text },
    ];
    const turn2 = await ask([...history, marked("Question two")]);
    expect(turn2.usage.cache_read_input_tokens).toBe(systemTokens + blockTokens("Question one"));
    expect(turn2.usage.cache_creation_input_tokens).toBe(blockTokens(answer1.text) + blockTokens("Question two"));
    expect(turn2.usage.input_tokens).toBe(0);
    const counted = await client.messages.countTokens({
      model: MODEL,
      system: cachedSystem,
      messages: [...history, marked("Question two")],
    });
    const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens } = turn2.usage;
    expect(input_tokens + (cache_creation_input_tokens ?? 0) + (cache_read_input_tokens ?? 0)).toBe(
      counted.input_tokens,
    );

    // A third turn whose only mark is the system one reads that prefix (reads happen at marks) and writes nothing.
    const turn3 = await ask([
      ...history,
      { role: "user", content: "Question two" },
      { role: "assistant", content: "Echo: Question two" },
      { role: "user", content: "Question three" },
    ]);
    expect(turn3.usage.cache_read_input_tokens).toBe(systemTokens);
    expect(turn3.usage.cache_creation_input_tokens).toBe(0);
    expect(turn3.usage.input_tokens).toBe(
      counted.input_tokens - systemTokens + blockTokens("Echo: Question two") + blockTokens("Question three"),
    );
  });

  it("streams the cache numbers in message_start; a prompt below the model's minimum is not cached", async () => {
    await ask([{ role: "user", content: "prime" }]);
    const stream = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      stream: true,
      system: cachedSystem,
      messages: [{ role: "user", content: "stream it" }],
    });
    for await (const event of stream) {
      if (event.type === "message_start") expect(event.message.usage.cache_read_input_tokens).toBe(systemTokens);
      if (event.type === "message_delta") expect(event.usage.cache_read_input_tokens).toBe(systemTokens);
    }
    const short = await client.messages.create({
      model: MODEL,
      max_tokens: 50,
      system: [{ type: "text", text: "short and cached?", cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: "x" }],
    });
    expect(short.usage.cache_creation_input_tokens).toBe(0);
    // claude-opus-4-1 caches from 1024 tokens, claude-opus-4-7 from 4096
    const mid = [{ type: "text" as const, text: longText(2000), cache_control: { type: "ephemeral" as const } }];
    const opus41 = await client.messages.create({
      model: "claude-opus-4-1",
      max_tokens: 50,
      system: mid,
      messages: [{ role: "user", content: "x" }],
    });
    const opus47 = await client.messages.create({
      model: "claude-opus-4-7",
      max_tokens: 50,
      system: mid,
      messages: [{ role: "user", content: "x" }],
    });
    expect(opus41.usage.cache_creation_input_tokens).toBeGreaterThan(1024);
    expect(opus47.usage.cache_creation_input_tokens).toBe(0);
  });

  it("entries live five minutes after last use; ttl 1h entries an hour, reported apart", async () => {
    await ask([{ role: "user", content: "a" }]);
    clockMs += 4 * 60_000;
    expect((await ask([{ role: "user", content: "b" }])).usage.cache_read_input_tokens).toBe(systemTokens);
    clockMs += 4 * 60_000; // 8 minutes after the write, 4 after the last read
    expect((await ask([{ role: "user", content: "c" }])).usage.cache_read_input_tokens).toBe(systemTokens);
    clockMs += 5 * 60_000 + 1;
    const expired = await ask([{ role: "user", content: "d" }]);
    expect(expired.usage.cache_read_input_tokens).toBe(0);
    expect(expired.usage.cache_creation_input_tokens).toBe(systemTokens);

    await resetTwin(twin);
    const hourly: Anthropic.TextBlockParam[] = [
      { type: "text", text: system, cache_control: { type: "ephemeral", ttl: "1h" } },
    ];
    const write = await client.messages.create({
      model: MODEL,
      max_tokens: 50,
      system: hourly,
      messages: [marked("Question one")],
    });
    expect(write.usage.cache_creation).toEqual({
      ephemeral_1h_input_tokens: systemTokens,
      ephemeral_5m_input_tokens: blockTokens("Question one"),
    });
    clockMs += 30 * 60_000;
    const later = await client.messages.create({
      model: MODEL,
      max_tokens: 50,
      system: hourly,
      messages: [{ role: "user", content: "Question one" }],
    });
    expect(later.usage.cache_read_input_tokens).toBe(systemTokens);
  });

  it("a top-level cache_control marks the last block; more than 4 marks and late 1h marks are refused", async () => {
    const body = {
      model: MODEL,
      max_tokens: 50,
      system,
      messages: [{ role: "user", content: "auto" }],
      cache_control: { type: "ephemeral" },
    };
    const first = (await client.post("/v1/messages", { body })) as Anthropic.Message;
    expect(first.usage.cache_creation_input_tokens).toBe(systemTokens + blockTokens("auto"));
    const again = (await client.post("/v1/messages", { body })) as Anthropic.Message;
    expect(again.usage.cache_read_input_tokens).toBe(systemTokens + blockTokens("auto"));
    expect(again.usage.cache_creation_input_tokens).toBe(0);

    const mark = { type: "ephemeral" as const };
    const five = await badRequest(
      client.messages.create({
        model: MODEL,
        max_tokens: 50,
        tools: [{ ...WEATHER_TOOL, cache_control: mark }],
        system: [
          { type: "text", text: "a", cache_control: mark },
          { type: "text", text: "b", cache_control: mark },
        ],
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "c", cache_control: mark },
              { type: "text", text: "d", cache_control: mark },
            ],
          },
        ],
      }),
    );
    expect(five.apiMessage).toBe("A maximum of 4 blocks with cache_control may be provided. Found 5.");
    const late = await badRequest(
      client.messages.create({
        model: MODEL,
        max_tokens: 50,
        system: [{ type: "text", text: "a", cache_control: mark }],
        messages: [{ role: "user", content: [{ type: "text", text: "b", cache_control: { ...mark, ttl: "1h" } }] }],
      }),
    );
    expect(late.apiMessage).toMatch(
      /^a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block/,
    );
  });

  it("a mark on a block inside a tool_result's content is a breakpoint", async () => {
    const messages: Anthropic.MessageParam[] = [
      { role: "user", content: system },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_01Cache", name: "get_weather", input: {} }] },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: "toolu_01Cache",
            content: [{ type: "text", text: "sunny", cache_control: { type: "ephemeral" } }],
          },
        ],
      },
    ];
    const first = await client.messages.create({ model: MODEL, max_tokens: 50, tools: [WEATHER_TOOL], messages });
    const second = await client.messages.create({ model: MODEL, max_tokens: 50, tools: [WEATHER_TOOL], messages });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(systemTokens);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.input_tokens).toBe(0);
  });

  it("a reset empties the cache", async () => {
    await ask([{ role: "user", content: "a" }]);
    await resetTwin(twin);
    expect((await ask([{ role: "user", content: "b" }])).usage.cache_read_input_tokens).toBe(0);
  });
});
