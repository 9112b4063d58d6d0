/**
 * The OpenAI twin: its definition for the twin registry (auth, errors, prompt caching, request
 * ids, routes: Responses, Chat Completions, embeddings, models) and `buildOpenAITwin`.
 *
 * Keys: `Authorization: Bearer <key>`. Without `TwinOptions.apiKeys`, any non-empty key without
 * spaces is valid; with it, only the listed keys. No header gives OpenAI's "You didn't provide an
 * API key" 401, a refused key its `invalid_api_key` 401.
 * Caching: automatic, prefixes of 1024+ tokens, reported in steps of 128 tokens, five minutes.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isAcceptedKey } from "../kit/auth.js";
import { buildTwinApp } from "../kit/build-twin-app.js";
import type { TwinDefinition, TwinKit, TwinOptions, WireError } from "../kit/types.js";
import { incorrectApiKey, missingApiKey, openaiErrors, RATE_LIMIT_REQUESTS, rateLimitHeaders } from "./errors.js";
import { readOpenAIRecordedReply } from "./recorded-reply.js";
import { chatCompletionsRoutes } from "./routes/chat-completions.js";
import { embeddingsRoutes } from "./routes/embeddings.js";
import { modelsRoutes } from "./routes/models.js";
import { responsesRoutes } from "./routes/responses.js";
import { ResponseStore } from "./state.js";
import { isObject } from "./validate.js";

/** Checks `Authorization: Bearer <key>` (see the module doc). */
export function authenticateOpenAI(request: FastifyRequest, kit: TwinKit): WireError | undefined {
  const header = request.headers.authorization;
  const key = typeof header === "string" ? /^Bearer\s+(\S.*)$/i.exec(header.trim())?.[1]?.trim() : undefined;
  if (!key) return missingApiKey();
  return isAcceptedKey(key, kit) ? undefined : incorrectApiKey(key);
}

/** Adds OpenAI's `openai-version` and `x-ratelimit-*` headers to every provider response. */
function installProviderHeaders(app: FastifyInstance, kit: TwinKit): void {
  let windowStartMs = 0;
  let used = 0;
  app.addHook("onRequest", async (_request, reply) => {
    const now = kit.now();
    if (now - windowStartMs >= 60_000) {
      windowStartMs = now;
      used = 0;
    }
    used++;
    reply.header("openai-version", "2020-10-01");
    reply.header("openai-organization", "user-twin");
    for (const [name, value] of Object.entries(
      rateLimitHeaders(RATE_LIMIT_REQUESTS - used, (60 * used) / RATE_LIMIT_REQUESTS),
    )) {
      reply.header(name, value);
    }
  });
  kit.onReset(() => {
    used = 0;
  });
}

/** The OpenAI twin's definition (registered as `openai` by `registerBuiltinTwins`). */
export const openaiTwin: TwinDefinition = {
  name: "openai",
  title: "OpenAI",
  defaultPort: 4101,
  sdkBaseUrl: { env: "OPENAI_BASE_URL", path: "/v1" },
  upstream: "https://api.openai.com",
  requestId: { header: "x-request-id", mint: (ids) => `req_${ids.hex(32)}` },
  cachePolicy: { mode: "automatic", minTokens: 1024, granularityTokens: 128, ttlMs: 5 * 60_000 },
  errors: openaiErrors,
  authenticate: authenticateOpenAI,
  modelOf: (request) =>
    isObject(request.body) && typeof request.body.model === "string" ? request.body.model : undefined,
  readRecordedReply: readOpenAIRecordedReply,
  plugin: async (app, kit) => {
    const store = new ResponseStore();
    kit.onReset(() => store.clear());
    installProviderHeaders(app, kit);
    responsesRoutes(app, kit, store);
    chatCompletionsRoutes(app, kit);
    embeddingsRoutes(app, kit);
    modelsRoutes(app, kit);
  },
};

/** Builds the OpenAI twin's app (never listens; see `startTwin("openai")` to serve it). */
export function buildOpenAITwin(options: TwinOptions = {}): FastifyInstance {
  return buildTwinApp("openai", options);
}
