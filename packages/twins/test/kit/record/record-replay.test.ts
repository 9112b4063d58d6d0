// Record mode end to end through each official SDK: a twin records what an upstream API (here a
// second twin, standing in for the real one) answers into a script file, and a fresh twin loaded
// with that file replays the session offline with the same texts, tool calls and usage.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningTwin, startTwin } from "../../../src/index.js";

/** What the upstream model does: a tool call for the weather question, then an answer from its result. */
const UPSTREAM_SCRIPT = `rules:
  - match: { userText: weather }
    reply: { toolCalls: [{ name: get_weather, arguments: { city: Paris } }] }
  - match: { toolResult: get_weather }
    reply: { text: "It is {{request.toolResult}} in Paris; {{ braces }} stay as they are." }
`.replace("{{ braces }}", "\\\\{{ braces }}");

const SCHEMA = { type: "object", properties: { city: { type: "string" } }, required: ["city"] } as const;

/** What a session saw: per request, the text (or calls) and the usage the SDK reported. */
type Seen = { text: string; calls: string[]; usage: Record<string, unknown> }[];

/** Runs the three-request session of one provider through its SDK against `twin`. */
type Session = (twin: RunningTwin) => Promise<Seen>;

const openaiSession: Session = async (twin) => {
  const client = new OpenAI({ baseURL: twin.sdkBaseUrl, apiKey: "sk-record-test", maxRetries: 0 });
  const tools: OpenAI.Responses.Tool[] = [
    { type: "function", name: "get_weather", parameters: { ...SCHEMA }, strict: false },
  ];
  const first = await client.responses.create({ model: "gpt-4.1", input: "weather in Paris?", tools });
  const call = first.output.find((o) => o.type === "function_call");
  if (call?.type !== "function_call") throw new Error("no function call");
  const second = await client.responses.create({
    model: "gpt-4.1",
    input: [
      { role: "user", content: "weather in Paris?" },
      call,
      { type: "function_call_output", call_id: call.call_id, output: "sunny" },
    ],
    tools,
  });
  const stream = await client.chat.completions.create({
    model: "gpt-4.1",
    messages: [{ role: "user", content: "Hello stream" }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  let usage: Record<string, unknown> = {};
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    if (chunk.usage) usage = { ...chunk.usage };
  }
  return [
    { text: first.output_text, calls: [`${call.name} ${call.arguments}`], usage: { ...first.usage } },
    { text: second.output_text, calls: [], usage: { ...second.usage } },
    { text, calls: [], usage },
  ];
};

const anthropicSession: Session = async (twin) => {
  const client = new Anthropic({ baseURL: twin.sdkBaseUrl, apiKey: "sk-ant-record-test", maxRetries: 0 });
  const model = "claude-sonnet-4-6";
  const tools: Anthropic.Tool[] = [{ name: "get_weather", input_schema: { ...SCHEMA, required: ["city"] } }];
  const question: Anthropic.MessageParam = { role: "user", content: "weather in Paris?" };
  const first = await client.messages.create({ model, max_tokens: 300, messages: [question], tools });
  const use = first.content.find((b) => b.type === "tool_use");
  if (use?.type !== "tool_use") throw new Error("no tool use");
  const second = await client.messages.create({
    model,
    max_tokens: 300,
    tools,
    messages: [
      question,
      { role: "assistant", content: first.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: "sunny" }] },
    ],
  });
  const streamed = await client.messages
    .stream({ model, max_tokens: 300, messages: [{ role: "user", content: "Hello stream" }] })
    .finalMessage();
  const text = (m: Anthropic.Message) => m.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join("");
  return [
    { text: text(first), calls: [`${use.name} ${JSON.stringify(use.input)}`], usage: { ...first.usage } },
    { text: text(second), calls: [], usage: { ...second.usage } },
    { text: text(streamed), calls: [], usage: { ...streamed.usage } },
  ];
};

const geminiSession: Session = async (twin) => {
  const ai = new GoogleGenAI({ apiKey: "AIza-record-test", httpOptions: { baseUrl: twin.url } });
  const model = "gemini-2.0-flash";
  const config = { tools: [{ functionDeclarations: [{ name: "get_weather", parametersJsonSchema: SCHEMA }] }] };
  const question = { role: "user", parts: [{ text: "weather in Paris?" }] };
  const first = await ai.models.generateContent({ model, contents: [question], config });
  const call = first.functionCalls?.[0];
  const modelTurn = first.candidates?.[0]?.content;
  if (!call || !modelTurn) throw new Error("no function call");
  const second = await ai.models.generateContent({
    model,
    config,
    contents: [
      question,
      modelTurn,
      { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { output: "sunny" } } }] },
    ],
  });
  let text = "";
  let usage: Record<string, unknown> = {};
  for await (const chunk of await ai.models.generateContentStream({ model, contents: "Hello stream" })) {
    text += chunk.text ?? "";
    if (chunk.usageMetadata) usage = { ...chunk.usageMetadata };
  }
  return [
    { text: "", calls: [`${call.name} ${JSON.stringify(call.args)}`], usage: { ...first.usageMetadata } },
    { text: second.text ?? "", calls: [], usage: { ...second.usageMetadata } },
    { text, calls: [], usage },
  ];
};

