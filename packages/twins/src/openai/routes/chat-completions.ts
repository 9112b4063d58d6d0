/**
 * `POST /v1/chat/completions` (JSON or data-only SSE ending with `[DONE]`).
 * @module
 */
import type { FastifyInstance } from "fastify";
import { answerConversation } from "../../kit/answer.js";
import { sendJson, sendSse } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { chatConversation } from "../chat-conversation.js";
import { openaiIds } from "../ids.js";
import { chatChunks, chatCompletion } from "../render-chat.js";
import { isObject, type Json } from "../validate.js";
import { validateChatBody } from "../validate-chat.js";
import { rejectInvalid } from "./responses.js";

/** Registers the Chat Completions route. */
export function chatCompletionsRoutes(app: FastifyInstance, kit: TwinKit): void {
  app.post("/v1/chat/completions", async (request, reply) => {
    try {
      const resolved = validateChatBody(request.body, kit.options.models);
      const body = request.body as Json;
      const conversation = chatConversation(body, resolved.model);
      const ids = openaiIds(kit.ids);
      const answer = await answerConversation(kit, request, reply, conversation, { toolCallId: ids.callId });
      if (!answer) return reply;
      const frame = {
        id: ids.chatCompletion(),
        created: Math.floor(kit.now() / 1000),
        model: resolved.reportedAs,
        choices: typeof body.n === "number" ? body.n : 1,
        conversation,
      };
      if (conversation.stream) {
        const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
        const events = chatChunks(frame, answer, {
          includeUsage: streamOptions.include_usage === true,
          obfuscation: streamOptions.include_obfuscation !== false,
          ids: kit.ids,
        });
        return sendSse(request, reply, kit, events);
      }
      return sendJson(request, reply, kit, chatCompletion(frame, answer), { tokens: answer.usage.outputTokens });
    } catch (error) {
      return rejectInvalid(reply, error);
    }
  });
}
