// Conformance of the Anthropic twin's Messages API output with the recorded real responses in
// ../shared/fixtures/llm/anthropic/ (read in place, never copied): field names of the Message,
// its content blocks, usage and every stream event, the event order, and the SSE framing that
// SOURCE.md describes (`event: <type>` + `data: <json>`, no `[DONE]`, ends with message_stop).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTwin } from "../../src/index.js";
import { loadScriptInto } from "../helpers/admin.js";
import { addShape, emptyShapes, inventedFields, missingFields, parseSse, type Shapes } from "../helpers/conformance.js";
import { MODEL, postMessages, startAnthropicTwin, WEATHER_TOOL } from "./helpers.js";

type Json = Record<string, unknown>;

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../../shared/fixtures/llm/anthropic",
);
const present = existsSync(FIXTURES);
const title = present
  ? "Anthropic twin vs recorded Messages API fixtures"
  : `Anthropic twin vs recorded Messages API fixtures (skipped: ${FIXTURES} not found; check out ../shared next to the repo)`;

function addMessage(shapes: Shapes, message: Json): void {
  addShape(shapes, "message", message);
  addShape(shapes, "usage", message.usage);
  addShape(shapes, "usage.cache_creation", (message.usage as Json | undefined)?.cache_creation);
  for (const block of (message.content as Json[]) ?? []) addShape(shapes, `block:${String(block.type)}`, block);
}

function addEvent(shapes: Shapes, event: Json): void {
  addShape(shapes, `event:${String(event.type)}`, event);
  if (event.type === "message_start") addMessage(shapes, event.message as Json);
  if (event.type === "content_block_start") {
    const block = event.content_block as Json;
    addShape(shapes, `block:${String(block.type)}`, block);
  }
  if (event.type === "content_block_delta") {
    const delta = event.delta as Json;
    addShape(shapes, `delta:${String(delta.type)}`, delta);
  }
  if (event.type === "message_delta") {
    addShape(shapes, "message_delta.delta", event.delta);
    addShape(shapes, "message_delta.usage", event.usage);
  }
}

function recordedShapes(): { shapes: Shapes; streams: Map<string, Json[]> } {
  const shapes = emptyShapes();
  const streams = new Map<string, Json[]>();
  for (const file of readdirSync(FIXTURES)) {
    const text = readFileSync(path.join(FIXTURES, file), "utf8");
    if (file.endsWith(".chunks.txt")) {
      const events = text
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as Json);
      for (const event of events) addEvent(shapes, event);
      streams.set(file, events);
    } else if (file.endsWith(".json")) {
      const body = JSON.parse(text) as Json;
      if (body.type === "message") addMessage(shapes, body);
    }
  }
  return { shapes, streams };
}

/** `type` of each event, with the delta type of content_block_delta; pings left out (the API sprinkles them). */
function sequence(events: Json[]): string[] {
  const names = events
    .filter((e) => e.type !== "ping")
    .map((e) => {
      if (e.type === "content_block_delta") return `content_block_delta:${String((e.delta as Json).type)}`;
      if (e.type === "content_block_start") return `content_block_start:${String((e.content_block as Json).type)}`;
      return String(e.type);
    });
  return names.filter((t, i) => t !== names[i - 1]);
}

