/**
 * `POST /{version}/models/{model}:generateContent`, `:streamGenerateContent` (with `?alt=sse`:
 * data-only SSE with CRLF line endings that ends when the connection closes; without: the JSON
 * array of chunks), `:countTokens`, `:embedContent` and `:batchEmbedContents`, for the API
 * versions `v1beta`, `v1` and `v1alpha`.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { answerConversation } from "../../kit/answer.js";
import type { Answer } from "../../kit/conversation.js";
import { sendJson, sendSse, sendWireError } from "../../kit/send.js";
import type { TwinKit, WireError } from "../../kit/types.js";
import { geminiConversation, generationConfigOf, promptOf, thinkingOf } from "../conversation.js";
import { GeminiRequestError, modelNotFound } from "../errors.js";
import { checkFunctionResponses, checkThoughtSignatures } from "../function-turns.js";
import { requiresThoughtSignatures, resolveModel } from "../models.js";
import { isObject, type Json, readProtoJson } from "../proto-json.js";
import { generateContentResponse, type ResponseFrame, signaturePolicy } from "../render-response.js";
import { streamChunks } from "../render-stream.js";
import { GenerateContentRequestSpec } from "../request-schema.js";
import { validateGenerateContent } from "../validate.js";
import { countTokens } from "./count-tokens.js";
import { embedContent } from "./embed-content.js";

/** API versions the twin serves (the same surface on each). */
export const API_VERSIONS = ["v1beta", "v1", "v1alpha"] as const;

/** Where a model call goes: the model id and the method after the last `:`. */
export interface ModelCall {
  version: string;
  model: string;
  method: string;
}

/** `gemini-2.5-flash:generateContent` -> model and method (method "" without a colon). */
export function splitCall(call: string): { model: string; method: string } {
  const at = call.lastIndexOf(":");
  return at < 0 ? { model: call, method: "" } : { model: call.slice(0, at), method: call.slice(at + 1) };
}

/** True for `:streamGenerateContent` without `alt=sse`: its answers (errors too) are JSON arrays. */
export function isArrayStream(url: string): boolean {
  const [path, query = ""] = url.split("?", 2);
  return path.endsWith(":streamGenerateContent") && new URLSearchParams(query).get("alt") !== "sse";
}

/** `error` as the request's endpoint sends it (wrapped in an array for a JSON-array stream). */
export function shapedError(request: FastifyRequest, error: WireError): WireError {
  return isArrayStream(request.url) ? { ...error, body: [error.body] } : error;
}

/** Sends a GeminiRequestError in Google's shape; rethrows anything else. */
export function rejectInvalid(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof GeminiRequestError) return sendWireError(reply, shapedError(request, error.toWire()));
  throw error;
}

/** Registers the model-call routes. */
export function generateContentRoutes(app: FastifyInstance, kit: TwinKit): void {
  for (const version of API_VERSIONS) {
    app.post<{ Params: { call: string } }>(`/${version}/models/:call`, async (request, reply) => {
      const { model, method } = splitCall(request.params.call);
      const call: ModelCall = { version, model, method };
      try {
        if (method === "generateContent" || method === "streamGenerateContent")
          return await generate(kit, request, reply, call);
        if (method === "countTokens") return await countTokens(kit, request, reply, call);
        if (method === "embedContent" || method === "batchEmbedContents")
          return await embedContent(kit, request, reply, call);
      } catch (error) {
        return rejectInvalid(request, reply, error);
      }
      return sendWireError(reply, kit.definition.errors.notFound(request.method, request.url.split("?", 1)[0]));
    });
  }
}

async function generate(
  kit: TwinKit,
  request: FastifyRequest,
  reply: FastifyReply,
  call: ModelCall,
): Promise<FastifyReply> {
  const stream = call.method === "streamGenerateContent";
  const model = resolveModel(call.model, kit.options.models);
  if (!model?.methods.includes("generateContent")) throw modelNotFound(call.model, call.version, call.method);
  const body = readProtoJson(request.body, GenerateContentRequestSpec, call.version);
  validateGenerateContent(body, model);
  const contents = Array.isArray(body.contents) ? body.contents.filter(isObject) : [];
  checkFunctionResponses(contents);
  const gemini3 = requiresThoughtSignatures(model);
  if (gemini3) checkThoughtSignatures(contents);
  const thinking = thinkingOf(body, model);
  const prompt = promptOf(body);
  const conversation = geminiConversation(body, model, { stream, thinking, prompt });
  const answer = await answerConversation(kit, request, reply, conversation, {
    toolCallId: () => `fc_${kit.ids.alnum(16)}`,
  });
  if (!answer) return reply;
  const final = enumAnswer(answer, generationConfigOf(body));
  const frame: ResponseFrame = {
    responseId: kit.ids.alnum(23),
    modelVersion: model.id,
    thinking,
    signatures: signaturePolicy({ thinking, gemini3, hasTools: conversation.tools.length > 0 }),
    prompt,
  };
  if (!stream)
    return sendJson(request, reply, kit, generateContentResponse(final, frame), { tokens: final.usage.outputTokens });
  const chunks = streamChunks(final, frame);
  if (isArrayStream(request.url)) {
    return sendJson(
      request,
      reply,
      kit,
      chunks.map((c) => c.response),
      { tokens: final.usage.outputTokens },
    );
  }
  const events = chunks.map((c) => ({ data: JSON.stringify(c.response), tokens: c.tokens }));
  return sendSse(request, reply, kit, events, { lineEnding: "\r\n" });
}

/** `text/x.enum`: the reply is the bare enum value, not its JSON string. */
function enumAnswer(answer: Answer, config: Json): Answer {
  if (config.responseMimeType !== "text/x.enum") return answer;
  try {
    const value: unknown = JSON.parse(answer.text);
    return typeof value === "string" ? { ...answer, text: value } : answer;
  } catch {
    return answer;
  }
}
