/**
 * `POST /v1/messages` (a Message as JSON, or its SSE events) and `POST /v1/messages/count_tokens`.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { answerConversation } from "../../kit/answer.js";
import type { Conversation } from "../../kit/conversation.js";
import { sendJson, sendSse, sendWireError } from "../../kit/send.js";
import type { TwinKit } from "../../kit/types.js";
import { BETA, readBetas } from "../betas.js";
import { messagesConversation } from "../conversation.js";
import { AnthropicRequestError, invalidRequest } from "../errors.js";
import { anthropicIds } from "../ids.js";
import { finishAnswer, type MessageFrame, messageObject, oneHourPrefixTokens } from "../render-messages.js";
import { messageEvents } from "../render-messages-stream.js";
import { isObject, type Json } from "../validate.js";
import { type ValidatedRequest, validateMessagesRequest } from "../validate-request.js";

/** Registers the Messages routes. */
export function messagesRoutes(app: FastifyInstance, kit: TwinKit): void {
  app.post("/v1/messages", async (request, reply) => {
    try {
      const { body, validated, conversation } = readRequest(request, kit, false);
      const ids = anthropicIds(kit.ids);
      const answer = await answerConversation(kit, request, reply, conversation, { toolCallId: ids.toolUse });
      if (!answer) return reply;
      const choice = isObject(body.tool_choice) ? body.tool_choice : {};
      const rendered = finishAnswer(answer, {
        stopSequences: Array.isArray(body.stop_sequences) ? body.stop_sequences.map(String) : [],
        disableParallelToolUse: choice.disable_parallel_tool_use === true,
        thinking: validated.thinking !== undefined,
      });
      const frame: MessageFrame = {
        id: ids.message(),
        model: validated.model.id,
        thinkingDisplay: validated.thinking?.display ?? "summarized",
        oneHourPrefixTokens: oneHourPrefixTokens(conversation.promptBlocks),
      };
      const usage = rendered.answer.usage;
      if (conversation.stream) {
        const toolChunkChars = validated.betas.has(BETA.fineGrainedToolStreaming) ? 4 : 16;
        return sendSse(request, reply, kit, messageEvents(frame, rendered, usage, { toolChunkChars }));
      }
      return sendJson(request, reply, kit, messageObject(frame, usage, rendered), { tokens: usage.outputTokens });
    } catch (error) {
      return rejectInvalid(reply, error);
    }
  });

  app.post("/v1/messages/count_tokens", async (request, reply) => {
    try {
      const { conversation } = readRequest(request, kit, true);
      return sendJson(request, reply, kit, { input_tokens: promptTokens(conversation) });
    } catch (error) {
      return rejectInvalid(reply, error);
    }
  });
}

/** Validates and translates a request, and checks the prompt against the context window. */
function readRequest(
  request: FastifyRequest,
  kit: TwinKit,
  countTokens: boolean,
): { body: Json; validated: ValidatedRequest; conversation: Conversation } {
  const betas = readBetas(request.headers["anthropic-beta"]);
  const validated = validateMessagesRequest(request.body, { betas, extraModels: kit.options.models, countTokens });
  const body = request.body as Json;
  const conversation = messagesConversation(body, validated);
  const model = validated.model;
  const window = model.context1m && betas.has(BETA.context1m) ? 1_000_000 : model.maxInputTokens;
  const tokens = promptTokens(conversation);
  if (tokens > window) throw invalidRequest(`prompt is too long: ${tokens} tokens > ${window} maximum`);
  return { body, validated, conversation };
}

function promptTokens(conversation: Conversation): number {
  return conversation.promptBlocks.reduce((sum, block) => sum + block.tokens, 0);
}

/** Sends an AnthropicRequestError as Anthropic's error; rethrows anything else. */
export function rejectInvalid(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof AnthropicRequestError) return sendWireError(reply, error.toWire());
  throw error;
}
