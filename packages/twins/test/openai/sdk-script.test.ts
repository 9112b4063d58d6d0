// Script features through the official `openai` SDK: regular-expression captures filled into
// replies and tool-call arguments, the newer matchers (systemRegex, toolResultRegex, hasTool,
// responseFormat), reply functions and predicates (scripts built in code), and strict mode.
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningTwin, Script } from "../../src/index.js";
import { sdkClient, startOpenAITwin, WEATHER_TOOL } from "../helpers/twins.js";

/** An error of the SDK (`OpenAI.APIError` is a value; this is its instance type). */
type ApiError = InstanceType<typeof OpenAI.APIError>;

let twin: RunningTwin | undefined;
afterEach(() => twin?.close());

const CAPTURING = `rules:
  - match: { userTextRegex: "weather in (?<city>[A-Z]\\\\w+)", hasTool: get_weather }
    reply:
      toolCalls: [{ name: get_weather, arguments: { city: "{{match.city}}", asked: "{{request.userText}}" } }]
  - match: { toolResultRegex: "(?<temp>-?\\\\d+)°C" }
    reply: { text: "{{toolResult.temp}} degrees, said {{request.model}} on request {{request.sequence}}." }
  - match: { systemRegex: "You are a (\\\\w+)", responseFormat: json_object }
    reply: { json: { role: "{{system.1}}" } }
`;

describe("scripts through the openai SDK", () => {
  it("fills captures into tool-call arguments and text, across a tool loop", async () => {
    twin = await startOpenAITwin({ script: CAPTURING });
    const client = sdkClient(twin);
    const first = await client.responses.create({
      model: "gpt-4.1",
      input: "weather in Oslo today?",
      tools: [WEATHER_TOOL],
    });
    const call = first.output.find((o) => o.type === "function_call");
    expect(call?.type === "function_call" && JSON.parse(call.arguments)).toEqual({
      city: "Oslo",
      asked: "weather in Oslo today?",
    });
    if (call?.type !== "function_call") return;
    const second = await client.responses.create({
      model: "gpt-4.1",
      input: [
        { role: "user", content: "weather in Oslo today?" },
        call,
        { type: "function_call_output", call_id: call.call_id, output: "Oslo: -3°C, snow" },
      ],
      tools: [WEATHER_TOOL],
    });
    expect(second.output_text).toBe("-3 degrees, said gpt-4.1 on request 2.");
    // Without the tool declared, hasTool does not hold and the default echo answers.
    expect((await client.responses.create({ model: "gpt-4.1", input: "weather in Oslo?" })).output_text).toBe(
      "Echo: weather in Oslo?",
    );
  });

  it("matches the system text and the response format (chat completions)", async () => {
    twin = await startOpenAITwin({ script: CAPTURING });
    const completion = await sdkClient(twin).chat.completions.create({
      model: "gpt-4o",
      messages: [
        { role: "system", content: "You are a librarian. Answer in JSON." },
        { role: "user", content: "Who are you?" },
      ],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(completion.choices[0].message.content ?? "")).toEqual({ role: "librarian" });
  });

  it("runs reply functions and predicates of a script built in code", async () => {
    const script: Script = {
      mode: "free",
      rules: [
        {
          match: { predicate: (c) => c.tools.length >= 2 },
          reply: ({ conversation }) => ({
            text: `${conversation.tools.length} tools: ${conversation.tools.map((t) => t.name).join(", ")}`,
          }),
        },
        { match: { userText: "broken" }, reply: () => ({ txt: "typo" }) as never },
      ],
    };
    twin = await startOpenAITwin({ script });
    const client = sdkClient(twin);
    const tools = [WEATHER_TOOL, { ...WEATHER_TOOL, name: "get_time" }];
    const answered = await client.responses.create({ model: "gpt-4.1", input: "which tools?", tools });
    expect(answered.output_text).toBe("2 tools: get_weather, get_time");
    const broken = await client.responses.create({ model: "gpt-4.1", input: "broken" }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(OpenAI.BadRequestError);
    expect((broken as ApiError).message).toMatch(
      /^400 twin script: the reply function of rule 2 returned an invalid reply: reply\.txt: unknown key 'txt'/,
    );
  });

  it("strict mode refuses what no rule answers, as a BadRequestError saying why", async () => {
    twin = await startOpenAITwin({
      strict: true,
      script: "rules:\n  - { name: hi, match: { userText: hello }, reply: { text: hi } }\n",
    });
    const client = sdkClient(twin);
    expect((await client.responses.create({ model: "gpt-4.1", input: "hello" })).output_text).toBe("hi");
    const refused = await client.responses.create({ model: "gpt-4.1", input: "bye" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect((refused as ApiError).message).toBe(
      '400 twin script (strict): request 2 matches no rule: rule 1 (hi): the user text "bye" does not contain "hello"',
    );
    // A script's own `strict: false` wins over the twin's option.
    await fetch(`${twin.url}/_twin/script`, { method: "PUT", body: "strict: false\nrules: []\n" });
    expect((await client.responses.create({ model: "gpt-4.1", input: "bye" })).output_text).toBe("Echo: bye");
    const state = (await (await fetch(`${twin.url}/_twin/`)).json()) as { script: { strict: boolean } };
    expect(state.script.strict).toBe(false);
  });
});
