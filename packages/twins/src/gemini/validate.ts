/**
 * Semantic checks of a parsed `generateContent` body, worded as the Gemini API words its 400s:
 * contents and roles, part data, function declarations and their schemas, generation config
 * ranges, structured output settings and the thinking config the model allows.
 * @module
 */
import { fieldError, type GeminiRequestError, invalidArgument } from "./errors.js";
import type { GeminiModel } from "./models.js";
import { isObject, type Json } from "./proto-json.js";
import { PART_DATA_FIELDS } from "./request-schema.js";

/** MIME types `responseMimeType` accepts. */
export const RESPONSE_MIME_TYPES = [
  "text/plain",
  "application/json",
  "application/xml",
  "application/yaml",
  "text/x.enum",
];

const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/**
 * Checks a parsed body (see `readProtoJson`) against the rules of the API and of `model`.
 * @param request the request message named in messages (`GenerateContentRequest`, or
 *   `CountTokensRequest.generate_content_request`).
 * @throws GeminiRequestError (400 INVALID_ARGUMENT) naming the bad field.
 */
export function validateGenerateContent(body: Json, model: GeminiModel, request = "GenerateContentRequest"): void {
  checkContents(body.contents, request);
  checkTools(body.tools, request);
  const config = isObject(body.generationConfig) ? body.generationConfig : {};
  checkGenerationConfig(config, model, request);
  checkThinkingConfig(isObject(config.thinkingConfig) ? config.thinkingConfig : undefined, model);
}

/** Contents must be there, with valid roles and parts that each carry data. */
export function checkContents(value: unknown, request: string): void {
  const contents = list(value);
  if (contents.length === 0) throw fieldError(request, "contents", "contents is not specified");
  contents.forEach((content, i) => {
    const role = content.role ?? "";
    if (role !== "" && role !== "user" && role !== "model")
      throw invalidArgument("Please use a valid role: user, model.");
    const parts = list(content.parts);
    if (parts.length === 0) throw fieldError(request, `contents[${i}].parts`, "contents.parts must not be empty.");
    parts.forEach((part, j) => {
      const at = `contents[${i}].parts[${j}]`;
      const set = PART_DATA_FIELDS.filter((key) => part[key] !== undefined);
      if (set.length === 0)
        throw fieldError(request, `${at}.data`, "required oneof field 'data' must have one initialized field");
      if (set.length > 1)
        throw fieldError(request, `${at}.data`, `oneof field 'data' is already set. Cannot set '${set[1]}'`);
      for (const key of ["functionCall", "functionResponse"] as const) {
        const call = part[key];
        if (isObject(call) && (typeof call.name !== "string" || call.name === "")) {
          throw fieldError(
            request,
            `${at}.${key === "functionCall" ? "function_call" : "function_response"}.name`,
            "Name cannot be empty.",
          );
        }
      }
    });
  });
}

const FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

function checkTools(value: unknown, request: string): void {
  list(value).forEach((tool, i) => {
    list(tool.functionDeclarations).forEach((declaration, j) => {
      const at = `tools[${i}].function_declarations[${j}]`;
      if (typeof declaration.name !== "string" || !FUNCTION_NAME.test(declaration.name)) {
        throw fieldError(
          request,
          `${at}.name`,
          "Invalid function name. Must start with a letter or an underscore. Must be a-z, A-Z, 0-9, or contain underscores, dots, colons and dashes, with a maximum length of 64.",
        );
      }
      if (declaration.parameters !== undefined && declaration.parametersJsonSchema !== undefined) {
        throw fieldError(request, `${at}.parameters`, "parameters and parameters_json_schema cannot both be set.");
      }
      if (isObject(declaration.parameters)) checkSchema(declaration.parameters, `${at}.parameters`, request);
      if (declaration.parametersJsonSchema !== undefined && !isObject(declaration.parametersJsonSchema)) {
        throw fieldError(request, `${at}.parameters_json_schema`, "must be a JSON object.");
      }
    });
  });
}

/**
 * Checks an OpenAPI `Schema` (function parameters, `responseSchema`): objects need properties,
 * arrays need items, `required` names declared properties, `enum` only on strings.
 * @throws GeminiRequestError naming the schema field.
 */
export function checkSchema(schema: Json, path: string, request: string): void {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const names = Object.keys(properties);
  if (schema.type === "OBJECT" && names.length === 0) {
    throw fieldError(request, `${path}.properties`, "should be non-empty for OBJECT type");
  }
  if (schema.type === "ARRAY" && !isObject(schema.items)) throw fieldError(request, `${path}.items`, "missing field.");
  if (Array.isArray(schema.enum) && schema.type !== undefined && schema.type !== "STRING") {
    throw fieldError(request, `${path}.enum`, "only allowed for STRING type");
  }
  (Array.isArray(schema.required) ? schema.required : []).forEach((name, k) => {
    if (!names.includes(String(name))) throw fieldError(request, `${path}.required[${k}]`, "property is not defined");
  });
  for (const name of names) {
    const child = properties[name];
    if (isObject(child)) checkSchema(child, `${path}.properties[${name}]`, request);
  }
  if (isObject(schema.items)) checkSchema(schema.items, `${path}.items`, request);
  list(schema.anyOf).forEach((child, k) => {
    checkSchema(child, `${path}.any_of[${k}]`, request);
  });
}

