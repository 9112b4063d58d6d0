/**
 * `POST /{version}/models/{model}:embedContent` (`{"embedding":{"values":[...]}}`) and
 * `:batchEmbedContents` (`{"embeddings":[...]}`, what `@google/genai`'s `models.embedContent`
 * calls): deterministic vectors (see `kit/embedding.ts`) of the content's text, with
 * `outputDimensionality` components (default: the model's size).
 * @module
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { embedText } from "../../kit/embedding.js";
import { sendJson } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { fieldError, modelNotFound } from "../errors.js";
import { resolveModel } from "../models.js";
import { isObject, type Json, readProtoJson } from "../proto-json.js";
import { BatchEmbedContentsRequestSpec, EmbedContentRequestSpec } from "../request-schema.js";
import type { ModelCall } from "./generate-content.js";

/** Most requests one `batchEmbedContents` call may hold. */
const MAX_BATCH_EMBED_REQUESTS = 100;

/**
 * Answers `embedContent` or `batchEmbedContents`.
 * @throws GeminiRequestError for a model without `embedContent` (404) or an invalid body (400).
 */
export async function embedContent(
  kit: TwinKit,
  request: FastifyRequest,
  reply: FastifyReply,
  call: ModelCall,
): Promise<FastifyReply> {
  const model = resolveModel(call.model, kit.options.models);
  const size = model?.methods.includes("embedContent") ? model.dimensions : undefined;
  if (!model || size === undefined) throw modelNotFound(call.model, call.version, call.method);
  const embedder = { id: model.id, size };
  if (call.method === "embedContent") {
    const body = readProtoJson(request.body, EmbedContentRequestSpec, call.version);
    return sendJson(request, reply, kit, { embedding: embedding(body, embedder, "EmbedContentRequest") });
  }
  const body = readProtoJson(request.body, BatchEmbedContentsRequestSpec, call.version);
  const requests = Array.isArray(body.requests) ? body.requests.filter(isObject) : [];
  if (requests.length === 0) throw fieldError("BatchEmbedContentsRequest", "requests", "requests is not specified");
  if (requests.length > MAX_BATCH_EMBED_REQUESTS) {
    throw fieldError(
      "BatchEmbedContentsRequest",
      "requests",
      `at most ${MAX_BATCH_EMBED_REQUESTS} requests can be in one batch`,
    );
  }
  const embeddings = requests.map((inner, i) => {
    const at = `BatchEmbedContentsRequest.requests[${i}]`;
    if (typeof inner.model === "string" && inner.model.replace(/^models\//, "") !== model.id) {
      throw fieldError(at, "model", `the model must be the one of the URL (models/${model.id}), got ${inner.model}`);
    }
    return embedding(inner, embedder, at);
  });
  return sendJson(request, reply, kit, { embeddings });
}

/**
 * The embedding of one parsed `EmbedContentRequest` for model `id` with vectors of `size`.
 * @throws GeminiRequestError naming the bad field.
 */
function embedding(body: Json, model: { id: string; size: number }, at: string): { values: number[] } {
  const size = model.size;
  const content = isObject(body.content) ? body.content : undefined;
  if (!content) throw fieldError(at, "content", "content is not specified");
  const parts = Array.isArray(content.parts) ? content.parts.filter(isObject) : [];
  if (parts.length === 0) throw fieldError(at, "content.parts", "contents.parts must not be empty.");
  const text = parts.flatMap((part) => (typeof part.text === "string" ? [part.text] : [])).join("\n");
  const dimensions = typeof body.outputDimensionality === "number" ? body.outputDimensionality : size;
  if (dimensions < 1 || dimensions > size) {
    throw fieldError(at, "output_dimensionality", `output_dimensionality must be between 1 and ${size}`);
  }
  return { values: embedText(text, model.id, dimensions) };
}
