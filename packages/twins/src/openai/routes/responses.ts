/**
 * `POST /v1/responses` (JSON or SSE), `GET /v1/responses/{id}` and `DELETE /v1/responses/{id}`.
 * @module
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { answerConversation } from "../../kit/answer.js";
import { sendJson, sendSse, sendWireError } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { OpenAIRequestError, openaiError } from "../errors.js";
import { openaiIds } from "../ids.js";
import { outputItems, responseObject } from "../render-responses.js";
import { responsesEvents } from "../render-responses-stream.js";
import { inputItems, responsesConversation } from "../responses-conversation.js";
import type { ResponseStore } from "../state.js";
import { isObject, type Json } from "../validate.js";
import { validateResponsesBody } from "../validate-responses.js";

/** Registers the Responses API routes. */
export function responsesRoutes(app: FastifyInstance, kit: TwinKit, store: ResponseStore): void {
  app.post("/v1/responses", async (request, reply) => {
    try {
      const resolved = validateResponsesBody(request.body, kit.options.models);
      const body = request.body as Json;
      const previousId = typeof body.previous_response_id === "string" ? body.previous_response_id : undefined;
      const previous = previousId !== undefined ? store.get(previousId) : undefined;
      if (previousId !== undefined && !previous) {
        throw new OpenAIRequestError({
          message: `Previous response with id '${previousId}' not found.`,
          param: "previous_response_id",
          code: "previous_response_not_found",
        });
      }
      const items = [...(previous ? [...previous.input, ...previous.output] : []), ...inputItems(body)];
      const conversation = responsesConversation(body, items, resolved.model);
      const ids = openaiIds(kit.ids);
      const answer = await answerConversation(kit, request, reply, conversation, { toolCallId: ids.callId });
      if (!answer) return reply;
      const frame = { id: ids.response(), createdAt: Math.floor(kit.now() / 1000), body, model: resolved };
      const output = outputItems(answer, body, ids);
      const object = responseObject(frame, { answer, output });
      if (body.store !== false) store.save(frame.id, { input: items, output, object });
      if (conversation.stream) {
        const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
        const obfuscation = streamOptions.include_obfuscation !== false;
        return sendSse(request, reply, kit, responsesEvents(frame, answer, output, { obfuscation, ids: kit.ids }));
      }
      return sendJson(request, reply, kit, object, { tokens: answer.usage.outputTokens });
    } catch (error) {
      return rejectInvalid(reply, error);
    }
  });

  app.get<{ Params: { id: string } }>("/v1/responses/:id", async (request, reply) => {
    const stored = store.get(request.params.id);
    if (!stored) return sendWireError(reply, responseNotFound(request.params.id));
    return sendJson(request, reply, kit, stored.object);
  });

  app.delete<{ Params: { id: string } }>("/v1/responses/:id", async (request, reply) => {
    if (!store.delete(request.params.id)) return sendWireError(reply, responseNotFound(request.params.id));
    return sendJson(request, reply, kit, { id: request.params.id, object: "response.deleted", deleted: true });
  });
}

function responseNotFound(id: string) {
  return openaiError(404, {
    message: `Response with id '${id}' not found.`,
    type: "invalid_request_error",
    param: null,
    code: null,
  });
}

/** Sends an OpenAIRequestError as OpenAI's error; rethrows anything else. */
export function rejectInvalid(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof OpenAIRequestError) return sendWireError(reply, error.toWire());
  throw error;
}
