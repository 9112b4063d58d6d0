/**
 * `GET /v1/models` and `GET /v1/models/{model}`.
 * @module
 */
import type { FastifyInstance } from "fastify";
import { sendJson, sendWireError } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { openaiError } from "../errors.js";
import { listedModels } from "../models.js";

/** Registers the model routes. */
export function modelsRoutes(app: FastifyInstance, kit: TwinKit): void {
  const modelObject = (m: { id: string; created: number }) => ({
    id: m.id,
    object: "model",
    created: m.created,
    owned_by: "system",
  });

  app.get("/v1/models", async (request, reply) =>
    sendJson(request, reply, kit, { object: "list", data: listedModels(kit.options.models).map(modelObject) }),
  );

  app.get<{ Params: { model: string } }>("/v1/models/:model", async (request, reply) => {
    const found = listedModels(kit.options.models).find((m) => m.id === request.params.model);
    if (!found) {
      return sendWireError(
        reply,
        openaiError(404, {
          message: `The model '${request.params.model}' does not exist`,
          type: "invalid_request_error",
          param: "model",
          code: "model_not_found",
        }),
      );
    }
    return sendJson(request, reply, kit, modelObject(found));
  });
}
