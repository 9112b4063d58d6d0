// Function calling through the official @google/genai SDK: parallel calls, the functionResponse
// turn, thought signatures (Gemini 3 signs the first call of a step and refuses a history that
// drops it), round trips through the SDK's chat helper, forced calls, and one scripted agent
// conversation end to end.
import { ApiError, type Content, FunctionCallingConfigMode, type GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { journal, loadScriptInto, resetTwin } from "../helpers/admin.js";
import { genai, post, startGeminiTwin, WEATHER_DECLARATION } from "./helpers.js";

let twin: RunningTwin;
let ai: GoogleGenAI;
beforeAll(async () => {
  twin = await startGeminiTwin();
  ai = genai(twin);
});
afterAll(() => twin.close());
beforeEach(async () => {
  await resetTwin(twin);
  await loadScriptInto(
    twin,
    `rules:
  - match: { userText: weather }
    reply:
      toolCalls:
        - { name: get_weather, arguments: { city: Paris } }
        - { name: get_weather, arguments: { city: Rome } }
  - match: { toolResult: get_weather, toolResultContains: sunny }
    reply: { text: "Paris is sunny, Rome is rainy." }
`,
  );
});

const tools = [{ functionDeclarations: [WEATHER_DECLARATION] }];
const MODEL = "gemini-3-pro-preview";

describe("parallel function calls", () => {
  it("come as functionCall parts with args; only the first carries the thought signature", async () => {
    const response = await ai.models.generateContent({
      model: MODEL,
      contents: "weather in Paris and Rome?",
      config: { tools },
    });
    expect(response.functionCalls?.map((c) => [c.name, c.args])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_weather", { city: "Rome" }],
    ]);
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(parts.map((p) => typeof p.thoughtSignature)).toEqual(["string", "undefined"]);
    expect(response.candidates?.[0]?.finishReason).toBe("STOP");
    // The SDK drops `finishMessage` (a Vertex field to it); the wire has it, as recorded.
    const [entry] = await journal(twin);
    const wire = entry.response as { body: { candidates: { finishMessage: string }[] } };
    expect(wire.body.candidates[0].finishMessage).toBe("Model generated function call(s).");
  });

  it("a second turn with functionResponse parts gets the answer", async () => {
    const question: Content = { role: "user", parts: [{ text: "weather in Paris and Rome?" }] };
    const first = await ai.models.generateContent({ model: MODEL, contents: [question], config: { tools } });
    const modelTurn = first.candidates?.[0]?.content as Content;
    const results: Content = {
      role: "user",
      parts: (first.functionCalls ?? []).map((call) => ({
        functionResponse: { name: call.name, response: { weather: call.args?.city === "Paris" ? "sunny" : "rain" } },
      })),
    };
    const second = await ai.models.generateContent({
      model: MODEL,
      contents: [question, modelTurn, results],
      config: { tools },
    });
    expect(second.text).toBe("Paris is sunny, Rome is rainy.");
  });

  it("streams the calls whole, then an empty text part with the finishReason", async () => {
    const chunks = [];
    for await (const chunk of await ai.models.generateContentStream({
      model: MODEL,
      contents: "weather?",
      config: { tools },
    }))
      chunks.push(chunk);
    expect(chunks.flatMap((c) => c.functionCalls ?? []).map((c) => c.args)).toEqual([
      { city: "Paris" },
      { city: "Rome" },
    ]);
    expect(chunks.at(-1)?.candidates?.[0]).toMatchObject({ content: { parts: [{ text: "" }] }, finishReason: "STOP" });
  });
});

describe("thought signatures", () => {
  const history = (signature?: string) => ({
    contents: [
      { role: "user", parts: [{ text: "weather?" }] },
      {
        role: "model",
        parts: [
          {
            functionCall: { name: "get_weather", args: { city: "Paris" } },
            ...(signature ? { thoughtSignature: signature } : {}),
          },
        ],
      },
      { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { weather: "sunny" } } }] },
    ],
    tools,
  });

  it("Gemini 3 refuses a function call sent back without its signature, naming call and position", async () => {
    const response = await post(twin, `/v1beta/models/${MODEL}:generateContent`, history());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 400,
        message:
          "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:get_weather` , position 2. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.",
        status: "INVALID_ARGUMENT",
      },
    });
  });

  it("accepts the documented dummy signature, and Gemini 2.5 needs none", async () => {
    const dummy = await post(
      twin,
      `/v1beta/models/${MODEL}:generateContent`,
      history("skip_thought_signature_validator"),
    );
    expect(dummy.status).toBe(200);
    const legacy = await post(twin, "/v1beta/models/gemini-2.5-flash:generateContent", history());
    expect(legacy.status).toBe(200);
  });

  it("the SDK chat helper round-trips the signature (sendMessage)", async () => {
    const chat = ai.chats.create({ model: MODEL, config: { tools } });
    const first = await chat.sendMessage({ message: "weather in Paris and Rome?" });
    const signature = first.candidates?.[0]?.content?.parts?.[0]?.thoughtSignature;
    expect(signature).toEqual(expect.any(String));
    const second = await chat.sendMessage({
      message: (first.functionCalls ?? []).map((call) => ({
        functionResponse: { name: call.name, response: { result: `sunny in ${String(call.args?.city)}` } },
      })),
    });
    expect(second.text).toBe("Paris is sunny, Rome is rainy.");
    const sent = (await journal(twin))[1].body as { contents: Content[] };
    expect(sent.contents[1].parts?.[0]?.thoughtSignature).toBe(signature);
  });

  it("the SDK chat helper round-trips the signature (sendMessageStream)", async () => {
    const chat = ai.chats.create({ model: MODEL, config: { tools } });
    const calls = [];
    for await (const chunk of await chat.sendMessageStream({ message: "weather in Paris and Rome?" }))
      calls.push(...(chunk.functionCalls ?? []));
    let text = "";
    for await (const chunk of await chat.sendMessageStream({
      message: calls.map((call) => ({ functionResponse: { name: call.name, response: { result: "sunny" } } })),
    }))
      text += chunk.text ?? "";
    expect(text).toBe("Paris is sunny, Rome is rainy.");
    expect(chat.getHistory().map((c) => c.role)).toEqual(["user", "model", "model", "user", "model", "model"]);
  });
});

