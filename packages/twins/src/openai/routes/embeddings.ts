/**
 * `POST /v1/embeddings`: deterministic vectors (see `kit/embedding.ts`) as floats or, with
 * `encoding_format: "base64"` (what the `openai` SDK asks for by default), as base64 float32s;
 * usage counts the input tokens.
 * @module
 */
import type { FastifyInstance } from "fastify";
import { base64Floats, embedText } from "../../kit/embedding.js";
import { sendJson } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { validateEmbeddingsBody } from "../validate-embeddings.js";
import { rejectInvalid } from "./responses.js";

/** Registers the embeddings route. */
export function embeddingsRoutes(app: FastifyInstance, kit: TwinKit): void {
  app.post("/v1/embeddings", async (request, reply) => {
    try {
      const { model, inputs, tokens, dimensions, encoding } = validateEmbeddingsBody(request.body, kit.options.models);
      const data = inputs.map((input, index) => {
        const vector = embedText(typeof input === "string" ? input : input.join(" "), model.id, dimensions);
        return { object: "embedding", index, embedding: encoding === "base64" ? base64Floats(vector) : vector };
      });
      const promptTokens = tokens.reduce((sum, n) => sum + n, 0);
      return sendJson(request, reply, kit, {
        object: "list",
        data,
        model: model.id,
        usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
      });
    } catch (error) {
      return rejectInvalid(reply, error);
    }
  });
}
