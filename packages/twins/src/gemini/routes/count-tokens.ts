/**
 * `POST /{version}/models/{model}:countTokens`: the prompt tokens of `contents`, or of a whole
 * `generateContentRequest` (system instruction and tools included), counted exactly as
 * `generateContent` counts `promptTokenCount`.
 * @module
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendJson } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { promptOf } from "../conversation.js";
import { fieldError, modelNotFound } from "../errors.js";
import { resolveModel } from "../models.js";
import { isObject, readProtoJson } from "../proto-json.js";
import { CountTokensRequestSpec } from "../request-schema.js";
import { checkContents, validateGenerateContent } from "../validate.js";
import type { ModelCall } from "./generate-content.js";

/**
 * Answers `countTokens` with `totalTokens` and `promptTokensDetails` by modality.
 * @throws GeminiRequestError for an unknown model or an invalid body.
 */
export async function countTokens(
  kit: TwinKit,
  request: FastifyRequest,
  reply: FastifyReply,
  call: ModelCall,
): Promise<FastifyReply> {
  const model = resolveModel(call.model, kit.options.models);
  if (!model?.methods.includes("countTokens")) throw modelNotFound(call.model, call.version, call.method);
  const body = readProtoJson(request.body, CountTokensRequestSpec, call.version);
  const inner = isObject(body.generateContentRequest) ? body.generateContentRequest : undefined;
  if (inner && body.contents !== undefined) {
    throw fieldError("CountTokensRequest", "contents", "contents and generate_content_request cannot both be set.");
  }
  if (inner) validateGenerateContent(inner, model, "CountTokensRequest.generate_content_request");
  else checkContents(body.contents, "CountTokensRequest");
  const prompt = promptOf(inner ?? { contents: body.contents });
  const totalTokens = prompt.blocks.reduce((sum, block) => sum + block.tokens, 0);
  return sendJson(request, reply, kit, { totalTokens, promptTokensDetails: prompt.modalities });
}