describe("forced calls", () => {
  it("mode ANY with allowedFunctionNames calls that function with a schema instance of its parameters", async () => {
    await fetch(`${twin.url}/_twin/script`, { method: "DELETE" });
    const response = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "anything",
      config: {
        tools,
        toolConfig: {
          functionCallingConfig: { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: ["get_weather"] },
        },
      },
    });
    expect(response.functionCalls).toEqual([{ name: "get_weather", args: { city: "city" } }]);
  });
});

describe("a scripted agent conversation, end to end", () => {
  it("replays an ordered script through the chat helper, with thoughts and signatures", async () => {
    await loadScriptInto(
      twin,
      `mode: ordered
rules:
  - name: plan
    match: { turn: 1, userText: deploy }
    reply:
      reasoning: I should check the build status first.
      toolCalls: [{ name: build_status, arguments: { branch: main } }]
  - name: report
    match: { toolResult: build_status }
    reply: { text: The build is green; deploying now. }
  - name: thanks
    match: { turn: 2 }
    reply: { text: You are welcome. }
`,
    );
    const chat = ai.chats.create({
      model: "gemini-3.1-pro-preview",
      config: {
        tools: [
          {
            functionDeclarations: [
              {
                name: "build_status",
                parametersJsonSchema: { type: "object", properties: { branch: { type: "string" } } },
              },
            ],
          },
        ],
        thinkingConfig: { includeThoughts: true },
      },
    });
    const plan = await chat.sendMessage({ message: "Please deploy main" });
    const parts = plan.candidates?.[0]?.content?.parts ?? [];
    expect(parts[0]).toEqual({ text: "I should check the build status first.", thought: true });
    expect(parts[1]).toMatchObject({
      functionCall: { name: "build_status", args: { branch: "main" } },
      thoughtSignature: expect.any(String),
    });
    expect(plan.usageMetadata?.thoughtsTokenCount).toBe(8); // 7 words and a period
    const report = await chat.sendMessage({
      message: [{ functionResponse: { name: "build_status", response: { status: "green" } } }],
    });
    expect(report.text).toBe("The build is green; deploying now.");
    expect((await chat.sendMessage({ message: "thanks!" })).text).toBe("You are welcome.");
    const extra = await chat.sendMessage({ message: "one more" }).catch((e: unknown) => e);
    expect(extra).toBeInstanceOf(ApiError);
    expect((extra as ApiError).status).toBe(400);
    expect((extra as ApiError).message).toContain("twin script: request 4 came after the ordered script ended");
    const rules = (await journal(twin)).map((e) => e.scriptRule);
    expect(rules).toEqual(["plan", "report", "thanks", undefined]);
  });
});

describe("script matchers on Gemini requests", () => {
  it("matches the system instruction by regular expression and the declared tools, and refuses off-script in strict mode", async () => {
    await loadScriptInto(
      twin,
      `strict: true
rules:
  - match: { systemRegex: "You speak (\\\\w+)", hasTool: get_weather }
    reply: { text: "In {{system.1}}: {{request.userText}}" }
  - match: { responseFormat: json_schema }
    reply: { json: { city: Paris } }
`,
    );
    const config = {
      systemInstruction: "You speak French.",
      tools: [{ functionDeclarations: [WEATHER_DECLARATION] }],
    };
    const spoken = await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "bonjour", config });
    expect(spoken.text).toBe("In French: bonjour");
    const structured = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "which city?",
      config: { responseMimeType: "application/json", responseJsonSchema: { type: "object" } },
    });
    expect(JSON.parse(structured.text ?? "")).toEqual({ city: "Paris" });
    const off = await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" }).catch((e: unknown) => e);
    expect(off).toBeInstanceOf(ApiError);
    expect((off as ApiError).status).toBe(400);
    expect((off as ApiError).message).toContain("twin script (strict): request 3 matches no rule");
  });
});
