/**
 * Validation of `POST /v1/embeddings` bodies as the API words it: unknown parameters, the model
 * (an embedding model), `input` (a string, an array of strings, an array of token ids or an array
 * of those, none empty, at most 2048, each at most 8192 tokens), `encoding_format` and
 * `dimensions` (only where the model shortens vectors, at most its size).
 * @module
 */
import { estimateTokens } from "../kit/token-estimator.js";
import { OpenAIRequestError } from "./errors.js";
import { EMBEDDING_MAX_INPUT_TOKENS, type OpenAIEmbeddingModel, resolveEmbeddingModel } from "./models.js";
import {
  checkChoice,
  checkKnownKeys,
  checkNumber,
  checkType,
  invalidType,
  isObject,
  type Json,
  missingParam,
  requireString,
} from "./validate.js";

const PARAMS = new Set(["input", "model", "encoding_format", "dimensions", "user"]);

/** Most inputs one request may embed. */
const EMBEDDING_MAX_INPUTS = 2048;

/** A checked embedding request. */
export interface EmbeddingRequest {
  model: OpenAIEmbeddingModel;
  /** The inputs in order: texts, or token ids (each embedded as the text of its ids). */
  inputs: (string | number[])[];
  /** Tokens of each input (an estimate for texts, the length for token ids). */
  tokens: number[];
  dimensions: number;
  encoding: "float" | "base64";
}

/**
 * Checks an embeddings body and resolves its model.
 * @throws OpenAIRequestError 400 (404 `model_not_found` for an unknown model).
 */
export function validateEmbeddingsBody(body: unknown, extraModels?: readonly string[]): EmbeddingRequest {
  if (!isObject(body)) throw invalidType("body", "an object", body);
  const json: Json = body;
  checkKnownKeys(json, PARAMS);
  const modelId = requireString(json.model, "model");
  const model = resolveEmbeddingModel(modelId, extraModels);
  if (!model) {
    throw new OpenAIRequestError({
      message: `The model \`${modelId}\` does not exist or you do not have access to it.`,
      code: "model_not_found",
      status: 404,
    });
  }
  if (json.input === undefined || json.input === null) throw missingParam("input");
  const inputs = readInputs(json.input);
  const tokens = inputs.map((input) => (typeof input === "string" ? estimateTokens(input) : input.length));
  const longest = Math.max(...tokens);
  if (longest > EMBEDDING_MAX_INPUT_TOKENS) {
    throw new OpenAIRequestError({
      message: `This model's maximum context length is ${EMBEDDING_MAX_INPUT_TOKENS} tokens, however you requested ${longest} tokens (${longest} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`,
    });
  }
  checkChoice(json.encoding_format, "encoding_format", ["float", "base64"]);
  checkNumber(json.dimensions, "dimensions", { integer: true, min: 1, max: model.dimensions });
  if (json.dimensions !== undefined && json.dimensions !== null && !model.shortens) {
    throw new OpenAIRequestError({
      message: "This model does not support specifying dimensions.",
      param: "dimensions",
    });
  }
  checkType(json.user, "user", "string");
  return {
    model,
    inputs,
    tokens,
    dimensions: typeof json.dimensions === "number" ? json.dimensions : model.dimensions,
    encoding: json.encoding_format === "base64" ? "base64" : "float",
  };
}

/** The inputs of `input`. @throws OpenAIRequestError `'$.input' is invalid` as the API says it. */
function readInputs(input: unknown): (string | number[])[] {
  const isText = (value: unknown): value is string => typeof value === "string" && value !== "";
  const isTokens = (value: unknown): value is number[] =>
    Array.isArray(value) && value.length > 0 && value.every((id) => Number.isInteger(id) && id >= 0);
  const inputs: unknown[] = isText(input) || isTokens(input) ? [input] : Array.isArray(input) ? input : [];
  if (inputs.length === 0 || inputs.length > EMBEDDING_MAX_INPUTS || !inputs.every((v) => isText(v) || isTokens(v))) {
    throw new OpenAIRequestError({
      message: "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
    });
  }
  return inputs as (string | number[])[];
}
