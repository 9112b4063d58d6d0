/**
 * `generateObject()` (unified-llm-spec §4.5): structured output, parsed and validated against a
 * JSON Schema.
 * @module
 */
import type { Client } from "../client/client.js";
import { getDefaultClient } from "../client/default-client.js";
import { generate } from "./generate.js";
import {
  type ObjectOptions,
  type ObjectPlan,
  objectPlan,
  parseObjectOutput,
  planGenerateOptions,
} from "./object-strategy.js";
import type { GenerateResult } from "./types.js";

/** The result of `generateObject()`: a GenerateResult whose `output` is the validated object. */
export interface GenerateObjectResult<T> extends GenerateResult<T> {
  output: T;
}

/**
 * The plan for `options` on the provider the request resolves to.
 * @throws ConfigurationError when no provider resolves or the schema is invalid.
 */
export function resolveObjectPlan(options: ObjectOptions): { client: Client; plan: ObjectPlan } {
  const client = options.client ?? getDefaultClient();
  const adapter = client.resolve({ model: options.model, messages: [], provider: options.provider });
  return { client, plan: objectPlan(options, adapter.name) };
}

/**
 * Generates an object that satisfies `schema`. OpenAI, Gemini and OpenAI-compatible providers
 * get a strict `json_schema` response format; Anthropic a tool whose input schema is `schema`,
 * forced with a named tool choice (override with `mode`). The LLM call is retried like
 * `generate()`'s; a parse or validation failure is not retried.
 * @example
 * const { output } = await generateObject<{ name: string; age: number }>({
 *   model: "gpt-5.2", prompt: "Alice is 30", schema: { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"] },
 * });
 * @throws NoObjectGeneratedError (carrying the model's text) when the output is missing, not
 *   JSON, or fails the schema; otherwise as `generate()`.
 */
export async function generateObject<T = unknown>(options: ObjectOptions): Promise<GenerateObjectResult<T>> {
  const { client, plan } = resolveObjectPlan(options);
  const result = await generate({ ...planGenerateOptions(options, plan), client });
  const output = parseObjectOutput(result.response, plan) as T;
  return { ...result, output };
}
