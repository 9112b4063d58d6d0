import { describe, expect, it } from "vitest";
import { NoObjectGeneratedError, StreamError } from "../../src/errors/client-errors.js";
import { streamObject } from "../../src/generate/stream-object.js";
import type { StreamEvent } from "../../src/types/stream-event.js";
import { collect, eventsFor, fakeClient, respond, textResponse, toolCallsResponse } from "../helpers/fake-adapter.js";

const recipes = {
  type: "object",
  properties: {
    recipes: {
      type: "array",
      items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    },
  },
  required: ["recipes"],
};
type Recipes = { recipes: { name: string }[] };

const json = '{"recipes": [{"name": "Soup"}, {"name": "Salad"}, {"name": "Stew"}]}';

describe("streamObject (§4.6)", () => {
  it("§8.4 yields partial objects that grow as JSON text arrives, then the validated object", async () => {
    const { client } = fakeClient([respond(textResponse(json))], "openai");
    const result = streamObject<Recipes>({ model: "m", prompt: "5 recipes", schema: recipes, client });
    const partials = await collect(result);
    expect(partials.length).toBeGreaterThan(3);
    const counts = partials.map((p) => p.recipes?.length ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(partials).toContainEqual({ recipes: [{ name: "Soup" }] });
    expect(partials.at(-1)).toEqual(JSON.parse(json));
    for (let i = 1; i < partials.length; i++) expect(partials[i]).not.toEqual(partials[i - 1]);
    expect(await result.object()).toEqual(JSON.parse(json));
    expect((await result.result()).output).toEqual(JSON.parse(json));
  });

  it("streams partial objects from the extraction tool's argument deltas (Anthropic)", async () => {
    const { client } = fakeClient(
      [respond(toolCallsResponse([{ id: "t1", name: "structured_output", args: json }]))],
      "anthropic",
    );
    const result = streamObject<Recipes>({ model: "m", prompt: "p", schema: recipes, client });
    const partials = await collect(result);
    expect(partials.length).toBeGreaterThan(3);
    expect(await result.object()).toEqual(JSON.parse(json));
  });

  it("takes a tool call delivered whole (no deltas)", async () => {
    const response = toolCallsResponse([{ id: "t1", name: "structured_output", args: JSON.parse(json) }]);
    const events = eventsFor(response).filter((e) => e.type !== "tool_call_delta");
    const { client } = fakeClient([{ kind: "events", events }], "anthropic");
    const result = streamObject<Recipes>({ model: "m", prompt: "p", schema: recipes, client });
    expect(await collect(result)).toEqual([JSON.parse(json)]);
  });

  it("object() rejects with NoObjectGeneratedError when the final output fails the schema", async () => {
    const { client } = fakeClient([respond(textResponse('{"recipes": [{"title": "Soup"}]}'))], "openai");
    const result = streamObject({ model: "m", prompt: "p", schema: recipes, client });
    await collect(result);
    await expect(result.object()).rejects.toBeInstanceOf(NoObjectGeneratedError);
  });

  it("iteration throws the stream's error", async () => {
    const partial = eventsFor(textResponse(json)).slice(0, 4);
    const error = new StreamError({ message: "reset" });
    const events: StreamEvent[] = [...partial, { type: "error", error }];
    const { client } = fakeClient([{ kind: "events", events }], "openai");
    const result = streamObject({ model: "m", prompt: "p", schema: recipes, client });
    await expect(collect(result)).rejects.toBe(error);
    await expect(result.object()).rejects.toBe(error);
  });

  it("exposes the underlying events", async () => {
    const { client } = fakeClient([respond(textResponse(json))], "openai");
    const result = streamObject({ model: "m", prompt: "p", schema: recipes, client });
    const types = (await collect(result.events)).map((e) => e.type);
    expect(types[0]).toBe("stream_start");
    expect(types.at(-1)).toBe("finish");
  });
});