function outOfRange(name: string, value: number, from: string, to: string): GeminiRequestError {
  return invalidArgument(
    `Unable to submit request because it has a ${name} value of ${value} but the supported range is from ${from} (inclusive) to ${to} (exclusive). Update the value and try again.`,
  );
}

function checkGenerationConfig(config: Json, model: GeminiModel, request: string): void {
  const number = (key: string): number | undefined =>
    typeof config[key] === "number" ? (config[key] as number) : undefined;
  const temperature = number("temperature");
  if (temperature !== undefined && (temperature < 0 || temperature > 2))
    throw outOfRange("temperature", temperature, "0", "2.0001");
  const topP = number("topP");
  if (topP !== undefined && (topP < 0 || topP > 1)) throw outOfRange("topP", topP, "0", "1.0001");
  const maxOutputTokens = number("maxOutputTokens");
  if (maxOutputTokens !== undefined && (maxOutputTokens < 1 || maxOutputTokens > model.outputTokenLimit)) {
    throw outOfRange("maxOutputTokens", maxOutputTokens, "1", String(model.outputTokenLimit + 1));
  }
  const candidateCount = number("candidateCount");
  if (candidateCount !== undefined && (candidateCount < 1 || candidateCount > 8)) {
    throw fieldError(request, "generation_config.candidate_count", "must be in the range [1, 8].");
  }
  const mime = typeof config.responseMimeType === "string" ? config.responseMimeType : undefined;
  if (mime !== undefined && mime !== "" && !RESPONSE_MIME_TYPES.includes(mime)) {
    throw fieldError(
      request,
      "generation_config.response_mime_type",
      "allowed mimetypes are `text/plain`, `application/json`, `application/xml`, `application/yaml` and `text/x.enum`.",
    );
  }
  const schema = config.responseSchema;
  const jsonSchema = config.responseJsonSchema;
  if (schema !== undefined && jsonSchema !== undefined) {
    throw fieldError(
      request,
      "generation_config.response_json_schema",
      "response_json_schema and response_schema cannot both be set.",
    );
  }
  if ((schema !== undefined || jsonSchema !== undefined) && mime !== "application/json" && mime !== "text/x.enum") {
    throw fieldError(
      request,
      "generation_config.response_mime_type",
      "response_mime_type must be `application/json` or `text/x.enum` when a response schema is set.",
    );
  }
  if (isObject(schema)) checkSchema(schema, "generation_config.response_schema", request);
  if (jsonSchema !== undefined && !isObject(jsonSchema)) {
    throw fieldError(request, "generation_config.response_json_schema", "must be a JSON object.");
  }
}

/**
 * The thinking config must fit the model: Gemini 3 takes `thinkingLevel` (from its own levels)
 * or `thinkingBudget` (never 0); Gemini 2.5 takes only `thinkingBudget` within its range
 * (`-1` = dynamic, `0` = off where allowed); older models none at all; never both.
 * @throws GeminiRequestError with the API's wording.
 */
export function checkThinkingConfig(config: Json | undefined, model: GeminiModel): void {
  if (!config) return;
  const spec = model.thinking;
  const budget = typeof config.thinkingBudget === "number" ? config.thinkingBudget : undefined;
  const level =
    typeof config.thinkingLevel === "string" && config.thinkingLevel !== "THINKING_LEVEL_UNSPECIFIED"
      ? config.thinkingLevel
      : undefined;
  if (spec.kind === "none") {
    if ((budget !== undefined && budget !== 0) || level !== undefined || config.includeThoughts === true) {
      throw invalidArgument(`Thinking is not enabled for models/${model.id}`);
    }
    return;
  }
  if (budget !== undefined && level !== undefined) {
    throw invalidArgument("You can only set only one of thinking budget and thinking level.");
  }
  const canDisable = spec.kind === "budget" && spec.canDisable;
  if (budget === 0 && !canDisable)
    throw invalidArgument("Budget 0 is invalid. This model only works in thinking mode.");
  if (spec.kind === "budget") {
    if (level !== undefined) throw invalidArgument("Thinking level is not supported for this model.");
    if (budget !== undefined && budget !== -1 && budget !== 0 && (budget < spec.min || budget > spec.max)) {
      throw invalidArgument(`The thinking budget (${budget}) is invalid.`);
    }
    return;
  }
  if (level !== undefined && !spec.levels.includes(level)) {
    throw invalidArgument(`Thinking level ${level} is not supported for this model.`);
  }
  if (budget !== undefined && budget !== -1 && (budget < 1 || budget > 32_768)) {
    throw invalidArgument(`The thinking budget (${budget}) is invalid.`);
  }
}