describe.skipIf(!present)(title, () => {
  let twin: RunningTwin;
  let recorded: ReturnType<typeof recordedShapes>;
  const ours = emptyShapes();
  const streams = new Map<string, { event: string | undefined; data: Json }[]>();
  const rawStreams = new Map<string, string>();

  beforeAll(async () => {
    recorded = recordedShapes();
    twin = await startAnthropicTwin();
    const base = { model: MODEL, max_tokens: 4000 };
    const send = async (name: string, body: Json): Promise<void> => {
      const json = await postMessages(twin, body);
      expect(json.status, json.text).toBe(200);
      addMessage(ours, json.body);
      const sse = await postMessages(twin, { ...body, stream: true });
      rawStreams.set(name, sse.text);
      const events = parseSse(sse.text);
      for (const { data } of events) addEvent(ours, data);
      streams.set(name, events);
    };
    await send("text", { ...base, messages: [{ role: "user", content: "How are you?" }] });
    await loadScriptInto(
      twin,
      `rules:
  - match: { userText: divide }
    reply: { reasoning: 925 divided by 5 is 185., text: "925 ÷ 5 = 185" }
  - match: { userText: issues }
    reply:
      text: I'll update the issue list for you.
      toolCalls: [{ name: get_weather, arguments: {} }]
  - match: { userText: json }
    reply:
      toolCalls: [{ name: get_weather, arguments: { city: San Francisco } }]
`,
    );
    const thinking = { type: "enabled", budget_tokens: 2048 };
    await send("thinking", { ...base, thinking, messages: [{ role: "user", content: "Now divide by 5" }] });
    await send("text+tool", { ...base, tools: [WEATHER_TOOL], messages: [{ role: "user", content: "issues" }] });
    await send("tool", { ...base, tools: [WEATHER_TOOL], messages: [{ role: "user", content: "json please" }] });
  });
  afterAll(() => twin?.close());

  it("sends no field the recordings lack", () => {
    for (const kind of ours.fields.keys())
      expect(recorded.shapes.fields.get(kind), `the recordings have no ${kind}`).toBeDefined();
    expect(inventedFields(ours, recorded.shapes)).toEqual([]);
  });

  it("sends every field most recordings have (60% or more)", () => {
    expect(missingFields(ours, recorded.shapes)).toEqual([]);
  });

  it("orders text, thinking and tool streams as the recordings do", () => {
    const pairs: [string, string][] = [
      ["text", "anthropic-text.chunks.txt"],
      ["thinking", "anthropic-clear-thinking.1.chunks.txt"],
      ["text+tool", "anthropic-tool-no-args.chunks.txt"],
      ["tool", "anthropic-json-tool.1.chunks.txt"],
    ];
    for (const [ours, file] of pairs) {
      const events = (streams.get(ours) ?? []).map((e) => e.data);
      expect(sequence(events), `${ours} vs ${file}`).toEqual(sequence(recorded.streams.get(file) ?? []));
    }
  });

  it("sends one ping right after the first content_block_start, as the text and thinking recordings do", () => {
    for (const name of ["text", "thinking"]) {
      const types = (streams.get(name) ?? []).map((e) => String(e.data.type));
      expect(types.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
      expect(types.filter((t) => t === "ping")).toHaveLength(1);
    }
    const recordedTypes = (recorded.streams.get("anthropic-text.chunks.txt") ?? []).map((e) => e.type);
    expect(recordedTypes.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
  });

  it("frames events as SOURCE.md says the real API does: `event: <type>`, no [DONE], message_stop last", () => {
    for (const [name, text] of rawStreams) {
      const events = streams.get(name) ?? [];
      expect(
        events.every(({ event, data }) => event === data.type),
        name,
      ).toBe(true);
      expect(text).not.toContain("[DONE]");
      expect(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n'), name).toBe(true);
    }
  });

  it("reports usage with the recorded fields: message_start with cache fields, message_delta with the totals", () => {
    const recordedText = recorded.streams.get("anthropic-text.chunks.txt") ?? [];
    const recordedStart = (recordedText[0].message as Json).usage as Json;
    const recordedDelta = recordedText.find((e) => e.type === "message_delta")?.usage as Json;
    const text = (streams.get("text") ?? []).map((e) => e.data);
    const start = (text[0].message as Json).usage as Json;
    const delta = text.find((e) => e.type === "message_delta")?.usage as Json;
    expect(Object.keys(start)).toEqual(Object.keys(recordedStart));
    expect(Object.keys(delta)).toEqual(Object.keys(recordedDelta));
    expect(Object.keys(start.cache_creation as Json)).toEqual(Object.keys(recordedStart.cache_creation as Json));
    expect(delta.output_tokens).toBeGreaterThan(0);
    expect(start.input_tokens).toBeGreaterThan(0);
  });
});
