// The inputs of the §8.9 rows (prompts, tools, images, schemas), the same for every backend: a
// scripted model reads them like a real one would, and a live model gets the very same requests.
import type { Tool } from "../../src/generate/types.js";
import { solidPng } from "./png.js";

/** Number words of the turns of the prompt-caching row (§8.6: five turns). */
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

export const PROMPTS = {
  hello: "Say hello in one sentence.",
  haiku: "Write a haiku about the sea.",
  image: "What is in this image? Answer in a few words.",
  weatherOne:
    "What is the weather in Paris? Use the get_weather tool, then answer in one sentence that quotes the temperature it reports.",
  weatherTwo:
    "What is the weather in Paris and in Tokyo? Call get_weather for both cities at once (in parallel), then answer in one sentence with both temperatures.",
  extract: "Extract the person: Alice is 30 years old.",
  reasoning:
    "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost? Answer in one short sentence.",
  lookup: (start: string) =>
    `Call the lookup tool with the key '${start}'. Each result names the next key: call lookup again with that key, one call at a time, until a result gives the final answer. Then reply with only the final answer word.`,
  turn: (n: number) => `Turn ${n}: reply with the word ${NUMBER_WORDS[n] ?? String(n)}.`,
} as const;

/** A solid red 16×16 PNG; every model should call it red. */
export const RED_PNG = solidPng([220, 30, 30]);

/** The structured-output schema of the "generate_object" row. */
export const PERSON_SCHEMA = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
  additionalProperties: false,
} as const;

/** A random integer in [min, max]. */
export function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** Records how a tool's handler ran: arguments in call order and the highest concurrency seen. */
export interface ToolLog {
  calls: Record<string, unknown>[];
  maxActive: number;
}

/**
 * `get_weather(city)`: answers `"<City>: <n>°C"` with a random temperature per city (returned in
 * `temperatures`, so a test can look for it in the model's answer). With `barrier`, each call
 * waits until `barrier` calls are running at once (or 3 s have passed): handlers that do not run
 * concurrently show up as `maxActive` < `barrier`.
 */
export function weatherTool(options: { barrier?: number } = {}): {
  tool: Tool;
  log: ToolLog;
  temperatures: Map<string, number>;
} {
  const log: ToolLog = { calls: [], maxActive: 0 };
  const temperatures = new Map<string, number>();
  let active = 0;
  let release: () => void = () => {};
  const allStarted = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tool: Tool = {
    name: "get_weather",
    description: "Get the current temperature in a city.",
    parameters: {
      type: "object",
      properties: { city: { type: "string", description: "City name, e.g. Paris" } },
      required: ["city"],
    },
    async execute(args) {
      log.calls.push(args);
      active++;
      log.maxActive = Math.max(log.maxActive, active);
      if (options.barrier && active >= options.barrier) release();
      if (options.barrier) await Promise.race([allStarted, new Promise((r) => setTimeout(r, 3000))]);
      active--;
      const city = String(args.city).split(",")[0].trim();
      const key = city.toLowerCase();
      if (!temperatures.has(key)) temperatures.set(key, randomInt(11, 39));
      return `${city}: ${temperatures.get(key)}°C`;
    },
  };
  return { tool, log, temperatures };
}

/**
 * `lookup(key)`: a chain of `length` random keys; each lookup returns `next key: <key>` and the
 * last one `final answer: <word>`, so every round depends on the previous result.
 */
export function lookupChain(length = 3): { tool: Tool; start: string; keys: string[]; answer: string; log: ToolLog } {
  const id = () => `k${randomInt(100000, 999999)}`;
  const keys = Array.from({ length }, id);
  const answer = ["saffron", "juniper", "marigold", "tamarind"][randomInt(0, 3)];
  const log: ToolLog = { calls: [], maxActive: 1 };
  const tool: Tool = {
    name: "lookup",
    description: "Look up a key. The result names the next key to look up, or gives the final answer.",
    parameters: { type: "object", properties: { key: { type: "string" } }, required: ["key"] },
    execute(args) {
      log.calls.push(args);
      const at = keys.indexOf(String(args.key));
      if (at < 0) return `unknown key '${String(args.key)}'`;
      return at === keys.length - 1 ? `final answer: ${answer}` : `next key: ${keys[at + 1]}`;
    },
  };
  return { tool, start: keys[0], keys, answer, log };
}

const WORDS =
  "alpha bravo cedar delta ember fjord granite harbor iris jasper kelp lumen meadow nectar onyx prairie quartz river sierra tundra umber valley willow xenon yarrow zephyr".split(
    " ",
  );

/**
 * A long, deterministic system prompt (about 5,600 tokens: above every provider's minimum
 * cacheable prefix, 1,024 to 4,096 tokens depending on the model).
 */
export function cacheablePrefix(rules = 400): string {
  const lines = ["You are a terse assistant. Follow the instructions of the user exactly. Reference rules follow."];
  for (let i = 1; i <= rules; i++) {
    const w = (k: number) => WORDS[(i * 7 + k * 3) % WORDS.length];
    lines.push(`Rule ${i}: the ${w(1)} ${w(2)} stays beside the ${w(3)} ${w(4)} near ${w(5)}.`);
  }
  return lines.join("\n");
}
