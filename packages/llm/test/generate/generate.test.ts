import { afterEach, describe, expect, it } from "vitest";
import { setDefaultClient } from "../../src/client/default-client.js";
import { AbortError, ConfigurationError, RequestTimeoutError } from "../../src/errors/client-errors.js";
import { generate } from "../../src/generate/generate.js";
import { Message } from "../../src/types/message.js";
import { fakeClient, hang, respond, textResponse, toolCallsResponse, usage } from "../helpers/fake-adapter.js";

afterEach(() => setDefaultClient(undefined));

describe("generate", () => {
  it("§8.4 generate() works with a simple text prompt", async () => {
    const { client, adapter } = fakeClient([respond(textResponse("Hello!", { usage: usage(12, 3) }))]);
    const result = await generate({ model: "m1", prompt: "Say hi", client });
    expect(result.text).toBe("Hello!");
    expect(result.finishReason.reason).toBe("stop");
    expect(result.usage).toEqual(usage(12, 3));
    expect(result.steps).toHaveLength(1);
    expect(adapter.requests[0]?.messages).toEqual([Message.user("Say hi")]);
    expect(adapter.requests[0]?.model).toBe("m1");
  });

  it("§8.4 generate() works with a full messages list, with system prepended", async () => {
    const { client, adapter } = fakeClient([respond(textResponse("4"))]);
    const messages = [Message.user("What is 2+2?"), Message.assistant("Let me think."), Message.user("Well?")];
    const result = await generate({ model: "m1", messages, system: "Be terse.", client });
    expect(result.text).toBe("4");
    expect(adapter.requests[0]?.messages).toEqual([Message.system("Be terse."), ...messages]);
    expect(messages).toHaveLength(3);
  });

  it("§8.4 generate() rejects when both prompt and messages are provided", async () => {
    const { client, adapter } = fakeClient([respond(textResponse("x"))]);
    const call = generate({ model: "m1", prompt: "a", messages: [Message.user("b")], client });
    await expect(call).rejects.toBeInstanceOf(ConfigurationError);
    await expect(call).rejects.toThrow(/either prompt or messages, not both/);
    expect(adapter.calls).toHaveLength(0);
  });

  it("rejects when neither prompt nor messages is given", async () => {
    const { client } = fakeClient();
    await expect(generate({ model: "m1", client })).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("passes the generation parameters through to the request", async () => {
    const { client, adapter } = fakeClient([respond(textResponse("ok"))]);
    await generate({
      model: "m1",
      prompt: "p",
      client,
      temperature: 0.3,
      topP: 0.9,
      maxTokens: 100,
      stopSequences: ["END"],
      reasoningEffort: "high",
      provider: "fake",
      providerOptions: { fake: { x: 1 } },
      metadata: { run: "1" },
      responseFormat: { type: "json" },
      toolChoice: { mode: "none" },
      tools: [{ name: "t", description: "d", parameters: { type: "object" }, execute: () => "r" }],
    });
    const request = adapter.requests[0];
    expect(request).toMatchObject({
      temperature: 0.3,
      topP: 0.9,
      maxTokens: 100,
      stopSequences: ["END"],
      reasoningEffort: "high",
      provider: "fake",
      providerOptions: { fake: { x: 1 } },
      metadata: { run: "1" },
      responseFormat: { type: "json" },
      toolChoice: { mode: "none" },
    });
    expect(request?.tools).toEqual([{ name: "t", description: "d", parameters: { type: "object" } }]);
  });

  it("§8.7 ToolChoice modes are passed to the provider as given", async () => {
    const tool = { name: "t", description: "d", parameters: { type: "object" } };
    for (const toolChoice of [
      { mode: "auto" as const },
      { mode: "none" as const },
      { mode: "required" as const },
      { mode: "named" as const, toolName: "t" },
    ]) {
      const { client, adapter } = fakeClient([respond(textResponse("ok"))]);
      await generate({ model: "m1", prompt: "p", client, tools: [tool], toolChoice });
      expect(adapter.requests[0]?.toolChoice).toEqual(toolChoice);
    }
  });

  it("§8.1 uses the module-level default client when none is passed", async () => {
    const { client, adapter } = fakeClient([respond(textResponse("from default"))]);
    setDefaultClient(client);
    const result = await generate({ model: "m1", prompt: "p" });
    expect(result.text).toBe("from default");
    expect(adapter.calls).toHaveLength(1);
  });

  it("§8.7 StepResult tracks each step's tool calls, results and usage; totalUsage is their sum", async () => {
    const { client } = fakeClient([
      respond(toolCallsResponse([{ id: "c1", name: "add", args: { a: 1, b: 2 } }], { usage: usage(10, 5) })),
      respond(
        toolCallsResponse([{ id: "c2", name: "add", args: { a: 3, b: 4 } }], {
          usage: usage(20, 6, { reasoningTokens: 2, cacheReadTokens: 8 }),
        }),
      ),
      respond(textResponse("Sum is 10", { usage: usage(30, 7, { cacheReadTokens: 16 }) })),
    ]);
    const add = {
      name: "add",
      description: "adds",
      parameters: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } } },
      execute: (args: { a: number; b: number }) => args.a + args.b,
    };
    const result = await generate({ model: "m1", prompt: "p", client, tools: [add], maxToolRounds: 5 });
    expect(result.steps.map((s) => s.toolCalls.map((c) => c.id))).toEqual([["c1"], ["c2"], []]);
    expect(result.steps.map((s) => s.toolResults)).toEqual([
      [{ toolCallId: "c1", content: "3", isError: false }],
      [{ toolCallId: "c2", content: "7", isError: false }],
      [],
    ]);
    expect(result.steps.map((s) => s.usage.totalTokens)).toEqual([15, 26, 37]);
    expect(result.usage).toEqual(usage(30, 7, { cacheReadTokens: 16 }));
    expect(result.totalUsage).toEqual({
      inputTokens: 60,
      outputTokens: 18,
      totalTokens: 78,
      reasoningTokens: 2,
      cacheReadTokens: 24,
    });
    expect(result.text).toBe("Sum is 10");
    expect(result.response).toBe(result.steps[2]?.response);
    expect(result.steps[0]?.finishReason.reason).toBe("tool_calls");
    expect(result.steps[0]?.warnings).toEqual([]);
  });

  it("§8.4 cancellation via abort signal rejects generate() with AbortError", async () => {
    const { client, adapter } = fakeClient([hang()]);
    const controller = new AbortController();
    const call = generate({ model: "m1", prompt: "p", client, abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(adapter.calls[0]?.options?.signal?.aborted).toBe(true);
  });

  it("§8.4 an already aborted signal rejects before any call", async () => {
    const { client, adapter } = fakeClient([respond(textResponse("x"))]);
    const controller = new AbortController();
    controller.abort();
    await expect(generate({ model: "m1", prompt: "p", client, abortSignal: controller.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(adapter.calls).toHaveLength(0);
  });

  it("§8.4 abort also wins when the adapter ignores the signal", async () => {
    const { client } = fakeClient([hang(true)]);
    const controller = new AbortController();
    const call = generate({ model: "m1", prompt: "p", client, abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(call).rejects.toBeInstanceOf(AbortError);
  });

  it("§8.4 abort during tool execution rejects with AbortError and reaches the tool's signal", async () => {
    const { client, adapter } = fakeClient([respond(toolCallsResponse([{ id: "c1", name: "slow", args: {} }]))]);
    const controller = new AbortController();
    let toolSignal: AbortSignal | undefined;
    const slow = {
      name: "slow",
      description: "",
      parameters: { type: "object" },
      execute: (_args: unknown, ctx: { abortSignal: AbortSignal }) => {
        toolSignal = ctx.abortSignal;
        setTimeout(() => controller.abort(), 5);
        return new Promise(() => {});
      },
    };
    await expect(
      generate({ model: "m1", prompt: "p", client, tools: [slow], abortSignal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
    expect(toolSignal?.aborted).toBe(true);
    expect(adapter.calls).toHaveLength(1);
  });

  it("§8.4 total timeout rejects with RequestTimeoutError scope total", async () => {
    const { client } = fakeClient([hang()]);
    const started = performance.now();
    const error = await generate({ model: "m1", prompt: "p", client, timeout: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).scope).toBe("total");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("§8.4 total timeout spans all steps, not each one", async () => {
    const { client, adapter } = fakeClient([
      respond(toolCallsResponse([{ id: "c1", name: "t", args: {} }]), 30),
      respond(toolCallsResponse([{ id: "c2", name: "t", args: {} }]), 30),
      respond(textResponse("done"), 30),
    ]);
    const t = { name: "t", description: "", parameters: { type: "object" }, execute: () => "ok" };
    const error = await generate({
      model: "m1",
      prompt: "p",
      client,
      tools: [t],
      maxToolRounds: 5,
      timeout: { totalMs: 70, perStepMs: 50 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).scope).toBe("total");
    expect(adapter.calls).toHaveLength(3);
  });

  it("§8.4 per-step timeout rejects with RequestTimeoutError scope per_step", async () => {
    const { client, adapter } = fakeClient([
      respond(toolCallsResponse([{ id: "c1", name: "t", args: {} }]), 5),
      hang(),
    ]);
    const t = { name: "t", description: "", parameters: { type: "object" }, execute: () => "ok" };
    const error = await generate({
      model: "m1",
      prompt: "p",
      client,
      tools: [t],
      timeout: { perStepMs: 40 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as RequestTimeoutError).scope).toBe("per_step");
    expect(adapter.calls).toHaveLength(2);
  });

  it("a timed-out step is not retried", async () => {
    const { client, adapter } = fakeClient([hang(), respond(textResponse("late"))]);
    await expect(
      generate({ model: "m1", prompt: "p", client, timeout: { perStepMs: 20 }, maxRetries: 2 }),
    ).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(adapter.calls).toHaveLength(1);
  });

  it("rejects invalid maxToolRounds, maxRetries and timeouts with ConfigurationError", async () => {
    const { client } = fakeClient();
    await expect(generate({ model: "m", prompt: "p", client, maxToolRounds: -1 })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    await expect(generate({ model: "m", prompt: "p", client, timeout: -5 })).rejects.toBeInstanceOf(ConfigurationError);
    const { client: c2 } = fakeClient([respond(textResponse("x"))]);
    await expect(generate({ model: "m", prompt: "p", client: c2, maxRetries: 1.5 })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
  });
});
