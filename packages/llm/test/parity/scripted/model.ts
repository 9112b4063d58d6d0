// The scripted model behind every scripted provider: it reads the provider-neutral view of a
// request and answers as a real model would for the §8.9 prompts, from the conversation alone (no
// per-test script): tool calls for tool prompts, continuations from tool results, structured output
// for a schema, the colour of an image it was sent, reasoning when asked to think.
import { colorName, firstPixel } from "../png.js";
import type { ModelTurn, WireMessage, WirePart, WireView } from "../wire/types.js";

/** An answer, or the reason the provider rejects the request (sent as its 400). */
export type ModelAnswer = ModelTurn | { error: string };

const HAIKU = "Grey waves fold and break,\nsalt wind carries gull voices,\nthe tide keeps its time.";

function texts(message: WireMessage | undefined): string {
  return (message?.parts ?? []).flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
}

/** The first user text of the conversation (the task), and the last one (the current turn). */
function userTexts(view: WireView): { first: string; last: string } {
  const users = view.messages.filter((m) => m.role === "user" && texts(m) !== "");
  return { first: texts(users[0]), last: texts(users.at(-1)) };
}

/** `{ name, age }` from "Alice is 30 years old". */
function extractPerson(text: string): Record<string, unknown> | undefined {
  const m = /([A-Z][a-z]+) is (\d+) years? old/.exec(text);
  return m ? { name: m[1], age: Number(m[2]) } : undefined;
}

function imageAnswer(
  image: Extract<WirePart, { type: "image" }>,
  assets: ReadonlyMap<string, Uint8Array>,
): ModelAnswer {
  let bytes: Uint8Array | undefined;
  if (image.base64 !== undefined) bytes = new Uint8Array(Buffer.from(image.base64, "base64"));
  else if (image.url !== undefined) bytes = assets.get(image.url);
  if (!bytes) return { error: `Unable to download the image at ${image.url ?? "(no url)"}` };
  try {
    return { text: `It is a solid ${colorName(firstPixel(bytes))} square.` };
  } catch (error) {
    return { error: `Invalid image data: ${(error as Error).message}` };
  }
}

/** A continuation after tool results: the next lookup, the final answer, or a summary of the results. */
function afterResults(view: WireView, results: Extract<WirePart, { type: "tool_result" }>[]): ModelTurn {
  const previous = view.messages.at(-2);
  const calls = (previous?.parts ?? []).flatMap((p) => (p.type === "tool_call" ? [p] : []));
  const nameOf = (r: (typeof results)[number]) => r.name ?? calls.find((c) => c.id === r.id)?.name;
  if (results.every((r) => nameOf(r) === "lookup")) {
    const output = results.at(-1)?.output ?? "";
    const final = /final answer:\s*([\p{L}\p{N}_-]+)/iu.exec(output);
    if (final) return { text: final[1] };
    const next = /next key:\s*([\p{L}\p{N}_-]+)/iu.exec(output);
    if (next) return { toolCalls: [{ name: "lookup", args: { key: next[1] } }] };
    return { text: `The lookup failed: ${output}` };
  }
  return { text: `Here is what the tools report: ${results.map((r) => r.output).join("; ")}.` };
}

function plainText(view: WireView): string {
  const { last } = userTexts(view);
  if (/haiku/i.test(last)) return HAIKU;
  if (/bat and a ball/i.test(last)) return "The ball costs $0.05.";
  const word = /reply with the word (\w+)/i.exec(last);
  if (word) return `${word[1][0].toUpperCase()}${word[1].slice(1)}.`;
  if (/hello/i.test(last)) return "Hello! It is a pleasure to meet you.";
  return `Understood: ${last.split(/\s+/).slice(0, 12).join(" ")}`;
}

function thought(view: WireView): string {
  const { last } = userTexts(view);
  if (/bat and a ball/i.test(last)) {
    return "Let the ball cost x. The bat costs x + 1.00, so x + (x + 1.00) = 1.10, 2x = 0.10 and x = 0.05. The ball costs five cents.";
  }
  return `The user asks: "${last.slice(0, 80)}". I will answer that directly and briefly.`;
}

function act(view: WireView, assets: ReadonlyMap<string, Uint8Array>): ModelAnswer {
  const current = view.messages.at(-1);
  if (current?.role !== "user") return { error: "The conversation must end with a user message." };
  const results = current.parts.flatMap((p) => (p.type === "tool_result" ? [p] : []));
  if (results.length > 0) return afterResults(view, results);
  const { first, last } = userTexts(view);
  const forced = view.toolChoice?.mode === "named" ? view.toolChoice.name : undefined;
  if (forced !== undefined || view.responseSchema !== undefined) {
    const person = extractPerson(last);
    if (!person) return { text: "I could not find a person in the text." };
    return forced !== undefined ? { toolCalls: [{ name: forced, args: person }] } : { text: JSON.stringify(person) };
  }
  if (view.tools.includes("lookup")) {
    const key = /key '([^']+)'/.exec(first);
    if (key) return { toolCalls: [{ name: "lookup", args: { key: key[1] } }] };
  }
  if (view.tools.includes("get_weather") && /weather/i.test(last)) {
    const cities = [...last.matchAll(/\b(?:in|and) ([A-Z][a-z]+(?: [A-Z][a-z]+)*)/g)].map((m) => m[1]);
    if (cities.length > 0) return { toolCalls: cities.map((city) => ({ name: "get_weather", args: { city } })) };
  }
  const image = current.parts.find((p) => p.type === "image");
  if (image) return imageAnswer(image, assets);
  return { text: plainText(view) };
}

/**
 * Answers one request. Reasoning (when the request asks the model to think) comes first, as
 * models think before they act.
 * @param assets images reachable by URL (the scripted provider "downloads" them from here).
 */
export function scriptedAnswer(view: WireView, assets: ReadonlyMap<string, Uint8Array>): ModelAnswer {
  const answer = act(view, assets);
  if ("error" in answer || !view.reasoning) return answer;
  return { reasoning: thought(view), ...answer };
}
