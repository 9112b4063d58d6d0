/**
 * How structured output is obtained from each provider (unified-llm-spec §4.5): a strict
 * `json_schema` response format (OpenAI, Gemini, OpenAI-compatible), or a forced tool whose input
 * schema is the output schema (Anthropic). Also the parsing and validation of the result.
 * @module
 */
import { ConfigurationError, NoObjectGeneratedError } from "../errors/client-errors.js";
import { schemaProblem, validateAgainst } from "../json/schema.js";
import type { Response } from "../types/response.js";
import { isValidToolName, type JsonSchema } from "../types/tool.js";
import type { GenerateOptions } from "./types.js";

/** `json_schema`: the provider's native structured output; `tool`: extraction through a forced tool call. */
export type ObjectMode = "json_schema" | "tool";

/** Options of `generateObject()`/`streamObject()`: generate's options without tools, plus the schema. */
export interface ObjectOptions
  extends Omit<
    GenerateOptions,
    "tools" | "toolChoice" | "maxToolRounds" | "stopWhen" | "repairToolCall" | "responseFormat"
  > {
  /** JSON Schema of the output. A root that is not an object is wrapped as `{ value: ... }` on the wire and unwrapped. */
  schema: JsonSchema;
  /** Name of the schema (and of the extraction tool); default `structured_output`. */
  schemaName?: string;
  /** Tells the model what the output is. */
  schemaDescription?: string;
  /** Overrides the strategy chosen from the provider. */
  mode?: ObjectMode;
}

/** What a structured-output call sends and how its answer is read. */
export interface ObjectPlan {
  mode: ObjectMode;
  /** The tool name (tool mode) or schema name (json_schema mode). */
  name: string;
  /** The schema sent to the provider (the user's, or the `{ value }` wrapper). */
  wireSchema: JsonSchema;
  /** Whether the output sits under `value` on the wire. */
  wrapped: boolean;
  /** The user's schema, which the final output must satisfy. */
  schema: JsonSchema;
}

/** §4.5 the strategy for a provider: tool extraction for `anthropic`, the json_schema format for the rest. */
export function objectModeFor(providerName: string): ObjectMode {
  return providerName === "anthropic" ? "tool" : "json_schema";
}

/**
 * Plans a structured-output call for `providerName`.
 * @throws ConfigurationError when the schema is not a valid JSON Schema object.
 */
export function objectPlan(options: ObjectOptions, providerName: string): ObjectPlan {
  const problem = schemaProblem(options.schema, { objectRoot: false });
  if (problem) throw new ConfigurationError({ message: `schema ${problem}` });
  const wrapped = options.schema.type !== "object";
  const wireSchema: JsonSchema = wrapped
    ? { type: "object", properties: { value: options.schema }, required: ["value"], additionalProperties: false }
    : options.schema;
  const name = options.schemaName && isValidToolName(options.schemaName) ? options.schemaName : "structured_output";
  return { mode: options.mode ?? objectModeFor(providerName), name, wireSchema, wrapped, schema: options.schema };
}

/** The generate options that carry out `plan`: a response format, or a forced passive tool and no tool rounds. */
export function planGenerateOptions(options: ObjectOptions, plan: ObjectPlan): GenerateOptions {
  const { schema: _schema, schemaName: _name, schemaDescription, mode: _mode, ...rest } = options;
  if (plan.mode === "json_schema") {
    return {
      ...rest,
      // Strict mode (OpenAI) rejects schemas with optional properties or open objects, so it is
      // asked for only when the schema already meets its rules; validation happens here anyway.
      responseFormat: {
        type: "json_schema",
        jsonSchema: plan.wireSchema,
        name: plan.name,
        strict: isStrictCompatible(plan.wireSchema),
      },
    };
  }
  // A forced tool call cannot be combined with extended thinking (Anthropic rejects it).
  const { reasoningEffort: _effort, ...withoutThinking } = rest;
  return {
    ...withoutThinking,
    tools: [
      {
        name: plan.name,
        description: schemaDescription ?? "Give your answer by calling this tool with the requested structured output.",
        parameters: plan.wireSchema,
      },
    ],
    toolChoice: { mode: "named", toolName: plan.name },
    maxToolRounds: 0,
  };
}

/** Drops a Markdown code fence around JSON (```json ... ```), which some models add. */
export function stripJsonFence(text: string): string {
  return text.replace(/^\s*```[a-zA-Z]*[ \t]*\r?\n?/, "").replace(/\r?\n?```\s*$/, "");
}

/** The JSON text of the output in `response`: its text, or the extraction tool call's arguments. */
export function outputText(response: Response, plan: ObjectPlan): string | undefined {
  if (plan.mode === "json_schema") return stripJsonFence(response.text);
  const call = response.toolCalls.find((c) => c.name === plan.name);
  if (!call) return undefined;
  return call.rawArguments ?? JSON.stringify(call.arguments);
}

/** Unwraps the `{ value }` wrapper when the plan used one. */
export function unwrapOutput(value: unknown, plan: ObjectPlan): unknown {
  if (!plan.wrapped) return value;
  return typeof value === "object" && value !== null ? (value as { value?: unknown }).value : undefined;
}

/**
 * §4.5 parses and validates the output of `response`.
 * @throws NoObjectGeneratedError (with the model's text) when there is no output, it is not
 *   JSON, or it fails the schema.
 */
export function parseObjectOutput(response: Response, plan: ObjectPlan): unknown {
  const text = outputText(response, plan);
  if (text === undefined) {
    throw new NoObjectGeneratedError({
      message: `the model did not call the ${plan.name} tool with the structured output`,
      text: response.text,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new NoObjectGeneratedError({
      message: `the output is not valid JSON: ${(error as Error).message}`,
      text,
      cause: error,
    });
  }
  const value = unwrapOutput(parsed, plan);
  const problems = validateAgainst(plan.schema, value);
  if (problems !== undefined) {
    throw new NoObjectGeneratedError({ message: `the output does not match the schema: ${problems}`, text });
  }
  return value;
}

/**
 * True when `schema` meets strict structured-output rules: every object lists all its
 * properties as required and sets `additionalProperties: false` (checked recursively through
 * properties, items, anyOf/oneOf/allOf and $defs).
 */
export function isStrictCompatible(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return true;
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  const s = schema as Record<string, unknown>;
  if (s.type === "object" || s.properties !== undefined) {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    if (s.additionalProperties !== false) return false;
    if (!Object.keys(properties).every((k) => required.has(k))) return false;
    if (!Object.values(properties).every(isStrictCompatible)) return false;
  }
  for (const key of ["items", "anyOf", "oneOf", "allOf", "$defs", "definitions"]) {
    const child = s[key];
    if (child === undefined) continue;
    const children = Array.isArray(child)
      ? child
      : key === "items"
        ? [child]
        : Object.values(child as Record<string, unknown>);
    if (!children.every(isStrictCompatible)) return false;
  }
  return true;
}