const SESSIONS: [string, Session, string][] = [
  ["openai", openaiSession, "It is sunny in Paris; {{ braces }} stay as they are."],
  ["anthropic", anthropicSession, "It is sunny in Paris; {{ braces }} stay as they are."],
  // Gemini's tool results are objects: the upstream quotes the JSON.
  ["gemini", geminiSession, 'It is {"output":"sunny"} in Paris; {{ braces }} stay as they are.'],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "twin-record-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(SESSIONS)("record and replay through the %s SDK", (name, session, answer) => {
  const twins: RunningTwin[] = [];
  afterAll(() => Promise.all(twins.map((t) => t.close())));

  it("records the upstream's answers to a script file that replays them offline", async () => {
    const upstream = await startTwin(name, { script: UPSTREAM_SCRIPT });
    const file = join(dir, `${name}.yaml`);
    const recorder = await startTwin(name, { record: { upstream: upstream.url, file } });
    twins.push(upstream, recorder);

    const recorded = await session(recorder);
    expect(recorded[1].text).toBe(answer);
    expect(recorded[2].text).toBe("Echo: Hello stream");
    // Every model request went upstream with the caller's key; the recorder's journal has the answers.
    const forwarded = upstream.kit.journal.list();
    expect(forwarded.map((e) => e.response?.status)).toEqual([200, 200, 200]);
    expect(JSON.stringify(forwarded[0].headers)).toContain("[redacted]");
    expect(recorder.kit.journal.list().map((e) => e.response?.status)).toEqual([200, 200, 200]);

    await recorder.kit.recorder?.flushed();
    const yaml = await readFile(file, "utf8");
    expect(yaml).toMatch(new RegExp(`^# Recorded by the ${name} twin from ${upstream.url} \\(3 answers\\)`));
    expect(yaml).toContain("name: recorded-3");
    expect(yaml).toContain("userText: weather in Paris?");
    expect(yaml).toContain("toolResult: get_weather");

    const replay = await startTwin(name, { script: yaml });
    twins.push(replay);
    expect(await session(replay)).toEqual(recorded);
    expect(replay.kit.journal.list().map((e) => e.scriptRule)).toEqual(["recorded-1", "recorded-2", "recorded-3"]);
  });
});

describe("record mode", () => {
  it("passes an upstream error through unrecorded, and answers 502 when the upstream is unreachable", async () => {
    const upstream = await startTwin("openai", { faults: [{ times: 1, fault: { kind: "rate_limit" } }] });
    const recorder = await startTwin("openai", { record: { upstream: upstream.url } });
    const client = new OpenAI({ baseURL: recorder.sdkBaseUrl, apiKey: "sk-record-test", maxRetries: 0 });
    const limited = await client.responses.create({ model: "gpt-4.1", input: "hi" }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after")).toBe("1");
    expect(recorder.kit.recorder?.script().rules).toEqual([]);
    await upstream.close();
    const lost = await client.responses.create({ model: "gpt-4.1", input: "hi" }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(OpenAI.InternalServerError);
    expect((lost as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    await recorder.close();
  });

  it("lets the script answer first, and records a repeated request as a second rule in order", async () => {
    const upstream = await startTwin("openai", {
      script: "mode: ordered\nrules:\n  - reply: { text: first }\n  - reply: { text: second }\n",
    });
    const recorder = await startTwin("openai", {
      script: "rules:\n  - { match: { userText: local }, reply: { text: from the script } }\n",
      record: { upstream: upstream.url },
    });
    const client = new OpenAI({ baseURL: recorder.sdkBaseUrl, apiKey: "sk-record-test", maxRetries: 0 });
    const ask = async (input: string) => (await client.responses.create({ model: "gpt-4.1", input })).output_text;
    expect([await ask("local"), await ask("again"), await ask("again")]).toEqual([
      "from the script",
      "first",
      "second",
    ]);
    const rules = recorder.kit.recorder?.script().rules ?? [];
    expect(rules.map((r) => [r.name, r.times, r.reply && "text" in r.reply ? r.reply.text : undefined])).toEqual([
      ["recorded-1", 1, "first"],
      ["recorded-2", undefined, "second"],
    ]);
    await Promise.all([upstream.close(), recorder.close()]);
  });

  it("needs an http(s) upstream", async () => {
    await expect(startTwin("openai", { record: { upstream: "ftp://example.test" } })).rejects.toThrow(
      "record: upstream must be an http(s) URL, got 'ftp://example.test'",
    );
  });
});
