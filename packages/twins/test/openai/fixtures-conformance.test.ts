// Conformance of the OpenAI twin's Responses API output with the recorded real responses in
// ../shared/fixtures/llm/openai/ (read in place, never copied): field names of the response,
// its output items, usage and every stream event, the event order, and the SSE framing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { loadScriptInto } from "../helpers/admin.js";
import { addShape, emptyShapes, inventedFields, missingFields, parseSse, type Shapes } from "../helpers/conformance.js";
import { startOpenAITwin, WEATHER_TOOL } from "../helpers/twins.js";

type Json = Record<string, unknown>;

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../../shared/fixtures/llm/openai",
);
const present = existsSync(FIXTURES);

/** Fields the twin sends that the recordings lack but openai@6.30.1's types declare. */
const DECLARED_BY_SDK: Record<string, string[]> = { "event:response.function_call_arguments.done": ["name"] };

function addResponse(shapes: Shapes, response: Json): void {
  addShape(shapes, "response", response);
  if (response.usage && typeof response.usage === "object") addShape(shapes, "usage", response.usage as Json);
  for (const item of (response.output as Json[]) ?? []) {
    addShape(shapes, `item:${String(item.type)}`, item);
    if (item.type === "message")
      for (const part of item.content as Json[]) addShape(shapes, `part:${String(part.type)}`, part);
  }
}

function addEvent(shapes: Shapes, event: Json): void {
  addShape(shapes, `event:${String(event.type)}`, event);
  if (event.item) addShape(shapes, `item:${String((event.item as Json).type)}`, event.item as Json);
}

function recordedShapes(): { shapes: Shapes; streams: Map<string, Json[]> } {
  const shapes = emptyShapes();
  const streams = new Map<string, Json[]>();
  for (const file of readdirSync(FIXTURES)) {
    const text = readFileSync(path.join(FIXTURES, file), "utf8");
    if (file.endsWith(".chunks.txt")) {
      const events: Json[] = [];
      for (const line of text.split("\n")) {
        if (line.trim() === "") continue;
        try {
          events.push(JSON.parse(line) as Json);
        } catch {
          // parallel-tool-call-wrapper.1 has two broken lines upstream (see SOURCE.md).
        }
      }
      for (const event of events) addEvent(shapes, event);
      streams.set(file, events);
    } else if (file.endsWith(".json")) {
      const body = JSON.parse(text) as Json;
      if (body.object === "response") addResponse(shapes, body);
    }
  }
  return { shapes, streams };
}

/** Event types with runs of the same type collapsed (`delta*`). */
function collapse(types: string[]): string[] {
  return types.filter((t, i) => t !== types[i - 1]);
}

/** The events of the first response of a recorded stream (some hold several turns). */
function firstTurn(events: Json[]): string[] {
  const end = events.findIndex((e) => e.type === "response.completed");
  return events.slice(0, end + 1).map((e) => String(e.type));
}

describe.skipIf(!present)("OpenAI twin vs recorded Responses API fixtures", () => {
  let twin: RunningTwin;
  let recorded: ReturnType<typeof recordedShapes>;
  const ours = emptyShapes();
  const post = async (body: Json): Promise<Response> =>
    fetch(`${twin.sdkBaseUrl}/responses`, {
      method: "POST",
      headers: { authorization: "Bearer sk-conformance", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  let textStream: { event: string | undefined; data: Json }[] = [];
  let toolStream: { event: string | undefined; data: Json }[] = [];

  beforeAll(async () => {
    recorded = recordedShapes();
    twin = await startOpenAITwin();
    addResponse(ours, (await (await post({ model: "gpt-4.1", input: "Say something" })).json()) as Json);
    textStream = parseSse(await (await post({ model: "gpt-4.1", input: "Stream something", stream: true })).text());
    await loadScriptInto(
      twin,
      "rules:\n  - reply:\n      reasoning: Add 12 and 7 first.\n      toolCalls: [{ name: get_weather, arguments: { city: Paris } }]\n",
    );
    const reasoningBody = {
      model: "gpt-5-mini",
      input: "What is 12 + 7?",
      tools: [WEATHER_TOOL],
      reasoning: { effort: "high", summary: "detailed" },
      include: ["reasoning.encrypted_content"],
      store: false,
    };
    addResponse(ours, (await (await post(reasoningBody)).json()) as Json);
    toolStream = parseSse(await (await post({ ...reasoningBody, stream: true })).text());
    for (const { data } of [...textStream, ...toolStream]) {
      addEvent(ours, data);
      if (data.response) addResponse(ours, data.response as Json);
    }
  });
  afterAll(() => twin?.close());

  it("sends no field the recordings lack (except those openai@6.30.1 declares)", () => {
    for (const kind of ours.fields.keys())
      expect(recorded.shapes.fields.get(kind), `the recordings have no ${kind}`).toBeDefined();
    expect(inventedFields(ours, recorded.shapes, DECLARED_BY_SDK)).toEqual([]);
  });

  it("sends every field most recordings have (60% or more)", () => {
    expect(missingFields(ours, recorded.shapes)).toEqual([]);
  });

  it("orders a text stream as the recordings do", () => {
    const recordedText = firstTurn(recorded.streams.get("openai-shell-local-multiturn.1.chunks.txt") ?? []);
    expect(collapse(textStream.map((e) => String(e.data.type)))).toEqual(collapse(recordedText));
  });

  it("orders a reasoning + function call stream as the recordings do", () => {
    const recordedTool = firstTurn(recorded.streams.get("openai-reasoning-encrypted-content.1.chunks.txt") ?? []);
    expect(collapse(toolStream.map((e) => String(e.data.type)))).toEqual(collapse(recordedTool));
  });

  it("frames events as the real API: `event: <type>`, increasing sequence numbers, no [DONE]", () => {
    for (const stream of [textStream, toolStream]) {
      expect(stream.every(({ event, data }) => event === data.type)).toBe(true);
      expect(stream.map(({ data }) => data.sequence_number)).toEqual(stream.map((_, i) => i));
    }
  });

  it("reports usage with the recorded fields and nesting", () => {
    const completed = toolStream.at(-1)?.data.response as Json;
    const usage = completed.usage as Json;
    expect(Object.keys(usage).sort()).toEqual([
      "input_tokens",
      "input_tokens_details",
      "output_tokens",
      "output_tokens_details",
      "total_tokens",
    ]);
    expect(Object.keys(usage.input_tokens_details as Json)).toEqual(["cached_tokens"]);
    expect(Object.keys(usage.output_tokens_details as Json)).toEqual(["reasoning_tokens"]);
    expect((usage.output_tokens_details as Json).reasoning_tokens).toBeGreaterThan(0);
  });
});
